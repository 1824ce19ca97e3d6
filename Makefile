# The conformance harness. `make conformance` is the main job; `make test`
# is everything CI runs.

GO      ?= go
BIN     := bin
REPORTS ?= reports
IMAGE   ?= seed-reference:dev

# Containers are removed by the harness itself: the reaper image cannot be
# pulled on a machine without a registry.
export TESTCONTAINERS_RYUK_DISABLED := true

GINKGO    := $(GO) run github.com/onsi/ginkgo/v2/ginkgo@v2.34.0
BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: all build conformance test vet unit parallel bench image clean

all: build

## build: the runner and the reference implementation into bin/
build:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/runner ./runner/cmd/runner
	CGO_ENABLED=0 $(GO) build -o $(BIN)/seed-reference ./reference/seed/cmd/seed-reference

## conformance: run the suite against the reference implementation, reports in $(REPORTS)/
conformance: build
	$(BIN)/runner run --command '$(BIN)/seed-reference' --report-dir $(REPORTS)

## test: vet, every package's tests (mutants and containers included), the suite under ginkgo -p, the main job
test: vet unit parallel conformance

## vet: go vet on every package
vet:
	$(GO) vet ./...

## unit: go test on every package
unit:
	$(GO) test -count=1 -timeout 20m ./...

## parallel: the seed suite in two Ginkgo processes, state-changing specs kept Serial
parallel:
	$(GINKGO) -p --procs 2 ./suites

## bench: the check step and a full suite run, with memory figures
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./runner/check ./runner/plan ./suites | tee bench.txt
	$(GO) run $(BENCHSTAT) bench.txt

## image: the reference implementation as a FROM scratch image, $(IMAGE)
image:
	@dir=$$(mktemp -d) && \
	CGO_ENABLED=0 $(GO) build -o $$dir/seed-reference ./reference/seed/cmd/seed-reference && \
	docker build -q -t $(IMAGE) -f reference/seed/Dockerfile $$dir && rm -rf $$dir

## clean: remove what the build and the main job wrote
clean:
	rm -rf $(BIN) $(REPORTS) bench.txt

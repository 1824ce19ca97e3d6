package harness_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/fixture"
	"github.com/apiconformance/harness/runner/harness"
)

// tinyDoc is a contract with one operation and one status.
const tinyDoc = `openapi: 3.0.3
info: {title: tiny, version: "2"}
paths:
  /ping:
    get:
      responses:
        "200": {description: pong}
`

// tinyFixtures trigger the one status of tinyDoc; the contract line is
// added by each test.
const tinyFixtures = `variables:
  key: {value: k-7f3e9a, secret: true}
operations:
  GET /ping:
    request:
      headers: {x-key: "${key}"}
    statuses:
      200: {}
`

func TestLoadSeed(t *testing.T) {
	l := loadSeed(t)
	if n := len(l.Plan.Cases); n != 11 {
		t.Errorf("planned %d cases, want the seed's 11", n)
	}
	if filepath.Clean(l.Contract.File) != filepath.Clean(seedContract) {
		t.Errorf("contract %q, want the one the fixtures name",
			l.Contract.File)
	}
	if got := l.Masker.String(seedToken); got != runner.Mask {
		t.Errorf("masker turns the admin token into %q", got)
	}
	if l.Profile() != runner.Strict {
		t.Errorf("profile = %q, want strict by default", l.Profile())
	}
	if l.Waivers != nil {
		t.Errorf("waivers %v without a waiver file", l.Waivers)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	noContract := writeFile(t, dir, "nocontract.yaml", tinyFixtures)
	bad := writeFile(t, dir, "bad.yaml", "openapi: [3.0.3\n")
	badRef := writeFile(t, dir, "badref.yaml",
		"contract: bad.yaml\n"+tinyFixtures)
	good := writeFile(t, dir, "tiny.yaml", tinyDoc)
	goodRef := writeFile(t, dir, "goodref.yaml",
		"contract: tiny.yaml\n"+tinyFixtures)

	tests := []struct {
		name string
		opts harness.Options
		file string // named by the error; "" for no error
		// kind is the typed error the chain must hold, if any.
		kind any
	}{
		{name: "missing fixtures", file: missing,
			opts: harness.Options{Fixtures: missing},
			kind: new(*fixture.Error)},
		{name: "fixtures name no contract", file: noContract,
			opts: harness.Options{Fixtures: noContract}},
		{name: "contract does not parse", file: bad,
			opts: harness.Options{Fixtures: badRef},
			kind: new(*contract.Error)},
		{name: "contract given does not parse", file: bad,
			opts: harness.Options{Fixtures: goodRef, Contract: bad},
			kind: new(*contract.Error)},
		{name: "contract named by the fixtures",
			opts: harness.Options{Fixtures: goodRef}},
		{name: "contract given, fixtures naming none",
			opts: harness.Options{Fixtures: noContract, Contract: good}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := harness.Load(context.Background(), tt.opts)
			if tt.file == "" {
				if err != nil {
					t.Fatalf("loading: %v", err)
				}
				if l.Contract.File != good || len(l.Plan.Cases) != 1 {
					t.Errorf("loaded %s with %d cases", l.Contract.File,
						len(l.Plan.Cases))
				}
				return
			}
			assertNames(t, err, tt.file)
			if tt.kind != nil && !errors.As(err, tt.kind) {
				t.Errorf("error %v is not a %T", err, tt.kind)
			}
		})
	}
}

func TestLoadNeedsFixtures(t *testing.T) {
	if _, err := harness.Load(context.Background(),
		harness.Options{}); err == nil {
		t.Error("loaded without a fixture file")
	}
}

func TestLoadReadsWaivers(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "tiny.yaml", tinyDoc)
	fx := writeFile(t, dir, "fx.yaml", "contract: tiny.yaml\n"+tinyFixtures)
	good := writeFile(t, dir, "waivers.yaml",
		"waivers:\n  - case: GET /ping/200\n    justification: known\n")
	bad := writeFile(t, dir, "badwaivers.yaml",
		"waivers:\n  - case: GET /pong/200\n    justification: known\n")

	l, err := harness.Load(context.Background(),
		harness.Options{Fixtures: fx, Waivers: good})
	if err != nil {
		t.Fatalf("loading: %v", err)
	}
	if l.Waivers["GET /ping/200"].Justification != "known" {
		t.Errorf("waivers = %v", l.Waivers)
	}
	_, err = harness.Load(context.Background(),
		harness.Options{Fixtures: fx, Waivers: bad})
	assertNames(t, err, bad)
}

package suites_test

import (
	"context"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
)

// BenchmarkSuiteRun measures one full run of the seed plan, the eleven
// cases every spec of the suite executes, against the in-process
// reference. Ginkgo runs once per process, so the benchmark drives the
// session the specs call. The reference's upstream timeout is cut to
// 100ms; with its default of 1s the 504 case alone takes a second.
func BenchmarkSuiteRun(b *testing.B) {
	ctx := context.Background()
	loaded, err := harness.Load(ctx, harness.Options{Fixtures: "../fixtures/seed.yaml"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		// A fresh implementation each time: the burst spends the rate
		// limit of its client for the rest of the window.
		tgt := &inProcess{upstreamTimeout: 100 * time.Millisecond}
		s, err := harness.Start(ctx, loaded, tgt, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range loaded.Plan.Cases {
			if res := s.Run(ctx, c); res.Outcome != runner.Passed {
				b.Fatalf("%s: %s %v %s", c.ID, res.Outcome, res.Violations, res.Reason)
			}
		}
		if err := s.Close(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

package check

import (
	"testing"

	"github.com/apiconformance/harness/runner"
)

func BenchmarkCheck(b *testing.B) {
	c := New(mustLoadSeed(b), runner.Strict)
	benches := []struct {
		name string
		in   Input
	}{
		{name: "seed 200", in: seedInput(200, seedOK)},
		{name: "seed 404", in: seedInput(404, seed404)},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if vs, _, err := c.Check(bb.in); err != nil || len(vs) != 0 {
					b.Fatalf("check: %v %v", vs, err)
				}
			}
		})
	}
}

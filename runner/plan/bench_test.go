package plan_test

import (
	"context"
	"os"
	"testing"

	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/fixture"
	"github.com/apiconformance/harness/runner/plan"
)

// BenchmarkLoadAndPlanCorpus loads the real 65-operation document and
// plans its 715 cases: the cost before the first request of a run.
func BenchmarkLoadAndPlanCorpus(b *testing.B) {
	const file = "../../../shared/corpus/user-related-apis-v1.json"
	data, err := os.ReadFile(file)
	if err != nil {
		b.Skip("corpus: " + err.Error())
	}
	f, err := fixture.Parse("empty.yaml", []byte("operations: {}\n"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := contract.Parse(context.Background(), file, data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := plan.Build(c, f); err != nil {
			b.Fatal(err)
		}
	}
}

package report

import (
	"slices"
	"testing"

	"github.com/apiconformance/harness/runner"
)

func TestMatrix(t *testing.T) {
	m := buildMatrix(sampleRun(t).Results)

	want := []int{200, 400, 401, 404, 429, 500, 503, 504}
	if !slices.Equal(m.Statuses, want) {
		t.Errorf("Statuses = %v, want %v", m.Statuses, want)
	}
	if len(m.Rows) != 2 || m.Rows[0].Operation != seedOp {
		t.Fatalf("Rows = %+v, want the seed operation first of two", m.Rows)
	}

	// GET /v1/groups documents 404 only.
	for i, c := range m.Rows[1].Cells {
		if got, want := c.Documented(), m.Statuses[i] == 404; got != want {
			t.Errorf("GET cell %d documented = %v, want %v",
				m.Statuses[i], got, want)
		}
	}
	if m.Rows[0].Cells[1].Outcome != runner.Failed {
		t.Errorf("seed 400 = %s, want failed", m.Rows[0].Cells[1].Outcome)
	}
}

func TestMatrixCellShowsWorstOutcome(t *testing.T) {
	tests := []struct {
		name     string
		outcomes []runner.Outcome
		want     runner.Outcome
	}{
		{name: "one case", outcomes: []runner.Outcome{runner.Skipped},
			want: runner.Skipped},
		{name: "failed over passed",
			outcomes: []runner.Outcome{runner.Passed, runner.Failed},
			want:     runner.Failed},
		{name: "error over waived",
			outcomes: []runner.Outcome{runner.Waived, runner.Error},
			want:     runner.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rs []runner.Result
			for _, o := range tt.outcomes {
				rs = append(rs, newResult(t, 200, o))
			}
			c := buildMatrix(rs).Rows[0].Cells[0]
			if c.Outcome != tt.want || len(c.Cases) != len(rs) {
				t.Errorf("cell = %+v, want %s of %d", c, tt.want, len(rs))
			}
		})
	}
}

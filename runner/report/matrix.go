package report

import (
	"sort"

	"github.com/apiconformance/harness/runner"
)

// matrix lays the results out as operations by statuses. Rows keep the
// plan's order of operations; columns are every status of the run, sorted.
type matrix struct {
	Statuses []int
	Rows     []matrixRow
}

// matrixRow is one operation; Cells holds one cell per column.
type matrixRow struct {
	Operation string
	Cells     []matrixCell
}

// matrixCell holds the indexes into Run.Results of the cases of one
// operation and status. An empty cell is a status the operation does not
// document.
type matrixCell struct {
	Cases []int
	// Outcome is the worst outcome of the cell's cases.
	Outcome runner.Outcome
}

// Documented reports whether the operation has a case for the status.
func (c matrixCell) Documented() bool { return len(c.Cases) > 0 }

// buildMatrix returns the matrix of results.
func buildMatrix(results []runner.Result) matrix {
	var m matrix
	rowOf := map[string]int{}
	seen := map[int]bool{}
	for _, r := range results {
		if _, ok := rowOf[r.Case.Operation]; !ok {
			rowOf[r.Case.Operation] = len(m.Rows)
			m.Rows = append(m.Rows, matrixRow{Operation: r.Case.Operation})
		}
		if !seen[r.Case.Status] {
			seen[r.Case.Status] = true
			m.Statuses = append(m.Statuses, r.Case.Status)
		}
	}
	sort.Ints(m.Statuses)

	colOf := make(map[int]int, len(m.Statuses))
	for i, s := range m.Statuses {
		colOf[s] = i
	}
	for i := range m.Rows {
		m.Rows[i].Cells = make([]matrixCell, len(m.Statuses))
	}
	for i, r := range results {
		c := &m.Rows[rowOf[r.Case.Operation]].Cells[colOf[r.Case.Status]]
		if !c.Documented() || severity(r.Outcome) > severity(c.Outcome) {
			c.Outcome = r.Outcome
		}
		c.Cases = append(c.Cases, i)
	}
	return m
}

// severity ranks outcomes so that a cell of several cases shows the one
// that most needs attention.
func severity(o runner.Outcome) int {
	switch o {
	case runner.Passed:
		return 0
	case runner.Skipped:
		return 1
	case runner.Waived:
		return 2
	case runner.Untriggered:
		return 3
	case runner.Error:
		return 4
	}
	return 5 // failed, and any outcome outside the known set
}

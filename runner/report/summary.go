package report

import (
	"fmt"
	"strings"

	"github.com/apiconformance/harness/runner"
)

// outcomes returns every outcome in the order reports show them.
func outcomes() []runner.Outcome {
	return []runner.Outcome{runner.Passed, runner.Failed, runner.Error,
		runner.Untriggered, runner.Waived, runner.Skipped}
}

// Summary counts the cases of a run by outcome. Its zero value is the
// summary of an empty run.
type Summary struct {
	// ByOutcome maps each outcome to its number of cases; an outcome no
	// case has may be absent.
	ByOutcome map[runner.Outcome]int
	Total     int
}

// Summarize counts the results of run by outcome.
func Summarize(run Run) Summary {
	s := Summary{ByOutcome: make(map[runner.Outcome]int, len(outcomes()))}
	for _, r := range run.Results {
		s.ByOutcome[r.Outcome]++
		s.Total++
	}
	return s
}

// Count returns the number of cases that ended with o.
func (s Summary) Count(o runner.Outcome) int { return s.ByOutcome[o] }

// Line returns the closing summary, "N passed, N failed", followed by the
// count of each other outcome that some case had, in the order of
// Breakdown: "9 passed, 1 failed, 1 error".
func (s Summary) Line() string {
	line := fmt.Sprintf("%d passed, %d failed", s.Count(runner.Passed),
		s.Count(runner.Failed))
	for _, o := range outcomes() {
		if n := s.Count(o); n > 0 && o != runner.Passed && o != runner.Failed {
			line += fmt.Sprintf(", %d %s", n, o)
		}
	}
	return line
}

// Breakdown returns the count of every outcome on one line, for example
// "11 cases: 9 passed, 1 failed, 1 error, 0 untriggered, 0 waived,
// 0 skipped".
func (s Summary) Breakdown() string {
	parts := make([]string, 0, 6)
	for _, o := range outcomes() {
		parts = append(parts, fmt.Sprintf("%d %s", s.Count(o), o))
	}
	return fmt.Sprintf("%d cases: %s", s.Total, strings.Join(parts, ", "))
}

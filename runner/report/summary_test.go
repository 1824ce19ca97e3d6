package report

import (
	"regexp"
	"testing"

	"github.com/apiconformance/harness/runner"
)

// lastLine is the form the console's last line must take.
var lastLine = regexp.MustCompile(`^\d+ passed, \d+ failed(, \d+ error)?` +
	`(, \d+ untriggered)?(, \d+ waived)?(, \d+ skipped)?$`)

func TestSummary(t *testing.T) {
	tests := []struct {
		name     string
		outcomes []runner.Outcome
		line     string
	}{
		{name: "empty", line: "0 passed, 0 failed"},
		{name: "all passed",
			outcomes: []runner.Outcome{runner.Passed, runner.Passed},
			line:     "2 passed, 0 failed"},
		{name: "other outcomes follow",
			outcomes: []runner.Outcome{runner.Passed, runner.Failed,
				runner.Error, runner.Untriggered, runner.Waived},
			line: "1 passed, 1 failed, 1 error, 1 untriggered, 1 waived"},
		{name: "skipped follows",
			outcomes: []runner.Outcome{runner.Failed, runner.Skipped,
				runner.Skipped},
			line: "0 passed, 1 failed, 2 skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var run Run
			for _, o := range tt.outcomes {
				run.Results = append(run.Results, runner.Result{Outcome: o})
			}
			s := Summarize(run)
			if s.Total != len(tt.outcomes) {
				t.Errorf("Total = %d, want %d", s.Total, len(tt.outcomes))
			}
			if got := s.Line(); got != tt.line || !lastLine.MatchString(got) {
				t.Errorf("Line() = %q, want %q", got, tt.line)
			}
		})
	}
}

func TestSummaryBreakdownCountsEveryOutcome(t *testing.T) {
	s := Summarize(sampleRun(t))
	want := map[runner.Outcome]int{runner.Passed: 3, runner.Failed: 1,
		runner.Error: 1, runner.Untriggered: 1, runner.Waived: 1,
		runner.Skipped: 1}
	for o, n := range want {
		if s.Count(o) != n {
			t.Errorf("Count(%s) = %d, want %d", o, s.Count(o), n)
		}
	}
	re := regexp.MustCompile(`^8 cases: 3 passed, 1 failed, 1 error, ` +
		`1 untriggered, 1 waived, 1 skipped$`)
	if got := s.Breakdown(); !re.MatchString(got) {
		t.Errorf("Breakdown() = %q", got)
	}
}

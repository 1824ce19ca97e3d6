package suites_test

import (
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/suites"
)

// TestMessageListsEveryViolationAndFewWarnings: a failure message holds
// every violation and the curl line, and counts the warnings past the
// first three instead of listing them.
func TestMessageListsEveryViolationAndFewWarnings(t *testing.T) {
	res := runner.Result{Case: runner.Case{ID: "GET /x/200"}, Outcome: runner.Failed,
		Exchange: &runner.Exchange{Curl: "curl http://127.0.0.1:1/x"}}
	for _, p := range []string{"/a", "/b", "/c", "/d", "/e"} {
		res.Violations = append(res.Violations, runner.Violation{Rule: runner.RuleSchema, Pointer: p})
	}
	tests := []struct {
		warnings, listed int
		more             string
	}{
		{warnings: 3, listed: 3},
		{warnings: 16, listed: 3, more: "and 13 more warnings"},
	}
	for _, tt := range tests {
		res.Warnings = nil
		for range tt.warnings {
			res.Warnings = append(res.Warnings, runner.Warning{Rule: runner.RuleExample,
				Place: "/a", Message: "differs"})
		}
		msg := suites.Message(res, runner.Strict)
		for _, v := range res.Violations {
			if !strings.Contains(msg, v.String()) {
				t.Errorf("%d warnings: violation %q missing from\n%s", tt.warnings, v, msg)
			}
		}
		if n := strings.Count(msg, "warning: "); n != tt.listed {
			t.Errorf("%d warnings: %d listed, want %d", tt.warnings, n, tt.listed)
		}
		if !strings.Contains(msg, tt.more) || !strings.Contains(msg, "curl http://127.0.0.1:1/x") {
			t.Errorf("%d warnings: message lacks %q or the curl line:\n%s", tt.warnings, tt.more, msg)
		}
		if tt.more == "" && strings.Contains(msg, "more warnings") {
			t.Errorf("%d warnings counted as more:\n%s", tt.warnings, msg)
		}
	}
}

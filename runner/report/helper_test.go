package report

import (
	"strconv"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
)

const seedOp = "PUT /v1/groups/{groupId}/assignAsAdmin"

// newResult returns a result of the seed operation for status, with a
// plain request trigger.
func newResult(tb testing.TB, status int, o runner.Outcome) runner.Result {
	tb.Helper()
	c := runner.Case{
		ID:        seedOp + "/" + strconv.Itoa(status),
		Operation: seedOp,
		Method:    "PUT",
		Path:      "/v1/groups/{groupId}/assignAsAdmin",
		Status:    status,
		Trigger:   &runner.Trigger{Why: "reaches " + strconv.Itoa(status)},
	}
	r := runner.Result{Case: c, Outcome: o, Attempts: 1,
		Started:  time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
		Duration: 12 * time.Millisecond}
	switch o {
	case runner.Failed:
		r.Violations = []runner.Violation{
			{Rule: runner.RuleSchema, Pointer: "/success",
				Expected: "boolean", Actual: `"yes"`},
			{Rule: runner.RuleStrictRequired, Pointer: "/type",
				Expected: "present", Actual: "absent"},
			{Rule: runner.RuleStrictUndeclared, Pointer: "/extra",
				Expected: "absent", Actual: "present"},
		}
	case runner.Error:
		r.Reason = "setting state: connection refused"
	case runner.Untriggered:
		r.Case.Trigger = nil
		r.Case.Untriggered = "no fixture reaches it"
		r.Reason = "no fixture reaches it"
	case runner.Waived:
		r.Reason = "vendor ticket 12: documented deviation"
	case runner.Skipped:
		r.Reason = "filtered out by --status 2xx"
	}
	if o == runner.Passed || o == runner.Failed || o == runner.Waived {
		r.Exchange = &runner.Exchange{
			Request: runner.RecordedRequest{Method: "PUT",
				URL:     "http://127.0.0.1:9/v1/groups/1234/assignAsAdmin",
				Headers: map[string][]string{"Content-Type": {"application/json"}},
				Body:    `{"userId":153}`},
			Response: &runner.RecordedResponse{Status: status,
				Headers: map[string][]string{"Content-Type": {"application/json"}},
				Body:    `{"success":true}`},
			Curl: "curl -X PUT http://127.0.0.1:9/v1/groups/1234/assignAsAdmin",
		}
	}
	return r
}

// sampleRun returns a run of the seed operation with every outcome, and a
// second operation that documents fewer statuses.
func sampleRun(tb testing.TB) Run {
	tb.Helper()
	run := Run{
		Harness: "0.1.0",
		Contract: Contract{Title: "User-related APIs", Version: "1.0.0",
			Path: "specs/seed.yaml", SHA256: "ab12cd34ef56ab12cd34ef56"},
		Target:   Target{Kind: "url", URL: "http://127.0.0.1:9"},
		Profile:  runner.Strict,
		Started:  time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
		Duration: 2 * time.Second,
		Warnings: []runner.Warning{{Rule: runner.RuleDocument,
			Place: "#/paths/~1v1~1groups", Message: "example is a number"}},
	}
	outs := []struct {
		status  int
		outcome runner.Outcome
	}{
		{200, runner.Passed}, {400, runner.Failed}, {401, runner.Passed},
		{500, runner.Error}, {503, runner.Untriggered}, {429, runner.Waived},
		{504, runner.Skipped},
	}
	for _, o := range outs {
		run.Results = append(run.Results, newResult(tb, o.status, o.outcome))
	}
	other := newResult(tb, 404, runner.Passed)
	other.Case.Operation = "GET /v1/groups"
	other.Case.ID = "GET /v1/groups/404"
	run.Results = append(run.Results, other)
	return run
}

package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
)

// jsonOf renders run as report.json and parses it back twice: into the
// report's own types and into plain maps, to see fields as written.
func jsonOf(tb testing.TB, run Run) (jsonReport, map[string]any) {
	tb.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, run); err != nil {
		tb.Fatalf("WriteJSON: %v", err)
	}
	var rep jsonReport
	var raw map[string]any
	if err := json.Unmarshal(b.Bytes(), &rep); err != nil {
		tb.Fatalf("parsing report back: %v", err)
	}
	if err := json.Unmarshal(b.Bytes(), &raw); err != nil {
		tb.Fatalf("parsing report back: %v", err)
	}
	return rep, raw
}

func TestJSONReport(t *testing.T) {
	run := sampleRun(t)
	rep, _ := jsonOf(t, run)

	if rep.Schema != Schema || rep.Harness != "0.1.0" ||
		rep.Contract != run.Contract || rep.Profile != runner.Strict {
		t.Errorf("head = %+v", rep)
	}
	if started, err := time.Parse(time.RFC3339, rep.Started); err != nil ||
		!started.Equal(run.Started) {
		t.Errorf("started = %q, want %s in RFC 3339", rep.Started, run.Started)
	}
	want := jsonSummary{Passed: 3, Failed: 1, Error: 1, Untriggered: 1,
		Waived: 1, Skipped: 1, Total: 8}
	if rep.Summary != want || rep.DurationMs != 2000 {
		t.Errorf("summary = %+v, %d ms; want %+v, 2000 ms", rep.Summary,
			rep.DurationMs, want)
	}
	if len(rep.Cases) != len(run.Results) || len(rep.Warnings) != 1 {
		t.Fatalf("%d cases, %d warnings", len(rep.Cases), len(rep.Warnings))
	}
	for i, c := range rep.Cases {
		r := run.Results[i]
		if c.ID != r.Case.ID || c.Outcome != r.Outcome ||
			c.Status != r.Case.Status || len(c.Violations) != len(r.Violations) {
			t.Errorf("case %d = %+v, want %s", i, c, r.Case.ID)
		}
		if c.Trigger.Kind != r.Case.TriggerKind() {
			t.Errorf("case %d trigger kind = %q", i, c.Trigger.Kind)
		}
	}
}

func TestJSONTrigger(t *testing.T) {
	raw := `{"userId": 1`
	changed := newResult(t, 400, runner.Failed)
	changed.Case.Trigger.Change = &runner.Change{Raw: &raw}
	untrig := newResult(t, 503, runner.Untriggered)

	rep, _ := jsonOf(t, Run{Results: []runner.Result{changed, untrig}})

	c := rep.Cases[0].Trigger
	if c.Kind != "change" || c.Trigger == nil || c.Change == nil ||
		c.Change.Raw == nil || *c.Change.Raw != raw {
		t.Errorf("change trigger = %+v", c)
	}
	u := rep.Cases[1].Trigger
	if u.Kind != "none" || u.Trigger != nil || u.Untriggered == "" {
		t.Errorf("untriggered trigger = %+v", u)
	}
}

func TestJSONCutsBodies(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		truncated bool
	}{
		{name: "at the limit", body: strings.Repeat("a", BodyLimit)},
		{name: "over the limit", body: strings.Repeat("a", BodyLimit+1),
			truncated: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newResult(t, 200, runner.Passed)
			r.Exchange.Response.Body = tt.body
			r.Exchange.Request.Body = tt.body
			rep, _ := jsonOf(t, Run{Results: []runner.Result{r}})

			e := rep.Cases[0].Exchange
			for _, got := range []struct {
				body string
				cut  bool
			}{
				{e.Request.Body, e.Request.Truncated},
				{e.Response.Body, e.Response.Truncated},
			} {
				if len(got.body) > BodyLimit || got.cut != tt.truncated {
					t.Errorf("body of %d bytes, truncated %v; want %v",
						len(got.body), got.cut, tt.truncated)
				}
			}
		})
	}
}

func TestJSONKeepsEngineTruncation(t *testing.T) {
	r := newResult(t, 200, runner.Passed)
	r.Exchange.Response.Truncated = true
	rep, _ := jsonOf(t, Run{Results: []runner.Result{r}})
	if !rep.Cases[0].Exchange.Response.Truncated {
		t.Error("truncated = false, want the engine's true kept")
	}
}

func TestJSONCutsLogsKeepingTheLast(t *testing.T) {
	r := newResult(t, 400, runner.Failed)
	line := strings.Repeat("x", BodyLimit/3)
	r.Logs = []string{"first", line, line, line, "last"}
	rep, _ := jsonOf(t, Run{Results: []runner.Result{r}})

	logs := rep.Cases[0].Logs
	if len(logs) != 3 || logs[len(logs)-1] != "last" {
		t.Errorf("kept %d lines, last %q; want 3 ending with last",
			len(logs), logs[len(logs)-1])
	}
}

func TestJSONEmptyRun(t *testing.T) {
	rep, raw := jsonOf(t, Run{})
	if rep.Schema != Schema || rep.Summary != (jsonSummary{}) {
		t.Errorf("empty run = %+v", rep)
	}
	for _, field := range []string{"cases", "warnings"} {
		if list, ok := raw[field].([]any); !ok || len(list) != 0 {
			t.Errorf("%s = %#v, want []", field, raw[field])
		}
	}
}

func TestJSONOperationID(t *testing.T) {
	named := newResult(t, 200, runner.Passed)
	named.Case.OperationID = "assignAsAdmin"
	anonymous := newResult(t, 404, runner.Passed)
	_, raw := jsonOf(t, Run{Results: []runner.Result{named, anonymous}})
	cases := raw["cases"].([]any)
	if id := cases[0].(map[string]any)["operationId"]; id != "assignAsAdmin" {
		t.Errorf("operationId = %v, want assignAsAdmin", id)
	}
	if _, ok := cases[1].(map[string]any)["operationId"]; ok {
		t.Error("an operation without operationId got one in the report")
	}
}

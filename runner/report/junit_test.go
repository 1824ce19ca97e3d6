package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
)

// junitOf renders run as JUnit and parses it back.
func junitOf(tb testing.TB, run Run) junitSuites {
	tb.Helper()
	var b bytes.Buffer
	if err := WriteJUnit(&b, run); err != nil {
		tb.Fatalf("WriteJUnit: %v", err)
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		tb.Fatalf("parsing junit back: %v\n%s", err, b.String())
	}
	return got
}

func TestJUnitStructure(t *testing.T) {
	got := junitOf(t, sampleRun(t))

	if got.Tests != 8 || got.Failures != 1 || got.Errors != 2 ||
		got.Skipped != 2 {
		t.Errorf("totals = %d tests, %d failures, %d errors, %d skipped",
			got.Tests, got.Failures, got.Errors, got.Skipped)
	}
	if len(got.Suites) != 2 || got.Suites[0].Name != seedOp ||
		got.Suites[0].Tests != 7 || got.Suites[1].Tests != 1 {
		t.Fatalf("suites = %+v, want the seed operation's 7 then 1", got.Suites)
	}
	for _, c := range got.Suites[0].Cases {
		if c.Classname != seedOp || c.Time != "0.012" {
			t.Errorf("case %q: classname %q, time %q", c.Name, c.Classname,
				c.Time)
		}
	}
}

func TestJUnitOutcomeElements(t *testing.T) {
	tests := []struct {
		name    string
		outcome runner.Outcome
		allow   bool // --allow-untriggered
		element string
		typ     string
	}{
		{name: "passed", outcome: runner.Passed},
		{name: "failed", outcome: runner.Failed, element: "failure",
			typ: string(runner.RuleSchema)},
		{name: "error", outcome: runner.Error, element: "error",
			typ: "error"},
		{name: "untriggered", outcome: runner.Untriggered, element: "error",
			typ: "untriggered"},
		{name: "untriggered and allowed", outcome: runner.Untriggered,
			allow: true, element: "skipped"},
		{name: "waived", outcome: runner.Waived, element: "skipped"},
		{name: "skipped", outcome: runner.Skipped, element: "skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := Run{AllowUntriggered: tt.allow, Results: []runner.Result{
				newResult(t, 400, tt.outcome)}}
			c := junitOf(t, run).Suites[0].Cases[0]

			var element, typ string
			switch {
			case c.Failure != nil:
				element, typ = "failure", c.Failure.Type
			case c.Error != nil:
				element, typ = "error", c.Error.Type
			case c.Skipped != nil:
				element = "skipped"
			}
			if element != tt.element || typ != tt.typ {
				t.Errorf("got <%s type=%q>, want <%s type=%q>", element, typ,
					tt.element, tt.typ)
			}
			if !strings.HasPrefix(c.Name, "400 ") {
				t.Errorf("name = %q, want it to start with the status", c.Name)
			}
		})
	}
}

func TestJUnitSystemOutCarriesTranscript(t *testing.T) {
	c := junitOf(t, sampleRun(t)).Suites[0].Cases[0]
	if c.SystemOut == nil || !strings.Contains(c.SystemOut.Text, "curl -X PUT") {
		t.Errorf("system-out = %+v, want the curl line", c.SystemOut)
	}
	untrig := junitOf(t, Run{Results: []runner.Result{
		newResult(t, 503, runner.Untriggered)}}).Suites[0].Cases[0]
	if untrig.SystemOut != nil {
		t.Errorf("system-out = %+v without an exchange", untrig.SystemOut)
	}
}

func TestJUnitEmptyRun(t *testing.T) {
	got := junitOf(t, Run{})
	if got.Tests != 0 || len(got.Suites) != 0 {
		t.Errorf("empty run = %+v", got)
	}
}

package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
)

// console renders run for a terminal and returns its lines.
func console(tb testing.TB, run Run, color bool) []string {
	tb.Helper()
	var b bytes.Buffer
	if err := WriteConsole(&b, run, color); err != nil {
		tb.Fatalf("WriteConsole: %v", err)
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

func TestConsoleMatrixShowsEveryOutcome(t *testing.T) {
	lines := console(t, sampleRun(t), false)
	var row, other string
	for _, l := range lines {
		if strings.HasPrefix(l, seedOp) {
			row = l
		}
		if strings.HasPrefix(l, "GET /v1/groups ") {
			other = l
		}
	}
	got := strings.Fields(strings.TrimPrefix(row, seedOp))
	want := []string{"pass", "FAIL", "pass", "-", "waived", "err", "untrig",
		"skip"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("seed row = %q, want %q", got, want)
	}
	cells := strings.Fields(strings.TrimPrefix(other, "GET /v1/groups"))
	if strings.Count(strings.Join(cells, " "), "-") != 7 {
		t.Errorf("GET row = %q, want seven undocumented cells", cells)
	}
}

func TestConsoleLastLine(t *testing.T) {
	tests := []struct {
		name string
		run  Run
		last string
	}{
		{name: "empty run", run: Run{},
			last: "0 cases: 0 passed, 0 failed, 0 error, 0 untriggered, 0 waived, 0 skipped"},
		{name: "sample", run: sampleRun(t),
			last: "8 cases: 3 passed, 1 failed, 1 error, 1 untriggered, 1 waived, 1 skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, color := range []bool{false, true} {
				lines := console(t, tt.run, color)
				if last := lines[len(lines)-1]; last != tt.last {
					t.Errorf("color %v: last line = %q, want %q", color, last, tt.last)
				}
				for _, l := range lines[:len(lines)-1] {
					if strings.Contains(l, " passed, ") {
						t.Errorf("color %v: the totals twice: %q", color, l)
					}
				}
			}
		})
	}
}

func TestConsoleFailureLines(t *testing.T) {
	run := sampleRun(t)
	lines := console(t, run, false)
	for _, r := range run.Results {
		n := 0
		for _, l := range lines {
			if strings.Contains(l, "  "+r.Case.ID+": ") {
				n++
			}
		}
		want := 1
		if r.Outcome == runner.Passed || r.Outcome == runner.Skipped {
			want = 0
		}
		if n != want {
			t.Errorf("%s (%s): %d failure lines, want %d", r.Case.ID,
				r.Outcome, n, want)
		}
	}

	// The failed case shows its first two violations and counts the rest.
	for _, l := range lines {
		if !strings.HasPrefix(l, "FAIL") {
			continue
		}
		if !strings.Contains(l, string(runner.RuleSchema)+" at /success") ||
			!strings.Contains(l, "+1 more") ||
			strings.Contains(l, string(runner.RuleStrictUndeclared)) {
			t.Errorf("failure line = %q", l)
		}
	}
}

func TestConsoleColor(t *testing.T) {
	tests := []struct {
		name  string
		color bool
	}{
		{name: "plain", color: false},
		{name: "ansi", color: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := strings.Join(console(t, sampleRun(t), tt.color), "\n")
			if got := strings.Contains(out, "\x1b["); got != tt.color {
				t.Errorf("escapes present = %v, want %v", got, tt.color)
			}
		})
	}
}

func TestConsoleNeutralisesControlCharacters(t *testing.T) {
	run := sampleRun(t)
	run.Results[1].Violations[0].Actual = "\x1b[2J\x1b]0;pwned\a\nnext"
	out := strings.Join(console(t, run, false), "\n")
	if strings.ContainsAny(out, "\x1b\a") {
		t.Errorf("console carries control characters: %q", out)
	}
	if strings.Contains(out, "\nnext") {
		t.Error("a value broke the failure line in two")
	}
}

// TestConsoleShowsTheOperationsThatRan: operations a filter left out are
// counted under the matrix, not drawn in it, and their cases get no line.
func TestConsoleShowsTheOperationsThatRan(t *testing.T) {
	run := sampleRun(t)
	for i := range 3 {
		r := newResult(t, 200, runner.Skipped)
		r.Case.Operation = fmt.Sprintf("GET /other/%d", i)
		r.Case.ID = r.Case.Operation + "/200"
		run.Results = append(run.Results, r)
	}
	run.Warnings = []runner.Warning{
		{Rule: runner.RuleDocument, Place: "paths./other/1.get", Message: "an example"},
		{Rule: runner.RuleDocument, Place: "paths." + run.Results[0].Case.Path, Message: "kept"},
		{Rule: runner.RuleConfig, Place: "f.yaml:3", Message: "kept too"},
		{Rule: runner.RuleDocument, Place: "paths." + colonForm(run.Results[0].Case.Path),
			Message: "kept as written"},
	}
	out := strings.Join(console(t, run, false), "\n")
	if strings.Contains(out, "an example") || !strings.Contains(out, "1 more warning(s)") ||
		!strings.Contains(out, "kept") || !strings.Contains(out, "kept too") ||
		!strings.Contains(out, "kept as written") {
		t.Errorf("warnings about operations not run are not held back, alone:\n%s", out)
	}
	if strings.Contains(out, "GET /other/") {
		t.Errorf("an operation that did not run is shown:\n%s", out)
	}
	if !strings.Contains(out, "3 operation(s) not run: left out by the filter") {
		t.Errorf("the operations left out are not counted:\n%s", out)
	}
	if !strings.Contains(out, seedOp) {
		t.Errorf("the operation that ran is missing:\n%s", out)
	}
}

func TestConsoleSaysWhyOperationsDidNotRun(t *testing.T) {
	run := sampleRun(t)
	r := newResult(t, 200, runner.Skipped)
	r.Case.Operation, r.Case.ID = "GET /other", "GET /other/200"
	run.Results = append(run.Results, r)
	run.Interrupted = true
	out := strings.Join(console(t, run, false), "\n")
	if !strings.Contains(out, "1 operation(s) not run: the run was interrupted") {
		t.Errorf("an interrupted run does not say so:\n%s", out)
	}
}

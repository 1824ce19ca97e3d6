package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apiconformance/harness/runner"
)

// consoleShown is how many violations a failure line shows before it
// counts the rest.
const consoleShown = 2

// WriteConsole writes the run for a terminal: a header line, the matrix of
// operations by statuses, one line per case that did not pass, the run's
// warnings, the count of every outcome, and last a line of the form
// "N passed, N failed" (", N skipped" may follow). With color, outcomes
// are coloured with ANSI escapes.
func WriteConsole(w io.Writer, run Run, color bool) error {
	return emit(w, run, func(b *bytes.Buffer, run Run) error {
		writeConsole(b, run, color)
		return nil
	})
}

func writeConsole(b *bytes.Buffer, run Run, color bool) {
	if h := consoleHeader(run); h != "" {
		fmt.Fprintf(b, "%s\n\n", h)
	}
	m := buildMatrix(run.Results)
	if len(m.Rows) > 0 {
		writeConsoleMatrix(b, m, color)
		b.WriteString("\n")
	}

	failures := 0
	for _, r := range run.Results {
		if r.Outcome == runner.Passed {
			continue
		}
		word := paint(fmt.Sprintf("%-6s", shortWord(r.Outcome)), r.Outcome,
			color)
		fmt.Fprintf(b, "%s  %s: %s\n", word, text(r.Case.ID),
			text(consoleDetail(r)))
		failures++
	}
	if failures > 0 {
		b.WriteString("\n")
	}

	for _, wn := range run.Warnings {
		fmt.Fprintf(b, "warning: %s\n", text(wn.String()))
	}
	fmt.Fprintf(b, "%s\n", Summarize(run).Breakdown())
}

// consoleHeader names the contract, the target and the profile.
func consoleHeader(run Run) string {
	var parts []string
	c := run.Contract
	if c.Title != "" || c.Version != "" {
		p := strings.TrimSpace("contract " + c.Title + " " + c.Version)
		if c.SHA256 != "" {
			sum, _ := cut(c.SHA256, 12)
			p += " (sha256 " + sum + ")"
		}
		parts = append(parts, p)
	}
	if t := targetText(run.Target); t != "" {
		parts = append(parts, "target "+t)
	}
	if run.Profile != "" {
		parts = append(parts, "profile "+string(run.Profile))
	}
	return text(strings.Join(parts, ", "))
}

// targetText renders a target on one line: its kind, what was started
// (the command, or the image and its digest) and the URL it answered on.
func targetText(t Target) string {
	parts := []string{t.Kind}
	switch {
	case len(t.Command) > 0:
		parts = append(parts, strings.Join(t.Command, " "))
	case t.Image != "" && t.Digest != "":
		parts = append(parts, t.Image+"@"+t.Digest)
	case t.Image != "":
		parts = append(parts, t.Image)
	}
	if t.URL != "" {
		parts = append(parts, "at "+t.URL)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

// writeConsoleMatrix writes the matrix, padding every cell but the last of
// a row so that columns line up.
func writeConsoleMatrix(b *bytes.Buffer, m matrix, color bool) {
	width := len("operation")
	for _, r := range m.Rows {
		width = max(width, utf8.RuneCountInString(text(r.Operation)))
	}
	cellWidth := len("untrig")
	for _, s := range m.Statuses {
		cellWidth = max(cellWidth, len(strconv.Itoa(s)))
	}

	head := fmt.Sprintf("%-*s", width, "operation")
	for _, s := range m.Statuses {
		head += fmt.Sprintf("  %-*d", cellWidth, s)
	}
	b.WriteString(strings.TrimRight(head, " ") + "\n")
	for _, r := range m.Rows {
		fmt.Fprintf(b, "%-*s", width, text(r.Operation))
		for i, c := range r.Cells {
			w := cellWidth
			if i == len(r.Cells)-1 {
				w = 0
			}
			b.WriteString("  ")
			if !c.Documented() {
				fmt.Fprintf(b, "%-*s", w, "-")
				continue
			}
			word := fmt.Sprintf("%-*s", w, shortWord(c.Outcome))
			b.WriteString(paint(word, c.Outcome, color))
		}
		b.WriteString("\n")
	}
}

// consoleDetail lists the first violations of a case, or its reason.
func consoleDetail(r runner.Result) string {
	if len(r.Violations) == 0 {
		if d := firstReason(r); d != "" {
			return d
		}
		return r.Outcome.String()
	}
	n := min(len(r.Violations), consoleShown)
	parts := make([]string, 0, n+1)
	for _, v := range r.Violations[:n] {
		parts = append(parts, v.String())
	}
	if rest := len(r.Violations) - n; rest > 0 {
		parts = append(parts, fmt.Sprintf("+%d more", rest))
	}
	return strings.Join(parts, "; ")
}

// text makes s safe for one terminal line.
func text(s string) string { return oneLine(clean(s)) }

// shortWord is the console's word for an outcome; a failure shouts.
func shortWord(o runner.Outcome) string {
	switch o {
	case runner.Passed:
		return "pass"
	case runner.Failed:
		return "FAIL"
	case runner.Error:
		return "err"
	case runner.Untriggered:
		return "untrig"
	case runner.Waived:
		return "waived"
	case runner.Skipped:
		return "skip"
	}
	return o.String()
}

// paint wraps s in the ANSI colour of o when color is set.
func paint(s string, o runner.Outcome, color bool) string {
	if !color {
		return s
	}
	code := "31" // red: failed and anything unknown
	switch o {
	case runner.Passed:
		code = "32"
	case runner.Error:
		code = "33"
	case runner.Untriggered, runner.Skipped:
		code = "90"
	case runner.Waived:
		code = "34"
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

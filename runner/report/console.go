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
// the operations that ran by statuses (and how many did not), one line per
// case that ran and did not pass, the run's warnings, and last the count
// of every outcome. With color, outcomes are coloured with ANSI escapes.
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
	ran, left := ranOperations(run.Results)
	m := buildMatrix(ran)
	if len(m.Rows) > 0 {
		writeConsoleMatrix(b, m, color)
	}
	if left > 0 {
		why := "left out by the filter"
		if run.Interrupted {
			why = "the run was interrupted"
		}
		fmt.Fprintf(b, "%d operation(s) not run: %s\n", left, why)
	}
	if len(m.Rows) > 0 || left > 0 {
		b.WriteString("\n")
	}

	failures := 0
	for _, r := range run.Results {
		// A skipped case is counted below; listing each would bury the
		// cases that ran when a filter keeps a few of many.
		if r.Outcome == runner.Passed || r.Outcome == runner.Skipped {
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

	hidden := 0
	for _, wn := range run.Warnings {
		if !aboutRan(wn, ran) {
			hidden++
			continue
		}
		fmt.Fprintf(b, "warning: %s\n", text(wn.String()))
	}
	if hidden > 0 {
		fmt.Fprintf(b, "%d more warning(s), about operations not run: see the reports\n", hidden)
	}
	fmt.Fprintf(b, "%s\n", Summarize(run).Breakdown())
}

// consoleHeader names the contract, the target and the profile.
// ranOperations returns the results of the operations with a case that
// was not skipped, and how many operations had none.
func ranOperations(results []runner.Result) ([]runner.Result, int) {
	ran := map[string]bool{}
	all := map[string]bool{}
	for _, r := range results {
		all[r.Case.Operation] = true
		ran[r.Case.Operation] = ran[r.Case.Operation] || r.Outcome != runner.Skipped
	}
	var out []runner.Result
	for _, r := range results {
		if ran[r.Case.Operation] {
			out = append(out, r)
		}
	}
	left := 0
	for op := range all {
		if !ran[op] {
			left++
		}
	}
	return out, left
}

// aboutRan reports whether a warning concerns the run: it names no path
// of the document, or the path of an operation with a result in ran.
func aboutRan(w runner.Warning, ran []runner.Result) bool {
	rest, ok := strings.CutPrefix(w.Place, "paths.")
	if !ok {
		return true
	}
	for _, r := range ran {
		// The document may write the path /x/:id, as a warning names it.
		for _, p := range []string{r.Case.Path, colonForm(r.Case.Path)} {
			if after, ok := strings.CutPrefix(rest, p); ok &&
				(after == "" || after[0] == '.') {
				return true
			}
		}
	}
	return false
}

// colonForm writes the {name} parameters of a path template as :name.
func colonForm(path string) string {
	return strings.NewReplacer("{", ":", "}", "").Replace(path)
}

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

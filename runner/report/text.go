package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/apiconformance/harness/runner"
)

// BodyLimit is the most bytes of one body, curl line or log a report
// holds. The engine cuts bodies before this; the reports cut again so that
// no input can make a report unbounded.
const BodyLimit = 64 << 10

// clean makes s safe to place in XML, HTML and a terminal: invalid UTF-8
// and control characters other than tab and newline become U+FFFD. XML 1.0
// cannot carry them at all, and a terminal would act on them.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// isClean reports whether clean would return s unchanged.
func isClean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unsafeRune(r) {
			return false
		}
	}
	return true
}

// unsafeRune reports whether r is a control character, other than tab,
// newline and carriage return, or a non-character XML forbids.
func unsafeRune(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0xfffe, r == 0xffff:
		return true
	}
	return false
}

// cut returns at most limit bytes of s, ending on a whole rune, and
// whether anything was cut.
func cut(s string, limit int) (string, bool) {
	if len(s) <= limit {
		return s, false
	}
	i := limit
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i], true
}

// oneLine folds s onto one line for the console and attribute values.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// caseName names a case for people: "<status> <trigger kind>: <why>".
func caseName(c runner.Case) string {
	name := fmt.Sprintf("%d %s", c.Status, c.TriggerKind())
	why := c.Untriggered
	if c.Trigger != nil {
		why = c.Trigger.Why
	}
	if why != "" {
		name += ": " + why
	}
	return name
}

// firstReason returns what a person reads first about a case that did not
// pass: its first violation, or its reason.
func firstReason(r runner.Result) string {
	if len(r.Violations) > 0 {
		return r.Violations[0].String()
	}
	if r.Reason != "" {
		return r.Reason
	}
	return r.Case.Untriggered
}

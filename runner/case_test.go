package runner_test

import (
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
)

func TestIsStatusOrClass(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"status", "404", true},
		{"class", "5xx", true},
		{"class upper", "4XX", true},
		{"too low", "099", false},
		{"too high", "600", false},
		{"signed", "4-1", false},
		{"word", "abc", false},
		{"short", "40", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runner.IsStatusOrClass(tt.in); got != tt.want {
				t.Errorf("IsStatusOrClass(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMasker(t *testing.T) {
	m := runner.NewMasker("abc", "abcdef", "")
	if got := m.String("x abcdef y abc z"); got != "x **** y **** z" {
		t.Errorf("masked: %q", got)
	}
	if got := (runner.Masker{}).String("abc"); got != "abc" {
		t.Errorf("zero masker changed text: %q", got)
	}
}

func TestOutcomeNames(t *testing.T) {
	for o := runner.Passed; o <= runner.Skipped; o++ {
		back, err := runner.ParseOutcome(o.String())
		if err != nil || back != o {
			t.Errorf("%v: round trip gave %v, %v", o, back, err)
		}
	}
	if _, err := runner.ParseOutcome("green"); err == nil {
		t.Error("unknown outcome name parsed")
	}
}

// TestMaskerCatchesEchoedForms covers secrets an implementation echoes
// escaped: JSON with \/ or \u escapes, a URL, a page.
func TestMaskerCatchesEchoedForms(t *testing.T) {
	const secret = "ab/c+d-e<f"
	m := runner.NewMasker(secret)
	for _, echoed := range []string{
		`ab\/c+d-e<f`,
		`ab/c+d-e\u003cf`,
		`\u0061\u0062\u002f\u0063\u002b\u0064\u002d\u0065\u003c\u0066`,
		"ab%2Fc%2Bd-e%3Cf",
		"ab/c+d-e&lt;f",
	} {
		if got := m.String("token " + echoed); got != "token "+runner.Mask {
			t.Errorf("%s: masked as %q", echoed, got)
		}
	}
	if got := m.String("ab/c"); got != "ab/c" {
		t.Errorf("a part of the secret was masked: %q", got)
	}
}

func TestViolationRulesExcludeWarnings(t *testing.T) {
	seen := map[runner.Rule]bool{}
	for _, r := range runner.ViolationRules() {
		if seen[r] {
			t.Errorf("%s listed twice", r)
		}
		seen[r] = true
	}
	for _, w := range []runner.Rule{runner.RuleExample, runner.RuleDocument,
		runner.RuleConfig, runner.RuleWaiver} {
		if seen[w] {
			t.Errorf("warning rule %s listed as a violation rule", w)
		}
	}
	if !seen[runner.RuleContentEncoding] || !seen[runner.RuleSchema] {
		t.Error("violation rules incomplete")
	}
}

func TestViolationStringNamesItsPlace(t *testing.T) {
	tests := []struct {
		v    runner.Violation
		want string
	}{
		{runner.Violation{Rule: runner.RuleStatus, Expected: "404", Actual: "200"}, "status at (response): "},
		{runner.Violation{Rule: runner.RuleBodyDuplicateKey, Expected: "a", Actual: "b"}, "body.duplicate-key at (body): "},
		{runner.Violation{Rule: runner.RuleSchema, Pointer: "/a", Expected: "x", Actual: "y"}, "schema at /a: "},
	}
	for _, tt := range tests {
		if got := tt.v.String(); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q, want it to start %q", got, tt.want)
		}
	}
}

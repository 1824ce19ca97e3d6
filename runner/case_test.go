package runner_test

import (
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

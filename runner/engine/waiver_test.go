package engine_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/apiconformance/harness/runner"
)

func TestWaivers(t *testing.T) {
	const why = "the name type is fixed in release 2"
	tests := []struct {
		name    string
		body    string
		waived  bool
		want    runner.Outcome
		reason  string
		rules   []runner.Rule
		warning bool
	}{
		{name: "failing, waived", body: badItem, waived: true,
			want: runner.Waived, reason: why,
			rules: []runner.Rule{runner.RuleSchema}},
		{name: "failing, not waived", body: badItem,
			want:  runner.Failed,
			rules: []runner.Rule{runner.RuleSchema}},
		{name: "passing, waived", body: goodItem, waived: true,
			want: runner.Passed, rules: []runner.Rule{}, warning: true},
		{name: "passing, not waived", body: goodItem,
			want: runner.Passed, rules: []runner.Rule{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSuite(t)
			e := s.newEngine(t, http.HandlerFunc(
				func(w http.ResponseWriter, r *http.Request) {
					answer(w, 200, tt.body)
				}))
			c := s.caseFor(t, 200)
			// A waiver for another case never applies to this one.
			e.Waivers = map[string]string{s.caseFor(t, 429).ID: "other"}
			if tt.waived {
				e.Waivers[c.ID] = why
			}

			res := e.Run(context.Background(), c)
			assertOutcome(t, res, tt.want)
			if res.Reason != tt.reason {
				t.Errorf("reason = %q, want %q", res.Reason, tt.reason)
			}
			if got := rules(res.Violations); !slices.Equal(got, tt.rules) {
				t.Errorf("rules = %v, want %v", got, tt.rules)
			}
			if got := hasWaiverWarning(res.Warnings); got != tt.warning {
				t.Errorf("waiver warning: %v, want %v (%v)", got,
					tt.warning, res.Warnings)
			}
		})
	}
}

func TestWaiverLeavesErrorsAlone(t *testing.T) {
	s := loadSuite(t)
	e := s.engineAt(t, closedURL(t))
	c := s.caseFor(t, 200)
	e.Waivers = map[string]string{c.ID: "known"}
	res := e.Run(context.Background(), c)
	assertOutcome(t, res, runner.Error)
	if hasWaiverWarning(res.Warnings) {
		t.Error("a waiver warning on a case that never got an answer")
	}
}

func hasWaiverWarning(ws []runner.Warning) bool {
	for _, w := range ws {
		if w.Rule == "waiver" {
			return true
		}
	}
	return false
}

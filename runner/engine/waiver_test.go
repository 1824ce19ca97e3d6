package engine_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/engine"
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
			e.Waivers = map[string]engine.Waiver{
				s.caseFor(t, 429).ID: {Justification: "other"}}
			if tt.waived {
				e.Waivers[c.ID] = engine.Waiver{Justification: why}
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

// twoFaults breaks two rules at once: schema (name is not a string) and
// strict.undeclared (extra is not a declared property).
const twoFaults = `{"name":7,"note":"a note","extra":1}`

func TestWaiverRules(t *testing.T) {
	const why = "names become strings in release 2"
	schema := []runner.Rule{runner.RuleSchema}
	both := []runner.Rule{runner.RuleSchema, runner.RuleStrictUndeclared}
	tests := []struct {
		name    string
		body    string
		rules   []runner.Rule // of the waiver
		want    runner.Outcome
		reason  string
		warning bool
	}{
		{name: "every rule covered", body: badItem, rules: schema,
			want: runner.Waived, reason: why},
		{name: "covered among others", body: badItem,
			rules: []runner.Rule{runner.RuleMediaType, runner.RuleSchema},
			want:  runner.Waived, reason: why},
		{name: "both rules covered", body: twoFaults, rules: both,
			want: runner.Waived, reason: why},
		{name: "one rule left out", body: twoFaults, rules: schema,
			want: runner.Failed, warning: true},
		{name: "no rule covered", body: badItem,
			rules: []runner.Rule{runner.RuleMediaType},
			want:  runner.Failed, warning: true},
		{name: "passing", body: goodItem, rules: schema,
			want: runner.Passed, warning: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSuite(t)
			e := s.newEngine(t, http.HandlerFunc(
				func(w http.ResponseWriter, r *http.Request) {
					answer(w, 200, tt.body)
				}))
			c := s.caseFor(t, 200)
			e.Waivers = map[string]engine.Waiver{
				c.ID: {Justification: why, Rules: tt.rules}}

			res := e.Run(context.Background(), c)
			assertOutcome(t, res, tt.want)
			if res.Reason != tt.reason {
				t.Errorf("reason = %q, want %q", res.Reason, tt.reason)
			}
			if tt.want != runner.Passed && len(res.Violations) == 0 {
				t.Error("the violations are gone")
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
	e.Waivers = map[string]engine.Waiver{c.ID: {Justification: "known"}}
	res := e.Run(context.Background(), c)
	assertOutcome(t, res, runner.Error)
	if hasWaiverWarning(res.Warnings) {
		t.Error("a waiver warning on a case that never got an answer")
	}
}

func hasWaiverWarning(ws []runner.Warning) bool {
	for _, w := range ws {
		if w.Rule == runner.RuleWaiver {
			return true
		}
	}
	return false
}

package engine

import (
	"slices"
	"strings"

	"github.com/apiconformance/harness/runner"
)

// Waiver accepts the failure of one case. Justification says why, in words
// the reports show. Rules, when not empty, limits the waiver: a failure is
// waived only when every violation has one of these rules. Empty Rules
// waives the case whatever rule it failed.
type Waiver struct {
	Justification string
	Rules         []runner.Rule
}

// covers reports whether the waiver covers a failure with violations vs,
// and the rules of vs it leaves out, each named once.
func (w Waiver) covers(vs []runner.Violation) (bool, []runner.Rule) {
	if len(w.Rules) == 0 {
		return true, nil
	}
	var left []runner.Rule
	for _, v := range vs {
		if !slices.Contains(w.Rules, v.Rule) && !slices.Contains(left, v.Rule) {
			left = append(left, v.Rule)
		}
	}
	return len(left) == 0, left
}

// waive turns a failure covered by a waiver into a waived case, keeping
// its violations as evidence. A waiver that does not fit, because the case
// passes or failed for a rule it does not name, becomes a warning.
func (e *Engine) waive(res *runner.Result) {
	w, ok := e.Waivers[res.Case.ID]
	if !ok {
		return
	}
	switch res.Outcome {
	case runner.Failed:
		if ok, left := w.covers(res.Violations); !ok {
			res.Warnings = append(res.Warnings, waiverWarning(res.Case.ID,
				"waiver covers rules "+joinRules(w.Rules)+
					", the case also failed for "+joinRules(left)))
			return
		}
		res.Outcome, res.Reason = runner.Waived, w.Justification
	case runner.Passed:
		res.Warnings = append(res.Warnings, waiverWarning(res.Case.ID,
			"the case passes: its waiver can go"))
	}
}

func waiverWarning(id, msg string) runner.Warning {
	return runner.Warning{Rule: runner.RuleWaiver, Place: id, Message: msg}
}

func joinRules(rs []runner.Rule) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

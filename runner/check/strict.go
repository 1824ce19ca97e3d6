package check

import (
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/apiconformance/harness/runner"
)

// walk goes through the decoded body alongside its schema's view. Under
// the strict profile it reports what the document leaves open but the
// profile demands; under both profiles it warns of scalars that differ
// from their schema's example. What kin already reports (a closed schema's
// extra property, a required one missing, null where not nullable, a
// value of the wrong type) is left to kin, so nothing is said twice.
func (j *judgement) walk(v *view, value any, at string) {
	if v == nil || v.opaque {
		return
	}
	if len(v.branches) > 0 {
		j.walkBranches(v, value, at)
		return
	}
	switch x := value.(type) {
	case map[string]any:
		j.walkObject(v, x, at)
	case []any:
		for i, item := range x {
			j.walk(v.items, item, child(at, strconv.Itoa(i)))
		}
	case json.Number:
		if j.c.strict && v.integer && fractional(x) {
			j.violate(runner.RuleStrictInteger, at, "an integer literal",
				string(x), "")
		}
		j.example(v, x, at)
	case nil:
	default:
		j.example(v, x, at)
	}
}

// walkBranches judges a value of a oneOf or anyOf by the branches it
// belongs to, as the document reads without the strict profile: it is
// strictly right if it is so under one of them. Otherwise the findings
// of the branch with the fewest are reported, as the likeliest meaning.
// A value of no branch is left to kin, which reports it.
func (j *judgement) walkBranches(v *view, value any, at string) {
	var best *judgement
	for _, b := range v.branches {
		if b.schema.VisitJSON(value, j.c.branchOpts...) != nil {
			continue
		}
		trial := &judgement{c: j.c, in: j.in}
		trial.walk(b.view, value, at)
		if best == nil || len(trial.violations) < len(best.violations) {
			best = trial
		}
		if len(best.violations) == 0 {
			break
		}
	}
	if best != nil {
		j.violations = append(j.violations, best.violations...)
		j.warnings = append(j.warnings, best.warnings...)
	}
}

func (j *judgement) walkObject(v *view, obj map[string]any, at string) {
	present := 0
	for _, name := range v.names {
		p := v.props[name]
		if val, ok := obj[name]; ok {
			present++
			j.walk(p, val, child(at, name))
			continue
		}
		// A property listed as required is kin's to report. Where the
		// schema, with its allOf parts, lists some as required, the
		// others are optional by the document's word; strict demands
		// every one only of a schema that lists none. A writeOnly one
		// never comes back in a response.
		if j.c.strict && len(v.required) == 0 && !p.writeOnly {
			j.violate(runner.RuleStrictRequired, child(at, name),
				"property present", "absent", "")
		}
	}
	if present == len(obj) {
		return // every key is declared
	}
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		if v.props[key] != nil {
			continue
		}
		switch v.extra {
		case extraSchema:
			j.walk(v.extraOf, obj[key], child(at, key))
		case extraUnsaid:
			// A schema that declares no property describes a free-form
			// object: nothing is undeclared in it.
			if j.c.strict && len(v.names) > 0 {
				j.violate(runner.RuleStrictUndeclared, child(at, key),
					cut("only the declared properties ("+
						strings.Join(v.names, ", ")+")"),
					"property present", "")
			}
		}
	}
}

// example warns when a scalar differs from its schema's example.
func (j *judgement) example(v *view, value any, at string) {
	if !v.hasExample || equal(value, v.example) {
		return
	}
	place := at
	if place == "" {
		place = "(body)"
	}
	j.warn(place, "value "+render(value)+" differs from the example "+
		render(v.example))
}

// fractional reports whether n, a whole number, is written with a
// fraction or an exponent, as in 1.0 or 1e2. A number that is not whole
// fails kin's integer check already.
func fractional(n json.Number) bool {
	if !strings.ContainsAny(string(n), ".eE") {
		return false
	}
	f, err := n.Float64()
	return err == nil && f == math.Trunc(f)
}

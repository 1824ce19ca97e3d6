package check

import (
	"strconv"
	"strings"

	"github.com/apiconformance/harness/runner"
)

// add files r under its document key for both reading and lookup.
func (o *operation) add(key string, r *response) {
	o.responses[key] = r
	up := strings.ToUpper(key)
	switch {
	case key == "default":
		o.fallback = r
	case len(up) == 3 && up[1:] == "XX" && up[0] >= '1' && up[0] <= '5':
		o.classes[up[0]-'0'] = r
	default:
		if code, err := strconv.Atoi(key); err == nil {
			o.codes[code] = r
		}
	}
}

// lookup returns the response documented for status, as OpenAPI resolves
// it (exact code, then range, then default), or nil.
func (o *operation) lookup(status int) *response {
	if r := o.codes[status]; r != nil {
		return r
	}
	if c := status / 100; c >= 1 && c <= 5 && o.classes[c] != nil {
		return o.classes[c]
	}
	return o.fallback
}

// status checks the status against the case and the document, and returns
// the response documented for it, nil when there is none. Every status is
// judged alike: unlike kin, redirects and 304 are not skipped.
func (j *judgement) status(op *operation) *response {
	got := strconv.Itoa(j.in.Status)
	if want := j.in.Expected; want != 0 && want != j.in.Status {
		j.violate(runner.RuleStatus, "", strconv.Itoa(want), got, "")
	}
	r := op.lookup(j.in.Status)
	if r == nil {
		want := "one of " + op.documented
		if op.documented == "" {
			want = "a documented status (the operation documents none)"
		}
		j.violate(runner.RuleStatusUndeclared, "", want, got, "")
	}
	return r
}

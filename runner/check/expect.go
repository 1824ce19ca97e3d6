package check

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/apiconformance/harness/runner"
)

// expect checks the values the case pins, in pointer order. When the body
// could not be read as JSON and something was already reported, the pinned
// values are not looked for: the finding that stopped the reading stands
// for them.
func (j *judgement) expect(body any, decoded bool) {
	if len(j.in.Expect) == 0 || (!decoded && len(j.violations) > 0) {
		return
	}
	ptrs := make([]string, 0, len(j.in.Expect))
	for p := range j.in.Expect {
		ptrs = append(ptrs, p)
	}
	slices.Sort(ptrs)
	for _, p := range ptrs {
		want := j.in.Expect[p]
		got, found, err := resolve(body, decoded, p)
		switch {
		case err != nil:
			j.violate(runner.RuleExpect, p, render(want), "no value",
				err.Error())
		case !found:
			j.violate(runner.RuleExpect, p, render(want), "absent", "")
		case !equal(got, want):
			j.violate(runner.RuleExpect, p, render(want), render(got), "")
		}
	}
}

// resolve returns the value at the JSON pointer p in body.
func resolve(body any, decoded bool, p string) (any, bool, error) {
	if !decoded {
		return nil, false, nil
	}
	if p == "" {
		return body, true, nil
	}
	if !strings.HasPrefix(p, "/") {
		return nil, false, errors.New("reading pointer: " +
			"a JSON pointer starts with /")
	}
	cur := body
	for tok := range strings.SplitSeq(p[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"),
			"~0", "~")
		switch x := cur.(type) {
		case map[string]any:
			v, ok := x[tok]
			if !ok {
				return nil, false, nil
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) ||
				strconv.Itoa(i) != tok {
				return nil, false, nil
			}
			cur = x[i]
		default:
			return nil, false, nil
		}
	}
	return cur, true, nil
}

// equal reports whether two JSON values are equal, numbers compared as
// numbers whatever their Go type: a json.Number from the body, an int or a
// float64 from a fixture or the document.
func equal(a, b any) bool {
	if fa, ok := number(a); ok {
		fb, ok := number(b)
		return ok && fa == fb
	}
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	if _, ok := number(b); ok {
		return false
	}
	return a == b
}

// number returns v as a float64 when v is a JSON number in any Go form.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32,
		reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32,
		reflect.Uint64:
		return float64(rv.Uint()), true
	case reflect.Float32:
		return rv.Float(), true
	}
	return 0, false
}

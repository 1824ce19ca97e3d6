package check

import (
	"net/http"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// mustLoad loads an OpenAPI document from YAML text, references resolved,
// without validating it, as the contract package does.
func mustLoad(tb testing.TB, text string) *openapi3.T {
	tb.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(text))
	if err != nil {
		tb.Fatalf("loading document: %v", err)
	}
	return doc
}

// mustLoadSeed loads specs/seed.yaml; doc.Validate is not called.
func mustLoadSeed(tb testing.TB) *openapi3.T {
	tb.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile("../../specs/seed.yaml")
	if err != nil {
		tb.Fatalf("loading seed: %v", err)
	}
	return doc
}

// mustCheck runs the checker and fails the test on a harness error.
func mustCheck(tb testing.TB, c *Checker, in Input) ([]runner.Violation,
	[]runner.Warning) {
	tb.Helper()
	vs, ws, err := c.Check(in)
	if err != nil {
		tb.Fatalf("checking: %v", err)
	}
	return vs, ws
}

// found renders violations as sorted "rule pointer" lines, the kind and
// place of each, never its wording.
func found(vs []runner.Violation) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, string(v.Rule)+" "+v.Pointer)
	}
	slices.Sort(out)
	return out
}

// assertFound fails unless the violations are exactly want, in any order.
func assertFound(tb testing.TB, vs []runner.Violation, want ...string) {
	tb.Helper()
	got := found(vs)
	w := append([]string{}, want...)
	slices.Sort(w)
	if !slices.Equal(got, w) {
		tb.Errorf("violations = %q, want %q\n%s", got, w, listing(vs))
	}
}

func listing(vs []runner.Violation) string {
	s := ""
	for _, v := range vs {
		s += "  " + v.String() + "\n"
	}
	return s
}

// headers builds an http.Header from name, value pairs.
func headers(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

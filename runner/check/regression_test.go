package check

import (
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/apiconformance/harness/runner"
)

// Regression tests, each named after the cause it guards against, each
// with the smallest document and response that show it.

const redirectDoc = `
openapi: 3.0.3
info: {title: redirect, version: "1"}
paths:
  /r:
    get:
      responses:
        "307":
          description: moved for now
          headers:
            Location: {required: true, schema: {type: string}}
            X-Reason: {required: true, schema: {type: string}}
            X-Retry: {schema: {type: integer}}
          content:
            application/json:
              schema:
                type: object
                properties: {to: {type: string}}
                additionalProperties: false
    head:
      responses:
        "200":
          description: it is there
          headers:
            X-Size: {required: true, schema: {type: integer}}
          content:
            application/json: {schema: {type: object}}
`

// Kin's ValidateResponse returns nil for 301, 304, 307 and 308, whatever
// the response.
func TestKinSkipsRedirects(t *testing.T) {
	c := New(mustLoad(t, redirectDoc), runner.Strict)
	tests := []struct {
		name   string
		header http.Header
		body   string
		want   []string
	}{
		{name: "conforming redirect",
			header: headers("Content-Type", "application/json",
				"Location", "/elsewhere", "X-Reason", "moved"),
			body: `{"to": "/elsewhere"}`},
		{name: "broken redirect",
			header: headers("Content-Type", "application/json",
				"X-Retry", "soon"),
			body: `{"to": 5, "why": "x"}`,
			want: []string{"header ", "header ", "header ", "schema /to",
				"schema /why"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, _ := mustCheck(t, c, Input{Method: "GET", Path: "/r",
				Status: 307, Expected: 307, Header: tt.header,
				Body: []byte(tt.body)})
			assertFound(t, vs, tt.want...)
		})
	}
}

// Kin's ValidateResponse returns nil for any response to HEAD; its body
// is absent by HTTP, its headers still count.
func TestKinSkipsHead(t *testing.T) {
	c := New(mustLoad(t, redirectDoc), runner.Strict)
	head := &http.Request{Method: http.MethodHead}
	tests := []struct {
		name   string
		header http.Header
		want   []string
	}{
		{name: "header present", header: headers("X-Size", "12")},
		{name: "header absent", header: headers(),
			want: []string{"header "}},
		{name: "header not an integer", header: headers("X-Size", "big"),
			want: []string{"header "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, _ := mustCheck(t, c, Input{Method: "HEAD", Path: "/r",
				Status: 200, Expected: 200, Header: tt.header,
				Request: head})
			assertFound(t, vs, tt.want...)
		})
	}
}

// Kin's ValidateResponse stops at the first header that fails, so a
// second bad header would go unreported; this shows both are.
func TestKinStopsAtFirstBadHeader(t *testing.T) {
	c := New(mustLoad(t, redirectDoc), runner.Strict)
	vs, _ := mustCheck(t, c, Input{Method: "GET", Path: "/r",
		Status: 307, Expected: 307,
		Header: headers("Content-Type", "application/json"),
		Body:   []byte(`{"to": "/x"}`)})
	assertFound(t, vs, "header ", "header ")
	var named []string
	for _, v := range vs {
		named = append(named, v.Expected)
	}
	slices.Sort(named)
	if len(slices.Compact(named)) != 2 {
		t.Errorf("violations name %q, want two headers", named)
	}
}

// Kin reports an undeclared property of a closed object at the object,
// with the name only in its message; the pointer must name the property.
func TestKinFilesUndeclaredPropertyAtObject(t *testing.T) {
	c := New(mustLoad(t, redirectDoc), runner.Literal)
	tests := []struct {
		name string
		body string
		want []string
	}{
		{name: "declared only", body: `{"to": "/x"}`},
		{name: "two undeclared",
			body: `{"z~": 1, "to": "/x", "a/b": 2}`,
			want: []string{"schema /a~1b", "schema /z~0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, _ := mustCheck(t, c, Input{Method: "GET", Path: "/r",
				Status: 307, Expected: 307,
				Header: headers("Content-Type", "application/json",
					"Location", "/x", "X-Reason", "r"),
				Body: []byte(tt.body)})
			assertFound(t, vs, tt.want...)
		})
	}
}

// Kin reads numbers as float64 and accepts 1.0 and 1e2 as integers; the
// literal text shows they are not written as integers.
func TestKinAcceptsWholeFloatAsInteger(t *testing.T) {
	doc := mustLoad(t, `
openapi: 3.0.3
info: {title: integer, version: "1"}
paths:
  /n:
    get:
      responses:
        "200":
          description: a count
          content:
            application/json:
              schema: {type: object, properties: {n: {type: integer}}}
`)
	tests := []struct {
		name    string
		profile runner.Profile
		body    string
		want    []string
	}{
		{name: "whole float, literal", profile: runner.Literal,
			body: `{"n": 1e2}`},
		{name: "whole float, strict", profile: runner.Strict,
			body: `{"n": 1e2}`, want: []string{"strict.integer /n"}},
		{name: "integer, strict", profile: runner.Strict,
			body: `{"n": 100}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, _ := mustCheck(t, New(doc, tt.profile), Input{
				Method: "GET", Path: "/n", Status: 200, Expected: 200,
				Header: headers("Content-Type", "application/json"),
				Body:   []byte(tt.body)})
			assertFound(t, vs, tt.want...)
		})
	}
}

// encoding/json keeps the last of repeated keys silently; the duplicate
// is reported and the schema judges the value a client would keep.
func TestEncodingJSONHidesDuplicateKeys(t *testing.T) {
	c := New(mustLoadSeed(t), runner.Strict)
	tests := []struct {
		name string
		body string
		want []string
	}{
		{name: "last value valid",
			body: `{"message": "m", "type": "not_found", "success": 1, ` +
				`"success": false}`,
			want: []string{"body.duplicate-key "}},
		{name: "last value invalid",
			body: `{"message": "m", "type": "not_found", "success": false, ` +
				`"success": 1}`,
			want: []string{"body.duplicate-key ", "schema /success"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, _ := mustCheck(t, c, seedInput(404, tt.body))
			assertFound(t, vs, tt.want...)
		})
	}
}

// One Checker serves the parallel cases of a run; this runs it from
// several goroutines at once under the race detector.
func TestCheckConcurrentUse(t *testing.T) {
	c := New(mustLoadSeed(t), runner.Strict)
	inputs := []Input{seedInput(200, seedOK), seedInput(404, seed404),
		seedInput(401, `{}`), seedInput(404, seed404+"x")}
	want := make([][]string, len(inputs))
	for i, in := range inputs {
		vs, _ := mustCheck(t, c, in)
		want[i] = found(vs)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(inputs))
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 25; round++ {
				for i, in := range inputs {
					vs, _, err := c.Check(in)
					if err != nil || !slices.Equal(found(vs), want[i]) {
						errs <- in.Path
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for p := range errs {
		t.Errorf("concurrent check of %s differs from the serial one", p)
	}
}

// Kin validates OpenAPI 3.1 bodies with a JSON Schema 2020-12 validator
// whose errors nest beneath wrappers and name the closed object, not the
// property; the leaves must come out at their own pointers.
func TestKinNestsErrorsOfOpenAPI31(t *testing.T) {
	doc := mustLoad(t, `
openapi: 3.1.0
info: {title: nested, version: "1"}
paths:
  /n:
    get:
      responses:
        "200":
          description: a closed object
          content:
            application/json:
              schema:
                type: object
                properties:
                  n: {type: integer}
                  s: {type: [string, "null"]}
                additionalProperties: false
`)
	c := New(doc, runner.Strict)
	tests := []struct {
		name string
		body string
		want []string
	}{
		{name: "conforming", body: `{"n": 1, "s": null}`},
		{name: "wrong type and two undeclared",
			body: `{"n": "x", "s": "s", "z": 1, "q": 2}`,
			want: []string{"schema /n", "schema /q", "schema /z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, _ := mustCheck(t, c, Input{Method: "GET", Path: "/n",
				Status: 200, Expected: 200,
				Header: headers("Content-Type", "application/json"),
				Body:   []byte(tt.body)})
			assertFound(t, vs, tt.want...)
		})
	}
}

package check

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

const (
	seedPath = "/v1/groups/{groupId}/assignAsAdmin"
	seedOK   = `{"success": true, "data": {"message": ` +
		`"User has been assigned as an admin successfully."}}`
	seed404 = `{"message": "The requested resource could not be found", ` +
		`"type": "not_found", "success": false}`
)

// seedInput is a response of the seed operation with a JSON body.
func seedInput(status int, body string) Input {
	return Input{
		Method: http.MethodPut, Path: seedPath,
		Expected: status, Status: status,
		Header: headers("Content-Type", "application/json"),
		Body:   []byte(body),
	}
}

// seedErrorBody builds the conforming body of an error status from the
// document's own examples: message, type and success false.
func seedErrorBody(tb testing.TB, doc *openapi3.T, status int) string {
	tb.Helper()
	op := doc.Paths.Value(seedPath).Put
	ref := op.Responses.Status(status)
	if ref == nil {
		tb.Fatalf("seed documents no %d", status)
	}
	props := ref.Value.Content["application/json"].Schema.Value.Properties
	b, err := json.Marshal(map[string]any{
		"message": props["message"].Value.Example,
		"type":    props["type"].Value.Example,
		"success": false,
	})
	if err != nil {
		tb.Fatalf("encoding body: %v", err)
	}
	return string(b)
}

func TestSeedConformingBodies(t *testing.T) {
	doc := mustLoadSeed(t)
	c := New(doc, runner.Strict)
	bodies := map[int]string{200: seedOK, 404: seed404}
	for _, st := range []int{400, 401, 403, 422, 429, 500, 502, 503, 504} {
		bodies[st] = seedErrorBody(t, doc, st)
	}
	for st, body := range bodies {
		t.Run(strconv.Itoa(st), func(t *testing.T) {
			in := seedInput(st, body)
			in.Expect = map[string]any{"/success": st == 200}
			vs, ws := mustCheck(t, c, in)
			assertFound(t, vs)
			if len(ws) != 0 {
				t.Errorf("warnings = %v, want none", ws)
			}
		})
	}
}

func TestSeedDefects(t *testing.T) {
	doc := mustLoadSeed(t)
	strict := New(doc, runner.Strict)
	literal := New(doc, runner.Literal)
	tests := []struct {
		name     string
		literal  bool
		status   int
		expected int // default: status
		ctype    string
		body     string
		expect   map[string]any
		want     []string
	}{
		{name: "extra field on 400", status: 400,
			body: `{"message": "m", "type": "invalid_request", ` +
				`"success": false, "code": 17}`,
			want: []string{"schema /code"}},
		{name: "missing type on 404", status: 404,
			body: `{"message": "The requested resource could not be ` +
				`found", "success": false}`,
			want: []string{"strict.required /type"}},
		{name: "success as a string on 401", status: 401,
			body: `{"message": "m", "type": "unauthorized", ` +
				`"success": "false"}`,
			want: []string{"schema /success"}},
		{name: "text/plain on 403", status: 403, ctype: "text/plain",
			body: "forbidden", want: []string{"media-type "}},
		{name: "empty object on 401", status: 401, body: `{}`,
			want: []string{"strict.required /message",
				"strict.required /success", "strict.required /type"}},
		{name: "empty object on 401, literal", literal: true,
			status: 401, body: `{}`},
		{name: "wrong data.message on 200", status: 200,
			body: `{"success": true, "data": {"message": "Done."}}`,
			want: []string{"schema /data/message"}},
		{name: "extra data.userId on 200", status: 200,
			body: `{"success": true, "data": {"message": "User has been ` +
				`assigned as an admin successfully.", "userId": 153}}`,
			want: []string{"schema /data/userId"}},
		{name: "duplicate key", status: 404,
			body: `{"message": "m", "type": "not_found", "success": false, ` +
				`"success": false}`,
			want: []string{"body.duplicate-key "}},
		{name: "trailing bytes", status: 404, body: seed404 + "}",
			want: []string{"body.trailing "}},
		{name: "empty body", status: 404, body: "",
			want: []string{"body.empty "}},
		{name: "message null", status: 404,
			body: `{"message": null, "type": "not_found", ` +
				`"success": false}`,
			want: []string{"schema /message"}},
		{name: "HTML on 502", status: 502, ctype: "text/html",
			body:   "<html><body><h1>Bad Gateway</h1></body></html>",
			expect: map[string]any{"/success": false},
			want:   []string{"media-type "}},
		{name: "410 undocumented", status: 410, expected: 404,
			body: seed404,
			want: []string{"status ", "status.undocumented "}},
		{name: "success true on 404", status: 404,
			body: `{"message": "The requested resource could not be ` +
				`found", "type": "not_found", "success": true}`,
			expect: map[string]any{"/success": false},
			want:   []string{"expect /success"}},
		{name: "documented other status judged by its own schema",
			status: 401, expected: 404, body: `{"type": 1}`,
			want: []string{"status ", "schema /type",
				"strict.required /message", "strict.required /success"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := seedInput(tt.status, tt.body)
			if tt.expected != 0 {
				in.Expected = tt.expected
			}
			if tt.ctype != "" {
				in.Header.Set("Content-Type", tt.ctype)
			}
			in.Expect = tt.expect
			c := strict
			if tt.literal {
				c = literal
			}
			vs, _ := mustCheck(t, c, in)
			assertFound(t, vs, tt.want...)
		})
	}
}

func TestSeedExampleWarnings(t *testing.T) {
	c := New(mustLoadSeed(t), runner.Strict)
	in := seedInput(404, `{"message": "The requested resource could not `+
		`be found", "type": "NOT_FOUND", "success": false}`)
	vs, ws := mustCheck(t, c, in)
	assertFound(t, vs)
	if len(ws) != 1 || ws[0].Rule != runner.RuleExample ||
		ws[0].Place != "/type" {
		t.Errorf("warnings = %v, want one example warning at /type", ws)
	}
}

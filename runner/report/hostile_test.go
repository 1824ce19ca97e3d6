package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apiconformance/harness/runner"
)

// hostile is a body that tries to break out of every format.
const hostile = "</pre><script>alert(1)</script>]]><![CDATA[<x>" +
	"\x00\x01\xff\xfe\x1b[31m & \"'</testcase>"

// hostileRun returns a run whose bodies, headers, logs and violations
// carry hostile text.
func hostileRun(tb testing.TB) Run {
	tb.Helper()
	r := newResult(tb, 400, runner.Failed)
	r.Exchange.Response.Body = hostile
	r.Exchange.Request.Body = hostile
	r.Exchange.Response.Headers["X-Evil"] = []string{hostile}
	r.Exchange.Curl = "curl -d '" + hostile + "'"
	r.Violations[0].Actual = hostile
	r.Reason = hostile
	r.Logs = []string{hostile}
	r.Case.Trigger.Why = hostile
	return Run{Contract: Contract{Title: hostile}, Results: []runner.Result{r}}
}

func TestHostileJUnitStaysValid(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, hostileRun(t)); err != nil {
		t.Fatalf("WriteJUnit: %v", err)
	}
	if !utf8.Valid(b.Bytes()) || bytes.ContainsAny(b.Bytes(), "\x00\x01\x1b") {
		t.Error("junit holds invalid UTF-8 or control characters")
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("parsing junit back: %v", err)
	}
	c := got.Suites[0].Cases[0]
	if c.Failure == nil || !strings.Contains(c.SystemOut.Text,
		"</pre><script>alert(1)</script>]]><![CDATA[<x>") {
		t.Errorf("hostile text did not survive as text: %+v", c)
	}
}

func TestHostileJSONStaysValid(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, hostileRun(t)); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	if !utf8.Valid(b.Bytes()) || !json.Valid(b.Bytes()) {
		t.Fatal("report.json is not valid UTF-8 JSON")
	}
	var got jsonReport
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("parsing json back: %v", err)
	}
	body := got.Cases[0].Exchange.Response.Body
	if !strings.HasPrefix(body, "</pre><script>") || !strings.Contains(body,
		"\x00") {
		t.Errorf("body = %q, want the hostile text, NUL kept", body)
	}
}

func TestCleanKeepsCleanText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "a\tb\nc é", want: "a\tb\nc é"},
		{name: "nul", in: "a\x00b", want: "a\uFFFDb"},
		{name: "invalid utf-8", in: "a\xffb", want: "a\uFFFDb"},
		{name: "escape", in: "\x1b[2J", want: "\uFFFD[2J"},
		{name: "c1 control", in: "a\u0085b", want: "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCutEndsOnWholeRune(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
		cut   bool
	}{
		{name: "under", in: "abc", limit: 5, want: "abc"},
		{name: "at", in: "abc", limit: 3, want: "abc"},
		{name: "over", in: "abcdef", limit: 3, want: "abc", cut: true},
		{name: "inside a rune", in: "aé", limit: 2, want: "a", cut: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, c := cut(tt.in, tt.limit)
			if got != tt.want || c != tt.cut {
				t.Errorf("cut = %q, %v; want %q, %v", got, c, tt.want, tt.cut)
			}
		})
	}
}

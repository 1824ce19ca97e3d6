package exchange

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apiconformance/harness/runner"
)

func TestRecordMasksSecrets(t *testing.T) {
	const secret = "tok-123"
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "sid="+secret)
		io.WriteString(w, `{"echo":"`+r.Header.Get("Authorization")+`"}`)
	})
	req := runner.Request{Method: "GET", Path: "/me",
		Query:   map[string]string{"key": secret},
		Headers: map[string]string{"Authorization": "Bearer " + secret}}
	resp, err := New(Options{}).Do(context.Background(), s.URL, req, "me/200")
	if err != nil {
		t.Fatalf("Do: %v", err)
	}

	ex := Record(resp, req, s.URL, runner.NewMasker(secret), 0)
	if got := ex.Request.Headers[DefaultCaseHeader]; len(got) != 1 ||
		got[0] != "me/200" {
		t.Errorf("recorded case header = %q, want me/200", got)
	}
	for _, part := range []string{ex.Request.URL, ex.Curl, ex.Response.Body,
		strings.Join(ex.Request.Headers["Authorization"], ""),
		strings.Join(ex.Response.Headers["Set-Cookie"], "")} {
		if strings.Contains(part, secret) {
			t.Errorf("transcript shows the secret: %s", part)
		}
		if !strings.Contains(part, runner.Mask) {
			t.Errorf("transcript part %q lacks the mask", part)
		}
	}
}

func TestRecordWithoutResponse(t *testing.T) {
	req := runner.Request{Method: "PUT", Path: "/x", Body: []byte("{}"),
		ContentType: "application/json"}
	ex := Record(nil, req, "http://h:1", runner.Masker{}, 100)
	if ex.Response != nil {
		t.Errorf("Response = %+v, want nil", ex.Response)
	}
	if ex.Request.URL != "http://h:1/x" || ex.Request.Body != "{}" ||
		ex.Request.Method != "PUT" || ex.Curl == "" {
		t.Errorf("Request = %+v, curl %q", ex.Request, ex.Curl)
	}
	if got := ex.Request.Headers["Content-Type"]; len(got) != 1 {
		t.Errorf("recorded Content-Type = %q", got)
	}
}

func TestRecordBody(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		tooLarge  bool
		limit     int
		want      string
		truncated bool
	}{
		{name: "short", body: `{"a":1}`, limit: 100, want: `{"a":1}`},
		{name: "no limit", body: "abcdef", limit: 0, want: "abcdef"},
		{name: "cut", body: "abcdef", limit: 4, want: "abcd",
			truncated: true},
		{name: "cut before a split rune", body: "ab✓", limit: 3, want: "ab",
			truncated: true},
		{name: "read cap hit", body: "abc", tooLarge: true, limit: 100,
			want: "abc", truncated: true},
		{name: "invalid utf-8", body: "a\xffb", limit: 100,
			want: "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &Response{Status: 200, Body: []byte(tt.body),
				TooLarge: tt.tooLarge}
			ex := Record(resp, runner.Request{Method: "GET", Path: "/"},
				"http://h:1", runner.Masker{}, tt.limit)
			r := ex.Response
			if r.Body != tt.want || r.Truncated != tt.truncated {
				t.Errorf("Body = %q truncated %v, want %q %v",
					r.Body, r.Truncated, tt.want, tt.truncated)
			}
			if !utf8.ValidString(r.Body) {
				t.Errorf("Body %q is not valid UTF-8", r.Body)
			}
		})
	}
}

func TestRecordMasksBeforeCutting(t *testing.T) {
	const secret = "abcdefgh"
	resp := &Response{Status: 200, Body: []byte("xx" + secret)}
	ex := Record(resp, runner.Request{Method: "GET", Path: "/"},
		"http://h:1", runner.NewMasker(secret), 6)
	if strings.Contains(ex.Response.Body, "abcd") {
		t.Errorf("Body %q shows part of the secret", ex.Response.Body)
	}
}

func TestRecordCutsRequestBody(t *testing.T) {
	req := runner.Request{Method: "POST", Path: "/", Body: []byte("abcdef")}
	ex := Record(nil, req, "http://h:1", runner.Masker{}, 3)
	if !strings.HasPrefix(ex.Request.Body, "abc") ||
		strings.Contains(ex.Request.Body, "def") {
		t.Errorf("request Body = %q, want abc and a cut note", ex.Request.Body)
	}

	ex = Record(nil, req, "http://h:1", runner.Masker{}, 0)
	if ex.Request.Body != "abcdef" {
		t.Errorf("request Body without limit = %q", ex.Request.Body)
	}
}

func TestRecordMarksACutRequestBody(t *testing.T) {
	for _, tt := range []struct {
		name string
		body string
		cut  bool
	}{{"within the limit", "{}", false}, {"past it", strings.Repeat("x", 200), true}} {
		t.Run(tt.name, func(t *testing.T) {
			req := runner.Request{Method: "PUT", Path: "/x", Body: []byte(tt.body)}
			ex := Record(nil, req, "http://h:1", runner.Masker{}, 100)
			if ex.Request.Truncated != tt.cut {
				t.Errorf("Truncated = %v, want %v", ex.Request.Truncated, tt.cut)
			}
		})
	}
}

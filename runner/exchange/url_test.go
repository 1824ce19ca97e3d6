package exchange

import (
	"testing"

	"github.com/apiconformance/harness/runner"
)

func TestTarget(t *testing.T) {
	tests := []struct {
		name  string
		base  string
		path  string
		query map[string]string
		want  string
	}{
		{name: "plain", base: "http://h:1", path: "/users/1",
			want: "http://h:1/users/1"},
		{name: "prefix", base: "http://h:1/auth", path: "/token",
			want: "http://h:1/auth/token"},
		{name: "prefix with slash", base: "http://h:1/auth/", path: "/token",
			want: "http://h:1/auth/token"},
		{name: "escape kept", base: "http://h:1", path: "/files/a%2Fb",
			want: "http://h:1/files/a%2Fb"},
		{name: "space escaped", base: "http://h:1", path: "/a b",
			want: "http://h:1/a%20b"},
		{name: "question mark escaped", base: "http://h:1", path: "/a?b",
			want: "http://h:1/a%3Fb"},
		{name: "bad escape escaped", base: "http://h:1", path: "/a%zz",
			want: "http://h:1/a%25zz"},
		{name: "query", base: "http://h:1", path: "/s",
			query: map[string]string{"q": "a b&c", "limit": "5"},
			want:  "http://h:1/s?limit=5&q=a+b%26c"},
		{name: "query merged with base", base: "http://h:1/?v=2", path: "/s",
			query: map[string]string{"q": "x"},
			want:  "http://h:1/s?q=x&v=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := target(tt.base, runner.Request{Path: tt.path,
				Query: tt.query})
			if err != nil {
				t.Fatalf("target: %v", err)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("target = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestTargetRejectsBadBase(t *testing.T) {
	for _, base := range []string{"", "h:1", "ftp://h/", "http://"} {
		if _, err := target(base, runner.Request{Path: "/"}); err == nil {
			t.Errorf("target(%q): no error", base)
		}
	}
}

func TestHeaderExplicitContentTypeWins(t *testing.T) {
	h := header(runner.Request{ContentType: "application/json",
		Headers: map[string]string{"content-type": "text/plain"}})
	if got := h.Values("Content-Type"); len(got) != 1 || got[0] != "text/plain" {
		t.Errorf("Content-Type = %q, want the header's text/plain", got)
	}
}

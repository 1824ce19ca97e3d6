package seed

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLogLinePerRequestWithoutSecrets(t *testing.T) {
	var out syncBuffer
	base := newSeed(t, newUpstream(t, upNormal), func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&out, nil))
	})
	tests := []struct {
		name string
		edit func(*request)
		want []string // in the line
	}{
		{name: "granted", edit: withHeader(caseHeader, "PUT /x/200"),
			want: []string{"method=PUT", "status=200", "case=\"PUT /x/200\"",
				"path=/v1/groups/1234/assignAsAdmin", "duration="}},
		{name: "refused", edit: withHeader("x-auth-token", expiredToken),
			want: []string{"status=403", `why="token expired"`}},
		{name: "no case header", edit: func(r *request) {},
			want: []string{"status=200"}},
	}
	for _, tt := range tests {
		req := baseRequest()
		tt.edit(&req)
		send(t, base, req)
	}

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(tests) {
		t.Fatalf("%d log lines for %d requests:\n%s", len(lines),
			len(tests), out.String())
	}
	for i, tt := range tests {
		for _, w := range tt.want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("%s: line %q lacks %q", tt.name, lines[i], w)
			}
		}
	}
	if strings.Contains(lines[2], "case=") {
		t.Errorf("line %q has a case without the header", lines[2])
	}
	for _, secret := range []string{adminToken, expiredToken, clientID,
		"userId", "153"} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("log holds %q:\n%s", secret, out.String())
		}
	}
}

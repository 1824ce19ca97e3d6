package target

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestURLStart(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(
		func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusServiceUnavailable)
		}))
	t.Cleanup(srv.Close)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	short := ReadyCheck{Path: "/health", Deadline: 300 * time.Millisecond}

	tests := []struct {
		name   string
		base   string
		want   Reason // "" for a successful start
		cancel bool
	}{
		{name: "any status answers", base: srv.URL + "/"},
		{name: "nothing listens", base: closed.URL, want: Deadline},
		{name: "not a URL", base: "127.0.0.1:1", want: Setup},
		{name: "caller cancels", base: closed.URL, want: Canceled,
			cancel: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				cancel()
			}
			u := NewURL(tt.base, short)
			base, err := u.Start(ctx, Env{})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Start: %v", err)
				}
				if base != srv.URL || u.Info().URL != srv.URL {
					t.Errorf("base %q, info %q; want %q", base,
						u.Info().URL, srv.URL)
				}
				return
			}
			if e := startError(t, err); e.Reason != tt.want {
				t.Errorf("reason %q, want %q (%v)", e.Reason, tt.want, err)
			}
		})
	}
}

func TestURLHidesPassword(t *testing.T) {
	u := NewURL("http://user:s3cret@127.0.0.1:1", ReadyCheck{
		Deadline: 100 * time.Millisecond})
	_, err := u.Start(context.Background(), Env{})
	startError(t, err)
	for _, s := range []string{u.Info().URL, err.Error()} {
		if strings.Contains(s, "s3cret") {
			t.Errorf("password shown in %q", s)
		}
	}
	if h, _ := u.Host(context.Background()); h != "127.0.0.1" {
		t.Errorf("Host = %q, want 127.0.0.1", h)
	}
	if u.Logs(time.Time{}, time.Now()) != nil ||
		u.Stop(context.Background()) != nil {
		t.Error("a URL target has no logs and nothing to stop")
	}
}

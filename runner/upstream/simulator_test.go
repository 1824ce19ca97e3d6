package upstream

import (
	"context"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
)

func ptr(s string) *string { return &s }

// start returns a started simulator for modes that the test closes.
func start(tb testing.TB, modes map[string]runner.UpstreamMode) *Simulator {
	tb.Helper()
	s, err := New(modes)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	if err := s.Start("127.0.0.1"); err != nil {
		tb.Fatalf("Start: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// client returns an HTTP client of its own, idle connections closed by the
// test.
func client(tb testing.TB) *http.Client {
	tb.Helper()
	tr := &http.Transport{Proxy: nil}
	tb.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

type reply struct {
	status int
	ctype  []string
	header http.Header
	body   string
}

func get(tb testing.TB, hc *http.Client, url string) reply {
	tb.Helper()
	resp, err := hc.Get(url)
	if err != nil {
		tb.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("reading body: %v", err)
	}
	return reply{resp.StatusCode, resp.Header.Values("Content-Type"),
		resp.Header, string(b)}
}

// waitFor polls cond until it holds, failing the test after a generous
// deadline.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.After(10 * time.Second)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-deadline:
			tb.Fatalf("waiting for %s: not after 10s", what)
		case <-tick.C:
		}
	}
}

func waitClosed(tb testing.TB, ch <-chan struct{}, what string) {
	tb.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		tb.Fatalf("waiting for %s: still running after 10s", what)
	}
}

func TestModes(t *testing.T) {
	modes := map[string]runner.UpstreamMode{
		"normal": {Status: 200, Body: map[string]any{"rate": 1.5}},
		"down": {Status: 503, Headers: map[string]string{"Retry-After": "5"},
			Body: map[string]any{"error": "down"}},
		"html": {Status: 502, ContentType: "text/html",
			Raw: ptr("<html>bad gateway</html>")},
		"raw untyped":    {Status: 200, Raw: ptr("not json")},
		"default status": {},
		"header wins": {ContentType: "application/json",
			Headers: map[string]string{"Content-Type": "text/plain"},
			Raw:     ptr("x")},
		"slow": {Status: 200, Delay: 20 * time.Millisecond, Raw: ptr("late")},
	}
	tests := []struct {
		mode   string
		status int
		ctype  []string
		body   string
		header string // a header that must be "5", if any
	}{
		{mode: "normal", status: 200, ctype: []string{"application/json"},
			body: `{"rate":1.5}`},
		{mode: "down", status: 503, ctype: []string{"application/json"},
			body: `{"error":"down"}`, header: "Retry-After"},
		{mode: "html", status: 502, ctype: []string{"text/html"},
			body: "<html>bad gateway</html>"},
		{mode: "raw untyped", status: 200, body: "not json"},
		{mode: "default status", status: 200},
		{mode: "header wins", status: 200, ctype: []string{"text/plain"},
			body: "x"},
		{mode: "slow", status: 200, body: "late"},
	}
	s := start(t, modes)
	hc := client(t)
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			if err := s.SetMode(tt.mode); err != nil {
				t.Fatalf("SetMode: %v", err)
			}
			r := get(t, hc, s.URL()+"/any/path?x=1")
			if r.status != tt.status || r.body != tt.body {
				t.Errorf("answer = %d %q, want %d %q", r.status, r.body,
					tt.status, tt.body)
			}
			if len(r.ctype) != len(tt.ctype) ||
				len(tt.ctype) == 1 && r.ctype[0] != tt.ctype[0] {
				t.Errorf("Content-Type = %q, want %q", r.ctype, tt.ctype)
			}
			if tt.header != "" && r.header.Get(tt.header) != "5" {
				t.Errorf("%s = %q, want 5", tt.header,
					r.header.Get(tt.header))
			}
			if s.Mode() != tt.mode || s.Hits() != 1 {
				t.Errorf("Mode = %q, Hits = %d, want %q, 1", s.Mode(),
					s.Hits(), tt.mode)
			}
		})
	}
}

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name  string
		modes map[string]runner.UpstreamMode
	}{
		{name: "no normal mode", modes: map[string]runner.UpstreamMode{
			"down": {Status: 503}}},
		{name: "no modes"},
		{name: "status below 200", modes: map[string]runner.UpstreamMode{
			"normal": {Status: 101}}},
		{name: "status above 599", modes: map[string]runner.UpstreamMode{
			"normal": {}, "odd": {Status: 600}}},
		{name: "body not JSON", modes: map[string]runner.UpstreamMode{
			"normal": {Body: math.Inf(1)}}},
		{name: "negative delay", modes: map[string]runner.UpstreamMode{
			"normal": {Delay: -time.Second}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.modes); err == nil {
				t.Error("New: no error")
			}
		})
	}
}

func TestSetModeUnknown(t *testing.T) {
	s, err := New(map[string]runner.UpstreamMode{"normal": {}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := s.SetMode("nope"); err == nil {
		t.Error("SetMode(nope): no error")
	}
	if s.Mode() != Normal {
		t.Errorf("Mode = %q after a failed SetMode, want normal", s.Mode())
	}
}

func TestHitsResetOnSetMode(t *testing.T) {
	s := start(t, map[string]runner.UpstreamMode{"normal": {}, "b": {}})
	hc := client(t)
	get(t, hc, s.URL())
	get(t, hc, s.URL())
	if n := s.Hits(); n != 2 {
		t.Errorf("Hits = %d, want 2", n)
	}
	if err := s.SetMode("b"); err != nil {
		t.Fatalf("SetMode: %v", err)
	}
	if n := s.Hits(); n != 0 {
		t.Errorf("Hits after SetMode = %d, want 0", n)
	}
}

func TestCloseEndsDelay(t *testing.T) {
	s := start(t, map[string]runner.UpstreamMode{
		"normal": {Delay: time.Hour, Raw: ptr("never")}})
	hc := client(t)

	answered := make(chan struct{})
	go func() {
		defer close(answered)
		resp, err := hc.Get(s.URL())
		if err == nil {
			resp.Body.Close()
			t.Errorf("GET during a delay cut by Close: status %d, "+
				"want an error", resp.StatusCode)
		}
	}()
	waitFor(t, "the delayed request to arrive", func() bool {
		return s.Hits() == 1
	})

	closed := make(chan struct{})
	go func() {
		defer close(closed)
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}()
	// Close returns only once the delayed handler has returned.
	waitClosed(t, closed, "Close")
	waitClosed(t, answered, "the client")
}

func TestDelayEndsWhenClientLeaves(t *testing.T) {
	s, err := New(map[string]runner.UpstreamMode{
		"normal": {Delay: time.Hour, Raw: ptr("never")}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := httptest.NewRequestWithContext(ctx, "GET", "/", nil)
	rec := httptest.NewRecorder()

	done := make(chan struct{})
	go func() {
		defer close(done)
		s.serveHTTP(rec, r)
	}()
	waitFor(t, "the request to arrive", func() bool { return s.Hits() == 1 })
	cancel()
	waitClosed(t, done, "the delayed handler")
	if rec.Body.Len() != 0 {
		t.Errorf("handler wrote %q after its client left", rec.Body)
	}
}

func TestSetModeDuringRequests(t *testing.T) {
	s := start(t, map[string]runner.UpstreamMode{
		"normal": {Status: 200}, "down": {Status: 503}})
	hc := client(t)

	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := get(t, hc, s.URL())
			if r.status != 200 && r.status != 503 {
				t.Errorf("status = %d, want one of the modes'", r.status)
			}
		}()
		mode := []string{"normal", "down"}[i%2]
		if err := s.SetMode(mode); err != nil {
			t.Errorf("SetMode(%s): %v", mode, err)
		}
	}
	wg.Wait()
}

func TestLifecycle(t *testing.T) {
	s, err := New(map[string]runner.UpstreamMode{"normal": {}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if s.URL() != "" {
		t.Errorf("URL before Start = %q, want empty", s.URL())
	}
	if err := s.Start("127.0.0.1"); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if err := s.Start("127.0.0.1"); err == nil {
		t.Error("second Start: no error")
	}
	for i := range 2 {
		if err := s.Close(); err != nil {
			t.Errorf("Close #%d: %v", i+1, err)
		}
	}
	if err := s.Start("127.0.0.1"); err == nil {
		t.Error("Start after Close: no error")
	}
}

func TestCloseWithoutStart(t *testing.T) {
	s, err := New(map[string]runner.UpstreamMode{"normal": {}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

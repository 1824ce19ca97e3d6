package target

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// buildImpl builds the stand-in implementation of testdata/impl as a
// static binary in dir and returns its path.
func buildImpl(tb testing.TB, dir string) string {
	tb.Helper()
	bin := filepath.Join(dir, "impl")
	cmd := exec.Command("go", "build", "-o", bin, "./testdata/impl")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("building testdata/impl: %v\n%s", err, out)
	}
	return bin
}

// serveUpstream serves GET /ping with body on addr ("host:0") until the
// test ends, and returns its base URL.
func serveUpstream(tb testing.TB, addr, body string) string {
	tb.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		tb.Fatalf("listening on %s: %v", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ping", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, body)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(l)
	tb.Cleanup(func() { srv.Close() })
	return "http://" + l.Addr().String()
}

// get sends a GET and returns the status and body.
func get(tb testing.TB, url string) (int, string) {
	tb.Helper()
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		tb.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("reading GET %s: %v", url, err)
	}
	return resp.StatusCode, string(b)
}

// awaitLine polls the target's logs until a line contains want, for ten
// seconds at most, and returns the lines.
func awaitLine(tb testing.TB, t Target, from time.Time, want string) []string {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		lines := t.Logs(from, time.Now())
		if containsLine(lines, want) {
			return lines
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no log line contains %q; got %q", want, lines)
		}
		<-tick.C
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if strings.Contains(l, want) {
			return true
		}
	}
	return false
}

// startError returns err as a *StartError, or fails the test.
func startError(tb testing.TB, err error) *StartError {
	tb.Helper()
	var e *StartError
	if !errors.As(err, &e) {
		tb.Fatalf("want a *StartError, got %T: %v", err, err)
	}
	return e
}

// stopOnCleanup stops the target when the test ends.
func stopOnCleanup(tb testing.TB, t Target) {
	tb.Helper()
	tb.Cleanup(func() {
		if err := t.Stop(context.Background()); err != nil {
			tb.Errorf("stopping target: %v", err)
		}
	})
}

// awaitExit waits up to ten seconds for the target to say it has ended,
// and returns what it said.
func awaitExit(tb testing.TB, e Exiter) error {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := e.Exited(ctx)
	if err == nil {
		tb.Fatal("the implementation did not exit")
	}
	return err
}

// stillRunning reports whether the target says, within a tenth of a
// second, that it has not ended.
func stillRunning(e Exiter) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	return e.Exited(ctx) == nil
}

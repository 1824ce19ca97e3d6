package harness_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner/harness"
	"github.com/apiconformance/harness/runner/target"
)

// The seed's files, from this package's folder.
const (
	seedContract = "../../specs/seed.yaml"
	seedFixtures = "../../fixtures/seed.yaml"
)

// seedToken is a secret of the seed fixtures.
const seedToken = "ref-admin-token-5d1c0e7a"

// noEnv is an environment with no variable set.
func noEnv(string) (string, bool) { return "", false }

// loadSeed loads the seed contract and fixtures.
func loadSeed(tb testing.TB) *harness.Loaded {
	tb.Helper()
	l, err := harness.Load(context.Background(),
		harness.Options{Fixtures: seedFixtures, Lookup: noEnv})
	if err != nil {
		tb.Fatalf("loading the seed: %v", err)
	}
	return l
}

// writeFile writes text to name in dir and returns its path.
func writeFile(tb testing.TB, dir, name, text string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		tb.Fatalf("writing %s: %v", p, err)
	}
	return p
}

// assertNames fails unless err is an error whose text names file.
func assertNames(tb testing.TB, err error, file string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("no error, want one naming %s", file)
	}
	if !strings.Contains(err.Error(), file) {
		tb.Errorf("error %q does not name %s", err, file)
	}
}

// fakeTarget is a target.Target that starts nothing: Start returns base,
// or a *target.StartError when base is empty. It counts its calls.
type fakeTarget struct {
	base    string
	hostErr error
	lines   []fakeLine // what Logs returns, by their time

	mu     sync.Mutex
	env    target.Env
	starts int
	stops  int
}

func (f *fakeTarget) Host(context.Context) (string, error) {
	if f.hostErr != nil {
		return "", f.hostErr
	}
	return "127.0.0.1", nil
}

func (f *fakeTarget) Start(_ context.Context, env target.Env) (string,
	error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.env, f.starts = env, f.starts+1
	if f.base == "" {
		return "", &target.StartError{Kind: "url", Reason: target.Exited}
	}
	return f.base, nil
}

func (f *fakeTarget) Stop(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stops++
	return nil
}

func (f *fakeTarget) Info() target.Info {
	return target.Info{Kind: "url", URL: f.base}
}

// fakeLine is a line of a fakeTarget's output and when it was read.
type fakeLine struct {
	at   time.Time
	text string
}

func (f *fakeTarget) Logs(from, to time.Time) []string {
	var out []string
	for _, l := range f.lines {
		if !l.at.Before(from) && !l.at.After(to) {
			out = append(out, l.text)
		}
	}
	return out
}

// counts returns how often Start and Stop were called, and the env of
// the last Start.
func (f *fakeTarget) counts() (starts, stops int, env target.Env) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.starts, f.stops, f.env
}

// listening reports whether something accepts connections at base, an
// http:// URL.
func listening(tb testing.TB, base string) bool {
	tb.Helper()
	addr := strings.TrimPrefix(base, "http://")
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

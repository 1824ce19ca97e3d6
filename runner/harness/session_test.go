package harness_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
	"github.com/apiconformance/harness/runner/target"
)

// serveImpl serves a stand-in implementation on 127.0.0.1 that answers
// every request 200 with an empty object and records the paths it was
// asked for.
func serveImpl(tb testing.TB) (*httptest.Server, *pathLog) {
	tb.Helper()
	log := &pathLog{}
	srv := httptest.NewServer(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			log.add(r.URL.Path)
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{}`)
		}))
	tb.Cleanup(srv.Close)
	return srv, log
}

// pathLog is the list of paths a stand-in saw, safe for concurrent use.
type pathLog struct {
	mu    sync.Mutex
	paths []string
}

func (p *pathLog) add(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paths = append(p.paths, s)
}

func (p *pathLog) has(s string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, x := range p.paths {
		if x == s {
			return true
		}
	}
	return false
}

func TestStartFailureStopsEverything(t *testing.T) {
	l := loadSeed(t)
	ft := &fakeTarget{} // Start fails
	s, err := harness.Start(context.Background(), l, ft, nil)
	var se *target.StartError
	if !errors.As(err, &se) || se.Reason != target.Exited {
		t.Fatalf("error = %v, want the target's *StartError", err)
	}
	if s != nil {
		t.Error("a session returned with the error")
	}
	starts, stops, env := ft.counts()
	if starts != 1 || stops < 1 {
		t.Errorf("target started %d, stopped %d times; want 1, >=1",
			starts, stops)
	}
	if env.UpstreamURL == "" || !env.TestControl {
		t.Fatalf("target got env %+v, want the simulator and test control",
			env)
	}
	if listening(t, env.UpstreamURL) {
		t.Errorf("upstream simulator at %s still listens", env.UpstreamURL)
	}
}

func TestStartAndClose(t *testing.T) {
	l := loadSeed(t)
	srv, _ := serveImpl(t)
	ft := &fakeTarget{base: srv.URL}
	s, err := harness.Start(context.Background(), l, ft,
		map[string]string{"LOG_LEVEL": "debug"})
	if err != nil {
		t.Fatalf("starting: %v", err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })

	_, stops, env := ft.counts()
	if stops != 0 {
		t.Errorf("target stopped %d times while the session runs", stops)
	}
	if env.Extra["LOG_LEVEL"] != "debug" {
		t.Errorf("extra env not passed on: %v", env.Extra)
	}
	if !listening(t, env.UpstreamURL) {
		t.Errorf("upstream simulator at %s does not listen",
			env.UpstreamURL)
	}
	if s.BaseURL != srv.URL || s.Engine == nil || s.Engine.Upstream == nil {
		t.Errorf("session base %q, engine %v", s.BaseURL, s.Engine)
	}

	if err := s.Close(context.Background()); err != nil {
		t.Fatalf("closing: %v", err)
	}
	if _, stops, _ = ft.counts(); stops != 1 {
		t.Errorf("target stopped %d times by Close, want 1", stops)
	}
	if listening(t, env.UpstreamURL) {
		t.Errorf("upstream simulator still listens after Close")
	}
	if err := s.Close(context.Background()); err != nil {
		t.Errorf("closing again: %v", err)
	}
}

func TestHostFailureStopsTheTarget(t *testing.T) {
	l := loadSeed(t)
	boom := errors.New("no network")
	ft := &fakeTarget{base: "http://127.0.0.1:1", hostErr: boom}
	if _, err := harness.Start(context.Background(), l, ft,
		nil); !errors.Is(err, boom) {
		t.Fatalf("error = %v, want the Host error", err)
	}
	if starts, stops, _ := ft.counts(); starts != 0 || stops != 1 {
		t.Errorf("target started %d, stopped %d times; want 0, 1",
			starts, stops)
	}
}

// startSeed starts a session of the seed against a stand-in.
func startSeed(tb testing.TB, l *harness.Loaded) (*harness.Session,
	*pathLog) {
	tb.Helper()
	srv, log := serveImpl(tb)
	s, err := harness.Start(context.Background(), l,
		&fakeTarget{base: srv.URL}, nil)
	if err != nil {
		tb.Fatalf("starting: %v", err)
	}
	tb.Cleanup(func() { s.Close(context.Background()) })
	return s, log
}

func TestResultsSkipCasesNeverRun(t *testing.T) {
	l := loadSeed(t)
	s, _ := startSeed(t, l)
	ran := l.Plan.Cases[0]
	res := s.Run(context.Background(), ran)
	if res.Outcome == runner.Skipped {
		t.Fatalf("the case run came back skipped")
	}

	got := s.Results()
	if len(got) != len(l.Plan.Cases) {
		t.Fatalf("%d results for %d cases", len(got), len(l.Plan.Cases))
	}
	for i, r := range got {
		if r.Case.ID != l.Plan.Cases[i].ID {
			t.Errorf("result %d is %s, want plan order", i, r.Case.ID)
		}
		switch {
		case r.Case.ID == ran.ID && r.Outcome != res.Outcome:
			t.Errorf("%s: outcome %s, want the run's %s", r.Case.ID,
				r.Outcome, res.Outcome)
		case r.Case.ID != ran.ID &&
			(r.Outcome != runner.Skipped || r.Reason == ""):
			t.Errorf("%s never ran: outcome %s, reason %q", r.Case.ID,
				r.Outcome, r.Reason)
		}
	}

	// Once every case has a verdict, none is skipped.
	for _, c := range l.Plan.Cases[1:] {
		s.Record(runner.Result{Case: c, Outcome: runner.Untriggered})
	}
	for _, r := range s.Results() {
		if r.Outcome == runner.Skipped {
			t.Errorf("%s skipped after a verdict was recorded", r.Case.ID)
		}
	}
}

func TestStateURL(t *testing.T) {
	other, otherLog := serveImpl(t)
	tests := []struct {
		name  string
		state string
		// path is what the implementation (or other) must be asked for.
		path  string
		other bool
	}{
		{name: "default", state: "", path: harness.DefaultStatePath},
		{name: "a path", state: "ctl/state", path: "/ctl/state"},
		{name: "an absolute URL", state: other.URL + "/elsewhere",
			path: "/elsewhere", other: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := loadSeed(t)
			l.Options.StateURL = tt.state
			s, log := startSeed(t, l)
			var stateCase runner.Case
			for _, c := range l.Plan.Cases {
				if c.Trigger != nil && c.Trigger.State != nil {
					stateCase = c
					break
				}
			}
			s.Run(context.Background(), stateCase)
			seen := log
			if tt.other {
				seen = otherLog
			}
			if !seen.has(tt.path) {
				t.Errorf("no state call to %s", tt.path)
			}
			if tt.other && log.has(tt.path) {
				t.Errorf("state call sent to the implementation")
			}
		})
	}
}

func TestReport(t *testing.T) {
	l := loadSeed(t)
	s, _ := startSeed(t, l)
	r := s.Report("v0.0.0-test")
	if r.Harness != "v0.0.0-test" || r.Target.Kind != "url" ||
		r.Target.URL != s.BaseURL {
		t.Errorf("report harness %q, target %+v", r.Harness, r.Target)
	}
	if r.Contract.Title != l.Contract.Title || r.Contract.SHA256 == "" {
		t.Errorf("report contract %+v", r.Contract)
	}
	if len(r.Results) != len(l.Plan.Cases) {
		t.Errorf("%d results, want %d", len(r.Results), len(l.Plan.Cases))
	}
	if r.Masker.String(seedToken) != runner.Mask {
		t.Error("report masker does not mask the seed's secrets")
	}
	if r.Profile != runner.Strict {
		t.Errorf("profile %q", r.Profile)
	}
}

package engine_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/engine"
	"github.com/apiconformance/harness/runner/statectl"
)

// stateImpl is a stand-in that takes state calls on statePath, answering
// each action with the status given for it (200 when none), and answers
// the operation with a conforming 500. It journals what it sees.
type stateImpl struct {
	tb      testing.TB
	log     journal
	calls   []stateCall
	status  map[string]int // by action
	hangFor string         // an action never answered
}

func (s *stateImpl) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != statePath {
		s.log.add("request " + r.Method + " " + r.URL.Path)
		io.Copy(io.Discard, r.Body)
		answer(w, 500, problem)
		return
	}
	c := decodeState(s.tb, r)
	s.log.add(c.Action)
	s.log.mu.Lock()
	s.calls = append(s.calls, c)
	s.log.mu.Unlock()
	if c.Action == s.hangFor {
		hang(w, r)
		return
	}
	status := s.status[c.Action]
	if status == 0 {
		status = 200
	}
	w.WriteHeader(status)
}

// received returns the state calls seen so far.
func (s *stateImpl) received() []stateCall {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return slices.Clone(s.calls)
}

func TestStateIsSetAroundTheRequest(t *testing.T) {
	s := loadSuite(t)
	impl := &stateImpl{tb: t}
	e := s.newEngine(t, impl)

	res := e.Run(context.Background(), s.caseFor(t, 500))
	assertOutcome(t, res, runner.Passed)
	want := []string{statectl.Setup, "request PUT " + itemPath,
		statectl.Teardown}
	if got := impl.log.all(); !slices.Equal(got, want) {
		t.Fatalf("implementation saw %q, want %q", got, want)
	}
	params := map[string]any{"level": float64(2)}
	calls := impl.received()
	for i, action := range []string{statectl.Setup, statectl.Teardown} {
		c := calls[i]
		if c.State != "broken" || c.Action != action ||
			!reflect.DeepEqual(c.Params, params) {
			t.Errorf("call %d = %+v, want state broken, %s, params %v",
				i, c, action, params)
		}
	}
}

func TestStateFailuresAreErrors(t *testing.T) {
	tests := []struct {
		name string
		impl *stateImpl
		// nilStates leaves the engine without a state client.
		nilStates bool
		timeout   time.Duration
		want      runner.Outcome
		// seen is what the implementation must have seen, in order.
		seen []string
	}{
		{name: "setup and teardown answer 2xx", impl: &stateImpl{},
			want: runner.Passed,
			seen: []string{"setup", "request PUT /items/7", "teardown"}},
		{name: "setup answers 500", want: runner.Error,
			impl: &stateImpl{status: map[string]int{"setup": 500}},
			seen: []string{"setup"}},
		{name: "setup times out", want: runner.Error,
			impl:    &stateImpl{hangFor: "setup"},
			timeout: 100 * time.Millisecond,
			seen:    []string{"setup"}},
		{name: "teardown answers 500", want: runner.Error,
			impl: &stateImpl{status: map[string]int{"teardown": 500}},
			seen: []string{"setup", "request PUT /items/7", "teardown"}},
		{name: "no state client", impl: &stateImpl{}, nilStates: true,
			want: runner.Error, seen: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSuite(t)
			tt.impl.tb = t
			e := s.newEngine(t, tt.impl)
			if tt.timeout > 0 {
				e.States = statectl.New(e.BaseURL+statePath, nil,
					tt.timeout)
			}
			if tt.nilStates {
				e.States = nil
			}

			res := e.Run(context.Background(), s.caseFor(t, 500))
			assertOutcome(t, res, tt.want)
			if got := tt.impl.log.all(); !slices.Equal(got, tt.seen) {
				t.Errorf("implementation saw %q, want %q", got, tt.seen)
			}
			if tt.want == runner.Error && res.Reason == "" {
				t.Error("an error without a reason")
			}
		})
	}
}

// upstreamImpl asks the simulator for its current answer on each request
// and answers 502 when the upstream does not say 200, 200 otherwise.
func upstreamImpl(tb testing.TB, url string, seen *journal) http.Handler {
	tr := &http.Transport{Proxy: nil}
	tb.Cleanup(tr.CloseIdleConnections)
	hc := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, err := hc.Get(url)
		if err != nil {
			tb.Errorf("calling the upstream: %v", err)
			answer(w, 500, problem)
			return
		}
		resp.Body.Close()
		seen.add(fmt.Sprint(resp.StatusCode))
		if resp.StatusCode != 200 {
			answer(w, 502, problem)
			return
		}
		answer(w, 200, goodItem)
	})
}

func TestUpstreamModeHoldsDuringTheRequest(t *testing.T) {
	tests := []struct {
		name   string
		status int
		// seen is the upstream status the implementation got.
		seen string
	}{
		{name: "mode down", status: 502, seen: "503"},
		{name: "no mode: normal", status: 200, seen: "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSuite(t)
			sim := startSimulator(t)
			var seen journal
			e := s.newEngine(t, upstreamImpl(t, sim.URL(), &seen))
			e.Upstream = sim

			res := e.Run(context.Background(), s.caseFor(t, tt.status))
			assertOutcome(t, res, runner.Passed)
			if got := seen.all(); !slices.Equal(got, []string{tt.seen}) {
				t.Errorf("upstream answered %q, want [%s]", got, tt.seen)
			}
			if m := sim.Mode(); m != engine.NormalMode {
				t.Errorf("mode after the case = %q, want %q", m,
					engine.NormalMode)
			}
		})
	}
}

func TestUpstreamSetupFailuresAreErrors(t *testing.T) {
	s := loadSuite(t)
	var hits atomic.Int32
	var upstreamURL atomic.Value // of the simulator the handler calls, if any
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if u, _ := upstreamURL.Load().(string); u != "" {
			if resp, err := http.Get(u + "/members/1"); err == nil {
				resp.Body.Close()
			}
		}
		answer(w, 502, problem)
	})
	unknown := withTrigger(s.caseFor(t, 502), func(tr *runner.Trigger) {
		tr.Upstream = "no-such-mode"
	})

	tests := []struct {
		name   string
		c      runner.Case
		noSim  bool
		deaf   bool // the implementation never calls the simulator
		want   runner.Outcome
		sent   int32
		reason bool
	}{
		{name: "known mode", c: s.caseFor(t, 502), want: runner.Passed,
			sent: 1},
		{name: "known mode, simulator never called", c: s.caseFor(t, 502),
			deaf: true, want: runner.Error, sent: 1, reason: true},
		{name: "unknown mode", c: unknown, want: runner.Error, reason: true},
		{name: "no simulator", c: s.caseFor(t, 502), noSim: true,
			want: runner.Error, reason: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits.Store(0)
			upstreamURL.Store("")
			e := s.newEngine(t, h)
			if !tt.noSim {
				e.Upstream = startSimulator(t)
				if !tt.deaf {
					upstreamURL.Store(e.Upstream.URL())
				}
			}
			res := e.Run(context.Background(), tt.c)
			assertOutcome(t, res, tt.want)
			if n := hits.Load(); n != tt.sent {
				t.Errorf("implementation got %d requests, want %d", n,
					tt.sent)
			}
			if tt.reason != (res.Reason != "") {
				t.Errorf("reason = %q", res.Reason)
			}
			if e.Upstream != nil && e.Upstream.Mode() != engine.NormalMode {
				t.Errorf("mode left at %q", e.Upstream.Mode())
			}
		})
	}
}

func TestBurstSendsUntilTheStatusComes(t *testing.T) {
	tests := []struct {
		name     string
		limitAt  int32 // the first request answered 429; 0 never
		want     runner.Outcome
		attempts int
		rules    []runner.Rule
	}{
		{name: "limited from the 5th request", limitAt: 5,
			want: runner.Passed, attempts: 5, rules: []runner.Rule{}},
		{name: "never limited", limitAt: 0, want: runner.Failed,
			attempts: 8, rules: []runner.Rule{runner.RuleStatus}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSuite(t)
			var n atomic.Int32
			e := s.newEngine(t, http.HandlerFunc(
				func(w http.ResponseWriter, r *http.Request) {
					if i := n.Add(1); tt.limitAt > 0 && i >= tt.limitAt {
						answer(w, 429, problem)
						return
					}
					answer(w, 200, goodItem)
				}))
			c := s.caseFor(t, 429)
			if c.Trigger.Burst.Max != 8 {
				t.Fatalf("burst max = %d, want the fixture's 8",
					c.Trigger.Burst.Max)
			}

			res := e.Run(context.Background(), c)
			assertOutcome(t, res, tt.want)
			if res.Attempts != tt.attempts {
				t.Errorf("attempts = %d, want %d", res.Attempts,
					tt.attempts)
			}
			if got := int(n.Load()); got != tt.attempts {
				t.Errorf("implementation got %d requests, want %d", got,
					tt.attempts)
			}
			if got := rules(res.Violations); !slices.Equal(got, tt.rules) {
				t.Errorf("rules = %v, want %v", got, tt.rules)
			}
		})
	}
}

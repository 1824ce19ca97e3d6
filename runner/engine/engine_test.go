package engine_test

import (
	"context"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/exchange"
)

func TestUntriggeredCaseSendsNothing(t *testing.T) {
	s := loadSuite(t)
	var hits atomic.Int32
	e := s.newEngine(t, http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			answer(w, 200, goodItem)
		}))

	tests := []struct {
		name    string
		status  int
		want    runner.Outcome
		reason  bool
		request int32
	}{
		{name: "untriggered", status: 404, want: runner.Untriggered,
			reason: true, request: 0},
		{name: "triggered", status: 200, want: runner.Passed,
			reason: false, request: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits.Store(0)
			c := s.caseFor(t, tt.status)
			res := e.Run(context.Background(), c)
			assertOutcome(t, res, tt.want)
			if tt.reason && res.Reason != c.Untriggered {
				t.Errorf("reason = %q, want the case's %q", res.Reason,
					c.Untriggered)
			}
			if !tt.reason && res.Reason != "" {
				t.Errorf("reason = %q, want none", res.Reason)
			}
			if n := hits.Load(); n != tt.request {
				t.Errorf("implementation got %d requests, want %d", n,
					tt.request)
			}
			if tt.request == 0 && res.Exchange != nil {
				t.Errorf("exchange recorded for a case never sent")
			}
			if ran := !res.Started.IsZero(); ran != (tt.request > 0) {
				t.Errorf("start time %v for a case with %d requests",
					res.Started, tt.request)
			}
		})
	}
}

func TestResponseIsJudged(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		want  runner.Outcome
		rules []runner.Rule
	}{
		{name: "conforming", body: goodItem, want: runner.Passed,
			rules: []runner.Rule{}},
		{name: "name of the wrong type", body: badItem, want: runner.Failed,
			rules: []runner.Rule{runner.RuleSchema}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSuite(t)
			e := s.newEngine(t, http.HandlerFunc(
				func(w http.ResponseWriter, r *http.Request) {
					answer(w, 200, tt.body)
				}))
			res := e.Run(context.Background(), s.caseFor(t, 200))
			assertOutcome(t, res, tt.want)
			if got := rules(res.Violations); !slices.Equal(got, tt.rules) {
				t.Errorf("rules = %v, want %v", got, tt.rules)
			}
			if res.Attempts != 1 {
				t.Errorf("attempts = %d, want 1", res.Attempts)
			}
			// Regression: the duration was set on a copy, after return.
			if res.Duration <= 0 || res.Started.IsZero() {
				t.Errorf("started %v, duration %v: want both recorded",
					res.Started, res.Duration)
			}
			ex := res.Exchange
			if ex == nil || ex.Response == nil || ex.Response.Status != 200 {
				t.Fatalf("exchange = %+v, want the 200 answer", ex)
			}
			if ex.Request.Method != http.MethodPut {
				t.Errorf("recorded method %q", ex.Request.Method)
			}
		})
	}
}

func TestTransportFailures(t *testing.T) {
	s := loadSuite(t)
	ok := s.newEngine(t, http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			answer(w, 200, goodItem)
		}))

	hung := s.newEngine(t, http.HandlerFunc(hang))
	hung.Client = exchange.New(exchange.Options{
		Timeout: 100 * time.Millisecond})
	t.Cleanup(hung.Client.Close)

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()

	tests := []struct {
		name  string
		run   func() runner.Result
		want  runner.Outcome
		rules []runner.Rule
	}{
		{name: "an answer comes", want: runner.Passed,
			rules: []runner.Rule{},
			run: func() runner.Result {
				return ok.Run(context.Background(), s.caseFor(t, 200))
			}},
		{name: "no answer within the timeout", want: runner.Failed,
			rules: []runner.Rule{runner.RuleTransport},
			run: func() runner.Result {
				return hung.Run(context.Background(), s.caseFor(t, 200))
			}},
		{name: "nothing listens", want: runner.Error,
			rules: []runner.Rule{},
			run: func() runner.Result {
				e := s.engineAt(t, closedURL(t))
				return e.Run(context.Background(), s.caseFor(t, 200))
			}},
		{name: "context cancelled", want: runner.Error,
			rules: []runner.Rule{},
			run: func() runner.Result {
				return ok.Run(cancelled, s.caseFor(t, 200))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.run()
			assertOutcome(t, res, tt.want)
			if got := rules(res.Violations); !slices.Equal(got, tt.rules) {
				t.Errorf("rules = %v, want %v", got, tt.rules)
			}
			if tt.want == runner.Error && res.Reason == "" {
				t.Error("an error without a reason")
			}
			if res.Exchange == nil {
				t.Error("no exchange recorded")
			}
		})
	}
}

package engine_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/check"
	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/engine"
	"github.com/apiconformance/harness/runner/exchange"
	"github.com/apiconformance/harness/runner/fixture"
	"github.com/apiconformance/harness/runner/plan"
	"github.com/apiconformance/harness/runner/statectl"
	"github.com/apiconformance/harness/runner/upstream"
)

// secret is the value of the fixture variable marked secret; the base
// request sends it in x-token.
const secret = "tok-5ecret-81f2"

// itemDoc is the contract of every engine test: one operation with a
// status for each kind of trigger. Item.note has an example, so that a
// differing value gives a warning.
const itemDoc = `openapi: 3.0.3
info: {title: engine test, version: "1"}
paths:
  /items/{id}:
    put:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: the item
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
        "404": {$ref: "#/components/responses/Problem"}
        "429": {$ref: "#/components/responses/Problem"}
        "500": {$ref: "#/components/responses/Problem"}
        "502": {$ref: "#/components/responses/Problem"}
components:
  responses:
    Problem:
      description: what went wrong
      content:
        application/json:
          schema:
            type: object
            required: [error]
            properties:
              error: {type: string}
  schemas:
    Item:
      type: object
      required: [name, note]
      properties:
        name: {type: string}
        note: {type: string, example: a note}
`

// itemFixtures reach each status of itemDoc.
const itemFixtures = `variables:
  token: {value: ` + secret + `, secret: true}
upstream:
  normal: {status: 200, body: {member: true}}
  down: {status: 503, body: {member: false}}
operations:
  PUT /items/{id}:
    request:
      path: {id: "7"}
      headers: {x-token: "${token}"}
      body: {name: pen}
    statuses:
      200: {why: the item exists}
      404: {untriggered: no way to remove an item}
      429: {burst: {max: 8}}
      500: {state: {name: broken, params: {level: 2}}}
      502: {upstream: down}
`

// The bodies the stand-in implementation answers with.
const (
	goodItem = `{"name":"pen","note":"a note"}`
	badItem  = `{"name":7,"note":"a note"}`
	problem  = `{"error":"it went wrong"}`
)

// itemPath is the path the base request is sent to.
const itemPath = "/items/7"

// statePath is where the stand-in takes state calls.
const statePath = "/__state"

// suite is the planned run of itemDoc: its cases by status and what an
// engine needs to judge them.
type suite struct {
	cases   map[int]runner.Case
	checker *check.Checker
	masker  runner.Masker
}

// loadSuite plans itemDoc with itemFixtures.
func loadSuite(tb testing.TB) suite {
	tb.Helper()
	ctx := context.Background()
	c, err := contract.Parse(ctx, "items.yaml", []byte(itemDoc))
	if err != nil {
		tb.Fatalf("parsing contract: %v", err)
	}
	f, err := fixture.Parse("items.fixtures.yaml", []byte(itemFixtures), nil)
	if err != nil {
		tb.Fatalf("parsing fixtures: %v", err)
	}
	p, err := plan.Build(c, f)
	if err != nil {
		tb.Fatalf("planning: %v", err)
	}
	s := suite{cases: map[int]runner.Case{},
		checker: check.New(c.Doc, runner.Strict),
		masker:  runner.NewMasker(f.Secrets()...)}
	for _, cs := range p.Cases {
		s.cases[cs.Status] = cs
	}
	return s
}

// caseFor returns the planned case of status.
func (s suite) caseFor(tb testing.TB, status int) runner.Case {
	tb.Helper()
	c, ok := s.cases[status]
	if !ok {
		tb.Fatalf("no case planned for status %d", status)
	}
	return c
}

// newEngine serves h on 127.0.0.1 for the test and returns an engine
// pointed at it, with a state client on statePath.
func (s suite) newEngine(tb testing.TB, h http.Handler) *engine.Engine {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return s.engineAt(tb, srv.URL)
}

// engineAt returns an engine for the implementation at base.
func (s suite) engineAt(tb testing.TB, base string) *engine.Engine {
	tb.Helper()
	client := exchange.New(exchange.Options{Timeout: 5 * time.Second})
	tb.Cleanup(client.Close)
	return &engine.Engine{
		BaseURL:   base,
		Client:    client,
		Checker:   s.checker,
		Masker:    s.masker,
		States:    statectl.New(base+statePath, nil, 5*time.Second),
		BodyLimit: 4 << 10,
	}
}

// startSimulator starts an upstream simulator with the modes of
// itemFixtures on 127.0.0.1 and closes it when the test ends.
func startSimulator(tb testing.TB) *upstream.Simulator {
	tb.Helper()
	f, err := fixture.Parse("items.fixtures.yaml", []byte(itemFixtures), nil)
	if err != nil {
		tb.Fatalf("parsing fixtures: %v", err)
	}
	sim, err := upstream.New(f.Upstream)
	if err != nil {
		tb.Fatalf("building simulator: %v", err)
	}
	if err := sim.Start("127.0.0.1"); err != nil {
		tb.Fatalf("starting simulator: %v", err)
	}
	tb.Cleanup(func() { sim.Close() })
	return sim
}

// journal records what the stand-in implementation saw, in order. It is
// safe for concurrent use.
type journal struct {
	mu      sync.Mutex
	entries []string
}

func (j *journal) add(s string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries = append(j.entries, s)
}

func (j *journal) all() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.entries)
}

// stateCall is the body of a state call as the stand-in decodes it.
type stateCall struct {
	State  string         `json:"state"`
	Params map[string]any `json:"params"`
	Action string         `json:"action"`
}

// decodeState reads the state call in r, failing the test on a bad one.
func decodeState(tb testing.TB, r *http.Request) stateCall {
	tb.Helper()
	var c stateCall
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
		tb.Errorf("decoding state call: %v", err)
	}
	return c
}

// answer writes a JSON response.
func answer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// hang reads the request and then holds the answer back until the client
// leaves, or a bound the tests never reach.
func hang(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	select {
	case <-r.Context().Done():
	case <-time.After(20 * time.Second):
	}
}

// closedURL returns a base URL on 127.0.0.1 where nothing listens.
func closedURL(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("listening: %v", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

// rules returns the rules of vs, in order.
func rules(vs []runner.Violation) []runner.Rule {
	out := []runner.Rule{}
	for _, v := range vs {
		out = append(out, v.Rule)
	}
	return out
}

// assertOutcome fails the test unless res has outcome want.
func assertOutcome(tb testing.TB, res runner.Result, want runner.Outcome) {
	tb.Helper()
	if res.Outcome != want {
		tb.Errorf("outcome = %s, want %s (reason %q, violations %v)",
			res.Outcome, want, res.Reason, res.Violations)
	}
}

// withTrigger returns c with a copy of its trigger changed by f, so that
// the planned case stays as it was.
func withTrigger(c runner.Case, f func(*runner.Trigger)) runner.Case {
	t := *c.Trigger
	f(&t)
	c.Trigger = &t
	return c
}

// contains reports whether s holds sub, ignoring case.
func contains(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

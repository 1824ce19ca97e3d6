package engine_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/check"
	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/fixture"
	"github.com/apiconformance/harness/runner/plan"
)

// flagDoc misspells the type of its 200 body; its 404 body is sound.
const flagDoc = `openapi: 3.0.3
info: {title: defect test, version: "1"}
paths:
  /flags/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: the flag
          content:
            application/json:
              schema:
                type: object
                properties: {on: {type: booleen}}
        "404":
          description: no such flag
          content:
            application/json:
              schema: {type: object, properties: {error: {type: string}}}
`

const flagFixtures = `operations:
  GET /flags/{id}:
    request: {path: {id: "1"}}
    statuses:
      200: {}
      404: {change: {path: {id: "2"}}}
`

// TestBrokenSchemaIsAnErrorOfTheDocument: a status whose schema cannot
// judge a body ends in error, naming the place, and sends nothing; a
// sound status of the same operation runs as usual.
func TestBrokenSchemaIsAnErrorOfTheDocument(t *testing.T) {
	ctx := context.Background()
	c, err := contract.Parse(ctx, "flags.yaml", []byte(flagDoc))
	if err != nil {
		t.Fatal(err)
	}
	f, err := fixture.Parse("flags.fixtures.yaml", []byte(flagFixtures), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Build(c, f)
	if err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int32
	s := suite{checker: check.New(c.Doc, runner.Strict)}
	e := s.newEngine(t, http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			answer(w, 404, `{"error":"no such flag"}`)
		}))

	tests := []struct {
		status  int
		want    runner.Outcome
		request int32
	}{
		{status: 200, want: runner.Error, request: 0},
		{status: 404, want: runner.Passed, request: 1},
	}
	for i, tt := range tests {
		hits.Store(0)
		cs := p.Cases[i]
		if cs.Status != tt.status {
			t.Fatalf("case %d: status %d, want %d", i, cs.Status, tt.status)
		}
		res := e.Run(ctx, cs)
		assertOutcome(t, res, tt.want)
		if n := hits.Load(); n != tt.request {
			t.Errorf("%d: implementation got %d requests, want %d",
				tt.status, n, tt.request)
		}
		if tt.want != runner.Error {
			continue
		}
		place := "paths./flags/{id}.get.responses.200.content.application/json.schema"
		if !strings.Contains(res.Reason, place) ||
			!strings.Contains(res.Reason, "booleen") {
			t.Errorf("reason %q names neither %s nor the type", res.Reason, place)
		}
		if res.Exchange != nil {
			t.Errorf("exchange recorded for a case never sent")
		}
	}
}

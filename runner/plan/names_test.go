package plan_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/fixture"
	"github.com/apiconformance/harness/runner/plan"
)

func TestPathParameterNotInThePath(t *testing.T) {
	tests := []struct {
		name     string
		fixtures string
		line     int
	}{
		{"in a change", `operations:
  GET /items/{id}:
    request: {path: {id: "7"}}
    statuses:
      200: {}
      404:
        change:
          path:
            id: "8"
            ids: "9"
`, 10},
		{"in the base request", `operations:
  GET /items/{id}:
    request:
      path: {id: "7", item: "8"}
    statuses:
      200: {}
`, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build(t, tt.fixtures)
			var fe *fixture.Error
			if !errors.As(err, &fe) || fe.File != "f.yaml" || fe.Line != tt.line {
				t.Fatalf("got %v, want a fixture error at f.yaml:%d", err, tt.line)
			}
			if !strings.Contains(fe.Msg, "known: id") {
				t.Errorf("error does not list the path's names: %v", err)
			}
		})
	}
}

// TestSeedMisspeltPathParameter is the tester's case: a 404 trigger that
// names grupId kept the base groupId, and the implementation was blamed.
func TestSeedMisspeltPathParameter(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/seed.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), `path: {groupId: "${missingGroupId}"}`,
		`path: {grupId: "x"}`, 1)
	if bad == string(data) {
		t.Fatal("the seed's 404 trigger has changed; update the test")
	}
	c, err := contract.Load(context.Background(), "../../specs/seed.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := fixture.Parse("seed.yaml", []byte(bad), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = plan.Build(c, f)
	var fe *fixture.Error
	if !errors.As(err, &fe) || fe.Line != 68 || !strings.Contains(fe.Msg, "404") {
		t.Fatalf("got %v, want a fixture error at seed.yaml:68 for status 404", err)
	}
}

func TestExpectForNoPlannedStatusIsAWarning(t *testing.T) {
	p, err := build(t, `operations:
  GET /items/{id}:
    request: {path: {id: "7"}}
    expect:
      2xx: {/ok: true}
      404: {/ok: false}
      3xx: {/ok: false}
      503: {/ok: false}
    statuses:
      200: {}
`)
	if err != nil {
		t.Fatal(err)
	}
	var places []string
	for _, w := range p.Warnings {
		if w.Rule != runner.RuleFixture {
			t.Errorf("warning %v: rule %s, want %s", w, w.Rule, runner.RuleFixture)
		}
		places = append(places, w.Place)
	}
	if strings.Join(places, " ") != "f.yaml:7 f.yaml:8" {
		t.Errorf("warnings: got %v, want 3xx and 503 at lines 7 and 8", p.Warnings)
	}
}

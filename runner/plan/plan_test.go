package plan_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/fixture"
	"github.com/apiconformance/harness/runner/plan"
)

func seedPlan(tb testing.TB) plan.Plan {
	tb.Helper()
	c, err := contract.Load(context.Background(), "../../specs/seed.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	f, err := fixture.Load("../../fixtures/seed.yaml", nil)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := plan.Build(c, f)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestSeedPlanCoversEveryStatus(t *testing.T) {
	p := seedPlan(t)
	if len(p.Cases) != 11 {
		t.Fatalf("cases: got %d, want 11", len(p.Cases))
	}
	for _, c := range p.Cases {
		if c.Trigger == nil {
			t.Errorf("%s: untriggered: %s", c.ID, c.Untriggered)
		}
		if c.Defect != "" {
			t.Errorf("%s: defect %s", c.ID, c.Defect)
		}
	}
	if len(p.Warnings) != 0 {
		t.Errorf("warnings: %v", p.Warnings)
	}
}

func TestSeedRequests(t *testing.T) {
	byStatus := map[int]runner.Case{}
	for _, c := range seedPlan(t).Cases {
		byStatus[c.Status] = c
	}
	ok := byStatus[200].Request
	if ok.Path != "/v1/groups/1234/assignAsAdmin" || string(ok.Body) != `{"userId":153}` ||
		ok.ContentType != "application/json" || ok.Method != "PUT" {
		t.Errorf("200 request: %+v body %s", ok, ok.Body)
	}
	if h := byStatus[401].Request.Headers; len(h) != 0 {
		t.Errorf("401 headers not dropped: %v", h)
	}
	if got := byStatus[404].Request.Path; got != "/v1/groups/999999/assignAsAdmin" {
		t.Errorf("404 path: %q", got)
	}
	if got := string(byStatus[400].Request.Body); got != `{"userId": 153` {
		t.Errorf("400 raw body: %q", got)
	}
	if got := byStatus[403].Request.Headers["x-auth-token"]; got != "ref-member-token-93b4f2c8" {
		t.Errorf("403 token: %q", got)
	}
	if e := byStatus[404].Expect; e["/success"] != false {
		t.Errorf("404 expect: %v", e)
	}
	if e := byStatus[200].Expect; e["/success"] != true {
		t.Errorf("200 expect: %v", e)
	}
	serial := 0
	for _, c := range byStatus {
		if c.Serial() {
			serial++
		}
	}
	if serial != 5 {
		t.Errorf("serial cases: got %d, want 5 (429, 500, 502, 503, 504)", serial)
	}
}

const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok}
        "404": {description: missing}
        "500": {description: broken}
        "4XX": {description: any other client error}
`

func build(tb testing.TB, fixtures string) (plan.Plan, error) {
	tb.Helper()
	c, err := contract.Parse(context.Background(), "doc.yaml", []byte(doc))
	if err != nil {
		tb.Fatal(err)
	}
	f, err := fixture.Parse("f.yaml", []byte(fixtures), nil)
	if err != nil {
		tb.Fatal(err)
	}
	return plan.Build(c, f)
}

func TestMissingTriggersAreUntriggeredNotDropped(t *testing.T) {
	p, err := build(t, `operations:
  GET /items/{id}:
    request: {path: {id: "7"}}
    statuses:
      200: {}
      500: {untriggered: no fault switch}
`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{200: "", 404: "the fixtures give no trigger for status 404",
		500: "no fault switch"}
	if len(p.Cases) != 3 {
		t.Fatalf("cases: %d", len(p.Cases))
	}
	for _, c := range p.Cases {
		if c.Untriggered != want[c.Status] {
			t.Errorf("%d: untriggered %q, want %q", c.Status, c.Untriggered, want[c.Status])
		}
	}
}

func TestOperationWithoutFixtures(t *testing.T) {
	p, err := build(t, `operations: {}
`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range p.Cases {
		if c.Trigger != nil || c.Untriggered == "" {
			t.Errorf("%s: %+v", c.ID, c)
		}
	}
}

func TestOperationGivenTwice(t *testing.T) {
	_, err := build(t, `operations:
  GET /items/{id}:
    request: {path: {id: "7"}}
    statuses:
      200: {}
  getItem:
    statuses:
      404: {}
`)
	if err == nil || !strings.Contains(err.Error(), "f.yaml:6: operation GET /items/{id} is given twice") {
		t.Errorf("error %v, want one naming the operation given twice", err)
	}
}

func TestStatusOnlyARangeDocumentsIsAWarning(t *testing.T) {
	p, err := build(t, `operations:
  GET /items/{id}:
    request: {path: {id: "7"}}
    statuses:
      200: {}
      409: {}
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Message, "only by a range") {
		t.Errorf("warnings: %v, want one saying 409 is documented only by a range", p.Warnings)
	}
}

func TestFixturesForAnOperationTheDocumentLacks(t *testing.T) {
	_, err := build(t, `operations:
  GET /items/{id}:
    request: {path: {id: "7"}}
    statuses:
      200: {}
  DELETE /nothing:
    statuses:
      204: {}
`)
	var fe *fixture.Error
	if !errors.As(err, &fe) || fe.File != "f.yaml" || fe.Line != 6 ||
		!strings.Contains(fe.Msg, `"DELETE /nothing"`) || strings.Contains(fe.Msg, "did you mean") {
		t.Errorf("error %v, want one at f.yaml:6 naming DELETE /nothing, and no guess", err)
	}
	_, err = build(t, `operations:
  GET /item/{id}:
    request: {path: {id: "7"}}
    statuses:
      200: {}
`)
	if err == nil || !strings.Contains(err.Error(), `did you mean "GET /items/{id}"?`) {
		t.Errorf("error %v, want a guess at GET /items/{id}", err)
	}
}

func TestUndocumentedStatusFixtureIsAWarning(t *testing.T) {
	p, err := build(t, `operations:
  GET /items/{id}:
    request: {path: {id: "7"}}
    statuses:
      200: {}
      418: {}
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Place != "f.yaml:6" ||
		p.Warnings[0].Rule != runner.RuleFixture {
		t.Errorf("warnings: %v", p.Warnings)
	}
}

func TestPathParameterWithoutValue(t *testing.T) {
	_, err := build(t, `operations:
  GET /items/{id}:
    statuses:
      200: {}
`)
	var fe *fixture.Error
	if !errors.As(err, &fe) || fe.Line != 4 {
		t.Fatalf("got %v, want a fixture error at line 4", err)
	}
}

func TestPathValuesAreEscaped(t *testing.T) {
	p, err := build(t, `operations:
  GET /items/{id}:
    request: {path: {id: "a/b c"}, headers: {X-Token: one}}
    statuses:
      200: {change: {headers: {x-token: two}}}
`)
	if err != nil {
		t.Fatal(err)
	}
	r := p.Cases[0].Request
	if r.Path != "/items/a%2Fb%20c" {
		t.Errorf("path: %q", r.Path)
	}
	if len(r.Headers) != 1 || r.Headers["x-token"] != "two" {
		t.Errorf("headers: %v", r.Headers)
	}
}

func TestCorpusPlans(t *testing.T) {
	c, err := contract.Load(context.Background(), "../../../shared/corpus/user-related-apis-v1.json")
	if err != nil {
		t.Skip("corpus: " + err.Error())
	}
	f, err := fixture.Parse("empty.yaml", []byte("operations: {}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Build(c, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Cases) != 65*11 {
		t.Errorf("cases: got %d, want %d", len(p.Cases), 65*11)
	}
	seen := map[string]bool{}
	for _, cs := range p.Cases {
		if seen[cs.ID] {
			t.Errorf("duplicate case id %s", cs.ID)
		}
		seen[cs.ID] = true
	}
}

// TestOperationKeyAsTheDocumentWritesIt: a fixture key may give the path
// in :name form and the method in any case.
func TestOperationKeyAsTheDocumentWritesIt(t *testing.T) {
	p, err := build(t, `operations:
  get /items/:id:
    request: {path: {id: "7"}}
    statuses:
      200: {}
`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range p.Cases {
		if c.Status == 200 && (c.Trigger == nil || c.Request.Path != "/items/7") {
			t.Errorf("200 not planned from the :id key: %+v", c)
		}
	}
}

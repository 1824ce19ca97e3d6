package contract_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/contract"
)

const seedFile = "../../specs/seed.yaml"

// corpusFile is the real published document shared with the project; tests
// that need it skip where it is absent.
const corpusFile = "../../../shared/corpus/user-related-apis-v1.json"

func TestLoadSeed(t *testing.T) {
	c, err := contract.Load(context.Background(), seedFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Operations) != 1 {
		t.Fatalf("operations: got %d, want 1", len(c.Operations))
	}
	op := c.Operations[0]
	if op.Key != "PUT /v1/groups/{groupId}/assignAsAdmin" {
		t.Errorf("key: got %q", op.Key)
	}
	want := []int{200, 400, 401, 403, 404, 422, 429, 500, 502, 503, 504}
	if !equalInts(op.Statuses, want) {
		t.Errorf("statuses: got %v, want %v", op.Statuses, want)
	}
	if c.Title != "User-related APIs" || len(c.SHA256) != 64 {
		t.Errorf("title %q, sha256 %q", c.Title, c.SHA256)
	}
}

// TestSeedExampleQuirkIsAWarning covers the seed as published: its groupId
// example is the number 1234 under type string, which fails kin-openapi's
// validation. The harness warns, naming the path, and goes on.
func TestSeedExampleQuirkIsAWarning(t *testing.T) {
	c, err := contract.Load(context.Background(), seedFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 1 {
		t.Fatalf("warnings: got %v, want one", c.Warnings)
	}
	w := c.Warnings[0]
	if w.Rule != runner.RuleDocument ||
		w.Place != "paths./v1/groups/{groupId}/assignAsAdmin" {
		t.Errorf("warning: got %+v", w)
	}
}

func TestValidDocumentHasNoWarning(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, example: "7"}}
      responses:
        "200": {description: ok}
        "404": {description: missing}
`
	c := mustParse(t, doc)
	if len(c.Warnings) != 0 {
		t.Errorf("warnings: got %v, want none", c.Warnings)
	}
}

func TestLoadCorpus(t *testing.T) {
	if _, err := os.Stat(corpusFile); err != nil {
		t.Skip("corpus document not present: " + err.Error())
	}
	c, err := contract.Load(context.Background(), corpusFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Operations) != 65 {
		t.Errorf("operations: got %d, want 65", len(c.Operations))
	}
	for _, op := range c.Operations {
		if strings.Contains(op.Path, ":") {
			t.Errorf("%s: colon parameter not normalized", op.Key)
		}
		if len(op.Statuses) != 11 {
			t.Errorf("%s: %d statuses, want 11", op.Key, len(op.Statuses))
		}
	}
	var colon int
	for _, w := range c.Warnings {
		if strings.Contains(w.Message, "written as :name") {
			colon++
		}
	}
	if colon != 3 {
		t.Errorf("colon-path warnings: got %d, want 3 (%v)", colon, c.Warnings)
	}
}

func TestColonPathsAreNormalized(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /notes/:noteId:
    delete:
      parameters:
        - {name: noteId, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: gone}
`
	c := mustParse(t, doc)
	if got := c.Operations[0].Key; got != "DELETE /notes/{noteId}" {
		t.Errorf("key: got %q", got)
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Place != "paths./notes/:noteId" {
		t.Errorf("warnings: got %v", c.Warnings)
	}
}

func TestRangesAreWarnedNotPlanned(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200": {description: ok}
        "4XX": {description: client}
        default: {description: other}
`
	c := mustParse(t, doc)
	op := c.Operations[0]
	if !equalInts(op.Statuses, []int{200}) {
		t.Errorf("statuses: got %v", op.Statuses)
	}
	if len(c.Warnings) != 2 {
		t.Errorf("warnings: got %v, want 2", c.Warnings)
	}
	if !op.Documented(418) {
		t.Error("418 should be documented through 4XX")
	}
}

func TestUnusableDocumentsAreRefused(t *testing.T) {
	tests := []struct {
		name string
		doc  string
	}{
		{"empty", ""},
		{"not yaml", "openapi: [3.0\n  : : x"},
		{"not openapi", "hello: world\n"},
		{"no operations", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"},
		{"broken ref", `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200": {$ref: "#/components/responses/Nope"}
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "bad.yaml")
			_, err := contract.Parse(context.Background(), file, []byte(tt.doc))
			var ce *contract.Error
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want *contract.Error", err)
			}
			if !strings.Contains(err.Error(), file) {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	_, err := contract.Load(context.Background(), "no/such/file.yaml")
	var ce *contract.Error
	if !errors.As(err, &ce) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("got %v", err)
	}
}

func mustParse(tb testing.TB, doc string) *contract.Contract {
	tb.Helper()
	c, err := contract.Parse(context.Background(), "test.yaml", []byte(doc))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDefectWithoutComponents is the regression of a crash: a document
// with no components section and a defect elsewhere made validation
// dereference the missing components.
func TestDefectWithoutComponents(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, example: 1234}}
      responses:
        "200": {description: ok}
`
	c := mustParse(t, doc)
	if len(c.Warnings) != 1 || c.Warnings[0].Place != "paths./items/{id}" {
		t.Errorf("warnings: got %v, want the example defect", c.Warnings)
	}
}

func TestBareDocumentIsRefused(t *testing.T) {
	_, err := contract.Parse(context.Background(), "bare.json", []byte(`{"openapi":"3.0.0"}`))
	var ce *contract.Error
	if !errors.As(err, &ce) {
		t.Fatalf("got %v, want *contract.Error", err)
	}
}

func TestRemoteReferencesAreNotFetched(t *testing.T) {
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200": {$ref: "http://127.0.0.1:1/responses.yaml#/Ok"}
`
	_, err := contract.Parse(context.Background(), "remote.yaml", []byte(doc))
	var ce *contract.Error
	if !errors.As(err, &ce) || !errors.Is(err, contract.ErrRemoteReference) {
		t.Fatalf("got %v, want a refusal of the remote reference", err)
	}
}

func TestLocalReferencesAreRead(t *testing.T) {
	dir := t.TempDir()
	shared := "Ok: {description: ok}\n"
	if err := os.WriteFile(filepath.Join(dir, "responses.yaml"), []byte(shared), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200": {$ref: "responses.yaml#/Ok"}
`
	file := filepath.Join(dir, "doc.yaml")
	c, err := contract.Parse(context.Background(), file, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Operations[0].Statuses; len(got) != 1 || got[0] != 200 {
		t.Errorf("statuses: %v", got)
	}
}

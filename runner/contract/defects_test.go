package contract_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/contract"
)

// brokenDoc has an example defect first in its path item, which is all
// kin-openapi reports of it, and behind it two response schemas that
// cannot judge a body: an unknown type in the 200 body and in a 404
// header. The 500 response is sound.
const brokenDoc = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x/{id}:
    put:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, example: 7}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  success: {type: booleen}
        "404":
          description: missing
          headers:
            X-Trace: {schema: {type: strnig}}
        "500":
          description: broken
          content:
            application/json:
              schema: {type: object, properties: {error: {type: string}}}
`

func TestBrokenResponseSchemasAreEachWarned(t *testing.T) {
	c := mustParse(t, brokenDoc)
	want := map[string]bool{
		"paths./x/{id}": true, // the example, as kin-openapi reports it
		"paths./x/{id}.put.responses.200.content.application/json.schema": true,
		"paths./x/{id}.put.responses.404.headers.X-Trace.schema":          true,
	}
	for _, w := range c.Warnings {
		if w.Rule != runner.RuleDocument || !want[w.Place] {
			t.Errorf("unexpected warning %v", w)
		}
		delete(want, w.Place)
	}
	for place := range want {
		t.Errorf("no warning at %s (got %v)", place, c.Warnings)
	}

	d := c.Operations[0].Defects
	if len(d[200]) != 1 || len(d[404]) != 1 || len(d[500]) != 0 {
		t.Fatalf("defects: got %v, want one each for 200 and 404", d)
	}
	if !strings.Contains(d[200][0].Reason, "booleen") {
		t.Errorf("200 defect: %+v", d[200][0])
	}
}

// TestBrokenSchemaIsWarnedOnce: when the broken schema is the first thing
// kin-openapi finds in the path item, or in the components it comes
// from, the warning at the response is the only one.
func TestBrokenSchemaIsWarnedOnce(t *testing.T) {
	tests := []struct {
		name   string
		doc    string
		places []string
	}{
		{"inline", `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json: {schema: {type: booleen}}
`, []string{"paths./x.get.responses.200.content.application/json.schema"}},
		{"from components", `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200": {$ref: "#/components/responses/Flag"}
        "404": {$ref: "#/components/responses/Flag"}
components:
  responses:
    Flag:
      description: a flag
      content:
        application/json: {schema: {$ref: "#/components/schemas/Flag"}}
  schemas:
    Flag: {type: booleen}
`, []string{
			"paths./x.get.responses.200.content.application/json.schema",
			"paths./x.get.responses.404.content.application/json.schema",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, tt.doc)
			var got []string
			for _, w := range c.Warnings {
				got = append(got, w.Place)
			}
			if strings.Join(got, " ") != strings.Join(tt.places, " ") {
				t.Errorf("warnings: got %v, want one at each of %v", c.Warnings, tt.places)
			}
			if len(c.Operations[0].Defects) != len(tt.places) {
				t.Errorf("defects: %v", c.Operations[0].Defects)
			}
		})
	}
}

// TestWrongExampleIsNoDefect: a response schema whose example breaks it
// still judges bodies; the example is a warning and nothing more.
func TestWrongExampleIsNoDefect(t *testing.T) {
	c := mustParse(t, `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: integer, example: "seven", default: "eight"}
`)
	if len(c.Warnings) != 1 || c.Warnings[0].Place != "paths./x" {
		t.Errorf("warnings: got %v, want the example's alone", c.Warnings)
	}
	if d := c.Operations[0].Defects; d != nil {
		t.Errorf("defects: got %v, want none", d)
	}
}

// TestSoundDocumentsHaveNoDefect covers the seed and the corpus, whose
// only defects are examples, parameters and paths.
func TestSoundDocumentsHaveNoDefect(t *testing.T) {
	files := []string{seedFile}
	if _, err := os.Stat(corpusFile); err == nil {
		files = append(files, corpusFile)
	}
	for _, file := range files {
		c, err := contract.Load(context.Background(), file)
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range c.Operations {
			if op.Defects != nil {
				t.Errorf("%s: %s: defects %v", file, op.Key, op.Defects)
			}
		}
		for _, w := range c.Warnings {
			if strings.Contains(w.Place, ".responses.") {
				t.Errorf("%s: warning %v", file, w)
			}
		}
	}
}

// TestEveryOperationOfAPathIsWarnedAbout: kin-openapi stops at the first
// defect of a path item unless asked for all; every operation's is named.
func TestEveryOperationOfAPathIsWarnedAbout(t *testing.T) {
	c := mustParse(t, `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, example: 1}}
      responses:
        "200": {description: ok}
    delete:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, example: 2}}
      responses:
        "204": {description: gone}
`)
	var got []string
	for _, w := range c.Warnings {
		got = append(got, w.Message)
	}
	joined := strings.Join(got, "\n")
	if len(got) != 2 || !strings.Contains(joined, "invalid operation GET: ") ||
		!strings.Contains(joined, "invalid operation DELETE: ") {
		t.Errorf("warnings:\n%s\nwant one for GET and one for DELETE", joined)
	}
}

package harness_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/engine"
	"github.com/apiconformance/harness/runner/harness"
)

func TestLoadWaivers(t *testing.T) {
	p := loadSeed(t).Plan
	id, other := p.Cases[0].ID, p.Cases[1].ID
	entry := "waivers:\n  - case: " + id + "\n    justification: j\n"
	tests := []struct {
		name string
		text string
		want map[string]engine.Waiver
	}{
		{name: "one waiver", text: entry,
			want: map[string]engine.Waiver{id: {Justification: "j"}}},
		{name: "rules", text: entry + "    rules: [schema, media-type]\n",
			want: map[string]engine.Waiver{id: {Justification: "j",
				Rules: []runner.Rule{runner.RuleSchema,
					runner.RuleMediaType}}}},
		{name: "two cases", text: entry + "  - case: " + other +
			"\n    justification: k\n",
			want: map[string]engine.Waiver{id: {Justification: "j"},
				other: {Justification: "k"}}},
		{name: "no waiver listed", text: "waivers: []\n"},
		{name: "waivers null", text: "waivers:\n"},
		{name: "empty mapping", text: "{}\n"},
		{name: "empty file", text: ""},
		{name: "only comments",
			text: "# waivers:\n#   - case: " + id + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := writeFile(t, t.TempDir(), "waivers.yaml", tt.text)
			got, err := harness.LoadWaivers(file, p)
			if err != nil {
				t.Fatalf("loading waivers: %v", err)
			}
			if tt.want == nil {
				tt.want = map[string]engine.Waiver{}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("waivers = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestWaiverNamesACaseAsTheDocumentDoes: a waiver may name its case by
// operationId and status, or with the path as the document writes it.
func TestWaiverNamesACaseAsTheDocumentDoes(t *testing.T) {
	p := loadSeed(t).Plan
	p.Cases = append([]runner.Case(nil), p.Cases...)
	p.Cases[0].OperationID = "assignAsAdmin"
	c := p.Cases[0]
	for _, name := range []string{
		"assignAsAdmin/" + strconv.Itoa(c.Status),
		"put /v1/groups/:groupId/assignAsAdmin/" + strconv.Itoa(c.Status),
	} {
		file := writeFile(t, t.TempDir(), "waivers.yaml",
			"waivers:\n  - case: "+name+"\n    justification: j\n")
		got, err := harness.LoadWaivers(file, p)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, ok := got[c.ID]; !ok || len(got) != 1 {
			t.Errorf("%s: waivers %v, want one for %s", name, got, c.ID)
		}
	}
	file := writeFile(t, t.TempDir(), "waivers.yaml",
		"waivers:\n  - case: assignAsAdmn/"+strconv.Itoa(c.Status)+"\n    justification: j\n")
	if _, err := harness.LoadWaivers(file, p); err == nil ||
		!strings.Contains(err.Error(), "did you mean") {
		t.Errorf("a misspelt case: %v, want an error with a suggestion", err)
	}
}

func TestLoadWaiversErrors(t *testing.T) {
	p := loadSeed(t).Plan
	id := p.Cases[0].ID
	head := "waivers:\n  - case: " + id + "\n"
	entry := head + "    justification: j\n"
	tests := []struct {
		name string
		text string // "" leaves the file missing
		line int    // where the error points; 0 for none
	}{
		{name: "missing file"},
		{name: "not YAML", text: "waivers: [\n", line: 1},
		{name: "not a mapping", text: "- case: " + id + "\n", line: 1},
		{name: "scalar file", text: "waivers\n", line: 1},
		{name: "unknown top key", text: "\n\nwaiver: []\n", line: 3},
		{name: "waivers not a list", text: "waivers: {}\n", line: 1},
		{name: "waiver not a mapping", text: "waivers:\n  - " + id + "\n",
			line: 2},
		{name: "misspelt key", line: 3,
			text: head + "    justifcation: j\n"},
		{name: "unknown key", line: 4, text: entry + "    until: 2027\n"},
		{name: "key twice", line: 4, text: entry + "    justification: k\n"},
		{name: "no case", line: 2, text: "waivers:\n  - justification: j\n"},
		{name: "case not a value", line: 2,
			text: "waivers:\n  - case: [a]\n    justification: j\n"},
		{name: "no justification", line: 2, text: head},
		{name: "blank justification", line: 2,
			text: head + "    justification: '  '\n"},
		{name: "null justification", line: 2,
			text: head + "    justification:\n"},
		{name: "unknown case", line: 3,
			text: "waivers:\n\n  - case: GET /nowhere/200\n" +
				"    justification: gone\n"},
		{name: "case twice", line: 4,
			text: entry + "  - case: " + id + "\n    justification: k\n"},
		{name: "rules not a list", line: 4,
			text: entry + "    rules: schema\n"},
		{name: "rules empty", line: 4, text: entry + "    rules: []\n"},
		{name: "unknown rule", line: 6,
			text: entry + "    rules:\n      - schema\n      - scheme\n"},
		{name: "warning rule", line: 4,
			text: entry + "    rules: [example]\n"},
		{name: "rule not a name", line: 4,
			text: entry + "    rules: [[schema]]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "waivers.yaml")
			if tt.text != "" {
				file = writeFile(t, dir, "waivers.yaml", tt.text)
			}
			got, err := harness.LoadWaivers(file, p)
			assertNames(t, err, file)
			if got != nil {
				t.Errorf("waivers %v beside the error", got)
			}
			var we *harness.WaiverError
			if !errors.As(err, &we) {
				t.Fatalf("error %v is not a *harness.WaiverError", err)
			}
			if we.File != file || we.Line != tt.line {
				t.Errorf("error at %s:%d, want %s:%d (%v)", we.File,
					we.Line, file, tt.line, err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q spans more than one line", err)
			}
		})
	}
}

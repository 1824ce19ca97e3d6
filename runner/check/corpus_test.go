package check

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// corpusFile is the real published document shared with the project.
const corpusFile = "../../../shared/corpus/user-related-apis-v1.json"

// TestCorpusOneOfBranches judges GET /v1/goals/estimate of the corpus,
// whose day amount is oneOf a string and an integer: each value is held
// to the branch it is of.
func TestCorpusOneOfBranches(t *testing.T) {
	if _, err := os.Stat(corpusFile); err != nil {
		t.Skip("corpus document not present: " + err.Error())
	}
	doc, err := openapi3.NewLoader().LoadFromFile(corpusFile)
	if err != nil {
		t.Fatalf("loading the corpus: %v", err)
	}
	c := New(doc, runner.Strict)
	day := func(amount string) string {
		return `{"success": true, "data": {"week": [{"date": ` +
			`"2023-01-21T07:28:13.023Z", "amount": ` + amount + `}]}}`
	}
	tests := []struct {
		name, body string
		want       []string
		warns      bool
	}{
		{name: "string branch as its example", body: day(`"1:5-1:10"`)},
		{name: "integer branch", body: day(`600`)},
		{name: "integer branch written with a fraction", body: day(`600.0`),
			want: []string{"strict.integer /data/week/0/amount"}},
		{name: "string branch off its example", body: day(`"2:1-2:3"`),
			warns: true},
		{name: "neither branch", body: day(`true`),
			want: []string{"schema /data/week/0/amount"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, ws := mustCheck(t, c, Input{Method: "GET",
				Path: "/v1/goals/estimate", Expected: 200, Status: 200,
				Header: headers("Content-Type", "application/json"),
				Body:   []byte(tt.body)})
			if got := found(vs); !slices.Equal(got, tt.want) {
				t.Errorf("violations %q, want %q", got, tt.want)
			}
			amountWarned := slices.ContainsFunc(ws, func(w runner.Warning) bool {
				return strings.HasSuffix(w.Place, "/amount")
			})
			if amountWarned != tt.warns {
				t.Errorf("warned of the amount: %v, want %v (%v)",
					amountWarned, tt.warns, ws)
			}
		})
	}
}

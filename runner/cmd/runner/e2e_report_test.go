package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// jsonReport is the part of report.json the tests read.
type jsonReport struct {
	Summary map[string]int `json:"summary"`
	Cases   []jsonCase     `json:"cases"`
}

// jsonCase is one case of report.json.
type jsonCase struct {
	ID         string `json:"id"`
	Status     int    `json:"status"`
	Outcome    string `json:"outcome"`
	Violations []struct {
		Rule string `json:"rule"`
	} `json:"violations"`
	Logs []string `json:"logs"`
}

// wantOwnLogLine fails unless the case carries a log line of the
// reference that names it, and none that names another case.
func wantOwnLogLine(tb testing.TB, c jsonCase) {
	tb.Helper()
	own := false
	for _, l := range c.Logs {
		own = own || strings.Contains(l, `case="`+c.ID+`"`)
		if strings.Contains(l, "case=") && !strings.Contains(l, c.ID) {
			tb.Errorf("case %s carries a line of another case: %q", c.ID, l)
		}
	}
	if !own {
		tb.Errorf("case %s carries no log line naming it: %q", c.ID, c.Logs)
	}
}

// readReport parses dir/report.json.
func readReport(tb testing.TB, dir string) jsonReport {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		tb.Fatalf("reading report.json: %v", err)
	}
	var rep jsonReport
	if err := json.Unmarshal(data, &rep); err != nil {
		tb.Fatalf("parsing report.json: %v", err)
	}
	return rep
}

// outcomes maps each status of the report to its case's outcome.
func (r jsonReport) outcomes() map[int]string {
	out := make(map[int]string, len(r.Cases))
	for _, c := range r.Cases {
		out[c.Status] = c.Outcome
	}
	return out
}

// byOutcome lists the statuses whose outcome is outcome, in order.
func (r jsonReport) byOutcome(outcome string) []string {
	var out []string
	for _, c := range r.Cases {
		if c.Outcome == outcome {
			out = append(out, strconv.Itoa(c.Status))
		}
	}
	sort.Strings(out)
	return out
}

// wantOutcomes fails unless the report holds n cases and the statuses
// with each named outcome are exactly the ones given, comma-separated;
// every other case must have the outcome rest.
func wantOutcomes(tb testing.TB, r jsonReport, n int, rest string,
	want map[string]string) {
	tb.Helper()
	if len(r.Cases) != n {
		tb.Fatalf("report has %d cases, want %d", len(r.Cases), n)
	}
	named := map[int]bool{}
	for outcome, statuses := range want {
		got := strings.Join(r.byOutcome(outcome), ",")
		if got != statuses {
			tb.Errorf("statuses %s: %q, want %q", outcome, got, statuses)
		}
		for _, s := range strings.Split(statuses, ",") {
			st, _ := strconv.Atoi(s)
			named[st] = true
		}
	}
	for st, outcome := range r.outcomes() {
		if !named[st] && outcome != rest {
			tb.Errorf("status %d: outcome %q, want %q", st, outcome, rest)
		}
	}
}

// junitCount parses dir/junit.xml and counts its test cases.
func junitCount(tb testing.TB, dir string) int {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "junit.xml"))
	if err != nil {
		tb.Fatalf("reading junit.xml: %v", err)
	}
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		tb.Fatalf("parsing junit.xml: %v", err)
	}
	n := 0
	for _, s := range doc.Suites {
		n += len(s.Cases)
	}
	return n
}

// remoteAsset finds a stylesheet or script the page loads over the
// network, which a report opened offline could not show.
var remoteAsset = regexp.MustCompile(`(?is)<(?:link|script)\b[^>]*` +
	`\b(?:href|src)\s*=\s*["']?(?:https?:)?//|@import[^;]*(?:https?:)?//`)

// externalRefs returns the page's references to remote assets.
func externalRefs(html string) []string {
	return remoteAsset.FindAllString(html, -1)
}

func TestExternalRefs(t *testing.T) {
	tests := []struct {
		name string
		html string
		want int
	}{
		{name: "inline style and script", want: 0,
			html: `<style>p{}</style><script>x()</script>` +
				`<a href="http://127.0.0.1/x">link</a>`},
		{name: "remote stylesheet", want: 1,
			html: `<link rel="stylesheet" href="https://cdn.example/a.css">`},
		{name: "remote script", want: 1,
			html: `<script src='http://cdn.example/a.js'></script>`},
		{name: "protocol-relative script", want: 1,
			html: `<script src="//cdn.example/a.js"></script>`},
		{name: "css import", want: 1,
			html: `<style>@import url("https://cdn.example/a.css");</style>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := externalRefs(tt.html); len(got) != tt.want {
				t.Errorf("externalRefs = %q, want %d", got, tt.want)
			}
		})
	}
}

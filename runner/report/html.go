package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/apiconformance/harness/runner"
)

//go:embed report.html.tmpl
var htmlSource string

// WriteHTML writes run as one self-contained HTML page: inline CSS, no
// script, nothing fetched from any address. Every value from the run is
// escaped by html/template, and the page forbids scripts and loads through
// its Content-Security-Policy should anything slip through.
func WriteHTML(w io.Writer, run Run) error {
	return emit(w, run, func(b *bytes.Buffer, run Run) error {
		t, err := template.New("report").Parse(htmlSource)
		if err != nil {
			return fmt.Errorf("parsing html template: %w", err)
		}
		if err := t.Execute(b, newHTMLView(run)); err != nil {
			return fmt.Errorf("rendering html: %w", err)
		}
		return nil
	})
}

// htmlView is what the template renders; every string in it is clean.
type htmlView struct {
	Contract  Contract
	Target    string
	Harness   string
	Profile   string
	Started   string
	Duration  string
	Counts    []htmlCount
	Breakdown string
	Line      string
	Statuses  []int
	Rows      []htmlRow
	Warnings  []string
	Cases     []htmlCase
}

type htmlCount struct {
	Outcome string
	N       int
}

type htmlRow struct {
	Operation string
	Cells     []htmlCell
}

// htmlCell is one cell of the matrix; an empty Links means the status is
// not documented for the operation.
type htmlCell struct {
	Outcome string
	Links   []htmlLink
}

type htmlLink struct {
	Anchor string
	Word   string
	Title  string
}

type htmlCase struct {
	Anchor      string
	ID          string
	Name        string
	Outcome     string
	TriggerKind string
	Why         string
	Trigger     string // the trigger as indented JSON
	Reason      string
	Attempts    int
	Duration    string
	Violations  []runner.Violation
	Warnings    []string
	Curl        string
	Request     *htmlMessage
	Response    *htmlMessage
	Logs        string
}

// htmlMessage is a recorded request or response.
type htmlMessage struct {
	Line      string
	Headers   []string
	Body      string
	Truncated bool
}

func newHTMLView(run Run) htmlView {
	s := Summarize(run)
	v := htmlView{
		Contract: Contract{Title: clean(run.Contract.Title),
			Version: clean(run.Contract.Version),
			Path:    clean(run.Contract.Path),
			SHA256:  clean(run.Contract.SHA256)},
		Target:    clean(targetText(run.Target)),
		Harness:   clean(run.Harness),
		Profile:   clean(string(run.Profile)),
		Duration:  run.Duration.Round(time.Millisecond).String(),
		Breakdown: s.Breakdown(),
		Line:      s.Line(),
	}
	if !run.Started.IsZero() {
		v.Started = run.Started.UTC().Format(time.RFC3339)
	}
	for _, o := range outcomes() {
		v.Counts = append(v.Counts, htmlCount{o.String(), s.Count(o)})
	}
	for _, w := range run.Warnings {
		v.Warnings = append(v.Warnings, clean(w.String()))
	}

	anchors := newAnchors()
	for _, r := range run.Results {
		r = runner.MapStrings(r, clean)
		v.Cases = append(v.Cases, newHTMLCase(r, anchors.next(r.Case.ID)))
	}

	m := buildMatrix(run.Results)
	v.Statuses = m.Statuses
	for _, row := range m.Rows {
		hr := htmlRow{Operation: clean(row.Operation)}
		for _, c := range row.Cells {
			hc := htmlCell{Outcome: "none"}
			if c.Documented() {
				hc.Outcome = c.Outcome.String()
			}
			for _, i := range c.Cases {
				hc.Links = append(hc.Links, htmlLink{Anchor: v.Cases[i].Anchor,
					Word:  shortWord(run.Results[i].Outcome),
					Title: v.Cases[i].Name})
			}
			hr.Cells = append(hr.Cells, hc)
		}
		v.Rows = append(v.Rows, hr)
	}
	return v
}

func newHTMLCase(r runner.Result, anchor string) htmlCase {
	c := htmlCase{
		Anchor:      anchor,
		ID:          r.Case.ID,
		Name:        caseName(r.Case),
		Outcome:     r.Outcome.String(),
		TriggerKind: r.Case.TriggerKind(),
		Why:         r.Case.Untriggered,
		Reason:      r.Reason,
		Attempts:    r.Attempts,
		Duration:    r.Duration.Round(time.Millisecond).String(),
		Violations:  r.Violations,
		Logs:        logsText(r.Logs),
	}
	if t := r.Case.Trigger; t != nil {
		c.Why = t.Why
		if b, err := json.MarshalIndent(t, "", "  "); err == nil {
			c.Trigger = string(b)
		}
	}
	for _, w := range r.Warnings {
		c.Warnings = append(c.Warnings, w.String())
	}
	if e := r.Exchange; e != nil {
		c.Curl, _ = cut(e.Curl, BodyLimit)
		q := e.Request
		c.Request = newHTMLMessage(q.Method+" "+q.URL, q.Headers, q.Body,
			false)
		if p := e.Response; p != nil {
			c.Response = newHTMLMessage(fmt.Sprint(p.Status), p.Headers,
				p.Body, p.Truncated)
		}
	}
	return c
}

func newHTMLMessage(line string, headers map[string][]string, body string,
	truncated bool) *htmlMessage {
	m := &htmlMessage{Line: line, Truncated: truncated}
	for _, k := range slices.Sorted(maps.Keys(headers)) {
		for _, v := range headers[k] {
			m.Headers = append(m.Headers, k+": "+v)
		}
	}
	var cutHere bool
	m.Body, cutHere = cut(body, BodyLimit)
	m.Truncated = m.Truncated || cutHere
	return m
}

// anchors hands out fragment identifiers made from case ids, unique
// within one page and safe in any URL.
type anchors struct{ used map[string]bool }

func newAnchors() *anchors { return &anchors{used: map[string]bool{}} }

func (a *anchors) next(id string) string {
	var b strings.Builder
	b.WriteString("case")
	dash := true
	for _, r := range strings.ToLower(id) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		switch {
		case ok:
			if dash {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	base, name := b.String(), b.String()
	for n := 2; a.used[name]; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	a.used[name] = true
	return name
}

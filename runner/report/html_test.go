package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/apiconformance/harness/runner"
)

// page renders run as HTML and returns the text and its parsed tree.
func page(tb testing.TB, run Run) (string, *html.Node) {
	tb.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, run); err != nil {
		tb.Fatalf("WriteHTML: %v", err)
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		tb.Fatalf("parsing html: %v", err)
	}
	return b.String(), doc
}

// elements returns every element of the tree named tag, in order.
func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			out = append(out, d)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// reachesOut lists what in a page would load from elsewhere: elements
// that fetch, attributes with an address, styles that import.
func reachesOut(doc *html.Node) []string {
	var found []string
	for d := range doc.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		switch d.Data {
		case "script", "link", "img", "iframe", "object", "embed":
			found = append(found, "<"+d.Data+">")
		case "style":
			css := d.FirstChild.Data
			if strings.Contains(css, "@import") || strings.Contains(css, "url(") {
				found = append(found, "style "+css)
			}
		}
		for _, a := range d.Attr {
			if a.Key == "src" || a.Key == "href" && !strings.HasPrefix(a.Val, "#") {
				found = append(found, d.Data+" "+a.Key+"="+a.Val)
			}
		}
	}
	return found
}

func TestHTMLIsSelfContained(t *testing.T) {
	tests := []struct {
		name string
		run  Run
	}{
		{name: "sample", run: sampleRun(t)},
		{name: "hostile", run: hostileRun(t)},
		{name: "empty", run: Run{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, doc := page(t, tt.run)
			if found := reachesOut(doc); len(found) > 0 {
				t.Errorf("page reaches out: %q", found)
			}
			low := strings.ToLower(text)
			for _, s := range []string{"<link", "<script", "@import", "url("} {
				if strings.Contains(low, s) {
					t.Errorf("page text holds %q", s)
				}
			}
		})
	}
}

// TestHTMLCheckFindsExternalLinks shows that reachesOut fires on pages
// that do load from elsewhere.
func TestHTMLCheckFindsExternalLinks(t *testing.T) {
	tests := []struct {
		name string
		page string
	}{
		{name: "stylesheet", page: `<link rel="stylesheet" href="https://cdn.example/x.css">`},
		{name: "script", page: `<script src="http://x.example/a.js"></script>`},
		{name: "import", page: `<style>@import "https://x.example/f.css";</style>`},
		{name: "font", page: `<style>p { background: url(x.png) }</style>`},
		{name: "external link", page: `<a href="https://x.example/">x</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if len(reachesOut(doc)) == 0 {
				t.Errorf("reachesOut misses %s", tt.page)
			}
		})
	}
}

func TestHTMLMatrixLinksToCases(t *testing.T) {
	run := sampleRun(t)
	_, doc := page(t, run)

	ids := map[string]bool{}
	for _, s := range elements(doc, "section") {
		ids[attr(s, "id")] = true
	}
	if len(ids) != len(run.Results) {
		t.Errorf("%d case sections, want %d", len(ids), len(run.Results))
	}

	table := elements(doc, "table")[0]
	words := map[string]bool{}
	links := 0
	for _, a := range elements(table, "a") {
		links++
		if !ids[strings.TrimPrefix(attr(a, "href"), "#")] {
			t.Errorf("cell links to %q, no such case", attr(a, "href"))
		}
		words[a.FirstChild.Data] = true
	}
	if links != len(run.Results) {
		t.Errorf("%d links in the matrix, want %d", links, len(run.Results))
	}
	for _, o := range outcomes() {
		if !words[shortWord(o)] {
			t.Errorf("matrix lacks the word %q", shortWord(o))
		}
	}

	// Each cell carries its outcome's class, which gives it its colour.
	classes := map[string]int{}
	for _, td := range elements(table, "td") {
		classes[strings.TrimPrefix(attr(td, "class"), "cell ")]++
	}
	for _, o := range outcomes() {
		if classes[o.String()] == 0 {
			t.Errorf("no cell of class %q", o)
		}
	}
	if classes["none"] != 8 {
		t.Errorf("%d undocumented cells, want 8", classes["none"])
	}
}

func TestHTMLEscapesHostileText(t *testing.T) {
	text, doc := page(t, hostileRun(t))
	if strings.Contains(text, "<script>") || strings.Contains(text, "\x00") {
		t.Error("hostile text reached the page unescaped")
	}

	// The body comes back, as text, inside the response's <pre>.
	found := false
	for _, p := range elements(doc, "pre") {
		if p.FirstChild != nil && strings.Contains(p.FirstChild.Data,
			"</pre><script>alert(1)</script>") {
			found = true
		}
	}
	if !found {
		t.Error("no <pre> holds the hostile body as text")
	}
}

func TestHTMLShowsCaseDetails(t *testing.T) {
	run := sampleRun(t)
	text, _ := page(t, run)
	for _, want := range []string{
		run.Contract.SHA256, "0.1.0", "curl -X PUT",
		string(runner.RuleStrictUndeclared), "setting state: connection refused",
		"3 passed, 1 failed, 1 error, 1 untriggered, 1 waived, 1 skipped",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

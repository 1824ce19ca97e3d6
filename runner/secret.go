package runner

import (
	"fmt"
	"html"
	"net/url"
	"sort"
	"strings"
	"unicode/utf16"
)

// Mask is the text that stands in for a secret value in every output.
const Mask = "****"

// Masker replaces secret values wherever they appear in text. Its zero value
// masks nothing. A Masker is safe for concurrent use once built.
type Masker struct {
	r *strings.Replacer
}

// NewMasker returns a Masker for the given secret values. Empty values are
// ignored; longer values are replaced first so that one secret containing
// another is masked whole. Each value is also masked in the forms an
// implementation may echo it in: JSON-escaped (with or without HTML
// characters escaped, with "\/", or every character as \u00XX),
// URL-escaped, HTML-escaped.
func NewMasker(secrets ...string) Masker {
	seen := map[string]bool{}
	var vals []string
	for _, s := range secrets {
		for _, v := range spellings(s) {
			if v != "" && !seen[v] {
				seen[v] = true
				vals = append(vals, v)
			}
		}
	}
	if len(vals) == 0 {
		return Masker{}
	}
	sort.Slice(vals, func(i, j int) bool { return len(vals[i]) > len(vals[j]) })
	pairs := make([]string, 0, 2*len(vals))
	for _, v := range vals {
		pairs = append(pairs, v, Mask)
	}
	return Masker{r: strings.NewReplacer(pairs...)}
}

// spellings returns s and the escaped forms it can take in a body, a URL
// or a page: as Go, PHP, Python and JavaScript write them.
func spellings(s string) []string {
	out := []string{s, strings.ReplaceAll(s, "/", `\/`), url.QueryEscape(s),
		url.PathEscape(s), html.EscapeString(s), htmlNamed.Replace(s)}
	for _, f := range []jsonStyle{0, escapeHTML, escapeSolidus,
		escapeHTML | escapeSolidus} {
		out = append(out, jsonString(s, f), jsonString(s, f|escapeNonASCII))
	}
	var lower, upper strings.Builder
	for _, r := range s {
		if r > 0xffff {
			return out // astral runes take surrogate pairs; not worth it
		}
		fmt.Fprintf(&lower, `\u%04x`, r)
		fmt.Fprintf(&upper, `\u%04X`, r)
	}
	return append(out, lower.String(), upper.String())
}

// htmlNamed escapes HTML as Python's html.escape does, with &quot; and
// &#x27; where Go writes &#34; and &#39;.
var htmlNamed = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;",
	`"`, "&quot;", "'", "&#x27;")

// jsonStyle says which characters a JSON writer escapes beyond the quote,
// the backslash and control characters, which all of them do.
type jsonStyle int

const (
	escapeHTML     jsonStyle = 1 << iota // <, > and & as \u003c (Go)
	escapeSolidus                        // / as \/ (PHP)
	escapeNonASCII                       // é as \u00e9 (Python, PHP)
)

// jsonString returns the inside of s as a JSON string written in style f.
func jsonString(s string, f jsonStyle) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20,
			f&escapeHTML != 0 && (r == '<' || r == '>' || r == '&'),
			f&escapeNonASCII != 0 && r > 0x7f && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case f&escapeNonASCII != 0 && r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		case r == '/' && f&escapeSolidus != 0:
			b.WriteString(`\/`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// String returns s with every secret replaced by Mask.
func (m Masker) String(s string) string {
	if m.r == nil {
		return s
	}
	return m.r.Replace(s)
}

package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"sort"
	"strings"
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
// or a page.
func spellings(s string) []string {
	out := []string{s, strings.ReplaceAll(s, "/", `\/`), url.QueryEscape(s),
		url.PathEscape(s), html.EscapeString(s)}
	// JSON as Go writes it (<, > and & as \u003c and so on) and as most
	// other writers do, leaving them be.
	if b, err := json.Marshal(s); err == nil {
		out = append(out, string(b[1:len(b)-1]))
	}
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	if enc.Encode(s) == nil {
		b := bytes.TrimSuffix(plain.Bytes(), []byte("\n"))
		out = append(out, string(b[1:len(b)-1]))
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

// String returns s with every secret replaced by Mask.
func (m Masker) String(s string) string {
	if m.r == nil {
		return s
	}
	return m.r.Replace(s)
}

package runner

import (
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
// another is masked whole.
func NewMasker(secrets ...string) Masker {
	vals := make([]string, 0, len(secrets))
	for _, s := range secrets {
		if s != "" {
			vals = append(vals, s)
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

// String returns s with every secret replaced by Mask.
func (m Masker) String(s string) string {
	if m.r == nil {
		return s
	}
	return m.r.Replace(s)
}

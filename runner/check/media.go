package check

import (
	"mime"
	"strings"

	"github.com/apiconformance/harness/runner"
)

// mediaType checks the Content-Type against the media types the response
// documents and returns the matching one, nil when none matches or the
// response documents no content. Parameters such as charset are allowed.
func (j *judgement) mediaType(r *response) *mediaType {
	if len(r.content) == 0 {
		return nil
	}
	raw := j.in.Header.Get("Content-Type")
	if raw == "" {
		// With no body there is nothing to label; body.empty tells the rest.
		if len(j.in.Body) > 0 {
			j.violate(runner.RuleMediaType, "", "one of "+r.media,
				"no Content-Type", "")
		}
		return nil
	}
	base, _, err := mime.ParseMediaType(raw)
	if err != nil {
		j.violate(runner.RuleMediaType, "", "one of "+r.media,
			quote(raw), "parsing Content-Type: "+err.Error())
		return nil
	}
	j.base = base
	mt := r.content.Get(base)
	if mt == nil {
		j.violate(runner.RuleMediaType, "", "one of "+r.media, base, "")
		return nil
	}
	return r.mediaTypes[mt]
}

// isJSON reports whether a media type, parsed and lower case, names JSON:
// application/json or any type with the +json suffix.
func isJSON(base string) bool {
	return base == "application/json" || strings.HasSuffix(base, "+json")
}

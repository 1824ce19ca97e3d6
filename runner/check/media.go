package check

import (
	"mime"
	"strings"

	"github.com/apiconformance/harness/runner"
)

// mediaType checks the Content-Type against the media types the response
// documents and returns the matching one, nil when none matches or the
// response documents no content. Parameters such as charset are allowed,
// but a JSON media type that names a charset must name UTF-8: JSON exchanged
// between systems is UTF-8 (RFC 8259, section 8.1). A response carries one
// Content-Type at most.
func (j *judgement) mediaType(r *response) *mediaType {
	if values := j.in.Header.Values("Content-Type"); len(values) > 1 {
		// Which one the client heeds is anyone's guess: judge no body.
		j.violate(runner.RuleMediaType, "", "one Content-Type",
			quote(strings.Join(values, ", ")), "")
		return nil
	}
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
	base, params, err := mime.ParseMediaType(raw)
	if err != nil {
		j.violate(runner.RuleMediaType, "", "one of "+r.media,
			quote(raw), "parsing Content-Type: "+err.Error())
		return nil
	}
	mt := r.content.Get(base)
	if mt == nil {
		j.violate(runner.RuleMediaType, "", "one of "+r.media, base, "")
	}
	if cs, named := params["charset"]; isJSON(base) && named &&
		!strings.EqualFold(cs, "utf-8") {
		// The bytes are not UTF-8 JSON: only the media type check speaks.
		j.violate(runner.RuleMediaType, "", base+" in UTF-8",
			"charset="+quote(cs), "JSON must be UTF-8 (RFC 8259, 8.1)")
		return nil
	}
	j.base = base
	if mt == nil {
		return nil
	}
	return r.mediaTypes[mt]
}

// isJSON reports whether a media type, parsed and lower case, names JSON:
// application/json or any type with the +json suffix.
func isJSON(base string) bool {
	return base == "application/json" || strings.HasSuffix(base, "+json")
}

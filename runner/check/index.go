package check

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// opKey names an operation: upper-case method and template path.
type opKey struct{ method, path string }

// operation is what New prepares of one operation so that Check only looks
// things up.
type operation struct {
	// responses is keyed as the document keys them: "200", "4XX", "default".
	responses map[string]*response
	// codes, classes and fallback index the same responses for lookup by
	// status: exact code, then range (classes[4] is "4XX"), then default.
	codes    map[int]*response
	classes  [6]*response
	fallback *response
	// documented lists those keys for people: codes, ranges, default.
	documented string
}

// response is one documented response, prepared.
type response struct {
	content openapi3.Content
	// media lists the documented media ranges for people, sorted.
	media string
	// mediaTypes holds the prepared form of each entry of content.
	mediaTypes map[*openapi3.MediaType]*mediaType
	headers    []header
}

// mediaType is one documented media type of a response.
type mediaType struct {
	schema *openapi3.Schema // nil when the media type has no schema
	view   *view            // nil when schema is
}

// header is one documented response header.
type header struct {
	name     string
	required bool
	// expects renders the header's schema type for people: "type integer".
	expects string
	// route holds an operation with this header alone, so that kin's
	// validation, which stops at the first bad header, judges each one.
	route *routers.Route
}

// indexOperations prepares every operation of doc, sharing one view per
// schema across them.
func indexOperations(doc *openapi3.T) map[opKey]*operation {
	ops := map[opKey]*operation{}
	views := map[*openapi3.Schema]*view{}
	if doc.Paths == nil {
		return ops
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := opKey{strings.ToUpper(method), path}
			ops[key] = indexOperation(doc, key, item, op, views)
		}
	}
	return ops
}

func indexOperation(doc *openapi3.T, key opKey, item *openapi3.PathItem,
	op *openapi3.Operation, views map[*openapi3.Schema]*view) *operation {
	o := &operation{
		responses: map[string]*response{},
		codes:     map[int]*response{},
	}
	if op.Responses == nil {
		return o
	}
	for code, ref := range op.Responses.Map() {
		if ref == nil || ref.Value == nil {
			continue
		}
		r := &response{
			content:    ref.Value.Content,
			mediaTypes: map[*openapi3.MediaType]*mediaType{},
		}
		var media []string
		for name, mt := range ref.Value.Content {
			media = append(media, name)
			m := &mediaType{}
			if mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
				m.schema = mt.Schema.Value
				m.view = viewOf(m.schema, views)
			}
			r.mediaTypes[mt] = m
		}
		slices.Sort(media)
		r.media = strings.Join(media, ", ")
		r.headers = indexHeaders(doc, key, item, ref.Value.Headers)
		o.add(code, r)
	}
	o.documented = strings.Join(sortedCodes(o.responses), ", ")
	return o
}

// indexHeaders prepares the documented headers of a response, in name
// order. Content-Type is left out: OpenAPI says a header of that name is
// ignored, the media type check covers it.
func indexHeaders(doc *openapi3.T, key opKey, item *openapi3.PathItem,
	hs openapi3.Headers) []header {
	var out []header
	for name, ref := range hs {
		if ref == nil || ref.Value == nil ||
			strings.EqualFold(name, "Content-Type") {
			continue
		}
		alone := &openapi3.Response{Headers: openapi3.Headers{name: ref}}
		route := &routers.Route{
			Spec: doc, Path: key.path, PathItem: item, Method: key.method,
			Operation: &openapi3.Operation{
				Responses: openapi3.NewResponses(
					openapi3.WithName("default", alone)),
			},
		}
		out = append(out, header{
			name: name, required: ref.Value.Required, route: route,
			expects: headerType(ref.Value),
		})
	}
	slices.SortFunc(out, func(a, b header) int {
		return strings.Compare(a.name, b.name)
	})
	return out
}

// sortedCodes orders response keys as people read them: exact codes, then
// ranges such as 4XX, then default. Within each group "200" < "404" holds
// as text because codes have three digits.
func sortedCodes(rs map[string]*response) []string {
	rank := func(k string) int {
		switch {
		case k == "default":
			return 2
		case strings.HasSuffix(strings.ToUpper(k), "XX"):
			return 1
		}
		return 0
	}
	keys := make([]string, 0, len(rs))
	for k := range rs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return keys
}

// headerType renders the type a header's schema declares, or "valid" when
// it declares none.
func headerType(h *openapi3.Header) string {
	if h.Schema == nil || h.Schema.Value == nil ||
		len(h.Schema.Value.Type.Slice()) == 0 {
		return "valid"
	}
	return "type " + strings.Join(h.Schema.Value.Type.Slice(), " or ")
}

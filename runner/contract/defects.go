package contract

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Defect is a schema of a response that the document leaves unusable for
// judging an answer: kin-openapi rejects it for a reason other than an
// example or a default value, such as an unknown type.
type Defect struct {
	// Place names the schema in the document, such as
	// "paths./v1/x.put.responses.200.content.application/json.schema".
	Place string
	// Reason is kin-openapi's account of the defect, on one line.
	Reason string
}

// String renders "place: reason".
func (d Defect) String() string { return d.Place + ": " + d.Reason }

// schemaOptions are the options a response schema is checked with: the
// document's version, and no check of examples or defaults. A wrong
// example is a warning of its own; it does not keep the schema from
// judging a body.
func schemaOptions(doc *openapi3.T) []openapi3.ValidationOption {
	return append(versionOptions(doc),
		openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation())
}

// versionOptions are the validation options doc.Validate applies for the
// document's OpenAPI version; a part validated on its own needs them too.
func versionOptions(doc *openapi3.T) []openapi3.ValidationOption {
	var opts []openapi3.ValidationOption
	if doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.IsOpenAPI31OrLater())
	}
	if doc.IsOpenAPI32OrLater() {
		opts = append(opts, openapi3.IsOpenAPI32OrLater())
	}
	return opts
}

// responseDefects checks each schema of each response of o on its own,
// media type by media type and header by header, so that every broken
// one is found, and returns them by response key ("200", "4XX").
func responseDefects(ctx context.Context, o Operation,
	opts []openapi3.ValidationOption) map[string][]Defect {
	if o.Op.Responses == nil {
		return nil
	}
	out := map[string][]Defect{}
	at := "paths." + o.Path + "." + strings.ToLower(o.Method) + ".responses."
	for _, key := range o.Op.Responses.Keys() {
		ref := o.Op.Responses.Value(key)
		if ref == nil || ref.Value == nil {
			continue
		}
		check := func(place string, s *openapi3.SchemaRef) {
			if s == nil || s.Value == nil {
				return
			}
			if err := s.Value.Validate(ctx, opts...); err != nil {
				out[key] = append(out[key],
					Defect{Place: at + key + place, Reason: firstLine(err)})
			}
		}
		content := ref.Value.Content
		for _, media := range slices.Sorted(maps.Keys(content)) {
			if mt := content[media]; mt != nil {
				check(".content."+media+".schema", mt.Schema)
			}
		}
		headers := ref.Value.Headers
		for _, name := range slices.Sorted(maps.Keys(headers)) {
			if h := headers[name]; h != nil && h.Value != nil {
				check(".headers."+name+".schema", h.Value.Schema)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// firstLine is the first line of err: kin-openapi appends the offending
// schema and value on further lines.
func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

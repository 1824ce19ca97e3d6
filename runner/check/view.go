package check

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// extraKind is what a schema says of properties it does not declare.
type extraKind int

const (
	extraUnsaid extraKind = iota // additionalProperties not written
	extraClosed                  // false: kin reports each one
	extraOpen                    // true, or patternProperties present
	extraSchema                  // a schema: each one is judged by it
)

// view is a schema as the strict and example checks read it, prepared once
// per schema by New: $ref resolved (kin's loader did), allOf merged.
type view struct {
	// opaque marks a schema under oneOf or anyOf: which branch applies is
	// not known, so the strict and example checks stop there.
	//
	// Known shortcoming: a body under oneOf/anyOf gets no strict checks.
	// Fixing it means finding the branch kin matched, which kin does not
	// tell; re-running VisitJSON per branch would find it, at a cost.
	opaque bool
	// names lists the declared properties in order; props holds them.
	names    []string
	props    map[string]*view
	required map[string]bool
	extra    extraKind
	extraOf  *view // for extraSchema
	items    *view
	// integer says the type is integer and not also number.
	integer   bool
	writeOnly bool
	// example is the schema's example when it is a JSON scalar.
	example    any
	hasExample bool
}

// viewOf returns the view of s, building it into memo. A schema that
// refers to itself gets the view being built, so recursion ends.
func viewOf(s *openapi3.Schema, memo map[*openapi3.Schema]*view) *view {
	if v := memo[s]; v != nil {
		return v
	}
	v := &view{props: map[string]*view{}, required: map[string]bool{}}
	memo[s] = v
	v.merge(s, memo, map[*openapi3.Schema]bool{})
	for name := range v.props {
		v.names = append(v.names, name)
	}
	slices.Sort(v.names)
	return v
}

// merge adds what s says to v, then what each part of its allOf says; the
// first word on a property, example or type wins. Seen breaks cycles of
// allOf.
func (v *view) merge(s *openapi3.Schema, memo map[*openapi3.Schema]*view,
	seen map[*openapi3.Schema]bool) {
	if seen[s] {
		return
	}
	seen[s] = true
	if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		v.opaque = true
	}
	for name, ref := range s.Properties {
		if ref != nil && ref.Value != nil && v.props[name] == nil {
			v.props[name] = viewOf(ref.Value, memo)
		}
	}
	for _, name := range s.Required {
		v.required[name] = true
	}
	v.mergeExtra(s, memo)
	if s.Items != nil && s.Items.Value != nil && v.items == nil {
		v.items = viewOf(s.Items.Value, memo)
	}
	if s.Type != nil && !v.integer {
		v.integer = s.Type.Includes(openapi3.TypeInteger) &&
			!s.Type.Includes(openapi3.TypeNumber)
	}
	v.writeOnly = v.writeOnly || s.WriteOnly
	if s.Example != nil && !v.hasExample && scalar(s.Example) {
		v.example, v.hasExample = s.Example, true
	}
	for _, ref := range s.AllOf {
		if ref != nil && ref.Value != nil {
			v.merge(ref.Value, memo, seen)
		}
	}
}

// mergeExtra keeps the most permissive word on undeclared properties, so
// that strict never flags what some part of an allOf allows.
func (v *view) mergeExtra(s *openapi3.Schema, memo map[*openapi3.Schema]*view) {
	ap := s.AdditionalProperties
	switch {
	case len(s.PatternProperties) > 0:
		// Known shortcoming: keys are not matched against the patterns;
		// any undeclared key is taken as allowed.
		v.extra = extraOpen
	case ap.Schema != nil && ap.Schema.Value != nil:
		if v.extra != extraOpen {
			v.extra, v.extraOf = extraSchema, viewOf(ap.Schema.Value, memo)
		}
	case ap.Has != nil && *ap.Has:
		v.extra, v.extraOf = extraOpen, nil
	case ap.Has != nil && v.extra == extraUnsaid:
		v.extra = extraClosed
	}
}

// scalar reports whether v is a JSON string, number or boolean.
func scalar(v any) bool {
	switch v.(type) {
	case nil, map[string]any, []any:
		return false
	}
	return true
}

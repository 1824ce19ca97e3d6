package check

import (
	"maps"
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
// per schema by New: $ref resolved (kin's loader did), allOf merged, and
// each branch of a oneOf or anyOf prepared as a view of its own.
type view struct {
	// branches holds, for a schema with a oneOf or anyOf, one view per
	// branch: the schema's own words with the branch's merged in. The
	// walk judges a value by the branch it belongs to.
	branches []branch
	// opaque marks a schema with more than one oneOf or anyOf among its
	// allOf parts: the strict and example checks stop there.
	//
	// Known shortcoming: such a body gets no strict checks; judging it
	// means trying every combination of branches.
	opaque bool
	// names lists the declared properties in order; props holds them.
	names    []string
	props    map[string]*view
	required map[string]bool // of the schema and all its allOf parts
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

// branch is one branch of a oneOf or anyOf.
type branch struct {
	schema *openapi3.Schema // the branch alone, to tell a value of it
	view   *view            // the branch merged with the schema around it
}

// alternatives is one oneOf or anyOf met while merging, and the schema
// that holds it.
type alternatives struct {
	owner    *openapi3.Schema
	branches openapi3.SchemaRefs
}

func newView() *view {
	return &view{props: map[string]*view{}, required: map[string]bool{}}
}

// viewOf returns the view of s, building it into memo. A schema that
// refers to itself gets the view being built, so recursion ends.
func viewOf(s *openapi3.Schema, memo map[*openapi3.Schema]*view) *view {
	if v := memo[s]; v != nil {
		return v
	}
	v := newView()
	memo[s] = v
	v.compose(memo, nil, s)
	return v
}

// compose merges parts into v. Chosen lists the schemas whose oneOf or
// anyOf is already decided, for a branch's view; each one left gets a
// view per branch. Every level of branches adds a schema to chosen, so
// composing ends.
func (v *view) compose(memo map[*openapi3.Schema]*view,
	chosen map[*openapi3.Schema]bool, parts ...*openapi3.Schema) {
	var alts []alternatives
	seen := map[*openapi3.Schema]bool{}
	for _, p := range parts {
		v.merge(p, memo, seen, chosen, &alts)
	}
	for name := range v.props {
		v.names = append(v.names, name)
	}
	slices.Sort(v.names)
	switch {
	case len(alts) > 1:
		v.opaque = true
	case len(alts) == 1:
		decided := maps.Clone(chosen)
		if decided == nil {
			decided = map[*openapi3.Schema]bool{}
		}
		decided[alts[0].owner] = true
		for _, ref := range alts[0].branches {
			if ref == nil || ref.Value == nil {
				continue
			}
			b := newView()
			b.compose(memo, decided, append(slices.Clip(parts), ref.Value)...)
			v.branches = append(v.branches, branch{schema: ref.Value, view: b})
		}
	}
}

// merge adds what s says to v, then what each part of its allOf says; the
// first word on a property, example or type wins. Seen breaks cycles of
// allOf; a oneOf or anyOf not in chosen is added to alts.
func (v *view) merge(s *openapi3.Schema, memo map[*openapi3.Schema]*view,
	seen, chosen map[*openapi3.Schema]bool, alts *[]alternatives) {
	if seen[s] {
		return
	}
	seen[s] = true
	if !chosen[s] {
		if len(s.OneOf) > 0 {
			*alts = append(*alts, alternatives{s, s.OneOf})
		}
		if len(s.AnyOf) > 0 {
			*alts = append(*alts, alternatives{s, s.AnyOf})
		}
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
			v.merge(ref.Value, memo, seen, chosen, alts)
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

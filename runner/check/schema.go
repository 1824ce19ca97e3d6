package check

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// schema validates the decoded body with kin-openapi and reports one
// violation per schema error. It calls the schema's VisitJSON with the
// options openapi3filter.ValidateResponse would use, rather than
// ValidateResponse itself: the body is already decoded, and the status,
// media type and headers have been judged apart, so kin's view of them
// would only repeat what the other checks said.
func (j *judgement) schema(s *openapi3.Schema, value any) {
	err := s.VisitJSON(value, j.c.schemaOpts...)
	if err == nil {
		return
	}
	var errs []*openapi3.SchemaError
	var other []error
	flatten(err, &errs, &other)

	// Kin reports an undeclared property at its object, not at the
	// property: one error per property (OpenAPI 3.0) or one for all (3.1).
	// Each is reported at its own pointer, once.
	closed := map[string]bool{}
	for _, se := range errs {
		at := pointer(se.JSONPointer())
		if !unsupported(se) {
			expected, actual := describe(se)
			j.violate(runner.RuleSchema, at, expected, actual,
				se.SchemaField)
			continue
		}
		if closed[at] {
			continue
		}
		closed[at] = true
		extras := closedExtras(se)
		if len(extras) == 0 {
			extras = []string{""}
		}
		for _, key := range extras {
			p := at
			if key != "" {
				p = child(at, key)
			}
			j.violate(runner.RuleSchema, p, "no additional properties",
				"property present", "additionalProperties")
		}
	}
	for _, e := range other {
		j.violate(runner.RuleSchema, "", "a value the schema accepts",
			cut(e.Error()), "")
	}
}

// flatten gathers the schema errors beneath err. An error with causes
// (an allOf, or a wrapper of the JSON Schema 2020-12 validator kin uses for
// OpenAPI 3.1) stands for them, and they are reported instead; a oneOf or
// anyOf error stands alone, as no single branch is the one that failed.
func flatten(err error, errs *[]*openapi3.SchemaError, other *[]error) {
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, x := range e {
			flatten(x, errs, other)
		}
		return
	case *openapi3.SchemaError:
		var parts openapi3.MultiError
		alone := e.SchemaField == "oneOf" || e.SchemaField == "anyOf"
		if !alone && errors.As(e.Origin, &parts) {
			flatten(parts, errs, other)
			return
		}
		*errs = append(*errs, e)
		return
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		flatten(se, errs, other)
		return
	}
	*other = append(*other, err)
}

// unsupported reports whether se says an object has properties its schema
// does not allow: kin files that under "properties" for OpenAPI 3.0,
// under "additionalProperties" for 3.1.
func unsupported(se *openapi3.SchemaError) bool {
	if se.SchemaField == "additionalProperties" {
		return true
	}
	if se.SchemaField != "properties" || se.Schema == nil {
		return false
	}
	has := se.Schema.AdditionalProperties.Has
	return has != nil && !*has
}

// closedExtras lists, in key order, the keys of the object in se that its
// closed schema does not declare.
func closedExtras(se *openapi3.SchemaError) []string {
	obj, _ := se.Value.(map[string]any)
	if se.Schema == nil {
		return nil
	}
	var out []string
	for k := range obj {
		if se.Schema.Properties[k] == nil {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// describe renders what the failing schema field expects and what the
// value is.
func describe(se *openapi3.SchemaError) (expected, actual string) {
	s := se.Schema
	actual = render(se.Value)
	if s == nil {
		return kinsWord(se), actual
	}
	switch se.SchemaField {
	case "type":
		return "type " + strings.Join(s.Type.Slice(), " or "), actual
	case "enum":
		return "enum " + render(s.Enum), actual
	case "const":
		return "const " + render(s.Const), actual
	case "nullable":
		return "not null", actual
	case "required":
		return "property present", "absent"
	case "format":
		return "format " + s.Format, actual
	case "pattern":
		return "pattern " + s.Pattern, actual
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
		"multipleOf":
		return se.SchemaField + " " + bound(s, se.SchemaField), actual
	case "minLength", "maxLength", "minItems", "maxItems",
		"minProperties", "maxProperties":
		return se.SchemaField + " " + count(s, se.SchemaField), actual
	case "oneOf":
		return "exactly one schema of oneOf matching", actual
	case "anyOf":
		return "some schema of anyOf matching", actual
	case "not":
		return "no match with the schema under not", actual
	case "readOnly", "writeOnly":
		return "no " + se.SchemaField + " property", "property present"
	}
	return kinsWord(se), actual
}

// kinsWord says what a schema field this package does not describe
// itself expects, in kin-openapi's words: "uniqueItems: duplicate items
// found". Some keywords of OpenAPI 3.1 come with no field name.
func kinsWord(se *openapi3.SchemaError) string {
	switch {
	case se.SchemaField == "":
		return cut(se.Reason)
	case se.Reason == "":
		return "schema field " + se.SchemaField
	}
	return cut(se.SchemaField + ": " + se.Reason)
}

func bound(s *openapi3.Schema, field string) string {
	var p *float64
	switch field {
	case "minimum":
		p = s.Min
	case "maximum":
		p = s.Max
	case "multipleOf":
		p = s.MultipleOf
	case "exclusiveMinimum":
		p = s.ExclusiveMin.Value
		if p == nil {
			p = s.Min
		}
	case "exclusiveMaximum":
		p = s.ExclusiveMax.Value
		if p == nil {
			p = s.Max
		}
	}
	if p == nil {
		return "(unset)"
	}
	return fmt.Sprint(*p)
}

func count(s *openapi3.Schema, field string) string {
	deref := func(p *uint64) string {
		if p == nil {
			return "(unset)"
		}
		return fmt.Sprint(*p)
	}
	switch field {
	case "minLength":
		return fmt.Sprint(s.MinLength)
	case "maxLength":
		return deref(s.MaxLength)
	case "minItems":
		return fmt.Sprint(s.MinItems)
	case "maxItems":
		return deref(s.MaxItems)
	case "minProperties":
		return fmt.Sprint(s.MinProps)
	}
	return deref(s.MaxProps)
}

// dateTime returns a check of the format date-time as RFC 3339 reads it,
// "T" and "Z" in either case (section 5.6), where kin-openapi's own
// pattern takes only upper case: 2023-01-21t07:28:13z is a date-time. As
// kin-openapi's, it also checks that the month has the day.
func dateTime() openapi3.StringFormatValidator {
	pattern := openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringDateTime)
	return openapi3.NewCallbackValidator(func(value string) error {
		upper := strings.ToUpper(value) // t and z are a date-time's only letters
		if err := pattern.Validate(upper); err != nil {
			return err
		}
		_, err := time.Parse(time.DateOnly, upper[:len(time.DateOnly)])
		return err
	})
}

// Package check judges one HTTP response of one operation against the
// OpenAPI document and reports every mismatch at once, as data: the status,
// the media type, the content coding, the documented headers, the body's well-formedness, its
// schema, the strict profile's exact fields, the values a fixture pins, and
// example values as warnings.
package check

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// Checker judges the responses of one document. Build it once with New and
// reuse it: it is immutable after New and safe for concurrent use.
type Checker struct {
	strict bool
	ops    map[opKey]*operation
	// schemaOpts are the options of every body validation; branchOpts
	// those of telling which branches of a oneOf or anyOf a value is of.
	schemaOpts, branchOpts []openapi3.SchemaValidationOption
	// probe stands in for the request in kin's header validation, which
	// reads only the method and skips every check of a HEAD.
	probe *http.Request
}

// Input is one response to judge and what the case expected of it.
type Input struct {
	// Method and Path name the operation: the method, in any case, and the
	// template path exactly as a key of the document's paths.
	Method, Path string
	// Expected is the status the case expects; 0 expects none in
	// particular and only asks that the status be documented.
	Expected int
	// Request is the request sent, if known; only its method is read (a
	// response to HEAD carries no body). Nil is fine.
	Request *http.Request
	// Status, Header and Body are the response as it came back; Body is
	// what was read of it, at most the read cap.
	Status int
	Header http.Header
	Body   []byte
	// TooLarge says the body was cut at the read cap.
	TooLarge bool
	// Expect maps JSON pointers into the body to the JSON values the body
	// must hold there (rule "expect"). Numbers compare as numbers.
	Expect map[string]any
}

// New returns a Checker for doc under profile; the zero profile is Strict.
// The document must have been loaded with its references resolved (as
// openapi3.NewLoader does); New does not validate it, so a document with a
// harmless defect, such as an example of the wrong type, still serves.
func New(doc *openapi3.T, profile runner.Profile) *Checker {
	dt := dateTime()
	c := &Checker{
		strict: profile != runner.Literal,
		ops:    indexOperations(doc),
		schemaOpts: []openapi3.SchemaValidationOption{
			openapi3.MultiErrors(),
			openapi3.VisitAsResponse(),
			openapi3.WithStringFormatValidator("date-time", dt),
		},
		branchOpts: []openapi3.SchemaValidationOption{
			openapi3.VisitAsResponse(),
			openapi3.WithStringFormatValidator("date-time", dt),
		},
		probe: &http.Request{Method: http.MethodGet},
	}
	if doc.IsOpenAPI31OrLater() {
		c.schemaOpts = append(c.schemaOpts, openapi3.EnableJSONSchema2020())
		c.branchOpts = append(c.branchOpts, openapi3.EnableJSONSchema2020())
	}
	return c
}

// Check judges one response and returns every violation and warning it
// finds, in a stable order. The error is not about the response: it says
// the input names no operation of the document, a harness error.
func (c *Checker) Check(in Input) ([]runner.Violation, []runner.Warning,
	error) {
	op := c.ops[opKey{strings.ToUpper(in.Method), in.Path}]
	if op == nil {
		return nil, nil, fmt.Errorf("checking response: no operation %s %s"+
			" in the document", strings.ToUpper(in.Method), in.Path)
	}
	j := &judgement{c: c, in: in}

	// Judge the rest against the response documented for the status that
	// came back, not the one expected: that is what the client will read.
	resp := j.status(op)
	if resp == nil {
		return j.violations, nil, nil
	}
	j.headers(resp)
	j.encoding()
	mt := j.mediaType(resp)
	value, decoded := j.body(resp)
	if decoded && mt != nil && mt.view != nil {
		j.schema(mt.schema, value)
		j.walk(mt.view, value, "")
	}
	j.expect(value, decoded)
	return distinct(j.violations), j.warnings, nil
}

// distinct drops repeats of a violation, keeping the first: kin reports
// a value that two allOf parts reject for the same reason once per part.
func distinct(vs []runner.Violation) []runner.Violation {
	seen := make(map[runner.Violation]bool, len(vs))
	return slices.DeleteFunc(vs, func(v runner.Violation) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		return false
	})
}

// judgement collects the findings of one Check call.
type judgement struct {
	c  *Checker
	in Input
	// base is the media type the Content-Type names, parsed; "" when the
	// header is absent, repeated, invalid, names JSON in a charset other
	// than UTF-8, or the response documents no content.
	base string
	// encoded says the body came with a content coding, so its bytes are
	// not the representation and the body checks are skipped.
	encoded    bool
	violations []runner.Violation
	warnings   []runner.Warning
}

func (j *judgement) violate(rule runner.Rule, pointer, expected,
	actual, detail string) {
	j.violations = append(j.violations, runner.Violation{
		Rule: rule, Pointer: pointer, Expected: expected, Actual: actual,
		Detail: detail,
	})
}

func (j *judgement) warn(place, message string) {
	j.warnings = append(j.warnings, runner.Warning{
		Rule: runner.RuleExample, Place: place, Message: message,
	})
}

// head reports whether the request was a HEAD, whose response has no body.
func (j *judgement) head() bool {
	if j.in.Request != nil {
		return j.in.Request.Method == http.MethodHead
	}
	return strings.EqualFold(j.in.Method, http.MethodHead)
}

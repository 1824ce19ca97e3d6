package runner

import (
	"fmt"
	"strings"
)

// Rule names the check a violation or warning comes from. Tests and waivers
// match on rules, never on the wording of a message.
type Rule string

// The rules the checks apply. Those under "strict." belong to the strict
// profile only; the others hold under the literal profile too.
const (
	RuleStatus           Rule = "status"              // not the status the case expects
	RuleStatusUndeclared Rule = "status.undocumented" // status not in the operation
	RuleMediaType        Rule = "media-type"          // Content-Type not documented
	RuleContentEncoding  Rule = "content-encoding"    // a content coding the client did not accept
	RuleHeader           Rule = "header"              // documented header missing or invalid
	RuleBodyEmpty        Rule = "body.empty"          // a documented body is absent
	RuleBodyUndeclared   Rule = "body.undocumented"   // a body where none is documented
	RuleBodyJSON         Rule = "body.json"           // not one well-formed JSON value
	RuleBodyUTF8         Rule = "body.utf8"           // body is not valid UTF-8
	RuleBodyDuplicateKey Rule = "body.duplicate-key"  // an object repeats a key
	RuleBodyTrailing     Rule = "body.trailing"       // bytes after the JSON value
	RuleBodyTooLarge     Rule = "body.too-large"      // body over the read cap
	RuleSchema           Rule = "schema"              // the document's schema rejects it
	RuleStrictRequired   Rule = "strict.required"     // declared property absent
	RuleStrictUndeclared Rule = "strict.undeclared"   // property the schema does not declare
	RuleStrictInteger    Rule = "strict.integer"      // integer written with fraction or exponent
	RuleTransport        Rule = "transport"           // no usable answer: timeout, reset
	RuleExpect           Rule = "expect"              // a value the fixture pins differs
	RuleExample          Rule = "example"             // value differs from the example (warning)
	RuleDocument         Rule = "document"            // defect in the OpenAPI document (warning)
	RuleConfig           Rule = "config"              // a setting that has no effect (warning)
	RuleFixture          Rule = "fixture"             // a fixture entry that is not used (warning)
	RuleWaiver           Rule = "waiver"              // a waiver that does not fit its case (warning)
)

// ViolationRules returns every rule a violation can carry, in the order of
// the checks; the other rules name warnings only.
func ViolationRules() []Rule {
	return []Rule{
		RuleStatus, RuleStatusUndeclared, RuleMediaType, RuleContentEncoding,
		RuleHeader, RuleBodyEmpty, RuleBodyUndeclared, RuleBodyJSON,
		RuleBodyUTF8, RuleBodyDuplicateKey, RuleBodyTrailing, RuleBodyTooLarge,
		RuleSchema, RuleStrictRequired, RuleStrictUndeclared, RuleStrictInteger,
		RuleTransport, RuleExpect,
	}
}

// Violation is one way a response breaks the contract. Pointer is a JSON
// pointer into the body ("" for the whole response); Expected and Actual are
// short renderings meant for people.
type Violation struct {
	Rule     Rule   `json:"rule"`
	Pointer  string `json:"pointer"`
	Expected string `json:"expected"`
	Actual   string `json:"actual"`
	Detail   string `json:"detail,omitempty"`
}

// String renders the violation on one line.
func (v Violation) String() string {
	at := v.Pointer
	switch {
	case at != "":
	case v.Rule.onBody():
		at = "(body)" // the pointer "" is the body's root
	default:
		at = "(response)"
	}
	s := fmt.Sprintf("%s at %s: expected %s, got %s", v.Rule, at,
		v.Expected, v.Actual)
	if v.Detail != "" {
		s += " (" + v.Detail + ")"
	}
	return s
}

// onBody reports whether the rule judges the body, where an empty
// pointer names its root, rather than the response as a whole.
func (r Rule) onBody() bool {
	return strings.HasPrefix(string(r), "body.") || strings.HasPrefix(string(r), "strict.") ||
		r == RuleSchema || r == RuleExpect
}

// Warning is a finding that does not fail a case: an example value that
// differs, a defect of the document that the harness worked around. Place
// names where it was found: a JSON pointer, a document location, a file.
type Warning struct {
	Rule    Rule   `json:"rule"`
	Place   string `json:"place"`
	Message string `json:"message"`
}

// String renders the warning on one line.
func (w Warning) String() string {
	return fmt.Sprintf("%s at %s: %s", w.Rule, w.Place, w.Message)
}

package harness

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/apiconformance/harness/runner"
)

// waiverReader walks the YAML tree of one waiver file, checking every key
// and value. cases maps the names a waiver may give a case (its id, its
// operationId and status) to the id; seen holds the line where each
// case was first waived.
type waiverReader struct {
	file  string
	cases map[string]string
	seen  map[string]int
}

func (r *waiverReader) errorf(n *yaml.Node, format string, args ...any) error {
	return &WaiverError{File: r.file, Line: n.Line,
		Msg: fmt.Sprintf(format, args...)}
}

// mapping checks that n is a mapping whose keys are among known, each
// once, and returns its values by key.
func (r *waiverReader) mapping(n *yaml.Node, what string,
	known ...string) (map[string]*yaml.Node, error) {
	if n = deref(n); n.Kind != yaml.MappingNode {
		return nil, r.errorf(n, "%s must be a mapping (keys: %s)", what,
			strings.Join(known, ", "))
	}
	m := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		switch {
		case k.Kind != yaml.ScalarNode:
			return nil, r.errorf(k, "a key in %s is not a plain name", what)
		case !slices.Contains(known, k.Value):
			return nil, r.errorf(k, "unknown key %q in %s (known: %s)",
				k.Value, what, strings.Join(known, ", "))
		case m[k.Value] != nil:
			return nil, r.errorf(k, "key %q appears twice in %s", k.Value, what)
		}
		m[k.Value] = n.Content[i+1]
	}
	return m, nil
}

// text returns the single value n, or "" when it is absent or null.
func (r *waiverReader) text(n *yaml.Node, key string) (string, error) {
	if n == nil || isNull(n) {
		return "", nil
	}
	if n = deref(n); n.Kind != yaml.ScalarNode {
		return "", r.errorf(n, "%s must be a single value", key)
	}
	return n.Value, nil
}

// rules reads a waiver's list of rule names; nil n gives nil.
func (r *waiverReader) rules(n *yaml.Node) ([]runner.Rule, error) {
	if n == nil {
		return nil, nil
	}
	if n = deref(n); n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return nil, r.errorf(n, "rules must be a list of rule names, "+
			"such as [schema, media-type]; leave it out to waive every rule")
	}
	out := make([]runner.Rule, 0, len(n.Content))
	for _, c := range n.Content {
		c = deref(c)
		rule := runner.Rule(c.Value)
		switch {
		case c.Kind != yaml.ScalarNode:
			return nil, r.errorf(c, "a rule must be a single name")
		case rule == runner.RuleExample || rule == runner.RuleDocument:
			return nil, r.errorf(c, "rule %q only warns: it never fails "+
				"a case, so there is nothing to waive", rule)
		case !slices.Contains(runner.ViolationRules(), rule):
			return nil, r.errorf(c, "unknown rule %q (known: %s)", rule,
				joinRules(runner.ViolationRules()))
		}
		out = append(out, rule)
	}
	return out, nil
}

func joinRules(rs []runner.Rule) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = deref(n)
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

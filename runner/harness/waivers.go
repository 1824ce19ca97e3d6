package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/apiconformance/harness/runner/engine"
	"github.com/apiconformance/harness/runner/plan"
)

// WaiverError is a waiver file that cannot be used: the file, the line (0
// when the fault has none) and what is wrong. It prints on one line.
type WaiverError struct {
	File string
	Line int
	Msg  string
}

// Error renders "file:line: what is wrong", or "file: ..." without a line.
func (e *WaiverError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// LoadWaivers reads a waiver file and returns its waivers by case ID:
//
//	waivers:
//	  - case: PUT /v1/groups/{groupId}/assignAsAdmin/503
//	    justification: maintenance mode ships in release 2.1
//	    rules: [schema]        # optional: waive only these rules
//
// Every fault is a *WaiverError with the file and line: an unknown key, a
// missing justification, a case the plan does not hold or one waived
// twice, an unknown rule. A file that is empty or all comments waives
// nothing.
func LoadWaivers(file string, p plan.Plan) (map[string]engine.Waiver, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &WaiverError{File: file, Msg: "reading waivers: " + err.Error()}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxError(file, err)
	}
	out := map[string]engine.Waiver{}
	if len(root.Content) == 0 || isNull(root.Content[0]) {
		return out, nil
	}

	r := &waiverReader{file: file, cases: map[string]string{},
		seen: map[string]int{}}
	for _, c := range p.Cases {
		r.cases[c.ID] = c.ID
		if c.OperationID != "" {
			r.cases[c.OperationID+"/"+strconv.Itoa(c.Status)] = c.ID
		}
	}
	top, err := r.mapping(root.Content[0], "the waiver file", "waivers")
	if err != nil {
		return nil, err
	}
	list := top["waivers"]
	if list == nil || isNull(list) {
		return out, nil
	}
	if list = deref(list); list.Kind != yaml.SequenceNode {
		return nil, r.errorf(list, "waivers must be a list of waivers")
	}
	for _, n := range list.Content {
		id, w, err := r.waiver(n)
		if err != nil {
			return nil, err
		}
		out[id] = w
	}
	return out, nil
}

// waiver reads one entry of the list.
func (r *waiverReader) waiver(n *yaml.Node) (string, engine.Waiver, error) {
	var w engine.Waiver
	m, err := r.mapping(n, "a waiver", "case", "justification", "rules")
	if err != nil {
		return "", w, err
	}
	name, err := r.text(m["case"], "case")
	id := r.caseID(name)
	switch {
	case err != nil:
		return "", w, err
	case name == "":
		return "", w, r.errorf(n, "a waiver needs the case it waives")
	case id == "":
		msg := fmt.Sprintf("no case %q in the plan", name)
		if near := plan.Nearest(name, slices.Collect(maps.Keys(r.cases))); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		return "", w, r.errorf(m["case"], "%s", msg)
	case r.seen[id] > 0:
		return "", w, r.errorf(m["case"],
			"case %q is waived twice (first at line %d)", id, r.seen[id])
	}
	r.seen[id] = m["case"].Line

	if w.Justification, err = r.text(m["justification"],
		"justification"); err != nil {
		return "", w, err
	}
	if strings.TrimSpace(w.Justification) == "" {
		return "", w, r.errorf(n,
			"the waiver of %q needs a written justification", id)
	}
	w.Rules, err = r.rules(m["rules"])
	return id, w, err
}

// syntaxError turns the YAML parser's message, "yaml: line 3: ...", into
// one line in the file:line form.
func syntaxError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "\n", "; ")
	e := &WaiverError{File: file, Msg: "not YAML: " + msg}
	if _, err := fmt.Sscanf(msg, "line %d:", &e.Line); err == nil {
		e.Msg = "not YAML: " + strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return e
}

// caseID returns the id of the case a waiver names: by its id, by the
// operationId and status ("assignAsAdmin/503"), or with the operation
// written as the document writes it ("put /v1/groups/:groupId/.../503");
// "" when no case has that name.
func (r *waiverReader) caseID(name string) string {
	if id, ok := r.cases[name]; ok {
		return id
	}
	if i := strings.LastIndexByte(name, '/'); i > 0 {
		return r.cases[plan.Key(name[:i])+name[i:]]
	}
	return ""
}

// Package plan joins a contract and its fixtures into the cases of a run:
// one case per operation and documented status, each with the request that
// triggers it, or the reason none is known.
package plan

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/fixture"
)

// Plan is the ordered list of cases of a run and what planning noticed.
type Plan struct {
	Cases    []runner.Case
	Warnings []runner.Warning
}

// Build plans every documented status of every operation of c. A status
// the fixtures do not trigger becomes an untriggered case with the
// reason; a fixture for a status the document lacks is a warning. A
// status whose response schema is broken is planned with the defect, for
// the engine to report as an error. An error means the fixtures cannot
// make the request they describe: an operation the document lacks, a
// path parameter with no value or one the path does not have.
func Build(c *contract.Contract, f *fixture.File) (Plan, error) {
	var p Plan
	used := map[string]bool{}
	for _, op := range c.Operations {
		fop, key := find(f, op)
		if key != "" && op.ID != "" && key != op.ID && f.Operations[op.ID] != nil {
			return Plan{}, &fixture.Error{File: f.Path, Line: f.Operations[op.ID].Line,
				Msg: fmt.Sprintf("operation %s is given twice: as %q (line %d) and by its operationId %q",
					op.Key, key, fop.Line, op.ID)}
		}
		if key != "" {
			used[key] = true
			b := fop.Request
			if err := checkPathNames(op, b.Path, b.PathLines, f.Path,
				op.Key+" request", fop.Line); err != nil {
				return Plan{}, err
			}
		}
		for _, status := range op.Statuses {
			cs, err := planCase(op, fop, status, f.Path)
			if err != nil {
				return Plan{}, err
			}
			p.Cases = append(p.Cases, cs)
		}
		if fop != nil {
			p.Warnings = append(p.Warnings, extraStatuses(op, fop, f.Path)...)
			p.Warnings = append(p.Warnings, unusedExpect(op, fop, f.Path)...)
		}
	}
	// A key that names no operation is a typo or fixtures for another
	// document: its triggers would silently go unused.
	var unknown []string
	for _, key := range slices.Sorted(maps.Keys(f.Operations)) {
		if !used[key] {
			unknown = append(unknown, key)
		}
	}
	if len(unknown) > 0 {
		line := func(k string) int { return f.Operations[k].Line }
		first := slices.MinFunc(unknown, func(a, b string) int { return line(a) - line(b) })
		msg := fmt.Sprintf("operation %q is not in the document", first)
		if near := nearest(first, c.Operations); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		return Plan{}, &fixture.Error{File: f.Path, Line: line(first),
			Msg: msg + ": name one by METHOD /path or by operationId"}
	}
	return p, nil
}

// find returns the fixtures of op, looked up by "METHOD /path" or by
// operationId, and the key they were found under.
func find(f *fixture.File, op contract.Operation) (*fixture.Operation, string) {
	if fop, ok := f.Operations[op.Key]; ok {
		return fop, op.Key
	}
	// The key as the document writes it, /notes/:id, or in another case.
	for _, key := range slices.Sorted(maps.Keys(f.Operations)) {
		if strings.Contains(key, " ") && Key(key) == op.Key {
			return f.Operations[key], key
		}
	}
	if op.ID != "" {
		if fop, ok := f.Operations[op.ID]; ok {
			return fop, op.ID
		}
	}
	return nil, ""
}

func planCase(op contract.Operation, fop *fixture.Operation, status int, file string) (runner.Case, error) {
	cs := runner.Case{
		ID:          op.Key + "/" + strconv.Itoa(status),
		Operation:   op.Key,
		OperationID: op.ID,
		Method:      op.Method,
		Path:        op.Path,
		Status:      status,
		Defect:      joinDefects(op.Defects[status]),
	}
	if fop == nil {
		cs.Untriggered = "the fixtures have no entry for this operation"
		return cs, nil
	}
	fs, ok := fop.Statuses[status]
	switch {
	case !ok:
		cs.Untriggered = fmt.Sprintf("the fixtures give no trigger for status %d", status)
		return cs, nil
	case fs.Trigger == nil:
		cs.Untriggered = fs.Untriggered
		return cs, nil
	}
	cs.Trigger = fs.Trigger
	cs.Expect = expectations(fop.Expect, status)
	if c := fs.Trigger.Change; c != nil {
		err := checkPathNames(op, c.Path, fs.PathLines, file,
			fmt.Sprintf("%s status %d", op.Key, status), fs.Line)
		if err != nil {
			return cs, err
		}
	}
	req, err := request(op, fop.Request, fs.Trigger.Change)
	if err != nil {
		return cs, &fixture.Error{File: file, Line: fs.Line,
			Msg: fmt.Sprintf("%s status %d: %v", op.Key, status, err)}
	}
	cs.Request = req
	return cs, nil
}

// joinDefects renders the defects of one status on one line.
func joinDefects(ds []contract.Defect) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.String()
	}
	return strings.Join(s, "; ")
}

// expectations merges the values pinned for the status's class and for
// the status itself; the status wins.
func expectations(all map[string]map[string]any, status int) map[string]any {
	out := map[string]any{}
	for _, key := range []string{strings.ToLower(runner.Class(status)),
		strings.ToUpper(runner.Class(status)), strconv.Itoa(status)} {
		for p, v := range all[key] {
			out[p] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func extraStatuses(op contract.Operation, fop *fixture.Operation, file string) []runner.Warning {
	var warns []runner.Warning
	for status, fs := range fop.Statuses {
		var why string
		switch {
		case !op.Documented(status):
			why = "which %s does not document"
		case !slices.Contains(op.Statuses, status):
			why = "which %s documents only by a range (4XX) or default, which are not planned"
		default:
			continue
		}
		warns = append(warns, runner.Warning{Rule: runner.RuleFixture,
			Place: fmt.Sprintf("%s:%d", file, fs.Line),
			Message: fmt.Sprintf("a trigger for status %d, "+why+": not planned",
				status, op.Key)})
	}
	sort.Slice(warns, func(i, j int) bool { return warns[i].Place < warns[j].Place })
	return warns
}

// request applies change to the operation's base request.
func request(op contract.Operation, base fixture.Base, change *runner.Change) (runner.Request, error) {
	if change == nil {
		change = &runner.Change{}
	}
	params := merge(base.Path, change.Path)
	path, err := expandPath(op.Path, params)
	if err != nil {
		return runner.Request{}, err
	}
	req := runner.Request{
		Method:  op.Method,
		Path:    path,
		Query:   merge(base.Query, change.Query),
		Headers: mergeFold(base.Headers, change.Headers),
	}
	for _, h := range change.DropHeaders {
		for k := range req.Headers {
			if strings.EqualFold(k, h) {
				delete(req.Headers, k)
			}
		}
	}

	switch {
	case change.NoBody:
	case change.Raw != nil:
		req.Body = []byte(*change.Raw)
	case change.Body != nil:
		if req.Body, err = json.Marshal(change.Body); err != nil {
			return req, fmt.Errorf("encoding body: %w", err)
		}
	case base.Raw != nil:
		req.Body = []byte(*base.Raw)
	case base.HasBody:
		if req.Body, err = json.Marshal(base.Body); err != nil {
			return req, fmt.Errorf("encoding body: %w", err)
		}
	}
	if req.Body != nil {
		req.ContentType = base.ContentType
		if req.ContentType == "" {
			req.ContentType = "application/json"
		}
	}
	return req, nil
}

// expandPath fills the {name} parameters of a path template.
func expandPath(template string, params map[string]string) (string, error) {
	var b strings.Builder
	rest := template
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return "", fmt.Errorf("path %s: unclosed {", template)
		}
		name := rest[open+1 : open+end]
		v, ok := params[name]
		if !ok {
			return "", fmt.Errorf("path parameter %q has no value in the request's \"path\"", name)
		}
		b.WriteString(rest[:open])
		b.WriteString(url.PathEscape(v))
		rest = rest[open+end+1:]
	}
}

func merge(base, over map[string]string) map[string]string {
	if len(base) == 0 && len(over) == 0 {
		return nil
	}
	out := make(map[string]string, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// mergeFold is merge for header names, which compare without case.
func mergeFold(base, over map[string]string) map[string]string {
	out := merge(base, nil)
	for k, v := range over {
		for old := range out {
			if strings.EqualFold(old, k) {
				delete(out, old)
			}
		}
		if out == nil {
			out = map[string]string{}
		}
		out[k] = v
	}
	return out
}

package contract

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// validate runs the document through kin-openapi's validation and turns
// each defect into a warning. Each path item and the components are
// validated on their own, with kin-openapi's MultiError on, so that one
// broken example does not hide the next. Each response schema is then
// checked on its own too: one that cannot judge a body is set in its
// operation's Defects, with a warning naming the schema.
func validate(ctx context.Context, doc *openapi3.T, ops []Operation) []runner.Warning {
	if doc.Validate(ctx) == nil {
		return nil
	}
	defects := map[string][]Defect{} // by path
	opts := schemaOptions(doc)
	for i := range ops {
		byKey := responseDefects(ctx, ops[i], opts)
		for _, key := range slices.Sorted(maps.Keys(byKey)) {
			defects[ops[i].Path] = append(defects[ops[i].Path], byKey[key]...)
		}
		ops[i].Defects = byStatus(byKey)
	}

	var warns []runner.Warning
	add := func(place string, err error, known []Defect) {
		for _, e := range each(err) {
			if !restates(e, known) {
				warns = append(warns, runner.Warning{Rule: runner.RuleDocument,
					Place: place, Message: firstLine(e)})
			}
		}
	}
	var all []Defect
	vctx := openapi3.WithValidationOptions(ctx,
		append(versionOptions(doc), openapi3.EnableMultiError())...)
	if doc.Paths != nil {
		for _, key := range doc.Paths.Keys() {
			add("paths."+key, doc.Paths.Value(key).Validate(vctx), defects[key])
			for _, d := range defects[key] {
				warns = append(warns, runner.Warning{Rule: runner.RuleDocument,
					Place: d.Place, Message: d.Reason})
			}
			all = append(all, defects[key]...)
		}
	}
	if doc.Info != nil {
		add("info", doc.Info.Validate(vctx), nil)
	} else {
		add("info", errMissing("info"), nil)
	}
	if doc.Components != nil {
		// A broken schema of the components that a response uses is
		// already named at the response.
		add("components", doc.Components.Validate(vctx), all)
	}
	if len(warns) == 0 {
		// Something outside paths, info and components; report it whole.
		add("document", doc.Validate(ctx), nil)
	}
	return warns
}

// each returns the defects err holds one by one: the errors of a
// kin-openapi MultiError, nested ones included, each with the words of
// the errors that wrap it ("invalid operation GET: ..."); err alone when
// it holds no MultiError; none for nil.
func each(err error) []error {
	if err == nil {
		return nil
	}
	if me, ok := err.(openapi3.MultiError); ok {
		var out []error
		for _, e := range me {
			out = append(out, each(e)...)
		}
		return out
	}
	for inner := errors.Unwrap(err); inner != nil; inner = errors.Unwrap(inner) {
		me, ok := inner.(openapi3.MultiError)
		if !ok {
			continue
		}
		prefix, found := strings.CutSuffix(err.Error(), me.Error())
		if !found {
			break
		}
		var out []error
		for _, e := range each(me) {
			out = append(out, errors.New(prefix+e.Error()))
		}
		return out
	}
	return []error{err}
}

// restates reports whether err, the first defect kin-openapi found in a
// part of the document, is one of the response schema defects already
// warned about. kin-openapi gives no place to compare, so the wording is:
// another schema of the part with the same defect word for word would
// be taken for it, and its warning left out.
func restates(err error, known []Defect) bool {
	msg := firstLine(err)
	for _, d := range known {
		if strings.HasSuffix(msg, d.Reason) {
			return true
		}
	}
	return false
}

// byStatus keeps the defects of single statuses, the ones cases are
// planned for.
func byStatus(byKey map[string][]Defect) map[int][]Defect {
	var out map[int][]Defect
	for key, ds := range byKey {
		n, err := strconv.Atoi(key)
		if err != nil {
			continue
		}
		if out == nil {
			out = map[int][]Defect{}
		}
		out[n] = ds
	}
	return out
}

type errMissing string

// Error says which object is missing.
func (e errMissing) Error() string { return "the " + string(e) + " object is missing" }

package contract

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// validate runs the document through kin-openapi's validation and turns
// each defect into a warning. kin-openapi stops at its first error, so
// each path item and the components are validated on their own: one
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
		if err == nil || restates(err, known) {
			return
		}
		warns = append(warns, runner.Warning{Rule: runner.RuleDocument,
			Place: place, Message: firstLine(err)})
	}
	var all []Defect
	vctx := openapi3.WithValidationOptions(ctx, versionOptions(doc)...)
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

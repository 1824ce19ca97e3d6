package contract

import (
	"context"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// validate runs the document through kin-openapi's validation and turns
// each defect into a warning. kin-openapi stops at its first error, so
// each path item and the components are validated on their own: one
// broken example does not hide the next.
func validate(ctx context.Context, doc *openapi3.T) []runner.Warning {
	if doc.Validate(ctx) == nil {
		return nil
	}
	var warns []runner.Warning
	add := func(place string, err error) {
		if err != nil {
			// kin-openapi appends the offending schema on further lines;
			// the first line names the defect.
			msg, _, _ := strings.Cut(err.Error(), "\n")
			warns = append(warns, runner.Warning{Rule: runner.RuleDocument,
				Place: place, Message: msg})
		}
	}
	vctx := openapi3.WithValidationOptions(ctx)
	if doc.Paths != nil {
		for _, key := range doc.Paths.Keys() {
			add("paths."+key, doc.Paths.Value(key).Validate(vctx))
		}
	}
	if doc.Info != nil {
		add("info", doc.Info.Validate(vctx))
	} else {
		add("info", errMissing("info"))
	}
	if doc.Components != nil {
		add("components", doc.Components.Validate(vctx))
	}
	if len(warns) == 0 {
		// Something outside paths, info and components; report it whole.
		add("document", doc.Validate(ctx))
	}
	return warns
}

type errMissing string

// Error says which object is missing.
func (e errMissing) Error() string { return "the " + string(e) + " object is missing" }

package contract

import (
	"regexp"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// colonParam matches a path segment written in the Express style, ":id".
var colonParam = regexp.MustCompile(`/:([A-Za-z_][A-Za-z0-9_]*)`)

// normalizePaths rewrites path keys such as /v1/notes/:noteId into the
// template form /v1/notes/{noteId} that OpenAPI defines, so that their
// declared path parameters line up, and warns about each one.
func normalizePaths(doc *openapi3.T) []runner.Warning {
	if doc.Paths == nil {
		return nil
	}
	var warns []runner.Warning
	for _, key := range doc.Paths.Keys() {
		fixed := colonParam.ReplaceAllString(key, "/{$1}")
		if fixed == key {
			continue
		}
		if doc.Paths.Value(fixed) != nil {
			warns = append(warns, runner.Warning{Rule: runner.RuleDocument,
				Place:   "paths." + key,
				Message: "written with :parameters, and " + fixed + " exists too: left as is"})
			continue
		}
		item := doc.Paths.Value(key)
		doc.Paths.Delete(key)
		doc.Paths.Set(fixed, item)
		warns = append(warns, runner.Warning{Rule: runner.RuleDocument,
			Place:   "paths." + key,
			Message: "path parameters written as :name; read as " + fixed})
	}
	return warns
}

// Braces writes the :name parameters of a path as {name}, as Load reads a
// document's paths: /notes/:id is /notes/{id}.
func Braces(path string) string {
	return colonParam.ReplaceAllString(path, "/{$1}")
}

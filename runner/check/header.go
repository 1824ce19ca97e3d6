package check

import (
	"context"
	"errors"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/apiconformance/harness/runner"
)

// headers checks the headers the response documents: each required one
// present, each present one valid against its schema. Kin decodes and
// validates the values, one header at a time, since it stops at the first
// header that fails.
func (j *judgement) headers(r *response) {
	for _, h := range r.headers {
		values := j.in.Header.Values(h.name)
		if len(values) == 0 {
			if h.required {
				j.violate(runner.RuleHeader, "", "header "+h.name+
					" present", "absent", "")
			}
			continue
		}
		if err := j.c.validateHeader(h, j.in.Header); err != nil {
			expected := "header " + h.name + ": " + h.expects
			detail := "decoding"
			var se *openapi3.SchemaError
			if errors.As(err, &se) {
				e, _ := describe(se)
				expected = "header " + h.name + ": " + e
				detail = se.SchemaField
			}
			j.violate(runner.RuleHeader, "", expected, quote(values[0]),
				detail)
		}
	}
}

// validateHeader runs kin over h's route. Its only response is "default",
// so the status given does not pick it; 200 is one kin never skips.
func (c *Checker) validateHeader(h header, hd http.Header) error {
	// Kin judges headers alone here; the body is judged apart.
	opts := openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            true,
		ExcludeResponseBody:   true,
	}
	return openapi3filter.ValidateResponse(context.Background(),
		&openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{
				Request: c.probe,
				Route:   h.route,
			},
			Status:  http.StatusOK,
			Header:  hd,
			Options: &opts,
		})
}

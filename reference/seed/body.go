package seed

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// maxBody caps the request body read; a longer body is refused with 400.
const maxBody = 64 << 10

// refusal is a check's verdict against a request: the status to answer
// and why, in words for the request log (never a value of the request).
type refusal struct {
	status int
	why    string
}

// refuse returns a refusal of status for the reason why.
func refuse(status int, why string) *refusal {
	return &refusal{status: status, why: why}
}

// readAssignment reads the body of r and returns the userId it assigns.
func readAssignment(r *http.Request) (int64, *refusal) {
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return 0, refuse(http.StatusBadRequest, "body unreadable")
	}
	if len(b) > maxBody {
		return 0, refuse(http.StatusBadRequest, "body too large")
	}
	return parseAssignment(b)
}

// parseAssignment judges a request body. Shape faults are 400: no body,
// not one JSON value, not an object, no userId, another property. A
// userId that is not a positive integer is 422. An integer means digits
// only: 1.0 and 1e2 are refused, as the harness's strict profile refuses
// them in answers, and so is a value past int64.
func parseAssignment(b []byte) (int64, *refusal) {
	if len(bytes.TrimSpace(b)) == 0 {
		return 0, refuse(http.StatusBadRequest, "no body")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return 0, refuse(http.StatusBadRequest, "body not JSON")
	}
	if _, err := dec.Token(); err != io.EOF {
		return 0, refuse(http.StatusBadRequest, "bytes after the JSON value")
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return 0, refuse(http.StatusBadRequest, "body not an object")
	}
	for k := range obj {
		if k != "userId" {
			return 0, refuse(http.StatusBadRequest, "undeclared property")
		}
	}
	v, ok := obj["userId"]
	if !ok {
		return 0, refuse(http.StatusBadRequest, "userId missing")
	}

	n, ok := v.(json.Number)
	if !ok {
		return 0, refuse(http.StatusUnprocessableEntity, "userId not a number")
	}
	id, err := strconv.ParseInt(n.String(), 10, 64)
	if err != nil {
		return 0, refuse(http.StatusUnprocessableEntity,
			"userId not an integer")
	}
	if id <= 0 {
		return 0, refuse(http.StatusUnprocessableEntity,
			"userId not positive")
	}
	return id, nil
}

package seed

import (
	"net/http"
	"strings"
)

// Mutant is one defect the server can inject: on answers of Status, and
// on no other, it breaks the contract the way Description says. Each
// mutant proves that the harness catches one kind of mistake.
type Mutant struct {
	Name        string
	Status      int // the documented status whose case it breaks
	Description string
	alter       func(*reply)
}

// UnknownMutantError is returned by New for a Config.Mutant that names no
// mutant. Valid lists the names that exist.
type UnknownMutantError struct {
	Name  string
	Valid []string
}

// Error names the unknown mutant and every valid one.
func (e *UnknownMutantError) Error() string {
	return "choosing mutant " + e.Name + ": unknown, want one of " +
		strings.Join(e.Valid, ", ")
}

// badGatewayPage is what a gateway in front of a server typically sends
// when the server behind it fails.
const badGatewayPage = "<!DOCTYPE html>\n<html><head><title>502 Bad " +
	"Gateway</title></head>\n<body><h1>502 Bad Gateway</h1></body></html>\n"

// Mutants lists every mutant, each a new copy the caller may keep.
func Mutants() []Mutant {
	return []Mutant{
		{"error-extra-field", http.StatusBadRequest,
			`the 400 body has an extra "code": "E400"`,
			func(r *reply) { r.doc = r.doc.with("code", "E400") }},
		{"error-missing-field", http.StatusNotFound,
			`the 404 body lacks "type"`,
			func(r *reply) { r.doc = r.doc.without("type") }},
		{"success-as-string", http.StatusUnauthorized,
			`the 401 body has "success": "false", a string`,
			func(r *reply) { r.doc = r.doc.with("success", "false") }},
		{"400-for-422", http.StatusUnprocessableEntity,
			"answers 400, with the 400 body, where 422 belongs",
			func(r *reply) { *r = errorReply(http.StatusBadRequest) }},
		{"text-plain-error", http.StatusForbidden,
			"the 403 is sent as text/plain, the same JSON text",
			func(r *reply) { r.contentType = "text/plain; charset=utf-8" }},
		{"success-true-on-error", http.StatusNotFound,
			`the 404 body has "success": true`,
			func(r *reply) { r.doc = r.doc.with("success", true) }},
		{"undocumented-status", http.StatusNotFound,
			"answers 410, an undocumented status, with the 404 body",
			func(r *reply) { r.status = http.StatusGone }},
		{"empty-object-error", http.StatusUnauthorized,
			"the 401 body is {}",
			func(r *reply) { r.doc = object{} }},
		{"wrong-message", http.StatusOK,
			`the 200 data.message is "Admin assigned."`,
			func(r *reply) {
				r.doc = r.doc.with("data", object{{"message", "Admin assigned."}})
			}},
		{"extra-data-field", http.StatusOK,
			`the 200 data has an extra "userId", the user assigned`,
			func(r *reply) {
				r.doc = r.doc.with("data", object{{"message", assigned},
					{"userId", r.userID}})
			}},
		{"duplicate-key", http.StatusForbidden,
			`the 403 body writes "success": false twice`,
			func(r *reply) {
				r.doc = append(r.doc.with("success", false),
					member{"success", false})
			}},
		{"trailing-bytes", http.StatusNotFound,
			`the 404 body is followed by "\n{}"`,
			func(r *reply) { r.raw = append(r.bytes(), "\n{}"...) }},
		{"empty-body", http.StatusInternalServerError,
			"the 500 has an empty body, still typed application/json",
			func(r *reply) { r.raw = []byte{} }},
		{"null-for-string", http.StatusUnprocessableEntity,
			`the 422 body has "message": null`,
			func(r *reply) { r.doc = r.doc.with("message", nil) }},
		{"html-502", http.StatusBadGateway,
			"the 502 is a text/html page, as gateways send",
			func(r *reply) {
				r.contentType = "text/html; charset=utf-8"
				r.raw = []byte(badGatewayPage)
			}},
	}
}

// findMutant returns the mutant named name; an empty name is no mutant.
func findMutant(name string) (*Mutant, error) {
	if name == "" {
		return nil, nil
	}
	all := Mutants()
	valid := make([]string, 0, len(all))
	for i := range all {
		if all[i].Name == name {
			return &all[i], nil
		}
		valid = append(valid, all[i].Name)
	}
	return nil, &UnknownMutantError{Name: name, Valid: valid}
}

// apply alters r when the mutant targets its status. A nil mutant
// changes nothing.
func (m *Mutant) apply(r *reply) {
	if m != nil && r.status == m.Status {
		m.alter(r)
	}
}

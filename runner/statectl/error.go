package statectl

import "fmt"

// StateError is a state call that did not succeed: no answer (Err set,
// Status 0) or an answer outside 2xx (Status set, Body its first 512
// bytes). The body comes from the implementation; mask it before showing.
type StateError struct {
	State  string
	Action string // Setup or Teardown
	Status int
	Body   string
	Err    error
}

// Error returns `setting state "NAME" (ACTION): cause`.
func (e *StateError) Error() string {
	head := fmt.Sprintf("setting state %q (%s)", e.State, e.Action)
	if e.Err != nil {
		return head + ": " + e.Err.Error()
	}
	if e.Body == "" {
		return fmt.Sprintf("%s: status %d", head, e.Status)
	}
	return fmt.Sprintf("%s: status %d: %q", head, e.Status, e.Body)
}

// Unwrap returns the cause of a call that got no answer, nil otherwise.
func (e *StateError) Unwrap() error { return e.Err }

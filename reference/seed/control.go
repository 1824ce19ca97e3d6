package seed

import (
	"encoding/json"
	"io"
	"net/http"
	"sync/atomic"
)

// controlPath is the test-control endpoint, served when
// Config.TestControl is set.
const controlPath = "/__test/state"

// The provider states the test-control endpoint knows.
const (
	StateInternalFault = "internal fault"
	StateMaintenance   = "maintenance"
)

// stateChange is a request to the test-control endpoint, in the shape of
// a Pact provider-state call. Action is "setup" (the default) or
// "teardown"; params are accepted and unused.
type stateChange struct {
	State  string         `json:"state"`
	Params map[string]any `json:"params"`
	Action string         `json:"action"`
}

// state returns the switch of the provider state name, or nil.
func (f *faults) state(name string) *atomic.Bool {
	switch name {
	case StateInternalFault:
		return &f.internal
	case StateMaintenance:
		return &f.maintenance
	}
	return nil
}

// control serves POST /__test/state: setup turns a state on, teardown
// turns it off. It answers 200 with the state as it now stands, or 400
// for a body it cannot use.
func (s *Server) control(w http.ResponseWriter, r *http.Request) {
	var c stateChange
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(b) > maxBody || json.Unmarshal(b, &c) != nil {
		noteWhy(r, "state change not JSON")
		errorReply(http.StatusBadRequest).write(w)
		return
	}
	flag := s.faults.state(c.State)
	if flag == nil {
		noteWhy(r, "unknown state")
		errorReply(http.StatusBadRequest).write(w)
		return
	}
	switch c.Action {
	case "", "setup":
		c.Action = "setup"
		flag.Store(true)
	case "teardown":
		flag.Store(false)
	default:
		noteWhy(r, "unknown action")
		errorReply(http.StatusBadRequest).write(w)
		return
	}
	reply{
		status:      http.StatusOK,
		contentType: jsonType,
		doc: object{
			{"state", c.State},
			{"action", c.Action},
			{"active", flag.Load()},
		},
	}.write(w)
}

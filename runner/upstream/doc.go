// Package upstream is the simulator the harness puts in place of the
// services an implementation calls. The implementation is configured to
// use the simulator's URL as its upstream; a case then sets a mode, and
// every request the simulator gets, whatever its method or path, receives
// that mode's canned answer: a status, headers, a body, perhaps a delay
// past the implementation's own timeout.
package upstream

// Known shortcoming: one answer per mode, whatever the path. An
// implementation that calls two upstream endpoints and needs different
// answers from each (a user lookup and a group lookup, say) cannot be
// simulated yet; routing modes by method and path in the fixture's
// upstream section would fix it.

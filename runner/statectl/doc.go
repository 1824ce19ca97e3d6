// Package statectl drives the test-control endpoint of an implementation:
// before a case that needs a provider state it posts
//
//	{"state": NAME, "params": {...}, "action": "setup"}
//
// and after the case the same with "action": "teardown", the shape of
// Pact's provider states. Any failure is a *StateError.
package statectl

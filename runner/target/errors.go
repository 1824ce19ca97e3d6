package target

import (
	"fmt"
	"strings"
)

// Reason names why a target did not become ready. Callers match on it,
// never on the wording of the error.
type Reason string

const (
	// Setup means the target could not be started at all: a bad URL, a
	// command that does not exist, Docker misconfigured or a failed build.
	Setup Reason = "setup"
	// Exited means the implementation stopped before it answered.
	Exited Reason = "exited"
	// Deadline means the implementation did not answer within the
	// deadline of its ReadyCheck.
	Deadline Reason = "deadline"
	// Canceled means the caller's context ended the wait.
	Canceled Reason = "canceled"
)

// StartError reports why Host or Start failed, with what is known of the
// implementation at that moment. Lines are already masked.
type StartError struct {
	Kind   string // "url", "process" or "container"
	Reason Reason
	Addr   string // the URL readiness polled; "" if never polled
	Port   int    // the port waited on, host or container side
	Status string // exit status or container state; "" if unknown
	// ExitCode is the implementation's exit code when Reason is Exited;
	// -1 when a signal ended it.
	ExitCode int
	Lines    []string // the last lines of output, oldest first
	Err      error    // the underlying cause, if any
}

// Error renders the failure on a few lines, output last.
func (e *StartError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "starting %s target: %s", e.Kind, e.Reason)
	if e.Status != "" {
		fmt.Fprintf(&b, " (%s)", e.Status)
	}
	if e.Addr != "" {
		fmt.Fprintf(&b, ", waited on %s", e.Addr)
	} else if e.Port != 0 {
		fmt.Fprintf(&b, ", port %d", e.Port)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	if len(e.Lines) > 0 {
		fmt.Fprintf(&b, "\nlast %d lines of output:", len(e.Lines))
		for _, l := range e.Lines {
			b.WriteString("\n  " + l)
		}
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *StartError) Unwrap() error { return e.Err }

package report

import (
	"time"

	"github.com/apiconformance/harness/runner"
)

// Run is everything one run of the harness reports. Its zero value is an
// empty run: it renders, with no cases and zero counts.
type Run struct {
	Harness  string // version of the harness that ran
	Contract Contract
	Target   Target
	Profile  runner.Profile
	Started  time.Time
	Duration time.Duration
	// Results holds one result per case, in plan order.
	Results []runner.Result
	// Warnings are the document and fixture warnings of the whole run.
	Warnings []runner.Warning
	// Interrupted says the run was stopped before its end: skipped cases
	// are those it never reached, rather than those a filter left out.
	Interrupted bool
	// AllowUntriggered says the user accepts untriggered cases: JUnit
	// lists them as skipped instead of as errors.
	AllowUntriggered bool
	// Masker replaces the run's secrets in every output. Its zero value
	// masks nothing.
	Masker runner.Masker
}

// Contract names the OpenAPI document a run checked against.
type Contract struct {
	Title   string `json:"title"`
	Version string `json:"version"`
	Path    string `json:"path"`
	// SHA256 is the hex digest of the document's bytes as read.
	SHA256 string `json:"sha256"`
}

// Target names the implementation a run checked. Kind is one of "url",
// "command", "image" or "in-process"; the other fields are set as the kind
// needs them.
type Target struct {
	Kind    string   `json:"kind"`
	URL     string   `json:"url,omitempty"`
	Command []string `json:"command,omitempty"`
	Image   string   `json:"image,omitempty"`
	Digest  string   `json:"digest,omitempty"`
}

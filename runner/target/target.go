// Package target starts the implementation under test and stops it again.
//
// A target is one of three kinds behind the Target interface: a URL that
// is already serving (NewURL), a child process the harness starts
// (NewProcess, NewShell) or a container built or run with testcontainers
// (NewContainer). The caller that calls Start owns the target and must
// call Stop, also when Start failed.
package target

import (
	"context"
	"strconv"
	"time"
)

// Env is what the harness passes to an implementation it starts. A process
// or container sees it as environment variables: UPSTREAM_URL,
// TEST_CONTROL=true|false and each entry of Extra, next to HOST and PORT,
// where to listen. Extra cannot override what the harness sets itself.
type Env struct {
	UpstreamURL string            // the harness's upstream simulator
	TestControl bool              // switch the test-control endpoint on
	Extra       map[string]string // user-given variables
}

// vars returns the variables the implementation sees. Extra comes first
// so that it cannot override what the harness sets itself.
func (e Env) vars(host string, port int) map[string]string {
	m := make(map[string]string, len(e.Extra)+4)
	for k, v := range e.Extra {
		m[k] = v
	}
	m["HOST"], m["PORT"] = host, strconv.Itoa(port)
	m["UPSTREAM_URL"] = e.UpstreamURL
	m["TEST_CONTROL"] = strconv.FormatBool(e.TestControl)
	return m
}

// Info describes a target for reports. Kind is "url", "process" or
// "container"; the other fields are set where they apply: Command for a
// process, Image and Digest (the image id, "sha256:...") for a container.
// URL is the base URL once Start has succeeded.
type Info struct {
	Kind    string `json:"kind"`
	URL     string `json:"url,omitempty"`
	Command string `json:"command,omitempty"`
	Image   string `json:"image,omitempty"`
	Digest  string `json:"digest,omitempty"`
}

// Target is the implementation under test, however it runs. Host and
// Start acquire resources; Stop releases all of them. A Target is used by
// one goroutine at a time, except Logs and Info, which are safe to call
// concurrently with the others.
type Target interface {
	// Host returns the address on which the implementation reaches
	// servers the harness starts, such as its upstream simulator:
	// "127.0.0.1" for a URL or a process, the gateway of the container's
	// network for a container. Call it before Start.
	Host(ctx context.Context) (string, error)
	// Start starts the implementation (a URL target only checks that it
	// answers) and returns its base URL once it answers HTTP. It polls
	// with a deadline. A failure is a *StartError.
	Start(ctx context.Context, env Env) (baseURL string, err error)
	// Stop stops what Start started and releases what Host created. It
	// is safe to call more than once and after a failed Start.
	Stop(ctx context.Context) error
	// Info describes the target for reports.
	Info() Info
	// Logs returns the implementation's output lines captured in
	// [from, to], oldest first, each prefixed with its time and stream;
	// nil for a URL target.
	Logs(from, to time.Time) []string
}

// Exiter is a Target that can tell whether the implementation it started
// has ended: a process or a container. Exited waits for the end until ctx
// is done and returns how it ended, such as "exit status 2", or nil when
// it still runs then (or never started).
type Exiter interface {
	Exited(ctx context.Context) error
}

// Every kind is a Target.
var (
	_ Target = (*URL)(nil)
	_ Target = (*Container)(nil)
	_ Exiter = (*Process)(nil)
	_ Exiter = (*Container)(nil)
)

// DefaultDeadline is how long Start waits for an implementation to answer
// when ReadyCheck.Deadline is zero.
const DefaultDeadline = 30 * time.Second

// ReadyCheck says when an implementation counts as ready: when a GET of
// Path on its base URL gets any HTTP answer, whatever the status, within
// Deadline. The zero value polls "/" for DefaultDeadline.
type ReadyCheck struct {
	Path     string
	Deadline time.Duration
}

func (r ReadyCheck) deadline() time.Duration {
	if r.Deadline <= 0 {
		return DefaultDeadline
	}
	return r.Deadline
}

// url joins the base URL and the ready path.
func (r ReadyCheck) url(base string) string {
	p := r.Path
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	return base + p
}

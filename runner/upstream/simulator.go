package upstream

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/apiconformance/harness/runner"
)

// Normal is the mode a simulator starts in and that every set must hold.
const Normal = "normal"

// Simulator answers every request with the canned answer of its current
// mode. Its lifecycle is New, Start, Close; the caller of Start closes it.
// All methods are safe for concurrent use, and a mode switch applies to the
// requests that arrive after it.
type Simulator struct {
	answers map[string]answer

	mu       sync.Mutex
	mode     string
	hits     int
	started  bool
	closed   bool
	url      string
	srv      *http.Server
	inflight sync.WaitGroup // handlers and the serve loop
	done     chan struct{}  // closed by Close: delays end
}

// answer is a mode made ready to send: the body encoded once.
type answer struct {
	status int
	header http.Header
	body   []byte
	delay  time.Duration
}

// New returns a simulator for the given modes, not yet listening. The set
// must hold a mode named "normal"; a mode whose body cannot be encoded as
// JSON or whose status is not 200-599 is an error.
func New(modes map[string]runner.UpstreamMode) (*Simulator, error) {
	if _, ok := modes[Normal]; !ok {
		return nil, fmt.Errorf("building upstream simulator: "+
			"no %q mode among %s", Normal, names(modes))
	}
	answers := make(map[string]answer, len(modes))
	for name, m := range modes {
		a, err := prepare(m)
		if err != nil {
			return nil, fmt.Errorf("building upstream mode %q: %w", name, err)
		}
		answers[name] = a
	}
	return &Simulator{answers: answers, mode: Normal,
		done: make(chan struct{})}, nil
}

// Start listens on host, port chosen by the system, and serves until Close.
// host is an address the implementation reaches: "127.0.0.1", or the
// gateway of a container network; "host:port" fixes the port too, for an
// implementation configured by hand. A simulator starts once.
func (s *Simulator) Start(host string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed {
		return errors.New("starting upstream simulator: already started " +
			"or closed")
	}
	addr := net.JoinHostPort(host, "0")
	if _, _, err := net.SplitHostPort(host); err == nil {
		addr = host // a fixed port, for an implementation started by hand
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("starting upstream simulator: %w", err)
	}
	s.srv = &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	s.started, s.url = true, "http://"+ln.Addr().String()

	s.inflight.Add(1)
	go func() {
		defer s.inflight.Done()
		// Serve ends with http.ErrServerClosed once Close runs.
		_ = s.srv.Serve(ln)
	}()
	return nil
}

// URL returns the base URL of the simulator, "" before Start.
func (s *Simulator) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// SetMode makes name the mode of the requests that arrive from now on and
// resets the hit count. An unknown name is an error naming the known ones.
func (s *Simulator) SetMode(name string) error {
	if _, ok := s.answers[name]; !ok {
		return fmt.Errorf("setting upstream mode: unknown mode %q, "+
			"known: %s", name, names(s.answers))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mode, s.hits = name, 0
	return nil
}

// Mode returns the name of the current mode.
func (s *Simulator) Mode() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mode
}

// Hits returns how many requests reached the simulator since Start or the
// last SetMode, counting those whose delayed answer was cut short.
func (s *Simulator) Hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

// Close stops the simulator: it closes the listener and every connection,
// ends delayed answers at once and returns when every handler has. Close
// without Start, or a second Close, does nothing.
func (s *Simulator) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.done)
	srv := s.srv
	s.mu.Unlock()

	var err error
	if srv != nil {
		err = srv.Close()
	}
	s.inflight.Wait()
	if err != nil {
		return fmt.Errorf("closing upstream simulator: %w", err)
	}
	return nil
}

// names lists the keys of a mode set, sorted, for error messages.
func names[V any](m map[string]V) string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, fmt.Sprintf("%q", k))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

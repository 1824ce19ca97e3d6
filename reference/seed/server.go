package seed

import (
	"fmt"
	"net/http"
	"sync/atomic"
)

// Server is the reference implementation, an http.Handler. It holds its
// data in memory: assignments last as long as the Server. It is safe for
// concurrent use. Close releases its connections to the upstream.
type Server struct {
	cfg     Config
	mutant  *Mutant
	store   *store
	limiter *limiter
	dir     *directory
	faults  faults
	handler http.Handler
}

// faults are the states the test-control endpoint switches.
type faults struct {
	internal    atomic.Bool // the group lookup fails: 500
	maintenance atomic.Bool // every request of the operation: 503
}

// New returns a Server configured by cfg, with its data loaded. It fails
// when the upstream URL is missing or unusable (ErrNoUpstream when
// missing), the data file cannot be loaded, or the mutant is unknown
// (*UnknownMutantError).
func New(cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	m, err := findMutant(cfg.Mutant)
	if err != nil {
		return nil, err
	}
	st, err := loadStore(cfg.DataFile)
	if err != nil {
		return nil, err
	}
	dir, err := newDirectory(cfg.UpstreamURL, cfg.UpstreamTimeout)
	if err != nil {
		return nil, fmt.Errorf("configuring upstream: %w", err)
	}
	s := &Server{
		cfg:     cfg,
		mutant:  m,
		store:   st,
		limiter: newLimiter(cfg.RateLimit),
		dir:     dir,
	}
	s.handler = logRequests(cfg.Logger, s.routes())
	return s, nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Close releases the idle connections to the upstream directory. Requests
// in flight finish; the Server may still be used, at the cost of new
// connections.
func (s *Server) Close() { s.dir.close() }

// routes maps the paths the server knows. Only the operation's answers go
// through the mutant; the test-control endpoint and the answers to
// unknown paths and methods are always plain.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	const op = "/v1/groups/{groupId}/assignAsAdmin"
	mux.HandleFunc("PUT "+op, s.assign)
	mux.HandleFunc(op, onlyMethod(http.MethodPut))
	if s.cfg.TestControl {
		mux.HandleFunc("POST "+controlPath, s.control)
		mux.HandleFunc(controlPath, onlyMethod(http.MethodPost))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		errorReply(http.StatusNotFound).write(w)
	})
	return mux
}

// onlyMethod answers 405 for a path that allows only method.
func onlyMethod(method string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", method)
		errorReply(http.StatusMethodNotAllowed).write(w)
	}
}

// send writes the operation's answer rep, altered by the mutant if any.
func (s *Server) send(w http.ResponseWriter, rep reply) {
	s.mutant.apply(&rep)
	rep.write(w)
}

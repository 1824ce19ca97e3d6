package seed

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The defaults a zero field of Config takes.
const (
	DefaultUpstreamTimeout = time.Second
	DefaultRequests        = 20
	DefaultWindow          = time.Second
)

// ErrNoUpstream is returned by New when Config.UpstreamURL is empty.
var ErrNoUpstream = errors.New("configuring upstream: no URL given")

// Config configures a Server. Only UpstreamURL is required; every other
// zero field takes its default. A Config is copied by New, so changing it
// afterwards has no effect.
type Config struct {
	// UpstreamURL is the base URL of the membership directory, which the
	// server asks GET {UpstreamURL}/members/{userId}.
	UpstreamURL string
	// UpstreamTimeout bounds each directory call, body included; zero
	// means DefaultUpstreamTimeout. Past it the operation answers 504.
	UpstreamTimeout time.Duration
	// TestControl serves POST /__test/state when true; when false that
	// path is unknown like any other.
	TestControl bool
	// RateLimit is the fixed window of each client; zero means
	// DefaultRequests per DefaultWindow.
	RateLimit Rate
	// DataFile names a JSON data file of clients, users, tokens and
	// groups; empty means the embedded default (data.json).
	DataFile string
	// Mutant names the one defect to inject, one of Mutants(); empty
	// means none, a conforming server.
	Mutant string
	// Logger receives one line per request; nil means no request log.
	// Credentials and bodies are never logged.
	Logger *slog.Logger
}

// Rate is a fixed-window rate limit: at most Requests requests per Window
// from one client. Its zero value means the defaults.
type Rate struct {
	Requests int
	Window   time.Duration
}

// String writes the rate the way ParseRate reads it, "20/1s".
func (r Rate) String() string {
	return strconv.Itoa(r.Requests) + "/" + r.Window.String()
}

// ParseRate reads a rate written as requests/window, "20/1s" for example;
// the window is a Go duration. Both parts must be positive.
func ParseRate(s string) (Rate, error) {
	n, w, ok := strings.Cut(s, "/")
	if !ok {
		return Rate{}, fmt.Errorf("parsing rate %q: want requests/window", s)
	}
	req, err := strconv.Atoi(n)
	if err != nil || req <= 0 {
		return Rate{}, fmt.Errorf("parsing rate %q: requests must be a "+
			"positive integer", s)
	}
	win, err := time.ParseDuration(w)
	if err != nil || win <= 0 {
		return Rate{}, fmt.Errorf("parsing rate %q: window must be a "+
			"positive duration", s)
	}
	return Rate{Requests: req, Window: win}, nil
}

// withDefaults returns cfg with every zero field set to its default, or
// an error when a field is unusable.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.UpstreamURL == "" {
		return cfg, ErrNoUpstream
	}
	u, err := url.Parse(cfg.UpstreamURL)
	if err != nil {
		return cfg, fmt.Errorf("configuring upstream: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cfg, fmt.Errorf("configuring upstream %s: want an absolute "+
			"http or https URL", u.Redacted())
	}
	if cfg.UpstreamTimeout < 0 {
		return cfg, errors.New("configuring upstream: negative timeout")
	}
	if cfg.UpstreamTimeout == 0 {
		cfg.UpstreamTimeout = DefaultUpstreamTimeout
	}

	switch r := cfg.RateLimit; {
	case r == Rate{}:
		cfg.RateLimit = Rate{Requests: DefaultRequests, Window: DefaultWindow}
	case r.Requests <= 0 || r.Window <= 0:
		return cfg, fmt.Errorf("configuring rate limit %s: both parts "+
			"must be positive", r)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg, nil
}

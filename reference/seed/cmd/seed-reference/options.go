package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	"github.com/apiconformance/harness/reference/seed"
)

// defaultAddr is where the server listens without -addr or PORT.
const defaultAddr = "127.0.0.1:8080"

// options is what the command line and the environment ask for.
type options struct {
	addr        string
	cfg         seed.Config
	listMutants bool
}

// parseOptions reads the flags in args over the environment that getenv
// reads: a flag given wins over its variable, which wins over the
// default. Flag errors and -h usage go to stderr.
func parseOptions(args []string, getenv func(string) string,
	stderr io.Writer) (options, error) {
	var o options
	envTimeout, err := envDuration(getenv, "UPSTREAM_TIMEOUT",
		seed.DefaultUpstreamTimeout)
	if err != nil {
		return o, err
	}
	envControl, err := envBool(getenv, "TEST_CONTROL")
	if err != nil {
		return o, err
	}
	addr := defaultAddr
	if p := getenv("PORT"); p != "" {
		// HOST, as the harness sets it, keeps a test-control endpoint off
		// other interfaces; without it, every interface is served.
		addr = net.JoinHostPort(getenv("HOST"), p)
	}
	rate := getenv("RATE_LIMIT")
	if rate == "" {
		rate = seed.Rate{Requests: seed.DefaultRequests,
			Window: seed.DefaultWindow}.String()
	}

	fs := flag.NewFlagSet("seed-reference", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", addr,
		"listen address (env HOST and PORT give \"HOST:PORT\")")
	fs.StringVar(&o.cfg.UpstreamURL, "upstream", getenv("UPSTREAM_URL"),
		"membership directory base URL, required (env UPSTREAM_URL)")
	fs.DurationVar(&o.cfg.UpstreamTimeout, "upstream-timeout", envTimeout,
		"timeout of each directory call (env UPSTREAM_TIMEOUT)")
	fs.BoolVar(&o.cfg.TestControl, "test-control", envControl,
		"serve POST /__test/state (env TEST_CONTROL)")
	fs.StringVar(&rate, "rate-limit", rate,
		"requests/window per client, fixed window (env RATE_LIMIT)")
	fs.StringVar(&o.cfg.DataFile, "data", getenv("DATA_FILE"),
		"JSON data file instead of the embedded one (env DATA_FILE)")
	fs.StringVar(&o.cfg.Mutant, "mutant", getenv("MUTANT"),
		"inject one defect, see -list-mutants (env MUTANT)")
	fs.BoolVar(&o.listMutants, "list-mutants", false,
		"print the mutants and exit")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("reading arguments: unexpected %q", fs.Arg(0))
	}

	if o.cfg.RateLimit, err = seed.ParseRate(rate); err != nil {
		return o, err
	}
	if o.cfg.UpstreamURL == "" && !o.listMutants {
		return o, errors.New("reading options: no upstream, give " +
			"-upstream or set UPSTREAM_URL")
	}
	return o, nil
}

// envDuration reads the duration in variable name, or def when unset.
func envDuration(getenv func(string) string, name string,
	def time.Duration) (time.Duration, error) {
	s := getenv(name)
	if s == "" {
		return def, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("reading env %s: %w", name, err)
	}
	return d, nil
}

// envBool reads the boolean in variable name, false when unset.
func envBool(getenv func(string) string, name string) (bool, error) {
	s := getenv(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("reading env %s: %w", name, err)
	}
	return b, nil
}

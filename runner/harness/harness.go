// Package harness assembles a run: it loads the contract and fixtures,
// plans the cases, starts the upstream simulator and the target, and
// records each case's verdict for the reports. The Ginkgo suite and the
// command-line program both go through it, so a run gives one verdict
// whichever way it is started.
package harness

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/check"
	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/engine"
	"github.com/apiconformance/harness/runner/exchange"
	"github.com/apiconformance/harness/runner/fixture"
	"github.com/apiconformance/harness/runner/plan"
	"github.com/apiconformance/harness/runner/statectl"
	"github.com/apiconformance/harness/runner/upstream"
)

// Options are the settings of a run that the engine needs. The zero value
// of each field means its default.
type Options struct {
	// Contract is the OpenAPI document; empty means the one the fixture
	// file names.
	Contract string
	Fixtures string
	Profile  runner.Profile // default strict
	// Timeout bounds each request (default 10s); MaxBody caps how much of
	// a response body is read (default 1 MiB).
	Timeout time.Duration
	MaxBody int64
	// StateURL is the test-control endpoint: an absolute URL, or a path
	// joined to the target's base URL (default "/__test/state").
	StateURL string
	// UpstreamAddr fixes where the upstream simulator listens, host:port,
	// for an implementation started by hand; empty means the target's host
	// and a port the system chooses.
	UpstreamAddr string
	// Waivers is a waiver file; empty means none.
	Waivers string
	// Secrets are values to mask in every output besides the fixture
	// variables marked secret, such as a password in the base URL.
	Secrets []string
	// Environ lists the environment (os.Environ), to warn about
	// CONFORMANCE_VAR_ settings that name no fixture variable.
	Environ []string
	// Lookup reads the environment for fixture variables (os.LookupEnv).
	Lookup func(string) (string, bool)
}

// DefaultStatePath is where the harness looks for the test-control
// endpoint when no state URL is given.
const DefaultStatePath = "/__test/state"

// Loaded is a planned run: everything that can be known without sending a
// request.
type Loaded struct {
	Options  Options
	Contract *contract.Contract
	Fixtures *fixture.File
	Plan     plan.Plan
	Waivers  map[string]engine.Waiver
	Masker   runner.Masker
}

// Load reads the contract, the fixtures and the waivers and plans the
// cases. Errors name the file at fault.
func Load(ctx context.Context, opts Options) (*Loaded, error) {
	if opts.Fixtures == "" {
		return nil, errors.New("loading fixtures: no fixture file given")
	}
	f, err := fixture.Load(opts.Fixtures, opts.Lookup)
	if err != nil {
		return nil, err
	}
	if err := shortSecret(f, opts.Secrets); err != nil {
		return nil, err
	}
	if len(f.Upstream) > 0 {
		// Built again by Start; built here so that plan refuses what run
		// would.
		if _, err := upstream.New(f.Upstream); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	doc := opts.Contract
	if doc == "" {
		doc = f.Contract
	}
	if doc == "" {
		return nil, fmt.Errorf("loading contract: no document given, and %s names none", opts.Fixtures)
	}
	c, err := contract.Load(ctx, doc)
	if err != nil {
		return nil, err
	}
	p, err := plan.Build(c, f)
	if err != nil {
		return nil, err
	}
	l := &Loaded{Options: opts, Contract: c, Fixtures: f, Plan: p,
		Masker: runner.NewMasker(append(f.Secrets(), opts.Secrets...)...)}
	if opts.Waivers != "" {
		if l.Waivers, err = LoadWaivers(opts.Waivers, p); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// Warnings returns what loading noticed: defects of the document and
// fixtures the plan could not use.
func (l *Loaded) Warnings() []runner.Warning {
	w := append([]runner.Warning(nil), l.Contract.Warnings...)
	w = append(w, l.Plan.Warnings...)
	return append(w, l.Fixtures.EnvWarnings(l.Options.Environ)...)
}

// minSecretLen is the shortest secret value the harness takes: every
// occurrence of a secret is masked, so a shorter one would hide the same
// letters in unrelated text, down to the words of the reports.
const minSecretLen = 4

// shortSecret refuses a secret value shorter than minSecretLen, naming the
// variable, or the option it came from.
func shortSecret(f *fixture.File, others []string) error {
	for _, v := range f.Variables {
		if v.Secret && v.Value != "" && len(v.Value) < minSecretLen {
			return fmt.Errorf("%s: variable %s is secret, and its value has %d characters: "+
				"masking it would hide those characters everywhere; give it at least %d",
				f.Path, v.Name, len(v.Value), minSecretLen)
		}
	}
	for _, s := range others {
		if s != "" && len(s) < minSecretLen {
			return fmt.Errorf("a secret given to the runner (an --env value or a URL's "+
				"password) has %d characters: masking it would hide those characters "+
				"everywhere; give it at least %d", len(s), minSecretLen)
		}
	}
	return nil
}

// Profile returns the profile in force.
func (l *Loaded) Profile() runner.Profile {
	if l.Options.Profile == "" {
		return runner.Strict
	}
	return l.Options.Profile
}

// Engine returns an engine for the implementation at baseURL; sim may be
// nil.
func (l *Loaded) Engine(baseURL string, sim *upstream.Simulator) *engine.Engine {
	o := l.Options
	e := &engine.Engine{
		BaseURL: baseURL,
		Client: exchange.New(exchange.Options{Timeout: o.Timeout,
			MaxBody: o.MaxBody}),
		Checker:   check.New(l.Contract.Doc, l.Profile()),
		Masker:    l.Masker,
		Waivers:   l.Waivers,
		BodyLimit: 16 << 10,
		Upstream:  sim,
		States:    statectl.New(stateURL(baseURL, o.StateURL), nil, o.Timeout),
	}
	return e
}

func stateURL(base, state string) string {
	if state == "" {
		state = DefaultStatePath
	}
	if strings.HasPrefix(state, "http://") || strings.HasPrefix(state, "https://") {
		return state
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(state, "/")
}

package suites_test

import (
	"context"
	"net/http/httptest"
	"time"

	"github.com/apiconformance/harness/reference/seed"
	"github.com/apiconformance/harness/runner/target"
)

// inProcess is a target.Target that serves the seed reference
// implementation from the test process, optionally as one of its mutants.
type inProcess struct {
	mutant string
	// upstreamTimeout is the reference's own; zero means its default.
	upstreamTimeout time.Duration
	srv             *httptest.Server
	ref             *seed.Server
}

func (p *inProcess) Host(context.Context) (string, error) { return "127.0.0.1", nil }

func (p *inProcess) Start(_ context.Context, env target.Env) (string, error) {
	ref, err := seed.New(seed.Config{UpstreamURL: env.UpstreamURL,
		TestControl: env.TestControl, Mutant: p.mutant,
		UpstreamTimeout: p.upstreamTimeout})
	if err != nil {
		return "", err
	}
	p.ref, p.srv = ref, httptest.NewServer(ref)
	return p.srv.URL, nil
}

func (p *inProcess) Stop(context.Context) error {
	if p.srv != nil {
		p.srv.Close()
		p.ref.Close()
		p.srv = nil
	}
	return nil
}

func (p *inProcess) Info() target.Info {
	info := target.Info{Kind: "in-process", Command: "reference/seed"}
	if p.mutant != "" {
		info.Command += " (mutant " + p.mutant + ")"
	}
	if p.srv != nil {
		info.URL = p.srv.URL
	}
	return info
}

func (p *inProcess) Logs(from, to time.Time) []string { return nil }

package target

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// URL is a target that is already running somewhere; the harness neither
// starts nor stops it. Build one with NewURL.
type URL struct {
	base  string
	shown string // base without a password, for Info
	ready ReadyCheck
}

// NewURL returns a target for the implementation serving at base, an
// absolute http or https URL; a trailing slash is dropped. Start checks
// that it answers.
func NewURL(base string, ready ReadyCheck) *URL {
	u := &URL{base: strings.TrimRight(base, "/"), ready: ready}
	u.shown = u.base
	if p, err := url.Parse(u.base); err == nil {
		u.shown = p.Redacted()
	}
	return u
}

// Host returns "127.0.0.1": the harness cannot know how a remote
// implementation reaches it, so the simulator binds loopback.
func (u *URL) Host(context.Context) (string, error) { return "127.0.0.1", nil }

// Start checks that the URL answers any HTTP response within the deadline
// and returns it. The environment is not used: nothing is started.
func (u *URL) Start(ctx context.Context, _ Env) (string, error) {
	p, err := url.Parse(u.base)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") ||
		p.Host == "" {
		return "", &StartError{Kind: "url", Reason: Setup, Addr: u.shown,
			Err: fmt.Errorf("parsing base URL: %s", badURL(err))}
	}
	pr := probe{urls: []string{u.ready.url(u.base)},
		deadline: u.ready.deadline()}
	if _, reason, err := pr.wait(ctx); err != nil {
		return "", &StartError{Kind: "url", Reason: reason,
			Addr: u.ready.url(u.shown), Err: err}
	}
	return u.base, nil
}

func badURL(err error) string {
	if err != nil {
		return err.Error()
	}
	return "want an absolute http or https URL"
}

// Stop does nothing: the harness did not start the implementation.
func (u *URL) Stop(context.Context) error { return nil }

// Info reports the kind "url" and the base URL, its password hidden.
func (u *URL) Info() Info { return Info{Kind: "url", URL: u.shown} }

// Logs returns nil: the output of a remote implementation is not visible.
func (u *URL) Logs(from, to time.Time) []string { return nil }

// Package engine runs one case: it sets the state the case needs, sends
// its request (or burst of requests), checks the response and returns the
// verdict with its evidence. It knows nothing of Ginkgo: the suite and the
// command-line program both call Run.
package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/check"
	"github.com/apiconformance/harness/runner/exchange"
	"github.com/apiconformance/harness/runner/statectl"
	"github.com/apiconformance/harness/runner/upstream"
)

// NormalMode is the upstream simulator's mode outside the cases that ask
// for another one.
const NormalMode = "normal"

// Engine runs cases against one running implementation. Fields are set
// once before the first Run; Run may then be called from several
// goroutines, except for cases whose Serial method reports true, which
// change state every other case sees and must run alone.
type Engine struct {
	BaseURL string
	Client  *exchange.Client
	Checker *check.Checker
	// Upstream is the simulator the implementation calls; nil makes every
	// case with an upstream trigger an error of the setup.
	Upstream *upstream.Simulator
	// States sets provider states; nil makes every case with a state
	// trigger an error of the setup.
	States *statectl.Client
	// Masker hides secret values in every exchange and reason.
	Masker runner.Masker
	// Waivers maps case IDs to the waivers that accept their failure; nil
	// waives nothing.
	Waivers map[string]Waiver
	// BodyLimit is how many bytes of each body the exchange keeps.
	BodyLimit int
}

// Run runs one case and returns its verdict. It never panics on what the
// implementation sends; cancelling ctx ends the case with an error. A case
// with a Defect ends in error before anything is sent.
func (e *Engine) Run(ctx context.Context, c runner.Case) (res runner.Result) {
	if c.Defect != "" {
		// Not run: no answer could be judged by the broken schema.
		return runner.Result{Case: c, Outcome: runner.Error,
			Reason: e.Masker.String("the document cannot judge this status: " +
				c.Defect)}
	}
	if c.Trigger == nil {
		// Not run: no start time, no duration.
		return runner.Result{Case: c, Outcome: runner.Untriggered,
			Reason: c.Untriggered}
	}
	// res is named so that the deferred Duration reaches the caller.
	res = runner.Result{Case: c, Started: time.Now()}
	defer func() { res.Duration = time.Since(res.Started) }()

	restore, err := e.arrange(ctx, c)
	if err != nil {
		res.Outcome, res.Reason = runner.Error, e.Masker.String(err.Error())
		return res
	}
	e.exercise(ctx, c, &res)
	e.upstreamUsed(c, &res)
	if err := restore(); err != nil && res.Outcome != runner.Error {
		// The verdict stands, but later cases would run in a state that
		// is not theirs: the run cannot be trusted from here.
		res.Outcome = runner.Error
		res.Reason = e.Masker.String(err.Error())
	}
	e.waive(&res)
	return res
}

// arrange sets the state or upstream mode the case needs and returns the
// function that undoes it.
func (e *Engine) arrange(ctx context.Context, c runner.Case) (func() error, error) {
	t := c.Trigger
	switch {
	case t.State != nil:
		if e.States == nil {
			return nil, fmt.Errorf("case needs state %q, but no test-control URL is set", t.State.Name)
		}
		if err := e.States.Setup(ctx, *t.State); err != nil {
			return nil, err
		}
		return func() error {
			// Teardown runs even when ctx was cancelled mid-case.
			tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			return e.States.Teardown(tctx, *t.State)
		}, nil
	case t.Upstream != "":
		if e.Upstream == nil {
			return nil, fmt.Errorf("case needs upstream mode %q, but no upstream simulator runs", t.Upstream)
		}
		if err := e.Upstream.SetMode(t.Upstream); err != nil {
			return nil, err
		}
		return func() error { return e.Upstream.SetMode(NormalMode) }, nil
	}
	return func() error { return nil }, nil
}

// upstreamUsed makes a verdict of an upstream case an error when the
// simulator got no request during it: the implementation did not call
// it, so whatever status came proves nothing about the mode, and a pass
// would be false. Call it before the mode is restored, which resets the
// count.
func (e *Engine) upstreamUsed(c runner.Case, res *runner.Result) {
	if c.Trigger.Upstream == "" || e.Upstream == nil || e.Upstream.Hits() > 0 ||
		(res.Outcome != runner.Passed && res.Outcome != runner.Failed) {
		return
	}
	res.Outcome = runner.Error
	res.Reason = fmt.Sprintf("the upstream simulator got no request in this case "+
		"(mode %q): the implementation does not call it; start it with "+
		"UPSTREAM_URL=%s (for --base-url, fix that address with --upstream-addr)",
		c.Trigger.Upstream, e.Upstream.URL())
}

// exercise sends the case's request, or its burst, and judges the last
// response.
func (e *Engine) exercise(ctx context.Context, c runner.Case, res *runner.Result) {
	attempts := 1
	if c.Trigger.Burst != nil {
		attempts = c.Trigger.Burst.Max
	}
	var resp *exchange.Response
	var err error
	for res.Attempts = 1; ; res.Attempts++ {
		resp, err = e.Client.Do(ctx, e.BaseURL, c.Request, c.ID)
		if err != nil || resp.Status == c.Status || res.Attempts >= attempts {
			break
		}
	}
	res.Exchange = exchange.Record(resp, c.Request, e.BaseURL, e.Masker, e.BodyLimit)

	if err != nil {
		kind := exchange.KindOf(err)
		if ctx.Err() != nil || kind == "" || kind == exchange.Refused ||
			kind == exchange.Canceled {
			// Nothing the implementation did: the request could not be
			// built, nothing listens, or the run was stopped.
			res.Outcome = runner.Error
			res.Reason = e.Masker.String("sending the request: " + err.Error())
			return
		}
		res.Outcome = runner.Failed
		res.Violations = []runner.Violation{{Rule: runner.RuleTransport,
			Expected: fmt.Sprintf("an HTTP response with status %d", c.Status),
			Actual:   e.Masker.String(err.Error())}}
		return
	}

	var cerr error
	res.Violations, res.Warnings, cerr = e.Checker.Check(check.Input{
		Method:   c.Method,
		Path:     c.Path,
		Expected: c.Status,
		Request:  resp.Request,
		Status:   resp.Status,
		Header:   resp.Header,
		Body:     resp.Body,
		TooLarge: resp.TooLarge,
		Expect:   c.Expect,
	})
	if cerr != nil {
		res.Outcome, res.Reason = runner.Error, e.Masker.String(cerr.Error())
		return
	}
	for i := range res.Violations {
		v := &res.Violations[i]
		v.Expected, v.Actual = e.Masker.String(v.Expected), e.Masker.String(v.Actual)
		// A pointer names body keys, a detail or warning quotes values:
		// both may echo a secret the request carried.
		v.Pointer, v.Detail = e.Masker.String(v.Pointer), e.Masker.String(v.Detail)
	}
	for i := range res.Warnings {
		w := &res.Warnings[i]
		w.Place, w.Message = e.Masker.String(w.Place), e.Masker.String(w.Message)
	}
	res.Outcome = runner.Passed
	if len(res.Violations) > 0 {
		res.Outcome = runner.Failed
	}
}

package harness

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/engine"
	"github.com/apiconformance/harness/runner/report"
	"github.com/apiconformance/harness/runner/target"
	"github.com/apiconformance/harness/runner/upstream"
)

// Session is a run in progress: the target started, the upstream
// simulator listening, the verdicts recorded as cases finish. Start
// returns one; Close stops everything it started. Run and Results are
// safe for concurrent use.
type Session struct {
	*Loaded
	Target   target.Target
	Upstream *upstream.Simulator // nil when the fixtures define no mode
	Engine   *engine.Engine
	BaseURL  string
	Started  time.Time

	mu          sync.Mutex
	results     map[string]runner.Result
	interrupted bool
}

// Start starts the upstream simulator where the target can reach it, then
// the target with the simulator's URL and test-control switched on. On an
// error everything already started is stopped again. extra is passed to
// the implementation's environment as is.
func Start(ctx context.Context, l *Loaded, t target.Target, extra map[string]string) (*Session, error) {
	s := &Session{Loaded: l, Target: t, Started: time.Now(),
		results: map[string]runner.Result{}}
	host, err := t.Host(ctx)
	if err != nil {
		return nil, errors.Join(err, t.Stop(context.WithoutCancel(ctx)))
	}
	if l.Options.UpstreamAddr != "" {
		host = l.Options.UpstreamAddr
	}
	env := target.Env{TestControl: true, Extra: extra}
	if len(l.Fixtures.Upstream) > 0 {
		if s.Upstream, err = upstream.New(l.Fixtures.Upstream); err != nil {
			return nil, errors.Join(fmt.Errorf("%s: %w", l.Fixtures.Path, err),
				t.Stop(context.WithoutCancel(ctx)))
		}
		if err := s.Upstream.Start(host); err != nil {
			return nil, errors.Join(err, t.Stop(context.WithoutCancel(ctx)))
		}
		env.UpstreamURL = s.Upstream.URL()
	}
	if s.BaseURL, err = t.Start(ctx, env); err != nil {
		return nil, errors.Join(err, s.Close(context.WithoutCancel(ctx)))
	}
	s.Engine = l.Engine(s.BaseURL, s.Upstream)
	return s, nil
}

// Run runs one case and records its verdict. A panic inside the engine is
// a defect of the harness: the case is recorded as an error with the
// panic's value, never lost.
func (s *Session) Run(ctx context.Context, c runner.Case) (res runner.Result) {
	started := time.Now()
	defer func() {
		if p := recover(); p != nil {
			res = runner.Result{Case: c, Outcome: runner.Error, Started: started,
				Duration: time.Since(started),
				Reason:   s.Masker.String(fmt.Sprintf("harness defect: panic: %v", p))}
		}
		s.Record(res)
	}()
	return s.noteExit(ctx, s.Engine.Run(ctx, c))
}

// exitWait is how long a case that got no answer waits to learn whether
// the implementation has ended.
const exitWait = 500 * time.Millisecond

// noteExit says in a case that got no answer that the implementation
// the harness started is no longer running, and how it ended: the cause
// of the failure, and of the errors of the cases after it.
func (s *Session) noteExit(ctx context.Context, res runner.Result) runner.Result {
	ex, ok := s.Target.(target.Exiter)
	if !ok || res.Exchange != nil && res.Exchange.Response != nil {
		return res
	}
	if res.Outcome != runner.Failed && res.Outcome != runner.Error {
		return res
	}
	// An implementation that crashed on the request is still going down
	// when the connection drops: give it a moment.
	wait, cancel := context.WithTimeout(ctx, exitWait)
	defer cancel()
	end := ex.Exited(wait)
	if end == nil {
		return res
	}
	note := s.Masker.String("the implementation is no longer running (" + end.Error() + ")")
	for i, v := range res.Violations {
		if v.Rule == runner.RuleTransport {
			res.Violations[i].Actual += "; " + note
		}
	}
	if res.Reason != "" {
		res.Reason += "; " + note
	}
	return res
}

// Interrupt records that the run was stopped before its end: the cases
// that never ran are reported as not run for that reason, not as
// filtered out.
func (s *Session) Interrupt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.interrupted = true
}

func (s *Session) wasInterrupted() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.interrupted
}

// Record stores a verdict reached outside Run, replacing any earlier one
// for the same case.
func (s *Session) Record(res runner.Result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.results[res.Case.ID] = res
}

// Results returns one verdict per planned case, in plan order. A case
// that never ran is skipped: a filter left it out.
func (s *Session) Results() []runner.Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]runner.Result, 0, len(s.Plan.Cases))
	for _, c := range s.Plan.Cases {
		res, ok := s.results[c.ID]
		if !ok {
			res = runner.Result{Case: c, Outcome: runner.Skipped,
				Reason: "left out by the filter"}
			if s.interrupted {
				res.Reason = "not run: the run was interrupted"
			}
		}
		if res.Outcome == runner.Failed {
			res.Logs = s.logs(res)
		}
		out = append(out, res)
	}
	return out
}

// logLag is how long after a case its log lines that name it (an
// implementation that logs the X-Conformance-Case header) are still
// taken as its; quietLag is the same for lines that name no case, which
// may as well be the next case's, so it is short.
const (
	logLag   = 500 * time.Millisecond
	quietLag = 20 * time.Millisecond
)

// logs returns the implementation's lines from the time of a case, read
// again when results are asked for, so that late lines are included: a
// line is stamped when it was read, which can be after the next case
// began. Lines that name no case count up to quietLag after the case,
// those that name one up to logLag. Lines run in order; where an implementation logs the
// X-Conformance-Case header, a line naming another case before the
// case's own belongs to an earlier case and drops what came before it,
// and one after the case's own ends the share. The caller holds s.mu.
func (s *Session) logs(res runner.Result) []string {
	quiet := res.Started.Add(res.Duration + quietLag)
	lines := s.Target.Logs(res.Started, quiet)
	for _, l := range s.Target.Logs(quiet.Add(time.Nanosecond),
		res.Started.Add(res.Duration+logLag)) {
		if s.namesACase(l) {
			lines = append(lines, l)
		}
	}
	var out []string
	own := false
	for _, l := range lines {
		switch other := s.namesOtherCase(l, res.Case.ID); {
		case other && own:
			return out
		case other:
			out = out[:0]
		default:
			own = own || strings.Contains(l, res.Case.ID)
			out = append(out, s.Masker.String(l))
		}
	}
	return out
}

func (s *Session) namesACase(line string) bool {
	for _, c := range s.Plan.Cases {
		if strings.Contains(line, c.ID) {
			return true
		}
	}
	return false
}

func (s *Session) namesOtherCase(line, id string) bool {
	return !strings.Contains(line, id) && s.namesACase(line)
}

// Close stops the target and the upstream simulator. It is safe to call
// more than once.
func (s *Session) Close(ctx context.Context) error {
	err := s.Target.Stop(ctx)
	if s.Upstream != nil {
		err = errors.Join(err, s.Upstream.Close())
	}
	return err
}

// Report returns the run as the reports render it; harness is the
// harness's version.
func (s *Session) Report(harness string) report.Run {
	info := s.Target.Info()
	t := report.Target{Kind: reportKind(info.Kind), URL: info.URL,
		Image: info.Image, Digest: info.Digest}
	if info.Command != "" {
		t.Command = []string{info.Command}
	}
	return report.Run{
		Harness: harness,
		Contract: report.Contract{Title: s.Contract.Title,
			Version: s.Contract.Version, Path: s.Contract.File,
			SHA256: s.Contract.SHA256},
		Target:   t,
		Profile:  s.Profile(),
		Started:  s.Started,
		Duration: time.Since(s.Started),
		Results:  s.Results(),
		Warnings: s.Warnings(),
		Masker:   s.Masker,

		Interrupted: s.wasInterrupted(),
	}
}

// reportKind names a target kind as the reports do: by what the user gave,
// a URL, a command or an image.
func reportKind(kind string) string {
	switch kind {
	case "process":
		return "command"
	case "container":
		return "image"
	}
	return kind
}

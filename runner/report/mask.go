package report

import "github.com/apiconformance/harness/runner"

// masked returns a copy of run with every secret masked in every string it
// holds, so that no escaping a writer applies (HTML turns "+" into "&#43;")
// can hide a secret from the pass over the rendered bytes. Masking comes
// before any cut, so that a cut never leaves half a secret behind.
func masked(run Run) Run {
	m := run.Masker
	f := m.String
	out := run
	out.Harness = f(run.Harness)
	out.Contract = Contract{Title: f(run.Contract.Title),
		Version: f(run.Contract.Version), Path: f(run.Contract.Path),
		SHA256: f(run.Contract.SHA256)}
	out.Target = Target{Kind: f(run.Target.Kind), URL: f(run.Target.URL),
		Command: mapSlice(run.Target.Command, f), Image: f(run.Target.Image),
		Digest: f(run.Target.Digest)}
	out.Profile = runner.Profile(f(string(run.Profile)))
	out.Warnings = mapWarnings(run.Warnings, f)
	out.Results = make([]runner.Result, len(run.Results))
	for i, r := range run.Results {
		out.Results[i] = mapResult(r, f)
	}
	return out
}

// mapResult returns a copy of r with f applied to every string.
func mapResult(r runner.Result, f func(string) string) runner.Result {
	r.Case = mapCase(r.Case, f)
	if r.Violations != nil {
		vs := make([]runner.Violation, len(r.Violations))
		for i, v := range r.Violations {
			vs[i] = runner.Violation{Rule: runner.Rule(f(string(v.Rule))),
				Pointer: f(v.Pointer), Expected: f(v.Expected),
				Actual: f(v.Actual), Detail: f(v.Detail)}
		}
		r.Violations = vs
	}
	r.Warnings = mapWarnings(r.Warnings, f)
	r.Reason = f(r.Reason)
	r.Logs = mapSlice(r.Logs, f)
	if r.Exchange != nil {
		r.Exchange = mapExchange(*r.Exchange, f)
	}
	return r
}

// mapCase returns a copy of c with f applied to every string.
func mapCase(c runner.Case, f func(string) string) runner.Case {
	c.ID, c.Operation = f(c.ID), f(c.Operation)
	c.Method, c.Path = f(c.Method), f(c.Path)
	c.Untriggered = f(c.Untriggered)
	c.Expect = mapAnyMap(c.Expect, f)
	if t := c.Trigger; t != nil {
		c.Trigger = &runner.Trigger{Why: f(t.Why), Upstream: f(t.Upstream),
			Burst: t.Burst, Change: mapChange(t.Change, f)}
		if t.State != nil {
			c.Trigger.State = &runner.State{Name: f(t.State.Name),
				Params: mapAnyMap(t.State.Params, f)}
		}
	}
	q := c.Request
	c.Request = runner.Request{Method: f(q.Method), Path: f(q.Path),
		Query: mapStringMap(q.Query, f), Headers: mapStringMap(q.Headers, f),
		ContentType: f(q.ContentType)}
	if q.Body != nil {
		c.Request.Body = []byte(f(string(q.Body)))
	}
	return c
}

// mapChange returns a copy of c with f applied to every string.
func mapChange(c *runner.Change, f func(string) string) *runner.Change {
	if c == nil {
		return nil
	}
	out := &runner.Change{Path: mapStringMap(c.Path, f),
		Query: mapStringMap(c.Query, f), Headers: mapStringMap(c.Headers, f),
		DropHeaders: mapSlice(c.DropHeaders, f), Body: mapAny(c.Body, f),
		NoBody: c.NoBody}
	if c.Raw != nil {
		raw := f(*c.Raw)
		out.Raw = &raw
	}
	return out
}

// mapExchange returns a copy of e with f applied to every string.
func mapExchange(e runner.Exchange, f func(string) string) *runner.Exchange {
	out := &runner.Exchange{Curl: f(e.Curl), Request: runner.RecordedRequest{
		Method: f(e.Request.Method), URL: f(e.Request.URL),
		Headers: mapHeaders(e.Request.Headers, f), Body: f(e.Request.Body)}}
	if p := e.Response; p != nil {
		out.Response = &runner.RecordedResponse{Status: p.Status,
			Headers: mapHeaders(p.Headers, f), Body: f(p.Body),
			Truncated: p.Truncated}
	}
	return out
}

func mapWarnings(ws []runner.Warning, f func(string) string) []runner.Warning {
	if ws == nil {
		return nil
	}
	out := make([]runner.Warning, len(ws))
	for i, w := range ws {
		out[i] = runner.Warning{Rule: runner.Rule(f(string(w.Rule))),
			Place: f(w.Place), Message: f(w.Message)}
	}
	return out
}

func mapSlice(ss []string, f func(string) string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

func mapStringMap(m map[string]string, f func(string) string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[f(k)] = f(v)
	}
	return out
}

func mapHeaders(h map[string][]string, f func(string) string) map[string][]string {
	if h == nil {
		return nil
	}
	out := make(map[string][]string, len(h))
	for k, vs := range h {
		out[f(k)] = mapSlice(vs, f)
	}
	return out
}

func mapAnyMap(m map[string]any, f func(string) string) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[f(k)] = mapAny(v, f)
	}
	return out
}

// mapAny applies f to the strings of a decoded JSON or YAML value. Values
// of other shapes are kept as they are.
func mapAny(v any, f func(string) string) any {
	switch v := v.(type) {
	case string:
		return f(v)
	case map[string]any:
		return mapAnyMap(v, f)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = mapAny(e, f)
		}
		return out
	}
	return v
}

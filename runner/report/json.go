package report

import (
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/apiconformance/harness/runner"
)

// Schema names the version of the report.json format. Additive changes
// keep it; a field removed, renamed or given a new meaning changes it.
const Schema = "conformance-report/v1"

// jsonReport is report.json; docs/report-format.md documents each field.
type jsonReport struct {
	Schema     string           `json:"schema"`
	Harness    string           `json:"harness"`
	Contract   Contract         `json:"contract"`
	Target     Target           `json:"target"`
	Profile    runner.Profile   `json:"profile"`
	Started    string           `json:"started"`
	DurationMs int64            `json:"durationMs"`
	Summary    jsonSummary      `json:"summary"`
	Warnings   []runner.Warning `json:"warnings"`
	Cases      []jsonCase       `json:"cases"`
}

type jsonSummary struct {
	Passed      int `json:"passed"`
	Failed      int `json:"failed"`
	Error       int `json:"error"`
	Untriggered int `json:"untriggered"`
	Waived      int `json:"waived"`
	Skipped     int `json:"skipped"`
	Total       int `json:"total"`
}

type jsonCase struct {
	ID         string             `json:"id"`
	Operation  string             `json:"operation"`
	OpID       string             `json:"operationId,omitempty"`
	Method     string             `json:"method"`
	Path       string             `json:"path"`
	Status     int                `json:"status"`
	Outcome    runner.Outcome     `json:"outcome"`
	Trigger    jsonTrigger        `json:"trigger"`
	Expect     map[string]any     `json:"expect,omitempty"`
	Reason     string             `json:"reason,omitempty"`
	Violations []runner.Violation `json:"violations"`
	Warnings   []runner.Warning   `json:"warnings"`
	Exchange   *jsonExchange      `json:"exchange,omitempty"`
	Attempts   int                `json:"attempts"`
	Started    string             `json:"started,omitempty"`
	DurationMs int64              `json:"durationMs"`
	Logs       []string           `json:"logs"`
}

// jsonTrigger is the case's trigger with its kind beside it; the fields of
// runner.Trigger are inlined.
type jsonTrigger struct {
	Kind        string `json:"kind"`
	Untriggered string `json:"untriggered,omitempty"`
	*runner.Trigger
}

type jsonExchange struct {
	Request       jsonRequest   `json:"request"`
	Response      *jsonResponse `json:"response,omitempty"`
	Curl          string        `json:"curl"`
	CurlTruncated bool          `json:"curlTruncated,omitempty"`
}

type jsonRequest struct {
	Method    string              `json:"method"`
	URL       string              `json:"url"`
	Headers   map[string][]string `json:"headers,omitempty"`
	Body      string              `json:"body,omitempty"`
	Truncated bool                `json:"truncated,omitempty"`
}

type jsonResponse struct {
	Status    int                 `json:"status"`
	Headers   map[string][]string `json:"headers,omitempty"`
	Body      string              `json:"body,omitempty"`
	Truncated bool                `json:"truncated,omitempty"`
}

// WriteJSON writes run as report.json: one indented JSON document whose
// "schema" field is Schema. Invalid UTF-8 in any string becomes U+FFFD.
func WriteJSON(w io.Writer, run Run) error {
	return emit(w, run, func(b *bytes.Buffer, run Run) error {
		enc := json.NewEncoder(b)
		enc.SetIndent("", "  ")
		return enc.Encode(newJSONReport(run))
	})
}

func newJSONReport(run Run) jsonReport {
	s := Summarize(run)
	rep := jsonReport{
		Schema:     Schema,
		Harness:    run.Harness,
		Contract:   run.Contract,
		Target:     run.Target,
		Profile:    run.Profile,
		Started:    run.Started.UTC().Format(time.RFC3339),
		DurationMs: run.Duration.Milliseconds(),
		Summary: jsonSummary{
			Passed:      s.Count(runner.Passed),
			Failed:      s.Count(runner.Failed),
			Error:       s.Count(runner.Error),
			Untriggered: s.Count(runner.Untriggered),
			Waived:      s.Count(runner.Waived),
			Skipped:     s.Count(runner.Skipped),
			Total:       s.Total,
		},
		Warnings: nonNil(run.Warnings),
		Cases:    make([]jsonCase, 0, len(run.Results)),
	}
	for _, r := range run.Results {
		rep.Cases = append(rep.Cases, newJSONCase(r))
	}
	return rep
}

func newJSONCase(r runner.Result) jsonCase {
	c := r.Case
	jc := jsonCase{
		ID: c.ID, Operation: c.Operation, OpID: c.OperationID, Method: c.Method, Path: c.Path,
		Status: c.Status, Outcome: r.Outcome, Expect: c.Expect,
		Trigger: jsonTrigger{Kind: c.TriggerKind(),
			Untriggered: c.Untriggered, Trigger: c.Trigger},
		Reason:     r.Reason,
		Violations: nonNil(r.Violations),
		Warnings:   nonNil(r.Warnings),
		Attempts:   r.Attempts,
		DurationMs: r.Duration.Milliseconds(),
		Logs:       nonNil(cutLogs(r.Logs)),
	}
	if !r.Started.IsZero() {
		jc.Started = r.Started.UTC().Format(time.RFC3339Nano)
	}
	if e := r.Exchange; e != nil {
		jc.Exchange = newJSONExchange(*e)
	}
	return jc
}

func newJSONExchange(e runner.Exchange) *jsonExchange {
	je := &jsonExchange{Request: jsonRequest{Method: e.Request.Method,
		URL: e.Request.URL, Headers: e.Request.Headers}}
	var cutHere bool
	je.Request.Body, cutHere = cut(e.Request.Body, BodyLimit)
	je.Request.Truncated = e.Request.Truncated || cutHere
	je.Curl, je.CurlTruncated = cut(e.Curl, BodyLimit)
	if p := e.Response; p != nil {
		jr := &jsonResponse{Status: p.Status, Headers: p.Headers}
		jr.Body, cutHere = cut(p.Body, BodyLimit)
		jr.Truncated = p.Truncated || cutHere
		je.Response = jr
	}
	return je
}

// cutLogs keeps the logs of a case within BodyLimit bytes in all, keeping
// the last lines, which tell the most about a failure.
func cutLogs(logs []string) []string {
	total := 0
	for i := len(logs) - 1; i >= 0; i-- {
		total += len(logs[i])
		if total <= BodyLimit {
			continue
		}
		if i == len(logs)-1 {
			last, _ := cut(logs[i], BodyLimit)
			return []string{last}
		}
		return logs[i+1:]
	}
	return logs
}

// nonNil returns s, or an empty slice for nil, so that JSON shows [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

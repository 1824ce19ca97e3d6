package runner

import (
	"strconv"
	"strings"
	"time"
)

// Profile says how strictly responses are judged.
type Profile string

const (
	// Strict, the default, reads the document as the exact fields and types
	// it describes: every declared property present, no undeclared
	// property unless the schema allows it, integers without fraction.
	Strict Profile = "strict"
	// Literal applies the document as written and nothing more.
	Literal Profile = "literal"
)

// Class returns the class of an HTTP status: "2xx", "4xx" and so on.
func Class(status int) string {
	return strconv.Itoa(status/100) + "xx"
}

// Case is one documented status of one operation, with the way the harness
// reaches it. A case without a trigger is planned all the same, so that it
// is reported as untriggered rather than dropped.
type Case struct {
	// ID is stable across runs: "operationKey/status".
	ID        string `json:"id"`
	Operation string `json:"operation"` // "METHOD /path"
	// OperationID is the document's operationId, empty when it has none.
	OperationID string `json:"operationId,omitempty"`
	Method      string `json:"method"`
	Path        string `json:"path"` // the document's template, braces form
	Status      int    `json:"status"`
	// Trigger is nil when the fixtures give no way to reach the status.
	Trigger *Trigger `json:"trigger,omitempty"`
	// Untriggered says why no trigger is known; set when Trigger is nil.
	Untriggered string `json:"untriggered,omitempty"`
	// Defect names the place of the document, and its defect, that leaves
	// the status with no usable schema; empty when there is none. Such a
	// case is an error of the document whatever its trigger: no request
	// is sent.
	Defect string `json:"defect,omitempty"`
	// Request is the base request of the operation with the trigger's
	// change applied; variables are already substituted.
	Request Request `json:"-"`
	// Expect pins values the document implies but does not state: JSON
	// pointer to the JSON value the body must hold there (rule "expect").
	Expect map[string]any `json:"expect,omitempty"`
}

// Serial reports whether running the case changes state that other cases
// see: a burst spends the rate limit, a state or an upstream mode holds for
// every request while it is set.
func (c Case) Serial() bool {
	t := c.Trigger
	return t != nil && (t.Burst != nil || t.State != nil || t.Upstream != "")
}

// TriggerKind returns the name of the way the case is reached: "request",
// "change", "burst", "state", "upstream", or "none" when untriggered.
func (c Case) TriggerKind() string {
	if c.Trigger == nil {
		return "none"
	}
	return c.Trigger.Kind()
}

// Trigger is how a fixture reaches one status. Change applies to every kind;
// at most one of Burst, State and Upstream is set.
type Trigger struct {
	Why      string  `json:"why,omitempty"`
	Change   *Change `json:"change,omitempty"`
	Burst    *Burst  `json:"burst,omitempty"`
	State    *State  `json:"state,omitempty"`
	Upstream string  `json:"upstream,omitempty"` // a mode of the simulator
}

// Kind names the trigger for labels and reports.
func (t Trigger) Kind() string {
	switch {
	case t.Burst != nil:
		return "burst"
	case t.State != nil:
		return "state"
	case t.Upstream != "":
		return "upstream"
	case t.Change != nil:
		return "change"
	}
	return "request"
}

// Change alters the base request. Values may hold ${variables}.
type Change struct {
	Path        map[string]string `json:"path,omitempty"`
	Query       map[string]string `json:"query,omitempty"`
	Headers     map[string]string `json:"headers,omitempty"`
	DropHeaders []string          `json:"dropHeaders,omitempty"`
	// Body replaces the JSON body; NoBody sends none at all.
	Body   any  `json:"body,omitempty"`
	NoBody bool `json:"noBody,omitempty"`
	// Raw replaces the body with these exact bytes, malformed or not.
	Raw *string `json:"raw,omitempty"`
}

// Burst repeats the request until the expected status answers, Max times
// at most.
type Burst struct {
	Max int `json:"max"`
}

// State is a provider state set through the implementation's test-control
// endpoint before the case and torn down after it.
type State struct {
	Name   string         `json:"name"`
	Params map[string]any `json:"params,omitempty"`
}

// UpstreamMode is one canned answer of the upstream simulator: what it sends
// to the implementation while a case has the mode set.
type UpstreamMode struct {
	Status      int               `json:"status"`
	Headers     map[string]string `json:"headers,omitempty"`
	ContentType string            `json:"contentType,omitempty"`
	// Body is encoded as JSON; Raw, when set, is sent as is instead.
	Body any     `json:"body,omitempty"`
	Raw  *string `json:"raw,omitempty"`
	// Delay holds the answer back, past the implementation's timeout.
	Delay time.Duration `json:"delay,omitempty"`
}

// Request is a concrete request, ready to send against a base URL.
type Request struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"` // expanded, starts with "/"
	Query   map[string]string `json:"query,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`
	// Body is sent as is; nil means no body.
	Body        []byte `json:"-"`
	ContentType string `json:"contentType,omitempty"`
}

// Result is the verdict of one case and the evidence behind it.
type Result struct {
	Case       Case          `json:"case"`
	Outcome    Outcome       `json:"outcome"`
	Violations []Violation   `json:"violations,omitempty"`
	Warnings   []Warning     `json:"warnings,omitempty"`
	Reason     string        `json:"reason,omitempty"` // for error, untriggered, waived, skipped
	Exchange   *Exchange     `json:"exchange,omitempty"`
	Attempts   int           `json:"attempts,omitempty"` // requests sent; >1 for bursts
	Started    time.Time     `json:"started"`
	Duration   time.Duration `json:"duration"`
	Logs       []string      `json:"logs,omitempty"` // target's lines, failed cases
}

// Exchange is the last request of a case and what came back, secrets
// masked before it is stored.
type Exchange struct {
	Request  RecordedRequest   `json:"request"`
	Response *RecordedResponse `json:"response,omitempty"`
	Curl     string            `json:"curl"`
}

// RecordedRequest is a request as it went out, headers and body masked.
// Body is cut at the engine's limit; Truncated says so.
type RecordedRequest struct {
	Method    string              `json:"method"`
	URL       string              `json:"url"`
	Headers   map[string][]string `json:"headers,omitempty"`
	Body      string              `json:"body,omitempty"`
	Truncated bool                `json:"truncated,omitempty"`
}

// RecordedResponse is a response as it came back. Body is cut at the
// report limit; Truncated says so.
type RecordedResponse struct {
	Status    int                 `json:"status"`
	Headers   map[string][]string `json:"headers,omitempty"`
	Body      string              `json:"body,omitempty"`
	Truncated bool                `json:"truncated,omitempty"`
}

// IsStatusOrClass reports whether s names a status from 100 to 599, such
// as "404", or a class, such as "4xx" (either case).
func IsStatusOrClass(s string) bool {
	if len(s) != 3 || s[0] < '1' || s[0] > '5' {
		return false
	}
	if strings.EqualFold(s[1:], "xx") {
		return true
	}
	_, err := strconv.Atoi(s)
	return err == nil && s[1] >= '0' && s[2] >= '0'
}

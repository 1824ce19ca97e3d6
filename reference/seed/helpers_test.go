package seed

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The variables of fixtures/seed.yaml, as the harness substitutes them.
const (
	groupID        = "1234"
	missingGroupID = "999999"
	adminToken     = "ref-admin-token-5d1c0e7a"
	memberToken    = "ref-member-token-93b4f2c8"
	expiredToken   = "ref-expired-token-0a6e11d4"
	clientID       = "ref-client-8842"
	burstClientID  = "ref-burst-client-3301"
)

// testTimeout is the upstream timeout of the tests, short so that the
// slow upstream costs little.
const testTimeout = 50 * time.Millisecond

// The modes of the fake upstream directory. The first four are those of
// fixtures/seed.yaml (normal, invalid, slow) plus a non-member.
const (
	upNormal     = "normal"
	upNotMember  = "member false"
	upInvalid    = "invalid"
	upSlow       = "slow"
	upUnknown    = "unknown user"
	upFailing    = "status 500"
	upTextType   = "json as text/plain"
	upNoMember   = "no member field"
	upStringFlag = "member as string"
	upNotObject  = "array"
	upRefused    = "refused"
)

// cannedAnswer is what the fake directory sends in one mode.
type cannedAnswer struct {
	status int
	ctype  string
	body   string
}

// upstreamAnswer returns the answer of a mode that answers at once.
func upstreamAnswer(mode string) cannedAnswer {
	const js = "application/json"
	switch mode {
	case upNotMember:
		return cannedAnswer{200, js, `{"member": false}`}
	case upInvalid:
		return cannedAnswer{200, "text/html",
			"<html><body><h1>Bad Gateway</h1></body></html>"}
	case upUnknown:
		return cannedAnswer{404, js, `{"error": "no such user"}`}
	case upFailing:
		return cannedAnswer{500, js, `{"member": true}`}
	case upTextType:
		return cannedAnswer{200, "text/plain", `{"member": true}`}
	case upNoMember:
		return cannedAnswer{200, js, `{"present": true}`}
	case upStringFlag:
		return cannedAnswer{200, js, `{"member": "true"}`}
	case upNotObject:
		return cannedAnswer{200, js, `[true]`}
	}
	return cannedAnswer{200, js, `{"member": true}`}
}

// newUpstream starts a fake membership directory in mode and returns its
// URL. A slow directory holds its answer until the test ends or the
// caller gives up; a refused one is already closed.
func newUpstream(tb testing.TB, mode string) string {
	tb.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(r.URL.Path, "/members/") {
				http.NotFound(w, r)
				return
			}
			if mode == upSlow {
				select {
				case <-release:
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
				return
			}
			a := upstreamAnswer(mode)
			w.Header().Set("Content-Type", a.ctype)
			w.WriteHeader(a.status)
			io.WriteString(w, a.body)
		}))
	if mode == upRefused {
		srv.Close()
		return srv.URL
	}
	// Cleanups run last first: release the slow answers, then close.
	tb.Cleanup(srv.Close)
	tb.Cleanup(func() { close(release) })
	return srv.URL
}

// newSeed starts the server in front of the directory at upstream with
// test control on, a short upstream timeout and a limit of 5 requests an
// hour; edit, when not nil, changes that config.
func newSeed(tb testing.TB, upstream string, edit func(*Config)) string {
	tb.Helper()
	cfg := Config{
		UpstreamURL:     upstream,
		UpstreamTimeout: testTimeout,
		TestControl:     true,
		RateLimit:       Rate{Requests: 5, Window: time.Hour},
	}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		tb.Fatalf("starting the server: %v", err)
	}
	srv := httptest.NewServer(s)
	tb.Cleanup(s.Close)
	tb.Cleanup(srv.Close)
	return srv.URL
}

// request is one request to the server. An empty header value drops the
// header; a nil body sends none.
type request struct {
	method string
	path   string
	header map[string]string
	body   *string
}

// baseRequest is the base request of the operation in fixtures/seed.yaml.
func baseRequest() request {
	body := `{"userId": 153}`
	return request{
		method: http.MethodPut,
		path:   "/v1/groups/" + groupID + "/assignAsAdmin",
		header: map[string]string{
			"x-auth-token": adminToken,
			"x-client-id":  clientID,
			"Content-Type": "application/json",
		},
		body: &body,
	}
}

// answer is what came back, whole.
type answer struct {
	status int
	ctype  string
	body   []byte
}

// send sends req to the server at base and reads the answer.
func send(tb testing.TB, base string, req request) answer {
	tb.Helper()
	var body io.Reader
	if req.body != nil {
		body = strings.NewReader(*req.body)
	}
	hr, err := http.NewRequest(req.method, base+req.path, body)
	if err != nil {
		tb.Fatalf("building request: %v", err)
	}
	for k, v := range req.header {
		if v != "" {
			hr.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		tb.Fatalf("sending request: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("reading answer: %v", err)
	}
	return answer{resp.StatusCode, resp.Header.Get("Content-Type"), b}
}

// setState switches a provider state through the test-control endpoint.
func setState(tb testing.TB, base, state, action string) answer {
	tb.Helper()
	b, _ := json.Marshal(map[string]string{"state": state, "action": action})
	body := string(b)
	return send(tb, base, request{method: http.MethodPost,
		path: controlPath, body: &body,
		header: map[string]string{"Content-Type": "application/json"}})
}

// scenario is one way to reach a status, and the status it reaches.
type scenario struct {
	name     string
	want     int
	upstream string         // directory mode; empty means normal
	state    string         // provider state set before the request
	burst    bool           // repeat until want answers, 50 times at most
	edit     func(*request) // change to the base request
	config   func(*Config)  // change to the server config
}

// run plays sc against a fresh server with mutant and returns the last
// answer.
func run(tb testing.TB, sc scenario, mutant string) answer {
	tb.Helper()
	mode := sc.upstream
	if mode == "" {
		mode = upNormal
	}
	base := newSeed(tb, newUpstream(tb, mode), func(c *Config) {
		c.Mutant = mutant
		if sc.config != nil {
			sc.config(c)
		}
	})
	if sc.state != "" {
		if a := setState(tb, base, sc.state, "setup"); a.status != 200 {
			tb.Fatalf("setting state %q: status %d", sc.state, a.status)
		}
	}
	req := baseRequest()
	if sc.edit != nil {
		sc.edit(&req)
	}
	tries := 1
	if sc.burst {
		tries = 50
	}
	var a answer
	for range tries {
		if a = send(tb, base, req); a.status == sc.want {
			break
		}
	}
	return a
}

// withBody returns an edit that sends raw as the body.
func withBody(raw string) func(*request) {
	return func(r *request) { r.body = &raw }
}

// withHeader returns an edit that sets (or, with "", drops) a header.
func withHeader(name, value string) func(*request) {
	return func(r *request) { r.header[name] = value }
}

// fixtureScenarios reach each documented status the way
// fixtures/seed.yaml does.
func fixtureScenarios() []scenario {
	return []scenario{
		{name: "admin assigns a directory member", want: 200},
		{name: "body not JSON", want: 400,
			edit: withBody(`{"userId": 153`)},
		{name: "no credentials", want: 401, edit: func(r *request) {
			r.header["x-auth-token"], r.header["x-client-id"] = "", ""
		}},
		{name: "member not admin", want: 403,
			edit: withHeader("x-auth-token", memberToken)},
		{name: "unknown group", want: 404, edit: func(r *request) {
			r.path = "/v1/groups/" + missingGroupID + "/assignAsAdmin"
		}},
		{name: "impossible userId", want: 422,
			edit: withBody(`{"userId": -5}`)},
		{name: "burst past the limit", want: 429, burst: true,
			edit: withHeader("x-client-id", burstClientID)},
		{name: "internal fault", want: 500, state: StateInternalFault},
		{name: "directory sends HTML", want: 502, upstream: upInvalid},
		{name: "maintenance", want: 503, state: StateMaintenance},
		{name: "directory too slow", want: 504, upstream: upSlow},
	}
}

// decode reads a JSON object body.
func decode(tb testing.TB, b []byte) map[string]any {
	tb.Helper()
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		tb.Fatalf("decoding body %q: %v", b, err)
	}
	return m
}

// jsonNumber is how decode reads a number.
func jsonNumber(s string) any { return json.Number(s) }

package statectl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/apiconformance/harness/runner"
)

// DefaultTimeout bounds one state call when New is given no timeout.
const DefaultTimeout = 10 * time.Second

// snippet is how many bytes of a failed call's body a StateError keeps.
const snippet = 512

// The actions of a state call.
const (
	Setup    = "setup"
	Teardown = "teardown"
)

// Client posts state changes to one test-control URL. It never follows a
// redirect. A Client is safe for concurrent use.
type Client struct {
	url     string
	hc      *http.Client
	timeout time.Duration
}

// New returns a client for the state URL. hc nil means a client of the
// package's own that ignores proxy settings; a given hc is copied, not
// changed, and its copy follows no redirect. timeout <= 0 means
// DefaultTimeout, for each call.
func New(url string, hc *http.Client, timeout time.Duration) *Client {
	var c http.Client
	if hc != nil {
		c = *hc
	} else {
		c.Transport = &http.Transport{Proxy: nil}
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Client{url: url, hc: &c, timeout: timeout}
}

// Setup asks the implementation to put itself in state s.
func (c *Client) Setup(ctx context.Context, s runner.State) error {
	return c.post(ctx, s, Setup)
}

// Teardown asks the implementation to leave state s.
func (c *Client) Teardown(ctx context.Context, s runner.State) error {
	return c.post(ctx, s, Teardown)
}

// call is the JSON body of a state call, fields in the order shown.
type call struct {
	State  string         `json:"state"`
	Params map[string]any `json:"params"`
	Action string         `json:"action"`
}

func (c *Client) post(ctx context.Context, s runner.State,
	action string) error {
	fail := func(status int, body []byte, err error) *StateError {
		return &StateError{State: s.Name, Action: action, Status: status,
			Body: strings.ToValidUTF8(string(body), "\uFFFD"), Err: err}
	}
	params := s.Params
	if params == nil {
		params = map[string]any{}
	}
	b, err := json.Marshal(call{State: s.Name, Params: params,
		Action: action})
	if err != nil {
		return fail(0, nil, fmt.Errorf("encoding params: %w", err))
	}

	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url,
		bytes.NewReader(b))
	if err != nil {
		return fail(0, nil, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			// The state URL may carry a token; the message does not.
			err = ue.Err
		}
		return fail(0, nil, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, snippet))
		return fail(resp.StatusCode, body, nil)
	}
	// Reading the rest lets the connection serve the next call.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return nil
}

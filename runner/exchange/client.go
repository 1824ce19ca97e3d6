package exchange

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/net/http/httpguts"

	"github.com/apiconformance/harness/runner"
)

// Options configures a Client. A zero field takes its default.
type Options struct {
	Timeout time.Duration // per request, body included; default 10s
	MaxBody int64         // response body bytes read; default 1 MiB
	// MaxHeader bounds the bytes of a response's status line and headers;
	// default 64 KiB. An answer with more is a transport failure.
	MaxHeader  int64
	CaseHeader string // carries the case id; "X-Conformance-Case"
}

// The defaults of Options.
const (
	DefaultTimeout    = 10 * time.Second
	DefaultMaxBody    = 1 << 20
	DefaultMaxHeader  = 64 << 10
	DefaultCaseHeader = "X-Conformance-Case"
)

// Client sends requests to a target. It uses its own transport, ignores
// proxy settings of the environment, never follows redirects and opens a
// connection per request, so that no answer spills into the next. A Client
// is safe for concurrent use; Close releases its idle connections.
type Client struct {
	opts Options
	tr   *http.Transport
	hc   *http.Client
}

// Response is the answer to one request. Body holds at most MaxBody bytes.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// TooLarge says the body went past MaxBody; Body holds its first
	// MaxBody bytes and the rest was not read.
	TooLarge bool
	// Request is what was sent: URL and headers. Its body is spent.
	Request *http.Request
}

// New returns a Client with the given options, defaults filled in.
func New(opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.MaxHeader <= 0 {
		opts.MaxHeader = DefaultMaxHeader
	}
	if opts.CaseHeader == "" {
		opts.CaseHeader = DefaultCaseHeader
	}
	tr := &http.Transport{
		// Headers are kept whole in the reports; without a bound an
		// implementation could send megabytes of them.
		MaxResponseHeaderBytes: opts.MaxHeader,
		Proxy:                  nil,
		DialContext:            (&net.Dialer{Timeout: opts.Timeout}).DialContext,
		// The checks judge the bytes as sent, Content-Encoding included.
		DisableCompression: true,
		// A connection per request: bytes an answer leaves behind (a body
		// sent with a 204) cannot be read as the next case's answer.
		DisableKeepAlives: true,
	}
	hc := &http.Client{
		Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	return &Client{opts: opts, tr: tr, hc: hc}
}

// Close closes the client's idle connections, of which it keeps none
// today. Requests in flight are not affected.
func (c *Client) Close() { c.tr.CloseIdleConnections() }

// validHeader checks names and values before they are sent: a value with
// a line break (from a variable, say) is the harness's input at fault,
// not the implementation, and must not surface as a transport failure.
func validHeader(h http.Header) error {
	for name, vals := range h {
		if !httpguts.ValidHeaderFieldName(name) {
			return fmt.Errorf("header name %q is not a valid token", name)
		}
		for _, v := range vals {
			if !httpguts.ValidHeaderFieldValue(v) {
				return fmt.Errorf("header %s: the value holds a line break or control byte", name)
			}
		}
	}
	return nil
}

// Do sends req to base (a URL, which may end in a path prefix) with caseID
// in the case header, and reads the answer. A failure to get an answer is
// a *TransportError; a request that cannot be built, a bad base URL for
// one, is a plain error. Whatever the status, the response is returned.
func (c *Client) Do(ctx context.Context, base string, req runner.Request,
	caseID string) (*Response, error) {
	u, err := target(base, req)
	if err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	own, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()

	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hr, err := http.NewRequestWithContext(own, req.Method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	hr.Header = header(req)
	if err := validHeader(hr.Header); err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	if host := hr.Header.Get("Host"); host != "" {
		hr.Host = host
	}
	if caseID != "" {
		hr.Header.Set(c.opts.CaseHeader, caseID)
	}

	hresp, err := c.hc.Do(hr)
	if err != nil {
		return nil, classify(ctx, own, err)
	}
	// Closing an unfinished body drops the connection: a huge or endless
	// body is never read to its end.
	defer hresp.Body.Close()

	b, err := io.ReadAll(io.LimitReader(hresp.Body, c.opts.MaxBody+1))
	if err != nil {
		// The status came: say so, and how much of the body.
		return nil, classify(ctx, own, fmt.Errorf("status %d came, then the body"+
			" broke off after %d bytes: %w", hresp.StatusCode, len(b), err))
	}
	if len(hresp.TransferEncoding) > 0 {
		// net/http moves the header into a field of its own; the checks
		// and the reports want the response as it was sent.
		hresp.Header.Set("Transfer-Encoding", strings.Join(hresp.TransferEncoding, ", "))
	}
	resp := &Response{
		Status:  hresp.StatusCode,
		Header:  hresp.Header,
		Body:    b,
		Request: hr,
	}
	if int64(len(b)) > c.opts.MaxBody {
		resp.Body, resp.TooLarge = b[:c.opts.MaxBody], true
	}
	return resp, nil
}

package exchange

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/apiconformance/harness/runner"
)

// Record builds the transcript of the last request of a case, req sent to
// base, and of resp, its answer, with every secret m knows masked. Bodies
// are cut at limit bytes (no cut when limit <= 0) and bytes that are not
// UTF-8 are shown as U+FFFD. resp is nil when no answer came; the
// transcript then has no response.
func Record(resp *Response, req runner.Request, base string,
	m runner.Masker, limit int) *runner.Exchange {
	sent := header(req)
	if resp != nil && resp.Request != nil {
		sent = resp.Request.Header
	}
	mreq := maskRequest(req, m)
	ex := &runner.Exchange{
		Request: runner.RecordedRequest{
			Method:  method(req),
			URL:     maskedURL(base, mreq, m),
			Headers: maskHeader(sent, m),
		},
		Curl: Curl(base, req, m),
	}
	if req.Body != nil {
		body, cut := text(req.Body, m, limit)
		if cut {
			body += fmt.Sprintf(" [cut: %d bytes in all]", len(req.Body))
		}
		ex.Request.Body, ex.Request.Truncated = body, cut
	}
	if resp == nil {
		return ex
	}

	body, cut := text(resp.Body, m, limit)
	ex.Response = &runner.RecordedResponse{
		Status:    resp.Status,
		Headers:   maskHeader(resp.Header, m),
		Body:      body,
		Truncated: cut || resp.TooLarge,
	}
	return ex
}

func maskHeader(h http.Header, m runner.Masker) map[string][]string {
	if len(h) == 0 {
		return nil
	}
	out := make(map[string][]string, len(h))
	for k, vs := range h {
		mv := make([]string, len(vs))
		for i, v := range vs {
			mv[i] = m.String(v)
		}
		out[k] = mv
	}
	return out
}

// text renders b for a transcript: masked first, so that a secret is never
// cut in two and half shown, then cut at limit on a rune boundary, then
// made valid UTF-8. It reports whether it cut.
func text(b []byte, m runner.Masker, limit int) (string, bool) {
	s := m.String(string(b))
	cut := false
	if limit > 0 && len(s) > limit {
		n := limit
		for n > 0 && n > limit-utf8.UTFMax && !utf8.RuneStart(s[n]) {
			n--
		}
		s, cut = s[:n], true
	}
	return strings.ToValidUTF8(s, "\uFFFD"), cut
}

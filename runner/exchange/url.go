package exchange

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/apiconformance/harness/runner"
)

// target joins base, which may carry a path prefix and a query, with the
// path and query of req. The path is taken as written: escapes it holds
// stay as they are, characters a path cannot hold are escaped.
func target(base string, req runner.Request) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("parsing base URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("parsing base URL: want http(s)://host, "+
			"got scheme %q host %q", u.Scheme, u.Host)
	}

	prefix := strings.TrimSuffix(u.EscapedPath(), "/")
	raw := prefix + req.Path
	path, err := url.PathUnescape(raw)
	if err != nil {
		// A malformed escape is sent as the fixture wrote it, escaped.
		path, raw = strings.TrimSuffix(u.Path, "/")+req.Path, ""
	}
	u.Path, u.RawPath = path, raw
	u.Fragment, u.RawFragment = "", ""

	if len(req.Query) > 0 {
		q := u.Query()
		for k, v := range req.Query {
			q.Set(k, v)
		}
		u.RawQuery = q.Encode()
	}
	return u, nil
}

// header returns the headers req carries: its content type first, so that
// an explicit Content-Type among the headers, a fixture's choice, wins.
func header(req runner.Request) http.Header {
	h := make(http.Header, len(req.Headers)+1)
	if req.ContentType != "" {
		h.Set("Content-Type", req.ContentType)
	}
	for k, v := range req.Headers {
		h.Set(k, v)
	}
	return h
}

package exchange

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apiconformance/harness/runner"
)

// Curl renders a curl command line that sends req to base again, each
// argument quoted for a POSIX shell, every secret m knows masked. The case
// header is not part of it.
func Curl(base string, req runner.Request, m runner.Masker) string {
	req = maskRequest(req, m)
	args := []string{"curl", "-i", "-X", quote(method(req))}
	if method(req) == "HEAD" {
		// curl -X HEAD waits for a body that never comes.
		args = []string{"curl", "-I"}
	}
	args = append(args, quote(maskedURL(base, req, m)))

	h := header(req)
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range h[k] {
			args = append(args, "-H", quote(k+": "+v))
		}
	}
	if req.Body != nil {
		args = append(args, "--data-binary", quote(string(req.Body)))
	}
	return m.String(strings.Join(args, " "))
}

// maskRequest returns a copy of req with secrets masked in every part that
// a transcript shows.
func maskRequest(req runner.Request, m runner.Masker) runner.Request {
	out := req
	out.Path = m.String(req.Path)
	out.Query = maskMap(req.Query, m)
	out.Headers = maskMap(req.Headers, m)
	out.ContentType = m.String(req.ContentType)
	if req.Body != nil {
		out.Body = []byte(m.String(string(req.Body)))
	}
	return out
}

func maskMap(in map[string]string, m runner.Masker) map[string]string {
	if in == nil {
		return nil
	}
	out := make(map[string]string, len(in))
	for k, v := range in {
		out[m.String(k)] = m.String(v)
	}
	return out
}

// maskedURL renders the URL of req, already masked, against base. The mask
// is shown as is rather than percent-escaped.
func maskedURL(base string, req runner.Request, m runner.Masker) string {
	var s string
	if u, err := target(base, req); err == nil {
		s = u.String()
	} else {
		s = strings.TrimSuffix(base, "/") + req.Path
	}
	s = strings.ReplaceAll(s, url.QueryEscape(runner.Mask), runner.Mask)
	return m.String(s)
}

func method(req runner.Request) string {
	if req.Method == "" {
		return "GET"
	}
	return req.Method
}

// quote quotes s for a POSIX shell: in single quotes when it is printable
// text, in bash's $'...' form with escapes when it holds control bytes or
// is not valid UTF-8, so that the line stays one line and exact.
func quote(s string) string {
	if printable(s) {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError && n == 1, !unicode.IsPrint(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	b.WriteByte('\'')
	return b.String()
}

func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

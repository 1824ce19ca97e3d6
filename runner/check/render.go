package check

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxRender bounds a value rendered into a violation, in bytes.
const maxRender = 80

// pointer renders path as a JSON pointer (RFC 6901); "" is the whole body.
func pointer(path []string) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(escapeToken(p))
	}
	return b.String()
}

// child returns the pointer of key beneath the pointer parent.
func child(parent, key string) string {
	return parent + "/" + escapeToken(key)
}

func escapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// render writes a JSON value compactly for people, cut at maxRender.
func render(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "(unrenderable value)"
	}
	return cut(strings.TrimSuffix(b.String(), "\n"))
}

// quote renders a string as JSON does, cut at maxRender.
func quote(s string) string {
	return cut(strconv.Quote(s))
}

func cut(s string) string {
	if len(s) <= maxRender {
		return s
	}
	i := maxRender
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

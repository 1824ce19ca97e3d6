package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/apiconformance/harness/runner"
)

// maxDepth bounds the nesting of a body, as encoding/json bounds Decode.
const maxDepth = 10000

// jsonSpace is the whitespace JSON allows between tokens.
const jsonSpace = " \t\r\n"

// body checks that a body is there exactly when the response documents
// content and, for a JSON media type, that it is one well-formed JSON
// value. It returns the value and whether it is fit to be judged further.
func (j *judgement) body(r *response) (any, bool) {
	if j.in.Status == http.StatusNoContent {
		// HTTP clients read no body after a 204, whatever follows: the
		// framing announced is the only trace of one (RFC 9110, 8.6;
		// RFC 9112, 6.1).
		if n := j.in.Header.Get("Content-Length"); n != "" && n != "0" {
			j.violate(runner.RuleBodyUndeclared, "", "no body: a 204 has none",
				"Content-Length: "+n, "")
			return nil, false
		}
		if te := j.in.Header.Get("Transfer-Encoding"); te != "" {
			j.violate(runner.RuleBodyUndeclared, "", "no body: a 204 has none",
				"Transfer-Encoding: "+te, "")
			return nil, false
		}
	}
	b := j.in.Body
	empty := len(bytes.TrimLeft(b, jsonSpace)) == 0
	switch {
	case len(r.content) == 0:
		if !empty || j.in.TooLarge {
			j.violate(runner.RuleBodyUndeclared, "", "no body",
				strconv.Itoa(len(b))+" bytes", "")
		}
		return nil, false
	case j.in.TooLarge:
		j.violate(runner.RuleBodyTooLarge, "", "a body within the read cap",
			"cut after "+strconv.Itoa(len(b))+" bytes", "")
		return nil, false
	case empty:
		if !j.head() {
			j.violate(runner.RuleBodyEmpty, "", "a body ("+r.media+")",
				"no body", "")
		}
		return nil, false
	case j.encoded:
		// Encoded bytes are not the JSON: only the encoding check speaks.
		return nil, false
	case !isJSON(j.base):
		// Not JSON, or not labelled: only the media type check speaks.
		return nil, false
	case !utf8.Valid(b):
		j.violate(runner.RuleBodyUTF8, "", "UTF-8 text",
			"invalid UTF-8 at byte "+strconv.Itoa(invalidAt(b)), "")
		return nil, false
	}
	return j.decode(b)
}

// decode reads b as one JSON value, token by token, so that it sees what
// encoding/json's Decode hides: a key repeated in an object (the last one
// wins, as there) and bytes after the value. Numbers stay json.Number, the
// literal text, which the strict integer check needs.
func (j *judgement) decode(b []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	d := &decoder{dec: dec, j: j}
	v, err := d.value()
	if err != nil {
		j.violate(runner.RuleBodyJSON, "", "one JSON value", syntax(err),
			"")
		return nil, false
	}
	if rest := bytes.TrimLeft(b[dec.InputOffset():], jsonSpace); len(rest) > 0 {
		j.violate(runner.RuleBodyTrailing, "", "nothing after the JSON value",
			strconv.Itoa(len(rest))+" more bytes", "")
		return v, false
	}
	return v, true
}

// decoder walks the tokens of one body; path is the pointer of the value
// being read, as unescaped tokens.
type decoder struct {
	dec  *json.Decoder
	j    *judgement
	path []string
}

// errTooDeep stops a body nested past maxDepth.
var errTooDeep = errors.New("nesting deeper than " +
	strconv.Itoa(maxDepth) + " levels")

func (d *decoder) value() (any, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		return d.object()
	case json.Delim('['):
		return d.array()
	}
	return tok, nil
}

func (d *decoder) object() (any, error) {
	if len(d.path) >= maxDepth {
		return nil, errTooDeep
	}
	m := map[string]any{}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string) // Token allows only a string here
		if _, dup := m[key]; dup {
			d.j.violate(runner.RuleBodyDuplicateKey, pointer(d.path),
				"unique keys", "key "+quote(key)+" repeated", "")
		}
		d.path = append(d.path, key)
		v, err := d.value()
		d.path = d.path[:len(d.path)-1]
		if err != nil {
			return nil, err
		}
		m[key] = v
	}
	_, err := d.dec.Token() // the closing brace
	return m, err
}

func (d *decoder) array() (any, error) {
	if len(d.path) >= maxDepth {
		return nil, errTooDeep
	}
	a := []any{}
	for i := 0; d.dec.More(); i++ {
		d.path = append(d.path, strconv.Itoa(i))
		v, err := d.value()
		d.path = d.path[:len(d.path)-1]
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
	_, err := d.dec.Token() // the closing bracket
	return a, err
}

// syntax renders a decoding error for people.
func syntax(err error) string {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return se.Error() + " at byte " + strconv.FormatInt(se.Offset, 10)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	}
	return err.Error()
}

// invalidAt returns the offset of the first byte that is not UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

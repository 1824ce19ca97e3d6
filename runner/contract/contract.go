// Package contract loads an OpenAPI document and lists what the harness
// must cover in it: every operation and every response status it documents.
//
// Real documents are imperfect. A defect that leaves the document readable
// (an example of the wrong type, a path written /items/:id) becomes a
// warning that names its place, and loading goes on; only a document that
// cannot be understood at all is refused.
package contract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apiconformance/harness/runner"
)

// Contract is a loaded document and the operations planned from it. It is
// read-only once Load returns and safe to share between goroutines.
type Contract struct {
	File       string // as given to Load
	SHA256     string // hex digest of the file's bytes
	Title      string
	Version    string
	Doc        *openapi3.T
	Operations []Operation      // sorted by path, then method
	Warnings   []runner.Warning // defects worked around
}

// Operation is one method on one path of the document.
type Operation struct {
	// Key is "METHOD /path", the name fixtures and reports use.
	Key string
	// ID is the operationId, empty when the document gives none.
	ID     string
	Method string
	Path   string // template in braces form, as a key of Doc.Paths
	Op     *openapi3.Operation
	// Statuses are the documented numeric statuses, ascending. Ranges such
	// as 4XX and "default" name no status to trigger and are left out,
	// with a warning.
	Statuses []int
	// Defects holds, by status, the response schemas that cannot judge an
	// answer; a case of such a status is an error of the document, not a
	// verdict. Nil when every schema is sound.
	Defects map[int][]Defect
}

// Error is a document that cannot be used at all.
type Error struct {
	File   string
	Reason error
}

// Error names the file and the reason.
func (e *Error) Error() string {
	return fmt.Sprintf("loading contract %s: %v", e.File, e.Reason)
}

// Unwrap returns the reason, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Reason }

// Load reads the OpenAPI document at file. External references are
// resolved relative to the file. A document that does not parse, or holds
// no operation, is an *Error.
func Load(ctx context.Context, file string) (*Contract, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &Error{File: file, Reason: err}
	}
	return Parse(ctx, file, data)
}

// Parse is Load on bytes already read; file names them in errors and
// locates relative references.
func Parse(ctx context.Context, file string, data []byte) (*Contract, error) {
	sum := sha256.Sum256(data)
	c := &Contract{File: file, SHA256: hex.EncodeToString(sum[:])}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, &Error{File: file, Reason: fmt.Errorf("the file is empty")}
	}

	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = openapi3.URIMapCache(localOnly)
	loader.Context = ctx
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, &Error{File: file, Reason: err}
	}
	loc := url.URL{Path: abs}
	doc, err := loader.LoadFromDataWithPath(data, &loc)
	if err != nil {
		return nil, &Error{File: file, Reason: err}
	}
	if doc.OpenAPI == "" {
		return nil, &Error{File: file,
			Reason: fmt.Errorf("no \"openapi\" version field: not an OpenAPI 3 document")}
	}
	c.Doc = doc
	if doc.Info != nil {
		c.Title, c.Version = doc.Info.Title, doc.Info.Version
	}

	c.Warnings = append(c.Warnings, normalizePaths(doc)...)
	ops, warns := operations(doc)
	c.Warnings = append(c.Warnings, validate(ctx, doc, ops)...)
	c.Warnings = append(c.Warnings, warns...)
	if len(ops) == 0 {
		return nil, &Error{File: file,
			Reason: fmt.Errorf("the document defines no operation under \"paths\"")}
	}
	c.Operations = ops
	return c, nil
}

// ErrRemoteReference is the reason a document that refers to another one
// over the network is refused.
var ErrRemoteReference = errors.New("remote references are not fetched")

// localOnly reads the files a document references, and refuses anything
// remote: loading a contract sends no request, and a run does not depend
// on a network the harness was not asked to reach.
func localOnly(l *openapi3.Loader, u *url.URL) ([]byte, error) {
	if u.Scheme != "" && u.Scheme != "file" {
		return nil, fmt.Errorf("reference %s: %w; save the document beside the "+
			"contract and refer to the file", u, ErrRemoteReference)
	}
	return openapi3.ReadFromFile(l, u)
}

// Operation returns the operation named key ("METHOD /path") or by its
// operationId, and whether there is one.
func (c *Contract) Operation(key string) (Operation, bool) {
	for _, op := range c.Operations {
		if op.Key == key || (op.ID != "" && op.ID == key) {
			return op, true
		}
	}
	return Operation{}, false
}

// Documented reports whether the operation documents status, exactly or
// through a range or default response.
func (o Operation) Documented(status int) bool {
	r := o.Op.Responses
	if r == nil {
		return false
	}
	return r.Status(status) != nil || r.Value(strconv.Itoa(status/100)+"XX") != nil ||
		r.Default() != nil
}

func operations(doc *openapi3.T) ([]Operation, []runner.Warning) {
	var ops []Operation
	var warns []runner.Warning
	if doc.Paths == nil {
		return nil, nil
	}
	for _, path := range doc.Paths.Keys() {
		item := doc.Paths.Value(path)
		if item == nil {
			continue
		}
		for method, op := range item.Operations() {
			if op == nil {
				continue
			}
			o := Operation{
				Key:    strings.ToUpper(method) + " " + path,
				ID:     op.OperationID,
				Method: strings.ToUpper(method),
				Path:   path,
				Op:     op,
			}
			var w []runner.Warning
			o.Statuses, w = statuses(o)
			warns = append(warns, w...)
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	return ops, warns
}

func statuses(o Operation) ([]int, []runner.Warning) {
	if o.Op.Responses == nil {
		return nil, []runner.Warning{{Rule: runner.RuleDocument, Place: o.Key,
			Message: "the operation documents no response: nothing to check"}}
	}
	var codes []int
	var warns []runner.Warning
	for _, key := range o.Op.Responses.Keys() {
		n, err := strconv.Atoi(key)
		if err != nil || n < 100 || n > 599 {
			warns = append(warns, runner.Warning{Rule: runner.RuleDocument,
				Place:   o.Key + " responses." + key,
				Message: "not a single status: no case is planned for it"})
			continue
		}
		codes = append(codes, n)
	}
	sort.Ints(codes)
	return codes, warns
}

package plan

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/contract"
	"github.com/apiconformance/harness/runner/fixture"
)

// pathNames returns the names of the {parameters} of a path template, in
// the order they appear.
func pathNames(template string) []string {
	var names []string
	rest := template
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return names
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return names
		}
		names = append(names, rest[open+1:open+end])
		rest = rest[open+end+1:]
	}
}

// checkPathNames returns a *fixture.Error for the first name of params,
// in file order, that the operation's path does not have: its value
// would go nowhere, and the request would keep the base value. what
// says whose parameters they are, for the message; line stands in where
// lines lacks a name.
func checkPathNames(op contract.Operation, params map[string]string,
	lines map[string]int, file, what string, line int) error {
	known := pathNames(op.Path)
	var bad []string
	for name := range params {
		if !slices.Contains(known, name) {
			bad = append(bad, name)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	at := func(name string) int {
		if l, ok := lines[name]; ok {
			return l
		}
		return line
	}
	sort.Slice(bad, func(i, j int) bool {
		if at(bad[i]) != at(bad[j]) {
			return at(bad[i]) < at(bad[j])
		}
		return bad[i] < bad[j]
	})
	list := "the path has none"
	if len(known) > 0 {
		list = "known: " + strings.Join(known, ", ")
	}
	return &fixture.Error{File: file, Line: at(bad[0]),
		Msg: fmt.Sprintf("%s: path parameter %q is not in the path (%s)",
			what, bad[0], list)}
}

// unusedExpect warns about each key of the operation's expect that no
// planned status falls under: its values are never checked.
func unusedExpect(op contract.Operation, fop *fixture.Operation,
	file string) []runner.Warning {
	var keys []string
	for key := range fop.Expect {
		used := false
		for _, status := range op.Statuses {
			used = used || key == strconv.Itoa(status) ||
				strings.EqualFold(key, runner.Class(status))
		}
		if !used {
			keys = append(keys, key)
		}
	}
	line := func(key string) int {
		if l, ok := fop.ExpectLines[key]; ok {
			return l
		}
		return fop.Line
	}
	sort.Slice(keys, func(i, j int) bool { return line(keys[i]) < line(keys[j]) })
	var warns []runner.Warning
	for _, key := range keys {
		warns = append(warns, runner.Warning{Rule: runner.RuleFixture,
			Place: fmt.Sprintf("%s:%d", file, line(key)),
			Message: fmt.Sprintf("expect %s: %s documents no status under it: "+
				"the values are never checked", key, op.Key)})
	}
	return warns
}

// nearest returns the operation key or operationId of ops closest to
// name, as Nearest does.
func nearest(name string, ops []contract.Operation) string {
	var names []string
	for _, op := range ops {
		names = append(names, op.Key, op.ID)
	}
	return Nearest(name, names)
}

// Nearest returns the candidate closest to name, ignoring case, when it is
// close enough to be a typo of it: at most a third of its letters differ.
// Empty candidates are passed over; "" means none is close.
func Nearest(name string, candidates []string) string {
	best, bestD := "", len(name)/3+1
	for _, cand := range candidates {
		if d := distance(strings.ToLower(name), strings.ToLower(cand)); cand != "" && d < bestD {
			best, bestD = cand, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// Key reads an operation named by a user, such as "delete /notes/:id", as
// the key cases carry, "DELETE /notes/{id}": the method in upper case and
// the path as the contract package reads a document's. A name without a
// space, an operationId, is returned as it is.
func Key(name string) string {
	method, path, ok := strings.Cut(strings.TrimSpace(name), " ")
	if !ok {
		return name
	}
	return strings.ToUpper(method) + " " + contract.Braces(strings.TrimSpace(path))
}

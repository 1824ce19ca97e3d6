// Package suites is the Ginkgo layer of the harness: it builds the spec
// tree from the engine's plan (one container per operation, one spec per
// documented status) and asserts on the engine's verdicts. The checks
// themselves live in the engine, where plain Go tests cover them.
//
// The suite of the seed contract runs with `go test ./suites/...`; the
// command-line program runs the same tree through Run.
package suites

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"
	"github.com/onsi/gomega"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
)

// Define declares the spec tree of cases. Call it before RunSpecs, while
// Ginkgo builds its tree. session returns the running session once the
// suite has set it up; it is called only inside specs.
func Define(cases []runner.Case, session func() *harness.Session) {
	var order []string
	byOp := map[string][]runner.Case{}
	for _, c := range cases {
		if _, ok := byOp[c.Operation]; !ok {
			order = append(order, c.Operation)
		}
		byOp[c.Operation] = append(byOp[c.Operation], c)
	}
	for _, op := range order {
		ginkgo.Describe(op, func() {
			for _, c := range byOp[op] {
				spec(c, session)
			}
		})
	}
}

// spec declares the spec of one case.
func spec(c runner.Case, session func() *harness.Session) {
	args := []any{Labels(c)}
	if c.Serial() {
		args = append(args, ginkgo.Serial)
	}
	args = append(args, func(ctx ginkgo.SpecContext) {
		res := session().Run(ctx, c)
		switch res.Outcome {
		case runner.Untriggered:
			ginkgo.Skip("untriggered: " + res.Reason)
		case runner.Waived:
			ginkgo.Skip("waived: " + res.Reason)
		case runner.Error:
			ginkgo.Fail("error of the harness or its setup, not a verdict on the implementation: " +
				res.Reason)
		}
		gomega.Expect(res.Outcome.String()).To(gomega.Equal(runner.Passed.String()),
			Message(res, session().Profile()))
	})
	ginkgo.It(SpecText(c), args...)
}

// SpecText is the sentence a spec reads as under its operation's
// container: "answers 404 when a group that does not exist".
func SpecText(c runner.Case) string {
	s := "answers " + strconv.Itoa(c.Status)
	switch {
	case c.Trigger == nil:
		return s + " (no trigger known)"
	case c.Trigger.Why != "":
		return s + " when " + c.Trigger.Why
	}
	return s + " to the " + c.TriggerKind() + " trigger"
}

// Labels returns the labels a user filters cases by:
// "status:404", "class:4xx" and "trigger:burst" (one of request, change,
// burst, state, upstream, none).
func Labels(c runner.Case) ginkgo.Labels {
	return ginkgo.Label(
		"status:"+strconv.Itoa(c.Status),
		"class:"+runner.Class(c.Status),
		"trigger:"+c.TriggerKind(),
	)
}

// Message renders a verdict for a failing spec: every violation on a line,
// the first shownWarnings warnings and the count of the rest (a document's
// examples can differ from a correct body in every field and bury the
// verdict), and a curl line that reproduces the request with secrets
// masked.
func Message(res runner.Result, profile runner.Profile) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s, %d violation(s) under the %s profile\n",
		res.Case.ID, res.Outcome, len(res.Violations), profile)
	for _, v := range res.Violations {
		b.WriteString("  - " + v.String() + "\n")
	}
	for i, w := range res.Warnings {
		if i == shownWarnings {
			fmt.Fprintf(&b, "  and %d more warnings, in the reports\n",
				len(res.Warnings)-shownWarnings)
			break
		}
		b.WriteString("  warning: " + w.String() + "\n")
	}
	if res.Attempts > 1 {
		fmt.Fprintf(&b, "  after %d requests\n", res.Attempts)
	}
	if res.Exchange != nil {
		b.WriteString("  reproduce: " + res.Exchange.Curl + "\n")
	}
	return b.String()
}

// shownWarnings is how many warnings a failure message lists.
const shownWarnings = 3

// failureFlag is the testing.T stand-in of a run outside go test: it only
// remembers that a spec failed.
type failureFlag struct{ failed bool }

// Fail marks the run failed.
func (f *failureFlag) Fail() { f.failed = true }

// Run builds the tree of cases and runs it with Ginkgo outside go test, as
// the command-line program does; it reports whether every spec passed.
// Ginkgo allows one run per process, so Run may be called once.
func Run(description string, cases []runner.Case, session func() *harness.Session,
	suite types.SuiteConfig, reporter types.ReporterConfig) bool {
	gomega.RegisterFailHandler(ginkgo.Fail)
	Define(cases, session)
	t := &failureFlag{}
	return ginkgo.RunSpecs(t, description, suite, reporter) && !t.failed
}

package suites_test

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apiconformance/harness/reference/seed"
	"github.com/apiconformance/harness/runner"
)

// intended is, for each mutant of the reference implementation, the rule
// the harness must fail it for. The mutant itself says which status it
// breaks; every other case must pass.
var intended = map[string]runner.Rule{
	"error-extra-field":     runner.RuleSchema,
	"error-missing-field":   runner.RuleStrictRequired,
	"success-as-string":     runner.RuleSchema,
	"400-for-422":           runner.RuleStatus,
	"text-plain-error":      runner.RuleMediaType,
	"success-true-on-error": runner.RuleExpect,
	"undocumented-status":   runner.RuleStatusUndeclared,
	"empty-object-error":    runner.RuleStrictRequired,
	"wrong-message":         runner.RuleSchema,
	"extra-data-field":      runner.RuleSchema,
	"duplicate-key":         runner.RuleBodyDuplicateKey,
	"trailing-bytes":        runner.RuleBodyTrailing,
	"empty-body":            runner.RuleBodyEmpty,
	"null-for-string":       runner.RuleSchema,
	"html-502":              runner.RuleMediaType,
}

// reportedCase is the part of a report.json case these tests read.
type reportedCase struct {
	ID         string
	Status     int
	Outcome    string
	Violations []struct{ Rule runner.Rule }
	Warnings   []struct{ Rule runner.Rule }
}

// TestMutantsAreCaught runs the whole Ginkgo suite, in a child process,
// against each one-defect mutant of the reference implementation, and
// holds the verdict to exactly one failed case, the intended one, failed
// for the intended rule.
func TestMutantsAreCaught(t *testing.T) {
	skipUnderParallelGinkgo(t)
	mutants := seed.Mutants()
	for _, m := range mutants {
		if _, ok := intended[m.Name]; !ok {
			t.Errorf("mutant %s has no intended rule in this test", m.Name)
		}
	}
	if len(intended) != len(mutants) {
		t.Errorf("intended rules: %d, mutants: %d", len(intended), len(mutants))
	}

	for _, m := range mutants {
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			cases := runSuite(t, m.Name)
			var failed []reportedCase
			for _, c := range cases {
				if c.Outcome != "passed" {
					failed = append(failed, c)
				}
			}
			if len(failed) != 1 || failed[0].Status != m.Status || failed[0].Outcome != "failed" {
				t.Fatalf("want only case %d failed, got %+v", m.Status, failed)
			}
			var rules []runner.Rule
			for _, v := range failed[0].Violations {
				rules = append(rules, v.Rule)
			}
			if !slices.Contains(rules, intended[m.Name]) {
				t.Errorf("case %d failed for %v, want rule %s", m.Status, rules, intended[m.Name])
			}
		})
	}
}

// TestConformingReferenceHasNoFinding is the other half of the proof: the
// reference implementation as it is passes every case with no violation
// and no warning.
func TestConformingReferenceHasNoFinding(t *testing.T) {
	skipUnderParallelGinkgo(t)
	cases := runSuite(t, "")
	if len(cases) != 11 {
		t.Fatalf("cases: got %d, want 11", len(cases))
	}
	for _, c := range cases {
		if c.Outcome != "passed" || len(c.Violations) != 0 || len(c.Warnings) != 0 {
			t.Errorf("%s: %s, violations %v, warnings %v", c.ID, c.Outcome,
				c.Violations, c.Warnings)
		}
	}
}

// skipUnderParallelGinkgo skips a test in the processes of `ginkgo -p`:
// each would run it again, and the proof needs only one run.
func skipUnderParallelGinkgo(tb testing.TB) {
	tb.Helper()
	if f := flag.Lookup("ginkgo.parallel.total"); f != nil && f.Value.String() != "1" {
		tb.Skip("ginkgo -p: the mutant proof runs under plain go test")
	}
}

// runSuite runs TestSeedConformance in a child process of this test
// binary, against the reference implementation as mutant (or as it is,
// for ""), and returns the cases of the report it writes.
func runSuite(tb testing.TB, mutant string) []reportedCase {
	tb.Helper()
	dir := tb.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSeedConformance$",
		"-test.count=1")
	// The child runs against the in-process reference, whatever this run
	// was pointed at: none of the user's CONFORMANCE_ settings (a base
	// URL, an upstream address, a token) reaches it.
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "CONFORMANCE_")
	})
	cmd.Env = append(cmd.Env, envMutant+"="+mutant, envReportDir+"="+dir)
	out, err := cmd.CombinedOutput()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		tb.Fatalf("running the suite: %v", err)
	}
	data, rerr := os.ReadFile(filepath.Join(dir, "report.json"))
	if rerr != nil {
		tb.Fatalf("reading the report: %v\nsuite output:\n%s", rerr, out)
	}
	var rep struct{ Cases []reportedCase }
	if err := json.Unmarshal(data, &rep); err != nil {
		tb.Fatalf("decoding the report: %v", err)
	}
	if mutant != "" && err == nil {
		tb.Errorf("the suite exited 0 against mutant %s", mutant)
	}
	return rep.Cases
}

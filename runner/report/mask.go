package report

import "github.com/apiconformance/harness/runner"

// masked returns a deep copy of run with every secret masked in every
// string it holds, before any writer escapes or cuts one: HTML turns "+"
// into "&#43;", and a cut must not leave half a secret behind. Strings
// are masked one by one, never the rendered bytes.
func masked(run Run) Run {
	return runner.MapStrings(run, run.Masker.String)
}

package harness_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
)

// TestFailedCasesGetTheirLogLines covers the lines attached to a failed
// case: read when results are asked for, masked, and cut where lines
// name other cases; lines that name no case count only shortly after it.
func TestFailedCasesGetTheirLogLines(t *testing.T) {
	l := loadSeed(t)
	own, before, after := l.Plan.Cases[0], l.Plan.Cases[1], l.Plan.Cases[2]
	mine, prev, next := "request case="+own.ID, "request case="+before.ID,
		"request case="+after.ID
	tests := []struct {
		name string
		// lines are read during the case; late ones 200 ms after it.
		lines, late, want []string
	}{
		{name: "ends where the next case begins",
			lines: []string{mine, "token " + seedToken, next, "teardown"},
			want:  []string{mine, "token " + runner.Mask}},
		{name: "an earlier case's late line is passed over",
			lines: []string{"setup", prev, "state set", mine, next},
			want:  []string{"state set", mine}},
		{name: "no case named at all", lines: []string{"a", "b"},
			want: []string{"a", "b"}},
		{name: "only other cases named", lines: []string{"a", prev, "b"},
			want: []string{"b"}},
		{name: "a late line naming the case is its",
			lines: []string{"a"}, late: []string{"unnamed", mine},
			want: []string{"a", mine}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			started := time.Now()
			tgt := &fakeTarget{base: "http://127.0.0.1:1"}
			for _, text := range tt.lines {
				tgt.lines = append(tgt.lines, fakeLine{started.Add(time.Millisecond), text})
			}
			for _, text := range tt.late {
				tgt.lines = append(tgt.lines, fakeLine{started.Add(200 * time.Millisecond), text})
			}
			s, err := harness.Start(context.Background(), l, tgt, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close(context.Background()) })

			s.Record(runner.Result{Case: own, Outcome: runner.Failed, Started: started,
				Duration: time.Millisecond})
			s.Record(runner.Result{Case: before, Outcome: runner.Passed, Started: started})
			s.Record(runner.Result{Case: after, Outcome: runner.Error, Started: started})
			res := s.Results()

			if !slices.Equal(res[0].Logs, tt.want) {
				t.Errorf("failed case logs:\n got %q\nwant %q", res[0].Logs, tt.want)
			}
			if len(res[1].Logs) != 0 || len(res[2].Logs) != 0 {
				t.Errorf("passed or errored case has logs: %q, %q",
					res[1].Logs, res[2].Logs)
			}
		})
	}
}

func TestInterruptedRunSaysNotRun(t *testing.T) {
	l := loadSeed(t)
	s, err := harness.Start(context.Background(), l,
		&fakeTarget{base: "http://127.0.0.1:1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })

	filtered := s.Results()[0].Reason
	s.Interrupt()
	interrupted := s.Results()[0].Reason
	if filtered == interrupted || s.Results()[0].Outcome != runner.Skipped {
		t.Errorf("reasons: %q before, %q after the interruption", filtered, interrupted)
	}
}

func TestMistypedVariableIsAWarning(t *testing.T) {
	l, err := harness.Load(context.Background(), harness.Options{
		Fixtures: seedFixtures, Lookup: noEnv,
		Environ: []string{"CONFORMANCE_VAR_ADMINTOKN=x", "CONFORMANCE_VAR_ADMINTOKEN=y",
			"HOME=/root"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var config []runner.Warning
	for _, w := range l.Warnings() {
		if w.Rule == runner.RuleConfig {
			config = append(config, w)
		}
	}
	if len(config) != 1 {
		t.Errorf("config warnings: got %v, want one for the mistyped name", config)
	}
}

// TestPanicIsRecordedAsAnError: a defect of the harness that panics in a
// case gives that case the outcome error, never a silent skip.
func TestPanicIsRecordedAsAnError(t *testing.T) {
	l := loadSeed(t)
	s, err := harness.Start(context.Background(), l,
		&fakeTarget{base: "http://127.0.0.1:1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	s.Engine.Client = nil // the engine dereferences it: a panic

	res := s.Run(context.Background(), l.Plan.Cases[0])
	if res.Outcome != runner.Error || !strings.Contains(res.Reason, "panic") {
		t.Errorf("result: %s %q, want an error naming the panic", res.Outcome, res.Reason)
	}
	if got := s.Results()[0].Outcome; got != runner.Error {
		t.Errorf("recorded outcome %s, want error", got)
	}
}

// TestShortSecretIsRefused: a secret so short that masking it would hide
// unrelated text is an error naming the variable; four characters do.
func TestShortSecretIsRefused(t *testing.T) {
	tests := []struct {
		name, token string
		refused     bool
	}{
		{name: "one character", token: "e", refused: true},
		{name: "three", token: "abc", refused: true},
		{name: "four", token: "abcd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(name string) (string, bool) {
				if name == "CONFORMANCE_VAR_ADMINTOKEN" {
					return tt.token, true
				}
				return "", false
			}
			_, err := harness.Load(context.Background(), harness.Options{
				Fixtures: seedFixtures, Lookup: lookup})
			if refused := err != nil; refused != tt.refused {
				t.Fatalf("error %v, want refused %v", err, tt.refused)
			}
			if tt.refused && !strings.Contains(err.Error(), "variable adminToken") {
				t.Errorf("error %q does not name the variable", err)
			}
		})
	}
	_, err := harness.Load(context.Background(), harness.Options{
		Fixtures: seedFixtures, Lookup: noEnv, Secrets: []string{"pw"}})
	if err == nil {
		t.Error("a two-character secret of the runner's was taken")
	}
}

// TestUpstreamModesCheckedOnLoad: modes the simulator cannot serve are an
// error of loading, so runner plan refuses them as run would.
func TestUpstreamModesCheckedOnLoad(t *testing.T) {
	data, err := os.ReadFile(seedFixtures)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "  normal:\n", "  usual:\n", 1)
	abs, err := filepath.Abs(seedContract)
	if err != nil {
		t.Fatal(err)
	}
	text = strings.Replace(text, "contract: ../specs/seed.yaml", "contract: "+abs, 1)
	file := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = harness.Load(context.Background(), harness.Options{Fixtures: file, Lookup: noEnv})
	if err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), `"normal"`) {
		t.Errorf("error %v, want one naming the file and the missing normal mode", err)
	}
}

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func TestRunBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	spec := writeFile(t, dir, "broken.yaml",
		"openapi: 3.0.3\ninfo: [\n  title: {\n")
	unknown := writeFile(t, dir, "unknown.yaml", "contract: "+
		filepath.Join(built.root, "specs", "seed.yaml")+
		"\nbogusKey: 1\noperations: {}\n")
	missing := filepath.Join(dir, "missing.yaml")
	listConfig := writeFile(t, dir, "list.yaml", "- a\n- b\n")
	badValue := writeFile(t, dir, "value.yaml", "timeout: soon\n")

	tests := []struct {
		name  string
		args  []string
		names string // what the first line of stderr must name
		usage bool   // a flag error: usage may follow the first line
	}{
		{name: "malformed spec", args: []string{"--contract", spec},
			names: spec},
		{name: "fixture unknown key", args: []string{"--fixtures", unknown},
			names: unknown},
		{name: "missing fixture", args: []string{"--fixtures", missing},
			names: missing},
		{name: "unknown flag", args: []string{"--no-such-flag"},
			names: "--no-such-flag", usage: true},
		{name: "unknown profile", args: []string{"--profile", "loose"},
			names: "--profile", usage: true},
		{name: "bad label filter", args: []string{"--label-filter", "((("},
			names: "--label-filter"},
		{name: "unknown operation", args: []string{"--operation", "GET /nope"},
			names: "--operation"},
		{name: "status no case has", args: []string{"--status", "201"},
			names: "keeps none of the 11 cases"},
		{name: "label filter no case has", args: []string{"--label-filter", "status:4O4"},
			names: "keeps none of the 11 cases"},
		{name: "zero timeout", args: []string{"--timeout", "0s"},
			names: "--timeout", usage: true},
		{name: "negative max body", args: []string{"--max-body=-5"},
			names: "--max-body", usage: true},
		{name: "config not a mapping", args: []string{"--config", listConfig},
			names: listConfig},
		{name: "config value of the wrong kind", args: []string{"--config", badValue},
			names: badValue, usage: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			reports := filepath.Join(t.TempDir(), "reports")
			args := append([]string{"run", "--command", refCommand(),
				"--report-dir", reports}, tt.args...)
			r := runRunner(t, nil, args...)
			wantCode(t, r, exitHarness)
			wantOneLine(t, r.stderr, tt.names, tt.usage)
			if _, err := os.Stat(reports); err == nil {
				t.Errorf("a rejected run wrote %s", reports)
			}
		})
	}
}

// TestBrokenResponseSchemaIsAnError: a response schema kin cannot use
// makes its case an error of the document, in the plan and in a run,
// never a failure of the implementation.
func TestBrokenResponseSchemaIsAnError(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(built.root, "specs", "seed.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The 200 response alone has "data": break its type.
	broken := strings.Replace(string(data), "data:\n                    type: object",
		"data:\n                    type: objekt", 1)
	if broken == string(data) {
		t.Fatal("specs/seed.yaml: no data object to break")
	}
	spec := writeFile(t, t.TempDir(), "seed.yaml", broken)

	plan := runRunner(t, nil, "plan", "--contract", spec)
	wantCode(t, plan, exitOK)
	if !strings.Contains(plan.stdout, "cannot judge this status") {
		t.Errorf("the plan does not say the 200 case cannot be judged:\n%s", plan.stdout)
	}
	dir := t.TempDir()
	r := runRunner(t, nil, "run", "--contract", spec, "--command", refCommand(),
		"--report-dir", dir, "--color", "never")
	wantCode(t, r, exitHarness)
	wantOutcomes(t, readReport(t, dir), seedCases, "passed",
		map[string]string{"error": "200"})
}

// TestRejectedRunLeavesNoEarlierReport: a run that stops at its input or
// its setup removes the reports of the run before, so that a CI job
// never publishes them as this run's; other files in the folder stay.
func TestRejectedRunLeavesNoEarlierReport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
	}{
		{name: "bad input", args: []string{"--command", refCommand(), "--label-filter", "((("}},
		{name: "unknown flag", args: []string{"--command", refCommand(), "--no-such-flag"}},
		{name: "bad value", args: []string{"--command", refCommand(), "--timeout=-1s"}},
		{name: "no target"},
		{name: "setup fails", args: []string{"--command", "exit 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for _, name := range []string{"junit.xml", "report.json",
				"report.html", "config.json", "notes.txt"} {
				writeFile(t, dir, name, "earlier")
			}
			r := runRunner(t, nil, append([]string{"run", "--report-dir", dir,
				"--color", "never"}, tt.args...)...)
			wantCode(t, r, exitHarness)
			for _, name := range []string{"junit.xml", "report.json", "report.html"} {
				if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
					t.Errorf("%s of the earlier run is still there", name)
				}
			}
			if b, err := os.ReadFile(filepath.Join(dir, "notes.txt")); err != nil ||
				string(b) != "earlier" {
				t.Errorf("a file of the user's was touched: %q %v", b, err)
			}
		})
	}
}

// TestRunNeedsOneTarget: with no target the error says what to give,
// and the usage line does not present every target as required.
func TestRunNeedsOneTarget(t *testing.T) {
	t.Parallel()
	r := runRunner(t, nil, "run", "--report-dir", t.TempDir())
	wantCode(t, r, exitHarness)
	wantOneLine(t, r.stderr, "one of --base-url, --command, --image or --dockerfile", true)
	help := runRunner(t, nil, "run", "--help")
	if first, _, _ := strings.Cut(help.stdout, "\n"); first != "Usage: runner run [flags]" {
		t.Errorf("usage line %q names flags as required", first)
	}
}

// wantOneLine fails unless stderr's first line is not empty and names
// name, and, unless usage may follow, it is the only line.
func wantOneLine(tb testing.TB, stderr, name string, usage bool) {
	tb.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	if !strings.Contains(lines[0], name) {
		tb.Errorf("stderr's first line does not name %q:\n%s", name, stderr)
	}
	if len(lines) > 1 && !usage {
		tb.Errorf("stderr has %d lines, want 1:\n%s", len(lines), stderr)
	}
}

func TestPlanAndVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		args  []string
		lines int // lines of stdout naming a case of the seed
	}{
		{name: "plan", args: []string{"plan", "--fixtures",
			filepath.Join(built.root, "fixtures", "seed.yaml")},
			lines: seedCases},
		{name: "version", args: []string{"version"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			// An empty working folder, and a server counting what
			// reaches it named by every target variable: the command
			// may write nothing and send nothing.
			dir := t.TempDir()
			var hits atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(
				func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
			t.Cleanup(srv.Close)
			env := []string{"CONFORMANCE_BASE_URL=" + srv.URL,
				"CONFORMANCE_STATE_URL=" + srv.URL}
			r := runIn(t, dir, env, tt.args...)
			wantCode(t, r, exitOK)
			if n := hits.Load(); n > 0 {
				t.Errorf("%s sent %d requests", tt.name, n)
			}
			got := strings.Count(r.stdout, "/v1/groups/{groupId}/assignAsAdmin/")
			if got != tt.lines {
				t.Errorf("stdout names %d cases, want %d:\n%s",
					got, tt.lines, r.stdout)
			}
			if strings.TrimSpace(r.stdout) == "" {
				t.Errorf("nothing on stdout")
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("%s wrote %d files in its folder",
					tt.name, len(entries))
			}
		})
	}
}

func TestVersionNamesAVersion(t *testing.T) {
	t.Parallel()
	r := runRunner(t, nil, "version")
	wantCode(t, r, exitOK)
	fields := strings.Fields(r.stdout)
	if len(fields) < 2 || !strings.ContainsAny(fields[1], "0123456789") {
		t.Errorf("version output %q: no version after the name", r.stdout)
	}
}

// writeFile writes text to dir/name and returns its path.
func writeFile(tb testing.TB, dir, name, text string) string {
	tb.Helper()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		tb.Fatalf("writing %s: %v", name, err)
	}
	return file
}

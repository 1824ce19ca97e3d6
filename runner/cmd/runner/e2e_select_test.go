package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunSelection(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		passed string // the statuses run; every other case is skipped
	}{
		{name: "status class", args: []string{"--status", "5xx"},
			passed: "500,502,503,504"},
		{name: "label filter", args: []string{"--label-filter",
			"trigger:state"}, passed: "500,503"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append([]string{"run", "--command", refCommand(),
				"--report-dir", dir, "--color", "never"}, tt.args...)
			r := runRunner(t, nil, args...)
			wantCode(t, r, exitOK)
			wantOutcomes(t, readReport(t, dir), seedCases, "skipped",
				map[string]string{"passed": tt.passed})
		})
	}
}

func TestRunConfigPrecedence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  bool   // set CONFORMANCE_REPORT_DIR
		flag bool   // give --report-dir
		want string // which folder gets the reports: file, env or flag
	}{
		{name: "file", want: "file"},
		{name: "environment beats file", env: true, want: "env"},
		{name: "flag beats both", env: true, flag: true, want: "flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tmp := t.TempDir()
			dirs := map[string]string{}
			for _, k := range []string{"file", "env", "flag"} {
				dirs[k] = filepath.Join(tmp, k)
			}
			config := writeFile(t, tmp, "config.yaml",
				"report-dir: "+dirs["file"]+"\ncolor: never\n")

			args := []string{"run", "--config", config,
				"--command", refCommand(), "--status", "200"}
			var env []string
			if tt.env {
				env = append(env, "CONFORMANCE_REPORT_DIR="+dirs["env"])
			}
			if tt.flag {
				args = append(args, "--report-dir", dirs["flag"])
			}
			r := runRunner(t, env, args...)
			wantCode(t, r, exitOK)
			for k, dir := range dirs {
				_, err := os.Stat(filepath.Join(dir, "report.json"))
				if got := err == nil; got != (k == tt.want) {
					t.Errorf("report.json in the %s folder: %v, want %v",
						k, got, k == tt.want)
				}
			}
			wantOutcomes(t, readReport(t, dirs[tt.want]), seedCases,
				"skipped", map[string]string{"passed": "200"})
		})
	}
}

// TestPlanAppliesTheLabelFilter: plan shows the cases run would run.
func TestPlanAppliesTheLabelFilter(t *testing.T) {
	t.Parallel()
	all := runRunner(t, nil, "plan")
	some := runRunner(t, nil, "plan", "--label-filter", "trigger:state || status:429")
	wantCode(t, all, exitOK)
	wantCode(t, some, exitOK)
	count := func(out string) int { return strings.Count(out, "PUT /v1/groups/{groupId}/assignAsAdmin/") }
	if count(all.stdout) != seedCases || count(some.stdout) != 3 {
		t.Errorf("cases listed: %d without filter, %d with, want %d and 3",
			count(all.stdout), count(some.stdout), seedCases)
	}
}

// TestPlanReadsOperationsAsTheDocumentWritesThem: --operation takes a
// method in any case and a path in the document's :name form, and a near
// miss gets a suggestion.
func TestPlanReadsOperationsAsTheDocumentWritesThem(t *testing.T) {
	t.Parallel()
	r := runRunner(t, nil, "plan", "--operation", "put /v1/groups/:groupId/assignAsAdmin")
	wantCode(t, r, exitOK)
	if n := strings.Count(r.stdout, "PUT /v1/groups/{groupId}/assignAsAdmin/"); n != seedCases {
		t.Errorf("%d cases listed, want %d:\n%s", n, seedCases, r.stdout)
	}
	miss := runRunner(t, nil, "plan", "--operation", "PUT /v1/groups/{groupId}/assignAdmin")
	wantCode(t, miss, exitHarness)
	wantOneLine(t, miss.stderr, `did you mean "PUT /v1/groups/{groupId}/assignAsAdmin"?`, false)
}

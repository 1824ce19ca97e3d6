package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedCases is the number of documented statuses of the seed contract.
const seedCases = 11

func TestRunReferencePasses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := runRunner(t, nil, "run", "--command", refCommand(),
		"--report-dir", dir, "--color", "never")
	wantCode(t, r, exitOK)
	wantOutcomes(t, readReport(t, dir), seedCases, "passed", nil)

	if n := junitCount(t, dir); n != seedCases {
		t.Errorf("junit.xml has %d test cases, want %d", n, seedCases)
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatalf("reading report.html: %v", err)
	}
	if refs := externalRefs(string(html)); len(refs) > 0 {
		t.Errorf("report.html loads remote assets: %q", refs)
	}
	if _, err := os.Stat(filepath.Join(dir, "config.json")); err != nil {
		t.Errorf("config.json: %v", err)
	}
}

func TestRunMutantFailsItsCase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := runRunner(t, nil, "run", "--report-dir", dir, "--color", "never",
		"--command", refCommand("-mutant", "wrong-message"))
	wantCode(t, r, exitFailed)
	rep := readReport(t, dir)
	wantOutcomes(t, rep, seedCases, "passed",
		map[string]string{"failed": "200"})
	for _, c := range rep.Cases {
		if c.Outcome != "failed" {
			continue
		}
		if !strings.HasSuffix(c.ID, "/200") {
			t.Errorf("failed case id %q, want one ending /200", c.ID)
		}
		if len(c.Violations) == 0 {
			t.Fatalf("case %s failed without a violation", c.ID)
		}
		wantOwnLogLine(t, c)
		for _, v := range c.Violations {
			if v.Rule != "schema" {
				t.Errorf("case %s: violation rule %q, want schema",
					c.ID, v.Rule)
			}
		}
	}
}

func TestRunBaseURL(t *testing.T) {
	t.Parallel()
	addr, upstream := freeAddr(t), freeAddr(t)
	startReference(t, "-addr", addr, "-upstream", "http://"+upstream,
		"-test-control")

	dir := t.TempDir()
	r := runRunner(t, nil, "run", "--base-url", "http://"+addr,
		"--upstream-addr", upstream, "--report-dir", dir,
		"--color", "never")
	wantCode(t, r, exitOK)
	wantOutcomes(t, readReport(t, dir), seedCases, "passed", nil)
}

// TestRunUpstreamNeverCalled: an implementation wired to another
// upstream than the simulator never makes an upstream case pass; those
// cases are errors of the setup, whatever status came back.
func TestRunUpstreamNeverCalled(t *testing.T) {
	t.Parallel()
	addr, elsewhere := freeAddr(t), freeAddr(t)
	startReference(t, "-addr", addr, "-upstream", "http://"+elsewhere,
		"-test-control")

	dir := t.TempDir()
	r := runRunner(t, nil, "run", "--base-url", "http://"+addr,
		"--status", "502,504", "--report-dir", dir, "--color", "never")
	wantCode(t, r, exitHarness)
	if !strings.Contains(r.stderr, "without --upstream-addr") {
		t.Errorf("no warning of the missing --upstream-addr:\n%s", r.stderr)
	}
	wantOutcomes(t, readReport(t, dir), seedCases, "skipped",
		map[string]string{"error": "502,504"})
}

func TestRunStateEndpointFails(t *testing.T) {
	t.Parallel()
	state := httptest.NewServer(http.HandlerFunc(
		func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
		}))
	t.Cleanup(state.Close)

	dir := t.TempDir()
	r := runRunner(t, nil, "run", "--command", refCommand(),
		"--state-url", state.URL, "--report-dir", dir, "--color", "never")
	wantCode(t, r, exitHarness)
	wantOutcomes(t, readReport(t, dir), seedCases, "passed",
		map[string]string{"error": "500,503"})
}

func TestRunUntriggeredStatus(t *testing.T) {
	t.Parallel()
	fixtures := fixtureWithout503(t)
	tests := []struct {
		name  string
		extra []string
		code  int
		says  string
	}{
		{name: "coverage required", code: exitIncomplete,
			says: "coverage incomplete: 1 documented status(es) have no trigger (exit 3"},
		{name: "allow untriggered", code: exitOK,
			extra: []string{"--allow-untriggered"}, says: "accepted by --allow-untriggered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append([]string{"run", "--command", refCommand(),
				"--fixtures", fixtures, "--report-dir", dir,
				"--color", "never"}, tt.extra...)
			r := runRunner(t, nil, args...)
			wantCode(t, r, tt.code)
			wantOutcomes(t, readReport(t, dir), seedCases, "passed",
				map[string]string{"untriggered": "503"})
			if !strings.Contains(r.stdout, tt.says) {
				t.Errorf("the console does not say %q:\n%s", tt.says, r.stdout)
			}
		})
	}
}

// fixtureWithout503 writes a copy of the seed fixtures with the 503
// trigger deleted and the contract named by its absolute path.
func fixtureWithout503(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(built.root, "fixtures", "seed.yaml"))
	if err != nil {
		tb.Fatalf("reading the seed fixtures: %v", err)
	}
	var out []string
	skipping, removed, contract := false, false, false
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "contract:"):
			line = "contract: " +
				filepath.Join(built.root, "specs", "seed.yaml")
			contract = true
		case strings.TrimSpace(line) == "503:":
			skipping, removed = true, true
			continue
		case skipping && strings.HasPrefix(line, "        "):
			continue
		}
		skipping = false
		out = append(out, line)
	}
	if !removed || !contract {
		tb.Fatalf("seed fixtures: no 503 entry or no contract line")
	}
	file := filepath.Join(tb.TempDir(), "seed.yaml")
	if err := os.WriteFile(file, []byte(strings.Join(out, "\n")),
		0o644); err != nil {
		tb.Fatalf("writing fixtures: %v", err)
	}
	return file
}

// freeAddr finds a loopback address no one listens on just now.
func freeAddr(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("finding a free port: %v", err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// startReference starts the built reference with args, waits until it
// answers on its -addr, and kills it when the test ends.
func startReference(tb testing.TB, args ...string) {
	tb.Helper()
	cmd := exec.Command(filepath.Join(built.bin, "seed-reference"), args...)
	cmd.Env = cleanEnv()
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting the reference: %v", err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr := ""
	for i, a := range args {
		if a == "-addr" && i+1 < len(args) {
			addr = args[i+1]
		}
	}
	waitAnswers(tb, "http://"+addr+"/", 15*time.Second)
}

// waitAnswers polls url until it gives any HTTP answer or the deadline
// passes.
func waitAnswers(tb testing.TB, url string, within time.Duration) {
	tb.Helper()
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(within)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("waiting for %s: %v", url, err)
		}
		<-tick.C
	}
}

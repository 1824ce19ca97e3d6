package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// These tests certify the reference implementation, and mutants of it,
// from each kind of target the runner knows that the others do not cover:
// an implementation already running, an image, a Dockerfile.

func TestRunBaseURLMutant(t *testing.T) {
	t.Parallel()
	addr, upstream := freeAddr(t), freeAddr(t)
	startReference(t, "-addr", addr, "-upstream", "http://"+upstream,
		"-test-control", "-mutant", "success-true-on-error")

	dir := t.TempDir()
	r := runRunner(t, nil, "run", "--base-url", "http://"+addr,
		"--upstream-addr", upstream, "--report-dir", dir, "--color", "never")
	wantCode(t, r, exitFailed)
	wantFailedFor(t, dir, 404, "expect")
}

// TestRunContainer needs a Docker engine: it builds the reference as a
// FROM scratch image, as `make image` does, and runs it as the target.
func TestRunContainer(t *testing.T) {
	if out, err := exec.Command("docker", "info").CombinedOutput(); err != nil {
		t.Skipf("docker: not available (%v), container targets untested", firstLine(out))
	}
	image, context := buildImage(t)
	env := []string{"TESTCONTAINERS_RYUK_DISABLED=true"}

	t.Run("image", func(t *testing.T) {
		dir := t.TempDir()
		r := runRunner(t, env, "run", "--image", image, "--report-dir", dir,
			"--color", "never")
		wantCode(t, r, exitOK)
		wantOutcomes(t, readReport(t, dir), seedCases, "passed", nil)
		var rep struct {
			Target struct{ Kind, Image, Digest string }
		}
		readJSON(t, filepath.Join(dir, "report.json"), &rep)
		if rep.Target.Kind != "image" || rep.Target.Digest == "" {
			t.Errorf("target: %+v, want an image with its digest", rep.Target)
		}
	})
	t.Run("image mutant", func(t *testing.T) {
		dir := t.TempDir()
		r := runRunner(t, env, "run", "--image", image, "--env", "MUTANT=html-502",
			"--report-dir", dir, "--color", "never")
		wantCode(t, r, exitFailed)
		c := wantFailedFor(t, dir, 502, "media-type")
		wantOwnLogLine(t, jsonCase{ID: c.ID, Logs: c.Logs})
	})
	t.Run("dockerfile mutant", func(t *testing.T) {
		dir := t.TempDir()
		r := runRunner(t, env, "run", "--dockerfile", filepath.Join(context, "Dockerfile"),
			"--env", "MUTANT=duplicate-key", "--report-dir", dir, "--color", "never")
		wantCode(t, r, exitFailed)
		wantFailedFor(t, dir, 403, "body.duplicate-key")
	})
	if out, err := exec.Command("docker", "ps", "-aq", "--filter",
		"ancestor="+image).Output(); err != nil || len(out) > 0 {
		t.Errorf("containers left behind: %q (%v)", out, err)
	}
}

// buildImage builds the reference as a FROM scratch image and returns its
// tag and the build context (the static binary and the Dockerfile). The
// image is removed when the test ends.
func buildImage(tb testing.TB) (image, context string) {
	tb.Helper()
	context = tb.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(context, "seed-reference"),
		"./reference/seed/cmd/seed-reference")
	build.Dir, build.Env = built.root, append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		tb.Fatalf("building the static reference: %v\n%s", err, out)
	}
	dockerfile, err := os.ReadFile(filepath.Join(built.root, "reference/seed/Dockerfile"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(context, "Dockerfile"), dockerfile, 0o644); err != nil {
		tb.Fatal(err)
	}
	suffix := make([]byte, 4)
	rand.Read(suffix)
	image = "seed-reference:e2e-" + hex.EncodeToString(suffix)
	if out, err := exec.Command("docker", "build", "-q", "-t", image, context).CombinedOutput(); err != nil {
		tb.Fatalf("docker build: %v\n%s", err, out)
	}
	tb.Cleanup(func() { exec.Command("docker", "rmi", "-f", image).Run() })
	return image, context
}

// failedCase is a case of report.json with what these tests read.
type failedCase struct {
	ID         string
	Status     int
	Outcome    string
	Violations []struct{ Rule string }
	Logs       []string
}

// wantFailedFor fails unless exactly the case of status failed, and for
// rule among others; it returns that case.
func wantFailedFor(tb testing.TB, dir string, status int, rule string) failedCase {
	tb.Helper()
	var rep struct{ Cases []failedCase }
	readJSON(tb, filepath.Join(dir, "report.json"), &rep)
	var failed []failedCase
	for _, c := range rep.Cases {
		if c.Outcome != "passed" {
			failed = append(failed, c)
		}
	}
	if len(failed) != 1 || failed[0].Status != status || failed[0].Outcome != "failed" {
		tb.Fatalf("want only case %d failed, got %+v", status, failed)
	}
	var rules []string
	for _, v := range failed[0].Violations {
		rules = append(rules, v.Rule)
	}
	if !slices.Contains(rules, rule) {
		tb.Errorf("case %d failed for %v, want %s", status, rules, rule)
	}
	return failed[0]
}

func readJSON(tb testing.TB, file string, v any) {
	tb.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		tb.Fatalf("parsing %s: %v", file, err)
	}
}

func firstLine(b []byte) string {
	for i, c := range b {
		if c == '\n' {
			return string(b[:i])
		}
	}
	return string(b)
}

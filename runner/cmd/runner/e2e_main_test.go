package main

// The end-to-end tests run the built runner as a child process: Ginkgo
// allows one RunSpecs per process, and the runner calls it on each run.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// built is where TestMain put the binaries and where the repository is.
// It is written once, before any test runs, and only read afterwards.
var built struct {
	root string // the repository root, the runner's working directory
	bin  string // folder holding runner and seed-reference
}

func TestMain(m *testing.M) {
	code, err := buildAndRun(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e setup:", err)
		os.Exit(2)
	}
	os.Exit(code)
}

// buildAndRun builds the runner and the reference into a temporary
// folder, runs the tests, and removes the folder.
func buildAndRun(m *testing.M) (int, error) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		return 0, fmt.Errorf("finding the repository root: %w", err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return 0, fmt.Errorf("finding the repository root: %w", err)
	}
	bin, err := os.MkdirTemp("", "runner-e2e-")
	if err != nil {
		return 0, fmt.Errorf("creating the binary folder: %w", err)
	}
	defer os.RemoveAll(bin)

	for name, pkg := range map[string]string{
		"runner":         "./runner/cmd/runner",
		"seed-reference": "./reference/seed/cmd/seed-reference",
	} {
		cmd := exec.Command("go", "build", "-o",
			filepath.Join(bin, name), pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("building %s: %v\n%s", pkg, err, out)
		}
	}
	built.root, built.bin = root, bin
	return m.Run(), nil
}

// result is what one run of the runner left behind.
type result struct {
	code   int
	stdout string
	stderr string
}

// execTimeout bounds every child process, so that nothing hangs.
const execTimeout = 2 * time.Minute

// runRunner runs the built runner with args in the repository root, with
// the environment stripped of CONFORMANCE_ variables plus env.
func runRunner(tb testing.TB, env []string, args ...string) result {
	tb.Helper()
	return runIn(tb, built.root, env, args...)
}

// runIn is runRunner in the working directory dir.
func runIn(tb testing.TB, dir string, env []string,
	args ...string) result {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), execTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(built.bin, "runner"),
		args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), env...)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		tb.Fatalf("runner %q: did not end within %s\nstderr: %s",
			args, execTimeout, stderr.String())
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		tb.Fatalf("runner %q: %v", args, err)
	}
	return result{code: cmd.ProcessState.ExitCode(),
		stdout: stdout.String(), stderr: stderr.String()}
}

// cleanEnv is the test's environment without the runner's own variables,
// so that a developer's settings cannot change what a test sees.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONFORMANCE_") {
			env = append(env, kv)
		}
	}
	return append(env, "NO_COLOR=1")
}

// refCommand is a --command value starting the built reference.
func refCommand(args ...string) string {
	return strings.Join(append(
		[]string{filepath.Join(built.bin, "seed-reference")}, args...), " ")
}

// wantCode fails the test unless the run ended with code.
func wantCode(tb testing.TB, r result, code int) {
	tb.Helper()
	if r.code != code {
		tb.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s",
			r.code, code, r.stdout, r.stderr)
	}
}

//go:build unix

package target

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
)

func TestProcess(t *testing.T) {
	bin := buildImpl(t, t.TempDir())
	ctx := context.Background()
	quick := ProcessOptions{Grace: 200 * time.Millisecond,
		Ready: ReadyCheck{Path: "/pid", Deadline: 10 * time.Second}}

	t.Run("ready with the environment", func(t *testing.T) {
		up := serveUpstream(t, "127.0.0.1:0", "pong")
		p := NewProcess([]string{bin}, quick)
		stopOnCleanup(t, p)
		base, err := p.Start(ctx, Env{UpstreamURL: up, TestControl: true,
			Extra: map[string]string{"GREETING": "hi", "PORT": "1", "HOST": "x"}})
		if err != nil {
			t.Fatalf("Start: %v", err)
		}
		u, _ := url.Parse(base)
		want := map[string]string{"HOST": "127.0.0.1", "PORT": u.Port(), "UPSTREAM_URL": up,
			"TEST_CONTROL": "true", "GREETING": "hi"}
		for name, v := range want {
			if _, got := get(t, base+"/env?name="+name); got != v {
				t.Errorf("%s = %q, want %q", name, got, v)
			}
		}
		if status, body := get(t, base+"/up"); status != 200 ||
			body != "pong" {
			t.Errorf("relay got %d %q, want 200 \"pong\"", status, body)
		}
		if i := p.Info(); i.Kind != "process" || i.URL != base ||
			i.Command != bin {
			t.Errorf("Info = %+v", i)
		}
	})

	t.Run("logs captured and masked", func(t *testing.T) {
		opts := quick
		opts.Mask = runner.NewMasker("s3cret")
		p := NewProcess([]string{bin}, opts)
		stopOnCleanup(t, p)
		from := time.Now()
		base, err := p.Start(ctx, Env{})
		if err != nil {
			t.Fatalf("Start: %v", err)
		}
		get(t, base+"/say?text=token-s3cret-end")
		lines := awaitLine(t, p, from, "token-"+runner.Mask+"-end")
		if !containsLine(lines, "stderr impl: listening on") {
			t.Errorf("stderr line missing or without stream: %q", lines)
		}
		if containsLine(lines, "s3cret") {
			t.Errorf("secret in logs: %q", lines)
		}
		later := time.Now().Add(time.Hour)
		if got := p.Logs(later, later.Add(time.Hour)); len(got) != 0 {
			t.Errorf("a window after the run got %q", got)
		}
	})

	t.Run("exits at once", func(t *testing.T) {
		p := NewProcess([]string{bin}, quick)
		_, err := p.Start(ctx, Env{Extra: map[string]string{
			"IMPL_MODE": "exit"}})
		e := startError(t, err)
		if e.Reason != Exited || e.ExitCode != 3 || e.Port == 0 {
			t.Errorf("got %+v, want exited with code 3 and the port", e)
		}
		if !containsLine(e.Lines, "giving up at once") ||
			!containsLine(e.Lines, "impl: starting") {
			t.Errorf("last lines %q lack the output", e.Lines)
		}
		if err := p.Stop(ctx); err != nil {
			t.Errorf("Stop after a failed Start: %v", err)
		}
	})

	t.Run("never listens", func(t *testing.T) {
		opts := quick
		opts.Ready.Deadline = 300 * time.Millisecond
		p := NewProcess([]string{bin}, opts)
		_, err := p.Start(ctx, Env{Extra: map[string]string{
			"IMPL_MODE": "silent"}})
		e := startError(t, err)
		if e.Reason != Deadline || e.Status != "running" ||
			!strings.Contains(e.Addr, strconv.Itoa(e.Port)) {
			t.Errorf("got %+v, want a deadline on the port", e)
		}
		if !containsLine(e.Lines, "not listening") {
			t.Errorf("last lines %q lack the output", e.Lines)
		}
		if !gone(p.cmd.Process.Pid) {
			t.Error("a failed Start left the process running")
		}
	})

	t.Run("stop kills a child that ignores SIGTERM", func(t *testing.T) {
		p := NewShell(fmt.Sprintf("IMPL_MODE=spawn %q", bin), quick)
		base, err := p.Start(ctx, Env{})
		if err != nil {
			t.Fatalf("Start: %v", err)
		}
		_, body := get(t, base+"/pid")
		child, err := strconv.Atoi(body)
		if err != nil || child == p.cmd.Process.Pid {
			t.Fatalf("pid %q is not the grandchild's", body)
		}
		if err := p.Stop(ctx); err != nil {
			t.Fatalf("Stop: %v", err)
		}
		if !gone(child) || !gone(p.cmd.Process.Pid) {
			t.Error("Stop left a process of the group running")
		}
		if err := p.Stop(ctx); err != nil {
			t.Errorf("second Stop: %v", err)
		}
	})

	t.Run("stop ends a process that obeys SIGTERM", func(t *testing.T) {
		p := NewProcess([]string{bin}, quick)
		if !stillRunning(p) {
			t.Error("Exited before Start")
		}
		if _, err := p.Start(ctx, Env{}); err != nil {
			t.Fatalf("Start: %v", err)
		}
		if !stillRunning(p) {
			t.Error("Exited while running")
		}
		if err := p.Stop(ctx); err != nil {
			t.Fatalf("Stop: %v", err)
		}
		ws := p.cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
			t.Errorf("ended by %v, want SIGTERM alone", ws)
		}
		if stillRunning(p) {
			t.Error("Exited says nothing after Stop")
		}
	})

	t.Run("exited says how", func(t *testing.T) {
		p := NewProcess([]string{bin}, quick)
		stopOnCleanup(t, p)
		base, err := p.Start(ctx, Env{})
		if err != nil {
			t.Fatalf("Start: %v", err)
		}
		http.Get(base + "/exit") // no answer: it exits at once
		if err := awaitExit(t, p); !strings.Contains(err.Error(), "exit status 4") {
			t.Errorf("Exited = %v, want exit status 4", err)
		}
	})

	t.Run("no such command", func(t *testing.T) {
		p := NewProcess([]string{bin + ".missing"}, quick)
		_, err := p.Start(ctx, Env{})
		if e := startError(t, err); e.Reason != Setup {
			t.Errorf("reason %q, want setup", e.Reason)
		}
		if err := p.Stop(ctx); err != nil {
			t.Errorf("Stop after a failed Start: %v", err)
		}
	})
}

// gone reports whether pid has ended: no such process, or a zombie that
// nobody has reaped yet.
func gone(pid int) bool {
	if syscall.Kill(pid, 0) == syscall.ESRCH {
		return true
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// The state follows the command name in parentheses.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && i+2 < len(s) && s[i+2] == 'Z'
}

package target

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// dockerContext builds the stand-in implementation as a static binary in
// a fresh directory with a FROM scratch Dockerfile, or skips the test
// when Docker does not answer.
func dockerContext(tb testing.TB) string {
	tb.Helper()
	if out, err := exec.Command("docker", "info").CombinedOutput(); err != nil {
		tb.Skipf("docker: %v: %s", err, firstLine(out))
	}
	dir := tb.TempDir()
	buildImpl(tb, dir)
	df := "FROM scratch\nCOPY impl /impl\nENTRYPOINT [\"/impl\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(df),
		0o644); err != nil {
		tb.Fatalf("writing Dockerfile: %v", err)
	}
	return dir
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}

// newTestContainer returns a container target building dir, and makes
// sure that its container, network and image are gone when the test
// ends, whatever happened.
func newTestContainer(tb testing.TB, dir string,
	deadline time.Duration) *Container {
	tb.Helper()
	c := NewContainer(ContainerOptions{Context: dir, Grace: time.Second,
		Ready: ReadyCheck{Path: "/pid", Deadline: deadline}})
	tb.Cleanup(func() {
		ctx := context.Background()
		id, nw := c.ids()
		if err := c.Stop(ctx); err != nil {
			tb.Errorf("stopping container target: %v", err)
		}
		for _, args := range [][]string{{"rm", "-f", id},
			{"network", "rm", nw}, {"rmi", "-f", c.tag}} {
			if args[len(args)-1] != "" {
				exec.Command("docker", args...).Run()
			}
		}
	})
	return c
}

// ids returns the container's id and the network's name, "" for none.
func (c *Container) ids() (container, network string) {
	if c.ctr != nil {
		container = c.ctr.GetContainerID()
	}
	if c.network != nil {
		network = c.network.Name
	}
	return container, network
}

// exists reports whether docker knows the object: "container",
// "network" or "image".
func exists(kind, name string) bool {
	return exec.Command("docker", kind, "inspect", name).Run() == nil
}

func TestContainer(t *testing.T) {
	dir := dockerContext(t)
	t.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	ctx := context.Background()

	t.Run("serves and reaches the upstream", func(t *testing.T) {
		c := newTestContainer(t, dir, 30*time.Second)
		host, err := c.Host(ctx)
		if err != nil {
			t.Fatalf("Host: %v", err)
		}
		up := serveUpstream(t, net.JoinHostPort(host, "0"), "pong-host")
		from := time.Now()
		base, err := c.Start(ctx, Env{UpstreamURL: up,
			Extra: map[string]string{"GREETING": "hi"}})
		if err != nil {
			t.Fatalf("Start: %v", err)
		}

		if status, body := get(t, base+"/up"); status != 200 ||
			body != "pong-host" {
			t.Errorf("relay got %d %q, want 200 \"pong-host\"", status,
				body)
		}
		for name, v := range map[string]string{"HOST": "0.0.0.0", "PORT": "8080",
			"UPSTREAM_URL": up, "TEST_CONTROL": "false", "GREETING": "hi"} {
			if _, got := get(t, base+"/env?name="+name); got != v {
				t.Errorf("%s = %q, want %q", name, got, v)
			}
		}
		if !stillRunning(c) {
			t.Error("Exited while running")
		}
		get(t, base+"/say?text=from-the-container")
		awaitLine(t, c, from, "stdout from-the-container")
		info := c.Info()
		if !strings.HasPrefix(info.Digest, "sha256:") || info.URL != base ||
			info.Image != c.tag {
			t.Errorf("Info = %+v", info)
		}

		// Stop reads the output to its end: a line written just before
		// is kept, without waiting for it.
		get(t, base+"/say?text=last-words")
		http.Get(base + "/exit") // no answer: it exits at once
		if err := awaitExit(t, c); !strings.Contains(err.Error(), "exit code 4") {
			t.Errorf("Exited = %v, want exit code 4", err)
		}
		id, nw := c.ids()
		if err := c.Stop(ctx); err != nil {
			t.Fatalf("Stop: %v", err)
		}
		if !containsLine(c.Logs(from, time.Now()), "stdout last-words") {
			t.Errorf("the last line before Stop is missing: %q",
				c.Logs(from, time.Now()))
		}
		for kind, name := range map[string]string{"container": id,
			"network": nw, "image": c.tag} {
			if exists(kind, name) {
				t.Errorf("Stop left %s %s", kind, name)
			}
		}
		if err := c.Stop(ctx); err != nil {
			t.Errorf("second Stop: %v", err)
		}
	})

	t.Run("exits at once", func(t *testing.T) {
		c := newTestContainer(t, dir, 30*time.Second)
		_, err := c.Start(ctx, Env{Extra: map[string]string{
			"IMPL_MODE": "exit"}})
		e := startError(t, err)
		if e.Reason != Exited || e.ExitCode != 3 {
			t.Errorf("got %+v, want exited with code 3", e)
		}
		if !containsLine(e.Lines, "giving up at once") {
			t.Errorf("last lines %q lack the output", e.Lines)
		}
		if id, nw := c.ids(); id != "" || nw != "" || exists("image", c.tag) {
			t.Errorf("a failed Start left %q %q %q", id, nw, c.tag)
		}
	})

	t.Run("never listens", func(t *testing.T) {
		c := newTestContainer(t, dir, time.Second)
		_, err := c.Start(ctx, Env{Extra: map[string]string{
			"IMPL_MODE": "silent"}})
		e := startError(t, err)
		if e.Reason != Deadline || e.Status != "running" {
			t.Errorf("got %+v, want a deadline while running", e)
		}
		if !containsLine(e.Lines, "not listening") {
			t.Errorf("last lines %q lack the output", e.Lines)
		}
	})

	t.Run("build fails", func(t *testing.T) {
		bad := t.TempDir()
		os.WriteFile(filepath.Join(bad, "Dockerfile"),
			[]byte("FROM scratch\nCOPY missing /missing\n"), 0o644)
		c := newTestContainer(t, bad, time.Second)
		_, err := c.Start(ctx, Env{})
		if e := startError(t, err); e.Reason != Setup {
			t.Errorf("reason %q, want setup (%v)", e.Reason, err)
		}
	})
}

func TestContainerNeedsReaperDisabled(t *testing.T) {
	for _, v := range []string{"", "false", "1", "TRUE"} {
		t.Run("value "+v, func(t *testing.T) {
			t.Setenv("TESTCONTAINERS_RYUK_DISABLED", v)
			c := NewContainer(ContainerOptions{Image: "unused"})
			_, err := c.Start(context.Background(), Env{})
			if e := startError(t, err); e.Reason != Setup ||
				!errors.Is(err, ErrReaperEnabled) {
				t.Errorf("got %v, want ErrReaperEnabled", err)
			}
			if err := c.Stop(context.Background()); err != nil {
				t.Errorf("Stop: %v", err)
			}
		})
	}
}

func TestContainerOptionsChecked(t *testing.T) {
	t.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	tests := []struct {
		name string
		opts ContainerOptions
	}{
		{name: "neither image nor context"},
		{name: "both", opts: ContainerOptions{Image: "x", Context: "."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewContainer(tt.opts).Host(context.Background())
			if e := startError(t, err); e.Reason != Setup ||
				errors.Is(err, ErrReaperEnabled) {
				t.Errorf("got %v, want a setup error on the options", err)
			}
		})
	}
}

// TestContainerNeverPulls: an image the engine lacks is a setup error,
// never a pull from a registry.
func TestContainerNeverPulls(t *testing.T) {
	dockerContext(t) // skips without a Docker engine
	t.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	c := NewContainer(ContainerOptions{Image: "conformance-no-such-image:never"})
	t.Cleanup(func() { c.Stop(context.Background()) })
	_, err := c.Start(context.Background(), Env{})
	if e := startError(t, err); e.Reason != Setup || !errors.Is(err, ErrImageMissing) {
		t.Errorf("got %v, want ErrImageMissing", err)
	}
}

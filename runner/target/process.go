//go:build unix

package target

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/apiconformance/harness/runner"
)

var _ Target = (*Process)(nil)

// DefaultGrace is how long Stop lets an implementation end after SIGTERM
// before it sends SIGKILL, when the options leave Grace zero.
const DefaultGrace = 5 * time.Second

// drainLimit bounds how long Stop waits for the last output once the
// process group is gone; a grandchild that left the group may hold the
// pipes open for ever.
const drainLimit = 2 * time.Second

// killLimit bounds how long Stop waits for the process group to end
// after SIGKILL.
const killLimit = 2 * time.Second

// ProcessOptions tunes a process target. The zero value is ready to use.
type ProcessOptions struct {
	Dir      string        // working directory; "" is the harness's own
	Ready    ReadyCheck    // polled on http://127.0.0.1:PORT
	Grace    time.Duration // from SIGTERM to SIGKILL; 0 is DefaultGrace
	MaxLines int           // output lines kept; 0 is DefaultMaxLines
	// Mask hides secret values in the captured output and in Info.
	Mask runner.Masker
}

// Process is an implementation the harness starts as a child process in
// its own process group. Build one with NewProcess or NewShell; whoever
// calls Start must call Stop, which ends the whole group.
type Process struct {
	argv    []string
	command string // as shown in Info, masked
	opts    ProcessOptions
	book    *logBook

	mu   sync.Mutex // guards base, for Info
	base string

	cmd     *exec.Cmd
	port    int
	done    chan struct{} // closed once the process has been waited for
	readers sync.WaitGroup
	pipes   []*os.File // read ends, closed by Stop
	stopped bool
}

// NewProcess returns a target that runs argv, argv[0] looked up in PATH.
// The process sees the harness's environment plus PORT, a free port on
// 127.0.0.1 the harness chose, and the variables of Env.
func NewProcess(argv []string, opts ProcessOptions) *Process {
	shown := strings.Join(argv, " ")
	return &Process{
		argv:    append([]string(nil), argv...),
		command: opts.Mask.String(shown),
		opts:    opts,
		book:    newLogBook(opts.MaxLines, opts.Mask),
	}
}

// NewShell returns a target that runs command with /bin/sh -c, as
// NewProcess does otherwise.
func NewShell(command string, opts ProcessOptions) *Process {
	p := NewProcess([]string{"/bin/sh", "-c", command}, opts)
	p.command = opts.Mask.String(command)
	return p
}

// Host returns "127.0.0.1": the process runs beside the harness.
func (p *Process) Host(context.Context) (string, error) {
	return "127.0.0.1", nil
}

// Start runs the command and waits until http://127.0.0.1:PORT answers.
// On failure it stops what it started and returns a *StartError with the
// exit status, the port and the last lines of output.
func (p *Process) Start(ctx context.Context, env Env) (string, error) {
	if p.cmd != nil {
		return "", p.fail(Setup, "", errors.New("already started"))
	}
	if len(p.argv) == 0 {
		return "", p.fail(Setup, "", errors.New("empty command"))
	}
	port, err := freePort()
	if err != nil {
		return "", p.fail(Setup, "", err)
	}
	p.port = port
	if err := p.spawn(env); err != nil {
		return "", p.fail(Setup, "", err)
	}

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	addr := p.opts.Ready.url(base)
	pr := probe{
		urls:     []string{addr},
		deadline: p.opts.Ready.deadline(),
		exited:   p.done,
		alive:    p.alive,
	}
	if _, reason, err := pr.wait(ctx); err != nil {
		status := p.status()
		stopErr := p.Stop(context.WithoutCancel(ctx))
		if reason == Exited {
			err = nil // the status says it all
		}
		e := p.fail(reason, addr, errors.Join(err, stopErr))
		e.Status = status
		if reason == Exited {
			e.ExitCode = p.cmd.ProcessState.ExitCode()
		}
		return "", e
	}
	p.mu.Lock()
	p.base = base
	p.mu.Unlock()
	return base, nil
}

// spawn starts the process with its output going to the log book.
func (p *Process) spawn(env Env) error {
	cmd := exec.Command(p.argv[0], p.argv[1:]...)
	cmd.Dir = p.opts.Dir
	cmd.Env = append(os.Environ(), environ(env.vars("127.0.0.1", p.port))...)
	// Its own group, so that Stop reaches whatever it starts in turn.
	cmd.SysProcAttr = procAttr()

	// Plain files rather than cmd's own copying: Wait must not hang on
	// a grandchild that keeps the pipes open.
	var writers []*os.File
	defer func() {
		for _, w := range writers {
			w.Close()
		}
	}()
	for _, stream := range []string{"stdout", "stderr"} {
		r, w, err := os.Pipe()
		if err != nil {
			p.closePipes()
			return fmt.Errorf("capturing %s: %w", stream, err)
		}
		p.pipes = append(p.pipes, r)
		writers = append(writers, w)
	}
	cmd.Stdout, cmd.Stderr = writers[0], writers[1]
	if err := cmd.Start(); err != nil {
		p.closePipes()
		return err
	}
	p.cmd = cmd
	p.done = make(chan struct{})
	go func() {
		cmd.Wait()
		close(p.done)
	}()
	for i, stream := range []string{"stdout", "stderr"} {
		p.readers.Add(1)
		go p.capture(p.pipes[i], stream)
	}
	return nil
}

// capture copies one stream into the log book until it ends.
func (p *Process) capture(r *os.File, stream string) {
	defer p.readers.Done()
	w := &lineWriter{book: p.book, stream: stream}
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		w.Write(buf[:n])
		if err != nil {
			w.flush()
			return
		}
	}
}

// alive returns an error once the process has exited.
func (p *Process) alive(context.Context) error {
	select {
	case <-p.done:
		return errors.New(p.cmd.ProcessState.String())
	default:
		return nil
	}
}

// Exited waits until the process ends or ctx is done, and returns how it
// ended; nil when it still runs, or before Start.
func (p *Process) Exited(ctx context.Context) error {
	if p.cmd == nil || p.done == nil {
		return nil
	}
	select {
	case <-p.done:
		return errors.New(p.cmd.ProcessState.String())
	case <-ctx.Done():
		return nil
	}
}

// status returns the exit status, or "running".
func (p *Process) status() string {
	if p.alive(context.Background()) != nil {
		return p.cmd.ProcessState.String()
	}
	return "running"
}

// Stop sends SIGTERM to the process group, SIGKILL to what is left of it
// after the grace period, and waits for the process to be reaped. It
// returns an error only when ctx ends first.
func (p *Process) Stop(ctx context.Context) error {
	if p.cmd == nil || p.stopped {
		return nil
	}
	p.stopped = true
	pgid := p.cmd.Process.Pid

	syscall.Kill(-pgid, syscall.SIGTERM)
	grace := p.opts.Grace
	if grace <= 0 {
		grace = DefaultGrace
	}
	p.awaitGroup(ctx, pgid, grace)
	syscall.Kill(-pgid, syscall.SIGKILL)
	// A killed process ends when the kernel next runs it, which on a busy
	// machine is not at once: wait for the group to be gone.
	p.awaitGroup(ctx, pgid, killLimit)

	var err error
	select {
	case <-p.done:
	case <-ctx.Done():
		err = fmt.Errorf("stopping process %d: %w", pgid, ctx.Err())
	}
	p.drain()
	return err
}

// awaitGroup returns when the leader is reaped and no member of the group
// is left, when the grace period ends or when ctx does. Zombies count as
// members, so an orphan nobody reaps costs the whole grace period.
func (p *Process) awaitGroup(ctx context.Context, pgid int,
	grace time.Duration) {
	limit := time.NewTimer(grace)
	defer limit.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.done:
			if syscall.Kill(-pgid, 0) == syscall.ESRCH {
				return
			}
		default:
		}
		select {
		case <-limit.C:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// drain waits a little for the last output, then closes the pipes.
func (p *Process) drain() {
	drained := make(chan struct{})
	go func() {
		p.readers.Wait()
		close(drained)
	}()
	t := time.NewTimer(drainLimit)
	defer t.Stop()
	select {
	case <-drained:
	case <-t.C:
	}
	p.closePipes()
}

func (p *Process) closePipes() {
	for _, r := range p.pipes {
		r.Close()
	}
	p.pipes = nil
}

// Info reports the kind "process", the command, masked, and the base URL
// once Start has succeeded. It is safe for concurrent use.
func (p *Process) Info() Info {
	p.mu.Lock()
	defer p.mu.Unlock()
	return Info{Kind: "process", URL: p.base, Command: p.command}
}

// Logs returns the lines the process wrote to stdout and stderr in
// [from, to], masked. It is safe for concurrent use.
func (p *Process) Logs(from, to time.Time) []string {
	return p.book.between(from, to)
}

func (p *Process) fail(r Reason, addr string, err error) *StartError {
	return &StartError{Kind: "process", Reason: r, Addr: addr,
		Port: p.port, Lines: p.book.last(tailLines), Err: err}
}

// freePort asks the kernel for a free port on 127.0.0.1. The port is
// free when it returns, not reserved: another program may take it before
// the implementation binds it, and Start then fails with the output that
// says so. Passing a bound socket to the child would close that gap.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("choosing a port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// environ renders variables as KEY=value, sorted for a stable order.
func environ(vars map[string]string) []string {
	out := make([]string, 0, len(vars))
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

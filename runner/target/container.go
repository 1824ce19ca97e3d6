package target

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	tc "github.com/testcontainers/testcontainers-go"
	tclog "github.com/testcontainers/testcontainers-go/log"
	"github.com/testcontainers/testcontainers-go/wait"

	"github.com/apiconformance/harness/runner"
)

// DefaultContainerPort is the port inside the container the implementation
// listens on, and the PORT it is given, when the options leave Port zero.
const DefaultContainerPort = 8080

// builtRepo names the images a container target builds; each build gets a
// random tag, so that Stop removes exactly its own image.
const builtRepo = "apiconformance-target"

// ContainerOptions says what a container target runs. Set Image to run an
// image the engine already has, or Context to build one from a Dockerfile.
type ContainerOptions struct {
	Image      string // an image on the engine; never pulled
	Context    string // a directory to build the image from
	Dockerfile string // the Dockerfile inside Context; "" is "Dockerfile"
	Port       int    // the port inside; 0 is DefaultContainerPort
	// Ready is polled on the published port; its deadline counts from the
	// moment the container has started, not from the build.
	Ready    ReadyCheck
	Grace    time.Duration // from SIGTERM to SIGKILL; 0 is DefaultGrace
	MaxLines int           // output lines kept; 0 is DefaultMaxLines
	// Mask hides secret values in the captured output.
	Mask runner.Masker
	// PublishedHost is where the harness reaches published ports. When
	// empty, the address testcontainers reports is tried, then 127.0.0.1.
	PublishedHost string
	// KeepImage keeps a built image after Stop; by default Stop removes it.
	KeepImage bool
}

// Container is an implementation the harness runs in a Docker container
// on a network of its own. Build one with NewContainer; whoever calls Host
// or Start must call Stop, which removes the container, the network and
// a built image.
type Container struct {
	opts  ContainerOptions
	book  *logBook // the implementation's output
	build *logBook // the image build's output, for errors
	tag   string   // the image a build creates; "" for opts.Image

	mu   sync.Mutex // guards info, for Info
	info Info

	provider *tc.DockerProvider
	network  *tc.DockerNetwork
	gateway  string
	ctr      *tc.DockerContainer // nil until created, and after Stop
	follower *logFollower        // reads ctr's output into book
}

// NewContainer returns a target for the image or build opts describe.
// Nothing happens on the engine until Host or Start.
func NewContainer(opts ContainerOptions) *Container {
	c := &Container{
		opts:  opts,
		book:  newLogBook(opts.MaxLines, opts.Mask),
		build: newLogBook(opts.MaxLines, opts.Mask),
		info:  Info{Kind: "container", Image: opts.Image},
	}
	if opts.Image == "" && opts.Context != "" {
		c.tag = builtRepo + ":" + randomTag()
		c.info.Image = c.tag
	}
	return c
}

func (c *Container) port() int {
	if c.opts.Port > 0 {
		return c.opts.Port
	}
	return DefaultContainerPort
}

// Start creates the container on the network Host made (calling Host if
// needed), with PORT set to the container port, and waits until the
// published port answers HTTP. On failure it releases everything, as Stop
// does, and returns a *StartError with the container's state and its last
// lines of output.
func (c *Container) Start(ctx context.Context, env Env) (string, error) {
	if c.ctr != nil {
		return "", c.fail(Setup, errors.New("already started"))
	}
	if _, err := c.Host(ctx); err != nil {
		return "", err
	}
	if c.tag == "" {
		if _, err := c.provider.Client().ImageInspect(ctx, c.opts.Image); err != nil {
			return "", c.failStart(ctx, Setup, "",
				fmt.Errorf("image %s: %w", c.opts.Image, ErrImageMissing))
		}
	}
	port := strconv.Itoa(c.port()) + "/tcp"
	req := c.request(env, port)
	created, err := tc.GenericContainer(ctx, req)
	// It may return a container along with the error: Stop removes it.
	if d, ok := created.(*tc.DockerContainer); ok && d != nil {
		c.ctr = d
	}
	if err != nil {
		return "", c.failStart(ctx, Setup, "", err)
	}
	ctr := c.ctr
	c.follower = followLogs(c.provider.Client(), ctr.GetContainerID(), c.book)

	inspect, err := ctr.Inspect(ctx)
	if err != nil {
		return "", c.failStart(ctx, Setup, "", err)
	}
	mapped, err := ctr.MappedPort(ctx, port)
	if err != nil {
		return "", c.failStart(ctx, Setup, "", err)
	}
	bases := c.bases(ctx, mapped.Port())
	pr := probe{deadline: c.opts.Ready.deadline(), alive: c.alive}
	for _, b := range bases {
		pr.urls = append(pr.urls, c.opts.Ready.url(b))
	}
	i, reason, err := pr.wait(ctx)
	if err != nil {
		return "", c.failStart(ctx, reason, pr.urls[0], err)
	}

	c.mu.Lock()
	c.info.URL, c.info.Digest = bases[i], inspect.Image
	c.mu.Unlock()
	return bases[i], nil
}

// request is what testcontainers is asked to run.
func (c *Container) request(env Env, port string) tc.GenericContainerRequest {
	r := tc.ContainerRequest{
		Image:        c.opts.Image,
		ExposedPorts: []string{port},
		Env:          env.vars("0.0.0.0", c.port()),
		Networks:     []string{c.network.Name},
		// Only the mapping: the image may have no shell for an exec
		// check (FROM scratch), and readiness over HTTP is polled by
		// Start itself, on the addresses that work from here.
		WaitingFor: wait.ForMappedPort(port).
			WithStartupTimeout(c.opts.Ready.deadline()).
			WithPollInterval(100 * time.Millisecond),
	}
	if c.tag != "" {
		r.FromDockerfile = tc.FromDockerfile{
			Context:        c.opts.Context,
			Dockerfile:     c.opts.Dockerfile,
			Repo:           builtRepo,
			Tag:            c.tag[len(builtRepo)+1:],
			KeepImage:      c.opts.KeepImage,
			BuildLogWriter: &lineWriter{book: c.build, stream: "build"},
		}
	}
	return tc.GenericContainerRequest{
		ContainerRequest: r,
		Started:          true,
		Logger:           tclog.NewNoopLogger(),
	}
}

// bases returns the base URLs to try for the published port. Inside a
// container with its own Docker engine, testcontainers reports the
// default route's gateway, where nothing is published; 127.0.0.1 is
// where the ports are.
func (c *Container) bases(ctx context.Context, port string) []string {
	hosts := []string{c.opts.PublishedHost}
	if hosts[0] == "" {
		hosts = hosts[:0]
		if h, err := c.ctr.Host(ctx); err == nil && h != "127.0.0.1" {
			hosts = append(hosts, h)
		}
		hosts = append(hosts, "127.0.0.1")
	}
	var out []string
	for _, h := range hosts {
		out = append(out, "http://"+net.JoinHostPort(h, port))
	}
	return out
}

// alive returns an error once the container no longer runs.
func (c *Container) alive(ctx context.Context) error {
	st, err := c.ctr.State(ctx)
	if err != nil || st.Running {
		return nil // a failing inspect is not a verdict; the deadline is
	}
	return fmt.Errorf("container %s", st.Status)
}

// Stop removes the container (SIGTERM, SIGKILL after the grace period),
// the built image unless KeepImage is set, and the network. It is safe to
// call more than once and after a failed Start.
func (c *Container) Stop(ctx context.Context) error {
	var errs []error
	if c.ctr != nil {
		grace := c.opts.Grace
		if grace <= 0 {
			grace = DefaultGrace
		}
		if c.follower != nil {
			// Stop first, so that the output is read to its end before
			// the container goes; Terminate reports a failure to stop.
			c.ctr.Stop(ctx, &grace)
			c.follower.stop(ctx)
			c.follower = nil
		}
		if err := c.ctr.Terminate(ctx, tc.StopTimeout(grace)); err != nil {
			errs = append(errs, fmt.Errorf("removing container: %w", err))
		}
		c.ctr = nil
	}
	if err := c.removeImage(ctx); err != nil {
		errs = append(errs, err)
	}
	if c.network != nil {
		if err := c.network.Remove(ctx); err != nil {
			errs = append(errs, fmt.Errorf("removing network %s: %w",
				c.network.Name, err))
		}
		c.network, c.gateway = nil, ""
	}
	if c.provider != nil {
		c.provider.Close()
		c.provider = nil
	}
	return errors.Join(errs...)
}

// Exited asks the engine every 50 ms until the container has ended or
// ctx is done, and returns how it ended; nil when it still runs, before
// Start, and when the engine cannot say.
func (c *Container) Exited(ctx context.Context) error {
	if c.ctr == nil {
		return nil
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		st, err := c.ctr.State(ctx)
		if err == nil && !st.Running {
			return fmt.Errorf("container %s, exit code %d", st.Status, st.ExitCode)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// Info reports the kind "container", the image, its id once started and
// the base URL. It is safe for concurrent use.
func (c *Container) Info() Info {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.info
}

// Logs returns the lines the container wrote to stdout and stderr in
// [from, to], masked. It is safe for concurrent use.
func (c *Container) Logs(from, to time.Time) []string {
	return c.book.between(from, to)
}

func randomTag() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

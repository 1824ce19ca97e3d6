package target

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/moby/moby/client"
)

// cleanupLimit bounds the diagnosis and removal after a failed start,
// which go on when the caller's context has ended.
const cleanupLimit = time.Minute

// failStart gathers what is known of a container that did not become
// ready, then releases everything.
func (c *Container) failStart(ctx context.Context, r Reason, addr string,
	cause error) error {
	if ctx.Err() != nil {
		r = Canceled
	}
	e := c.fail(r, cause)
	e.Addr = addr
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx),
		cleanupLimit)
	defer cancel()
	if c.ctr == nil {
		// No container: the build, or the pull, is what failed.
		e.Lines = c.build.last(tailLines)
	} else {
		e.Lines = c.containerTail(ctx)
		if st, err := c.ctr.State(ctx); err == nil {
			e.Status = string(st.Status)
			if !st.Running {
				e.Status = fmt.Sprintf("%s, exit code %d", st.Status,
					st.ExitCode)
				e.Reason, e.ExitCode = Exited, st.ExitCode
			}
		}
	}
	if err := c.Stop(ctx); err != nil {
		e.Err = errors.Join(e.Err, err)
	}
	return e
}

// containerTail reads the container's output from the engine, which has
// all of it even when the container exited before the log consumer ran.
func (c *Container) containerTail(ctx context.Context) []string {
	rc, err := c.ctr.Logs(ctx)
	if err != nil {
		return c.book.last(tailLines)
	}
	defer rc.Close()
	book := newLogBook(tailLines, c.opts.Mask)
	w := &lineWriter{book: book, stream: "output"}
	buf := make([]byte, 32<<10)
	for {
		n, err := rc.Read(buf)
		w.Write(buf[:n])
		if err != nil {
			break
		}
	}
	w.flush()
	return book.last(tailLines)
}

// removeImage removes the image a build made, if it is still there and
// not to be kept. Terminate removes it in the usual case; this covers a
// build whose container could not be created.
func (c *Container) removeImage(ctx context.Context) error {
	if c.tag == "" || c.opts.KeepImage || c.provider == nil {
		return nil
	}
	api := c.provider.Client()
	if _, err := api.ImageInspect(ctx, c.tag); err != nil {
		return nil // gone already, or never built
	}
	_, err := api.ImageRemove(ctx, c.tag,
		client.ImageRemoveOptions{Force: true, PruneChildren: true})
	if err != nil {
		return fmt.Errorf("removing image %s: %w", c.tag, err)
	}
	return nil
}

func (c *Container) fail(r Reason, err error) *StartError {
	return &StartError{Kind: "container", Reason: r, Port: c.port(),
		Lines: c.book.last(tailLines), Err: err}
}

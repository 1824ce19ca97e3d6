package target

import (
	"context"
	"time"

	"github.com/moby/moby/api/pkg/stdcopy"
	"github.com/moby/moby/client"
)

// logFollower reads a container's output into the log book for as long
// as the container runs. Each line is dated by the engine's timestamp,
// the moment the engine read it from the container, so a line that
// reaches the harness late still falls in the case it belongs to.
//
// It reads the engine's stream itself rather than through testcontainers'
// log consumers: those date nothing, and their reader reconnects every
// few seconds from "now", which can skip the lines of the gap.
type logFollower struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// followLogs starts reading the output of the container id from its
// first line. It never fails: without a stream, the book stays empty and
// StartError falls back to asking the engine for the tail.
func followLogs(api client.APIClient, id string, book *logBook) *logFollower {
	ctx, cancel := context.WithCancel(context.Background())
	f := &logFollower{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(f.done)
		rc, err := api.ContainerLogs(ctx, id, client.ContainerLogsOptions{
			ShowStdout: true, ShowStderr: true, Follow: true, Timestamps: true,
		})
		if err != nil {
			return
		}
		defer rc.Close()
		out := &lineWriter{book: book, stream: "stdout", stamped: true}
		errs := &lineWriter{book: book, stream: "stderr", stamped: true}
		stdcopy.StdCopy(out, errs, rc)
		out.flush()
		errs.flush()
	}()
	return f
}

// stop waits until the stream has ended, which it does once the
// container has stopped, or until drainLimit or ctx is over; then it
// closes the stream.
func (f *logFollower) stop(ctx context.Context) {
	if f == nil {
		return
	}
	t := time.NewTimer(drainLimit)
	defer t.Stop()
	select {
	case <-f.done:
	case <-t.C:
	case <-ctx.Done():
	}
	f.cancel()
	<-f.done
}

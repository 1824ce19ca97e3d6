package target

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Polling starts fast, for implementations that are up in milliseconds,
// and slows down for those that take seconds.
const (
	firstPoll   = 25 * time.Millisecond
	slowestPoll = 500 * time.Millisecond
	pollTimeout = time.Second // for one request of the poll
)

// probe waits until a GET of one of its URLs gets any HTTP answer.
type probe struct {
	urls     []string // tried in order on every round
	deadline time.Duration
	// exited, when closed, ends the wait at once; alive then says why.
	exited <-chan struct{}
	// alive returns an error once the implementation cannot answer any
	// more, such as a container that exited; nil means keep waiting.
	alive func(ctx context.Context) error
}

// wait returns the index of the first URL that answered, or the reason
// it gave up and the cause.
func (p probe) wait(ctx context.Context) (int, Reason, error) {
	wctx, cancel := context.WithTimeout(ctx, p.deadline)
	defer cancel()
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{
		Transport: tr,
		Timeout:   pollTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}

	last := errors.New("not polled yet")
	for interval := firstPoll; ; interval = min(2*interval, slowestPoll) {
		if p.alive != nil {
			if err := p.alive(wctx); err != nil {
				return -1, Exited, err
			}
		}
		for i, u := range p.urls {
			if last = answers(wctx, c, u); last == nil {
				return i, "", nil
			}
		}

		t := time.NewTimer(interval)
		select {
		case <-wctx.Done():
			t.Stop()
			if ctx.Err() != nil {
				return -1, Canceled, ctx.Err()
			}
			return -1, Deadline, fmt.Errorf("no answer within %v: %w",
				p.deadline, last)
		case <-p.exited:
			t.Stop()
		case <-t.C:
		}
	}
}

// answers returns nil when a GET of u gets any HTTP response.
func answers(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("polling %s: %w", u, err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.Body.Close()
}

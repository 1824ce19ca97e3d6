package seed

import (
	"sync"
	"time"
)

// maxWindows is how many clients the limiter tracks before it drops the
// windows that have ended; it bounds memory under many client ids.
const maxWindows = 4096

// window counts the requests of one client since start.
type window struct {
	start time.Time
	count int
}

// limiter is a fixed-window rate limiter keyed by client. A client's
// window opens with its first request and lasts rate.Window; past
// rate.Requests requests in it, the client is refused until it ends.
// A limiter is safe for concurrent use.
type limiter struct {
	rate Rate

	mu      sync.Mutex
	windows map[string]window
}

// newLimiter returns a limiter that admits rate.
func newLimiter(rate Rate) *limiter {
	return &limiter{rate: rate, windows: make(map[string]window)}
}

// allow counts one request of key at now and reports whether it is
// within the limit.
func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()

	w, ok := l.windows[key]
	if !ok || now.Sub(w.start) >= l.rate.Window {
		if len(l.windows) >= maxWindows {
			l.prune(now)
		}
		w = window{start: now}
	}
	if w.count <= l.rate.Requests {
		w.count++ // stops one past the limit, so it cannot overflow
	}
	l.windows[key] = w
	return w.count <= l.rate.Requests
}

// prune drops the windows that have ended at now. l.mu must be held.
func (l *limiter) prune(now time.Time) {
	for k, w := range l.windows {
		if now.Sub(w.start) >= l.rate.Window {
			delete(l.windows, k)
		}
	}
}

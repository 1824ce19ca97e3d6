package target

import (
	"bytes"
	"sync"
	"time"

	"github.com/apiconformance/harness/runner"
)

// DefaultMaxLines is how many output lines a target keeps when its options
// leave MaxLines zero; older lines are dropped first.
const DefaultMaxLines = 5000

// tailLines is how many of the last lines a StartError carries.
const tailLines = 20

// maxLineBytes cuts longer lines so that one endless line cannot hold
// memory; the rest of it follows as further lines.
const maxLineBytes = 16 << 10

// logLine is one line of output and when the harness read it.
type logLine struct {
	at     time.Time
	stream string
	text   string
}

// String renders the line as Logs returns it.
func (l logLine) String() string {
	return l.at.UTC().Format("2006-01-02T15:04:05.000Z") + " " +
		l.stream + " " + l.text
}

// logBook keeps the last lines of an implementation's output, masked as
// they arrive. It is safe for concurrent use.
type logBook struct {
	mu    sync.Mutex
	mask  runner.Masker
	max   int
	lines []logLine // a ring once full; oldest at next
	next  int
}

func newLogBook(max int, mask runner.Masker) *logBook {
	if max <= 0 {
		max = DefaultMaxLines
	}
	return &logBook{max: max, mask: mask}
}

// add records one line of the stream, read at the time at.
func (b *logBook) add(at time.Time, stream, text string) {
	l := logLine{at: at, stream: stream, text: b.mask.String(text)}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.lines) < b.max {
		b.lines = append(b.lines, l)
		return
	}
	b.lines[b.next] = l
	b.next = (b.next + 1) % b.max
}

// ordered returns a copy of the lines, oldest first.
func (b *logBook) ordered() []logLine {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]logLine, 0, len(b.lines))
	out = append(out, b.lines[b.next:]...)
	return append(out, b.lines[:b.next]...)
}

// between returns the lines read in [from, to], rendered.
func (b *logBook) between(from, to time.Time) []string {
	var out []string
	for _, l := range b.ordered() {
		if !l.at.Before(from) && !l.at.After(to) {
			out = append(out, l.String())
		}
	}
	return out
}

// last returns the last n lines, rendered.
func (b *logBook) last(n int) []string {
	all := b.ordered()
	if len(all) > n {
		all = all[len(all)-n:]
	}
	out := make([]string, len(all))
	for i, l := range all {
		out[i] = l.String()
	}
	return out
}

// lineWriter cuts what is written to it into lines for a logBook. One
// goroutine writes to it; flush records a last line without newline.
type lineWriter struct {
	book   *logBook
	stream string
	buf    []byte
	// stamped says each line begins with the time the engine read it, in
	// RFC 3339 and followed by a space, as Docker's timestamps option
	// writes; the line is dated by that time instead of its arrival.
	stamped bool
	at      time.Time // the date of the line being cut; zero between lines
}

// Write records every complete line of p and keeps the rest for later.
func (w *lineWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			w.buf = append(w.buf, p...)
			for len(w.buf) >= maxLineBytes {
				w.record(w.buf[:maxLineBytes])
				w.buf = append(w.buf[:0], w.buf[maxLineBytes:]...)
			}
			break
		}
		w.buf = append(w.buf, p[:i]...)
		w.emit()
		p = p[i+1:]
	}
	return n, nil
}

// flush records what is left as a last line.
func (w *lineWriter) flush() {
	if len(w.buf) > 0 {
		w.emit()
	}
}

func (w *lineWriter) emit() {
	line := bytes.TrimSuffix(w.buf, []byte("\r"))
	for len(line) > maxLineBytes {
		w.record(line[:maxLineBytes])
		line = line[maxLineBytes:]
	}
	w.record(line)
	w.buf, w.at = w.buf[:0], time.Time{}
}

// record adds one piece of the current line; a line cut into pieces is
// dated once, by its first.
func (w *lineWriter) record(piece []byte) {
	if w.at.IsZero() {
		w.at = time.Now()
		if w.stamped {
			w.at, piece = engineTime(w.at, piece)
		}
	}
	w.book.add(w.at, w.stream, string(piece))
}

// maxEngineLead is how far ahead of the harness's clock an engine's time
// may be before it is distrusted and the arrival time used instead.
const maxEngineLead = time.Second

// engineTime splits the engine's time off a stamped line. It returns the
// arrival time and the line as it is when the line carries no time, or one
// later than arrival by more than maxEngineLead (an engine on another
// host with its clock ahead).
//
// Known shortcoming: an engine whose clock is behind the harness's dates
// lines too early, and they fall out of the case they belong to. On one
// machine the clocks are the same one.
func engineTime(arrival time.Time, line []byte) (time.Time, []byte) {
	i := bytes.IndexByte(line, ' ')
	if i < 0 {
		return arrival, line
	}
	t, err := time.Parse(time.RFC3339Nano, string(line[:i]))
	if err != nil {
		return arrival, line
	}
	if t.After(arrival.Add(maxEngineLead)) {
		t = arrival
	}
	return t, line[i+1:]
}

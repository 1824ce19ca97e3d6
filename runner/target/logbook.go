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

// add records one line of the stream, stamped with the current time.
func (b *logBook) add(stream, text string) {
	l := logLine{at: time.Now(), stream: stream, text: b.mask.String(text)}
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
}

// Write records every complete line of p and keeps the rest for later.
func (w *lineWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			w.buf = append(w.buf, p...)
			for len(w.buf) >= maxLineBytes {
				w.book.add(w.stream, string(w.buf[:maxLineBytes]))
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
		w.book.add(w.stream, string(line[:maxLineBytes]))
		line = line[maxLineBytes:]
	}
	w.book.add(w.stream, string(line))
	w.buf = w.buf[:0]
}

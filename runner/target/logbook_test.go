package target

import (
	"strings"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
)

// texts returns the text part of rendered lines: after time and stream.
func texts(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		f := strings.SplitN(l, " ", 3)
		out[i] = f[len(f)-1]
	}
	return out
}

func TestLineWriter(t *testing.T) {
	long := strings.Repeat("x", maxLineBytes+5)
	tests := []struct {
		name   string
		writes []string
		want   []string
	}{
		{name: "whole lines", writes: []string{"a\nb\n"},
			want: []string{"a", "b"}},
		{name: "line split across writes", writes: []string{"he", "llo\nw"},
			want: []string{"hello", "w"}},
		{name: "carriage return dropped", writes: []string{"a\r\n"},
			want: []string{"a"}},
		{name: "empty line kept", writes: []string{"\n"},
			want: []string{""}},
		{name: "long line cut", writes: []string{long[:10], long[10:] + "\n"},
			want: []string{long[:maxLineBytes], "xxxxx"}},
		{name: "secret masked", writes: []string{"token=s3cret\n"},
			want: []string{"token=" + runner.Mask}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book := newLogBook(10, runner.NewMasker("s3cret"))
			w := &lineWriter{book: book, stream: "stdout"}
			for _, s := range tt.writes {
				w.Write([]byte(s))
			}
			w.flush()
			got := texts(book.last(10))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLogBookKeepsTheLastLines(t *testing.T) {
	book := newLogBook(3, runner.Masker{})
	for _, s := range []string{"1", "2", "3", "4", "5"} {
		book.add(time.Now(), "stderr", s)
	}
	if got := texts(book.last(10)); strings.Join(got, "") != "345" {
		t.Errorf("kept %q, want the last three", got)
	}
	if got := texts(book.last(2)); strings.Join(got, "") != "45" {
		t.Errorf("last(2) = %q, want 4 and 5", got)
	}
	if l := book.last(1)[0]; !strings.Contains(l, " stderr 5") {
		t.Errorf("line %q does not name its stream", l)
	}
}

func TestLogBookBetween(t *testing.T) {
	book := newLogBook(10, runner.Masker{})
	from := time.Now()
	to := from.Add(time.Second)
	book.add(from.Add(-time.Millisecond), "stdout", "before")
	book.add(from, "stdout", "inside")
	book.add(to.Add(time.Millisecond), "stdout", "after")

	got := texts(book.between(from, to))
	if len(got) != 1 || got[0] != "inside" {
		t.Errorf("between = %q, want only the inside line", got)
	}
	if all := book.between(time.Time{}, to.Add(time.Hour)); len(all) != 3 {
		t.Errorf("a wide window got %d lines, want 3", len(all))
	}
}

// TestStampedLinesAreDatedByTheEngine: Docker's timestamps date a line
// when the engine read it, however late it reaches the harness.
func TestStampedLinesAreDatedByTheEngine(t *testing.T) {
	written := time.Now().Add(-3 * time.Second).UTC()
	ahead := time.Now().Add(time.Hour).UTC()
	book := newLogBook(10, runner.Masker{})
	w := &lineWriter{book: book, stream: "stdout", stamped: true}
	w.Write([]byte(written.Format(time.RFC3339Nano) + " late line\n"))
	w.Write([]byte("no time here\n"))
	w.Write([]byte(ahead.Format(time.RFC3339Nano) + " clock ahead\n"))
	long := strings.Repeat("y", maxLineBytes+3)
	w.Write([]byte(written.Format(time.RFC3339Nano) + " " + long + "\n"))

	lines := book.ordered()
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5: %v", len(lines), book.last(10))
	}
	if !lines[0].at.Equal(written) || lines[0].text != "late line" {
		t.Errorf("late line: %v %q, want it dated %v and the time cut off",
			lines[0].at, lines[0].text, written)
	}
	if lines[1].text != "no time here" || lines[1].at.Before(written.Add(time.Second)) {
		t.Errorf("a line without time: %v %q, want it dated on arrival",
			lines[1].at, lines[1].text)
	}
	if lines[2].text != "clock ahead" || !lines[2].at.Before(ahead) {
		t.Errorf("an engine time an hour ahead was trusted: %v", lines[2].at)
	}
	if !lines[3].at.Equal(written) || !lines[4].at.Equal(written) ||
		lines[3].text+lines[4].text != long {
		t.Errorf("a long stamped line: pieces dated %v and %v, want both %v",
			lines[3].at, lines[4].at, written)
	}
	if from := book.between(written, written.Add(time.Second)); len(from) != 3 {
		t.Errorf("the window of the write holds %d lines, want 3", len(from))
	}
}

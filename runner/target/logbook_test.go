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
		book.add("stderr", s)
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
	book.add("stdout", "before")
	from := time.Now()
	book.add("stdout", "inside")
	to := time.Now()
	book.add("stdout", "after")
	// The clock may not tick between adds: set the outer stamps apart.
	book.lines[0].at = from.Add(-time.Second)
	book.lines[2].at = to.Add(time.Second)

	got := texts(book.between(from, to))
	if len(got) != 1 || got[0] != "inside" {
		t.Errorf("between = %q, want only the inside line", got)
	}
	if all := book.between(time.Time{}, to.Add(time.Hour)); len(all) != 3 {
		t.Errorf("a wide window got %d lines, want 3", len(all))
	}
}

package check

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEqual(t *testing.T) {
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{name: "number literal and int", a: json.Number("2"), b: 2,
			want: true},
		{name: "whole float literal and int", a: json.Number("2.0"), b: 2,
			want: true},
		{name: "numbers differ", a: json.Number("2"), b: 3.5},
		{name: "number and string", a: json.Number("2"), b: "2"},
		{name: "string and number", a: "2", b: 2},
		{name: "strings", a: "a", b: "a", want: true},
		{name: "bool and string", a: false, b: "false"},
		{name: "null and null", a: nil, b: nil, want: true},
		{name: "objects", a: map[string]any{"n": json.Number("1")},
			b: map[string]any{"n": uint8(1)}, want: true},
		{name: "objects differ in keys", a: map[string]any{"n": nil},
			b: map[string]any{"m": nil}},
		{name: "arrays", a: []any{"x", json.Number("1")},
			b: []any{"x", int64(1)}, want: true},
		{name: "arrays differ in length", a: []any{"x"}, b: []any{}},
		{name: "array and object", a: []any{}, b: map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := equal(tt.a, tt.b); got != tt.want {
				t.Errorf("equal(%v, %v) = %v, want %v", tt.a, tt.b, got,
					tt.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	body := map[string]any{"a/b": map[string]any{"~": []any{"x", "y"}}}
	tests := []struct {
		name      string
		pointer   string
		want      any
		wantFound bool
		wantErr   bool
	}{
		{name: "whole body", pointer: "", want: body, wantFound: true},
		{name: "escaped tokens", pointer: "/a~1b/~0/1", want: "y",
			wantFound: true},
		{name: "index out of range", pointer: "/a~1b/~0/2"},
		{name: "index with a leading zero", pointer: "/a~1b/~0/01"},
		{name: "beneath a scalar", pointer: "/a~1b/~0/0/z"},
		{name: "not a pointer", pointer: "a", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := resolve(body, true, tt.pointer)
			if (err != nil) != tt.wantErr || ok != tt.wantFound {
				t.Fatalf("resolve(%q) = found %v, err %v", tt.pointer, ok,
					err)
			}
			if ok && !equal(got, tt.want) {
				t.Errorf("resolve(%q) = %v, want %v", tt.pointer, got,
					tt.want)
			}
		})
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		name    string
		value   any
		wantCut bool
	}{
		{name: "short", value: "<b>"},
		{name: "long, cut at a rune", value: strings.Repeat("é", 60),
			wantCut: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(tt.value)
			if cut := strings.HasSuffix(got, "…"); cut != tt.wantCut {
				t.Errorf("render = %q, cut %v, want %v", got, cut,
					tt.wantCut)
			}
			if !tt.wantCut && got != `"<b>"` {
				t.Errorf("render = %q, want HTML left unescaped", got)
			}
		})
	}
}

package runner

import (
	"strings"
	"testing"
	"time"
)

func TestMapStrings(t *testing.T) {
	type inner struct {
		Name  Rule // a named string type
		Bytes []byte
		Any   any
	}
	type outer struct {
		Title  string
		When   time.Time
		hidden string
		Ptr    *inner
		Map    map[string][]string
		Arr    [2]string
		Nil    *inner
		Count  int
	}
	when := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	in := outer{Title: "s3cret title", When: when, hidden: "s3cret",
		Ptr: &inner{Name: "s3cret-rule", Bytes: []byte("b s3cret"),
			Any: map[string]any{"k s3cret": []any{"v s3cret", 1.5}}},
		Map: map[string][]string{"s3cret": {"a s3cret"}},
		Arr: [2]string{"s3cret", "x"}, Count: 7}
	m := NewMasker("s3cret")

	out := MapStrings(in, m.String)
	got := out.Title + string(out.Ptr.Name) + string(out.Ptr.Bytes) +
		out.Map[Mask][0] + out.Arr[0]
	anyMap := out.Ptr.Any.(map[string]any)
	if strings.Contains(got, "s3cret") || len(out.Map) != 1 ||
		anyMap["k "+Mask].([]any)[0] != "v "+Mask {
		t.Errorf("a secret is left: %+v %+v", out, out.Ptr)
	}
	if !out.When.Equal(when) || out.Count != 7 || out.Nil != nil ||
		out.hidden != "s3cret" || anyMap["k "+Mask].([]any)[1] != 1.5 {
		t.Errorf("what holds no string changed: %+v", out)
	}
	if in.Title != "s3cret title" || string(in.Ptr.Bytes) != "b s3cret" ||
		in.Map["s3cret"][0] != "a s3cret" {
		t.Error("the input was changed: MapStrings must copy")
	}
}

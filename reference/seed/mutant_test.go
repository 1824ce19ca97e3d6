package seed

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// mutantDefects says, for each mutant, whether an answer shows exactly
// the defect the mutant promises.
func mutantDefects() map[string]func(testing.TB, answer) bool {
	field := func(tb testing.TB, a answer, key string) (any, bool) {
		v, ok := decode(tb, a.body)[key]
		return v, ok
	}
	data := func(tb testing.TB, a answer) map[string]any {
		d, _ := decode(tb, a.body)["data"].(map[string]any)
		return d
	}
	return map[string]func(testing.TB, answer) bool{
		"error-extra-field": func(tb testing.TB, a answer) bool {
			v, _ := field(tb, a, "code")
			return v == "E400"
		},
		"error-missing-field": func(tb testing.TB, a answer) bool {
			_, ok := field(tb, a, "type")
			return !ok
		},
		"success-as-string": func(tb testing.TB, a answer) bool {
			v, _ := field(tb, a, "success")
			return v == "false"
		},
		"400-for-422": func(tb testing.TB, a answer) bool {
			return a.status == 400 &&
				reflect.DeepEqual(decode(tb, a.body), wantBody(400))
		},
		"text-plain-error": func(tb testing.TB, a answer) bool {
			return strings.HasPrefix(a.ctype, "text/plain") &&
				reflect.DeepEqual(decode(tb, a.body), wantBody(403))
		},
		"success-true-on-error": func(tb testing.TB, a answer) bool {
			v, _ := field(tb, a, "success")
			return v == true
		},
		"undocumented-status": func(tb testing.TB, a answer) bool {
			return a.status == 410 &&
				reflect.DeepEqual(decode(tb, a.body), wantBody(404))
		},
		"empty-object-error": func(tb testing.TB, a answer) bool {
			return string(a.body) == "{}"
		},
		"wrong-message": func(tb testing.TB, a answer) bool {
			return data(tb, a)["message"] == "Admin assigned."
		},
		"extra-data-field": func(tb testing.TB, a answer) bool {
			return data(tb, a)["userId"] == jsonNumber("153")
		},
		"duplicate-key": func(tb testing.TB, a answer) bool {
			return bytes.Count(a.body, []byte(`"success":false`)) == 2
		},
		"trailing-bytes": func(tb testing.TB, a answer) bool {
			return bytes.HasSuffix(a.body, []byte("}\n{}"))
		},
		"empty-body": func(tb testing.TB, a answer) bool {
			return len(a.body) == 0 && a.ctype == jsonType
		},
		"null-for-string": func(tb testing.TB, a answer) bool {
			v, ok := field(tb, a, "message")
			return ok && v == nil
		},
		"html-502": func(tb testing.TB, a answer) bool {
			return strings.HasPrefix(a.ctype, "text/html")
		},
	}
}

func TestEachMutantBreaksOnlyItsStatus(t *testing.T) {
	scenarios := fixtureScenarios()
	conforming := make(map[int]answer)
	for _, sc := range scenarios {
		conforming[sc.want] = run(t, sc, "")
	}
	defects := mutantDefects()

	for _, m := range Mutants() {
		t.Run(m.Name, func(t *testing.T) {
			shows, ok := defects[m.Name]
			if !ok {
				t.Fatalf("no defect check for mutant %s", m.Name)
			}
			if _, ok := conforming[m.Status]; !ok {
				t.Fatalf("status %d has no fixture scenario", m.Status)
			}
			for _, sc := range scenarios {
				got, want := run(t, sc, m.Name), conforming[sc.want]
				same := reflect.DeepEqual(got, want)
				switch {
				case sc.want != m.Status && !same:
					t.Errorf("%s: answer %d %q differs from the "+
						"conforming one", sc.name, got.status, got.body)
				case sc.want == m.Status && same:
					t.Errorf("%s: answer is the conforming one", sc.name)
				case sc.want == m.Status && !shows(t, got):
					t.Errorf("%s: answer %d %s %q lacks the defect", sc.name,
						got.status, got.ctype, got.body)
				}
			}
		})
	}
}

func TestMutantsAreNamedOnceAndDescribed(t *testing.T) {
	seen := make(map[string]bool)
	for _, m := range Mutants() {
		if seen[m.Name] || m.Name == "" || m.Description == "" ||
			m.Status == 0 {
			t.Errorf("mutant %+v: repeated name or empty field", m)
		}
		seen[m.Name] = true
	}
	if len(seen) != len(mutantDefects()) {
		t.Errorf("%d mutants, %d defect checks", len(seen),
			len(mutantDefects()))
	}
}

func TestNewRefusesUnknownMutant(t *testing.T) {
	tests := []struct {
		name    string
		mutant  string
		unknown bool
	}{
		{name: "none", mutant: ""},
		{name: "known", mutant: "html-502"},
		{name: "unknown", mutant: "no-such-mutant", unknown: true},
		{name: "wrong case", mutant: "HTML-502", unknown: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(Config{UpstreamURL: "http://127.0.0.1:1",
				Mutant: tt.mutant})
			var ue *UnknownMutantError
			if got := errors.As(err, &ue); got != tt.unknown {
				t.Fatalf("New error = %v, want unknown mutant: %v", err,
					tt.unknown)
			}
			if tt.unknown {
				if len(ue.Valid) != len(Mutants()) {
					t.Errorf("Valid lists %d names, want %d", len(ue.Valid),
						len(Mutants()))
				}
				return
			}
			s.Close()
		})
	}
}

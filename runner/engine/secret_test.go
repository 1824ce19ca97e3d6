package engine_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/apiconformance/harness/runner"
)

// echoImpl answers with the x-token it got, in a header, in a declared
// property with an example (a warning) and as the key of an undeclared
// property (a violation whose pointer names it).
func echoImpl(seen *journal) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := r.Header.Get("x-token")
		seen.add(tok)
		w.Header().Set("X-Echo", tok)
		b, _ := json.Marshal(map[string]any{"name": "pen", "note": tok,
			tok: 1})
		answer(w, 200, string(b))
	})
}

func TestSecretsNeverInTheResult(t *testing.T) {
	tests := []struct {
		name string
		// unmasked runs with an empty Masker: the secret must then show,
		// or the search below could not find a leak.
		unmasked bool
	}{
		{name: "masked"},
		{name: "no masker", unmasked: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSuite(t)
			var seen journal
			e := s.newEngine(t, echoImpl(&seen))
			if tt.unmasked {
				e.Masker = runner.Masker{}
			}

			res := e.Run(context.Background(), s.caseFor(t, 200))
			assertOutcome(t, res, runner.Failed)
			if len(res.Warnings) == 0 {
				t.Error("no warning for the note unlike its example")
			}
			if got := seen.all(); len(got) != 1 || got[0] != secret {
				t.Fatalf("implementation got x-token %q, want the secret",
					got)
			}
			b, err := json.Marshal(res)
			if err != nil {
				t.Fatalf("encoding result: %v", err)
			}
			if leaked := contains(string(b), secret); leaked != tt.unmasked {
				t.Errorf("secret in the result: %v, want %v\n%s", leaked,
					tt.unmasked, b)
			}
			for _, v := range res.Violations {
				if !tt.unmasked && contains(v.String(), secret) {
					t.Errorf("violation shows the secret: %s", v)
				}
			}
			for _, w := range res.Warnings {
				if !tt.unmasked && contains(w.String(), secret) {
					t.Errorf("warning shows the secret: %s", w)
				}
			}
		})
	}
}

func TestSecretNeverInAStateReason(t *testing.T) {
	tests := []struct {
		name     string
		unmasked bool
	}{
		{name: "masked"},
		{name: "no masker", unmasked: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSuite(t)
			e := s.newEngine(t, http.HandlerFunc(
				func(w http.ResponseWriter, r *http.Request) {
					io.Copy(io.Discard, r.Body)
					answer(w, 500, `{"error":"bad token `+secret+`"}`)
				}))
			if tt.unmasked {
				e.Masker = runner.Masker{}
			}
			res := e.Run(context.Background(), s.caseFor(t, 500))
			assertOutcome(t, res, runner.Error)
			if leaked := contains(res.Reason, secret); leaked != tt.unmasked {
				t.Errorf("secret in reason %q: %v, want %v", res.Reason,
					leaked, tt.unmasked)
			}
		})
	}
}

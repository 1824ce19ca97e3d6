package harness_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
)

// exitingTarget is a fakeTarget whose implementation has ended as exit
// says; nil means it still runs.
type exitingTarget struct {
	fakeTarget
	exit error
}

func (e *exitingTarget) Exited(context.Context) error { return e.exit }

// TestCaseSaysTheImplementationExited: a case that got no answer says
// that the implementation the harness started has ended, and how.
func TestCaseSaysTheImplementationExited(t *testing.T) {
	l := loadSeed(t)
	var plain runner.Case
	for _, c := range l.Plan.Cases {
		if k := c.TriggerKind(); k == "request" || k == "change" {
			plain = c
			break
		}
	}
	hangUp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(hangUp.Close)
	answers := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(answers.Close)

	const note = "no longer running (exit status 9)"
	tests := []struct {
		name string
		base string
		exit error
		want bool
	}{
		{name: "refused after the exit", base: "http://127.0.0.1:1",
			exit: errors.New("exit status 9"), want: true},
		{name: "hung up on, then exited", base: hangUp.URL,
			exit: errors.New("exit status 9"), want: true},
		{name: "refused, still running", base: "http://127.0.0.1:1"},
		{name: "an answer came", base: answers.URL,
			exit: errors.New("exit status 9")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tgt := &exitingTarget{fakeTarget: fakeTarget{base: tt.base}, exit: tt.exit}
			s, err := harness.Start(context.Background(), l, tgt, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close(context.Background()) })

			res := s.Run(context.Background(), plain)
			said := strings.Contains(res.Reason, note)
			for _, v := range res.Violations {
				said = said || strings.Contains(v.Actual, note)
			}
			if said != tt.want {
				t.Errorf("%s %q %v: says the exit %v, want %v", res.Outcome,
					res.Reason, res.Violations, said, tt.want)
			}
		})
	}
}

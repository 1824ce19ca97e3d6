package statectl

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
)

// serve starts a test server on 127.0.0.1 that the test closes.
func serve(tb testing.TB, h http.HandlerFunc) *httptest.Server {
	tb.Helper()
	s := httptest.NewServer(h)
	tb.Cleanup(s.Close)
	return s
}

// closedURL returns a URL on 127.0.0.1 where nothing listens.
func closedURL(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("listening: %v", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/_state"
}

// stateError returns the *StateError in err, failing the test without one.
func stateError(tb testing.TB, err error) *StateError {
	tb.Helper()
	var se *StateError
	if !errors.As(err, &se) {
		tb.Fatalf("error = %v, want a *StateError", err)
	}
	return se
}

func TestCallSucceeds(t *testing.T) {
	for _, status := range []int{200, 201, 204} {
		s := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
		})
		c := New(s.URL, nil, 0)
		st := runner.State{Name: "user exists"}
		if err := c.Setup(context.Background(), st); err != nil {
			t.Errorf("Setup with status %d: %v", status, err)
		}
		if err := c.Teardown(context.Background(), st); err != nil {
			t.Errorf("Teardown with status %d: %v", status, err)
		}
	}
}

func TestCallBody(t *testing.T) {
	tests := []struct {
		name   string
		state  runner.State
		action string
		want   string
	}{
		{name: "setup without params", action: Setup,
			state: runner.State{Name: "empty"},
			want:  `{"state":"empty","params":{},"action":"setup"}`},
		{name: "teardown with params", action: Teardown,
			state: runner.State{Name: "user exists",
				Params: map[string]any{"id": 7, "name": "ann"}},
			want: `{"state":"user exists","params":{"id":7,"name":"ann"},` +
				`"action":"teardown"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			type seen struct {
				method, ctype string
				body          map[string]any
			}
			got := make(chan seen, 1)
			s := serve(t, func(w http.ResponseWriter, r *http.Request) {
				var v map[string]any
				dec := json.NewDecoder(r.Body)
				if err := dec.Decode(&v); err != nil {
					t.Errorf("decoding state call: %v", err)
				}
				got <- seen{r.Method, r.Header.Get("Content-Type"), v}
			})
			c := New(s.URL, nil, 0)
			call := c.Setup
			if tt.action == Teardown {
				call = c.Teardown
			}
			if err := call(context.Background(), tt.state); err != nil {
				t.Fatalf("%s: %v", tt.action, err)
			}

			var want map[string]any
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatalf("decoding want: %v", err)
			}
			g := <-got
			if g.method != "POST" || g.ctype != "application/json" {
				t.Errorf("sent %s with Content-Type %q", g.method, g.ctype)
			}
			if !reflect.DeepEqual(g.body, want) {
				t.Errorf("body = %v, want %v", g.body, want)
			}
		})
	}
}

func TestCallFails(t *testing.T) {
	long := strings.Repeat("e", 2000)
	tests := []struct {
		name    string
		handler http.HandlerFunc // nil: nothing listens
		status  int
		body    string
		cause   error // in the chain, nil for a status failure
	}{
		{name: "server error", status: 500, body: `{"error":"boom"}`,
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(500)
				io.WriteString(w, `{"error":"boom"}`)
			}},
		{name: "long body kept short", status: 400, body: long[:snippet],
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(400)
				io.WriteString(w, long)
			}},
		{name: "not found", status: 404, body: "",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(404)
			}},
		{name: "timeout", cause: context.DeadlineExceeded,
			handler: func(w http.ResponseWriter, r *http.Request) {
				// The server sees the client leave only once the body
				// is read.
				io.Copy(io.Discard, r.Body)
				select {
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
				}
			}},
		{name: "refused", cause: syscall.ECONNREFUSED},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := closedURL(t)
			if tt.handler != nil {
				u = serve(t, tt.handler).URL
			}
			c := New(u, nil, 100*time.Millisecond)
			err := c.Setup(context.Background(),
				runner.State{Name: "x"})
			se := stateError(t, err)
			if se.State != "x" || se.Action != Setup {
				t.Errorf("State, Action = %q, %q", se.State, se.Action)
			}
			if se.Status != tt.status || se.Body != tt.body {
				t.Errorf("Status, Body = %d, %q; want %d, %q",
					se.Status, se.Body, tt.status, tt.body)
			}
			if tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Errorf("error %v does not wrap %v", err, tt.cause)
			}
			if tt.cause == nil && se.Err != nil {
				t.Errorf("Err = %v, want nil for a status failure", se.Err)
			}
		})
	}
}

func TestNoRedirectFollowed(t *testing.T) {
	var hits atomic.Int32
	other := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL, http.StatusTemporaryRedirect)
	})

	given := &http.Client{}
	c := New(s.URL, given, 0)
	se := stateError(t, c.Teardown(context.Background(),
		runner.State{Name: "x"}))
	if se.Status != http.StatusTemporaryRedirect || se.Action != Teardown {
		t.Errorf("Status, Action = %d, %q; want 307, teardown", se.Status,
			se.Action)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("redirect target got %d calls, want none", n)
	}
	if given.CheckRedirect != nil {
		t.Error("New changed the given http.Client")
	}
}

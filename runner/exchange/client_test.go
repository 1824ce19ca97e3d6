package exchange

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
)

func TestDoSendsRequest(t *testing.T) {
	type seen struct {
		method, uri, ctype, caseID, custom string
		body                               []byte
	}
	got := make(chan seen, 1)
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.Method, r.RequestURI, r.Header.Get("Content-Type"),
			r.Header.Get("X-Case"), r.Header.Get("X-Custom"), b}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":1}`)
	})

	c := New(Options{CaseHeader: "X-Case"})
	req := runner.Request{
		Method:      http.MethodPost,
		Path:        "/users",
		Query:       map[string]string{"dry": "true"},
		Headers:     map[string]string{"X-Custom": "v"},
		Body:        []byte(`{"name":"a"}`),
		ContentType: "application/json",
	}
	resp, err := c.Do(context.Background(), s.URL+"/api/", req, "op/201")
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if resp.Status != 201 || string(resp.Body) != `{"id":1}` || resp.TooLarge {
		t.Errorf("response = %d %q large=%v", resp.Status, resp.Body,
			resp.TooLarge)
	}
	if resp.Request == nil || resp.Request.URL.Path != "/api/users" {
		t.Errorf("Response.Request = %v, want the request sent", resp.Request)
	}

	want := seen{"POST", "/api/users?dry=true", "application/json", "op/201",
		"v", []byte(`{"name":"a"}`)}
	g := <-got
	if g.method != want.method || g.uri != want.uri || g.ctype != want.ctype ||
		g.caseID != want.caseID || g.custom != want.custom ||
		!bytes.Equal(g.body, want.body) {
		t.Errorf("server saw %+v, want %+v", g, want)
	}
}

func TestDoReturnsNonJSONAsBytes(t *testing.T) {
	page := "<html><body>502 Bad Gateway</body></html>"
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, page)
	})
	resp, err := New(Options{}).Do(context.Background(), s.URL,
		runner.Request{Method: "GET", Path: "/"}, "")
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if resp.Status != 502 || string(resp.Body) != page ||
		resp.Header.Get("Content-Type") != "text/html" {
		t.Errorf("response = %d %q %v", resp.Status, resp.Body, resp.Header)
	}
}

func TestDoDoesNotFollowRedirects(t *testing.T) {
	var otherHits atomic.Int32
	other := serve(t, func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
	})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
	})

	req := runner.Request{Method: "GET", Path: "/",
		Headers: map[string]string{"Authorization": "Bearer secret"}}
	resp, err := New(Options{}).Do(context.Background(), s.URL, req, "")
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if resp.Status != http.StatusFound {
		t.Errorf("status = %d, want 302 returned as is", resp.Status)
	}
	if loc := resp.Header.Get("Location"); loc != other.URL+"/steal" {
		t.Errorf("Location = %q", loc)
	}
	if n := otherHits.Load(); n != 0 {
		t.Errorf("other host got %d requests, want none", n)
	}
}

func TestDoCutsHugeBody(t *testing.T) {
	const huge = 1 << 30
	const max = 64 << 10
	var written atomic.Int64
	done := make(chan struct{})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		defer close(done)
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for written.Load() < huge {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	})

	resp, err := New(Options{MaxBody: max}).Do(context.Background(), s.URL,
		runner.Request{Method: "GET", Path: "/"}, "")
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if !resp.TooLarge || len(resp.Body) != max {
		t.Errorf("TooLarge = %v, len(Body) = %d, want true, %d",
			resp.TooLarge, len(resp.Body), max)
	}
	waitClosed(t, done, "the streaming handler")
	if n := written.Load(); n >= huge {
		t.Errorf("server wrote %d bytes: the connection was not dropped", n)
	}
}

func TestDoBodyAtLimitIsNotTooLarge(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "12345678")
	})
	resp, err := New(Options{MaxBody: 8}).Do(context.Background(), s.URL,
		runner.Request{Method: "GET", Path: "/"}, "")
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if resp.TooLarge || string(resp.Body) != "12345678" {
		t.Errorf("TooLarge = %v, Body = %q", resp.TooLarge, resp.Body)
	}
}

// TestDoOpensAConnectionPerRequest: what one answer leaves on its
// connection (a body sent with a 204) never reaches the next request.
func TestDoOpensAConnectionPerRequest(t *testing.T) {
	var conns atomic.Int64
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	c := New(Options{})
	for range 3 {
		if _, err := c.Do(context.Background(), s.URL,
			runner.Request{Method: "GET", Path: "/"}, ""); err != nil {
			t.Fatalf("Do: %v", err)
		}
	}
	if n := conns.Load(); n != 3 {
		t.Errorf("3 requests over %d connections, want 3", n)
	}
}

// TestDoKeepsTransferEncoding: net/http takes Transfer-Encoding out of
// the header map; the response keeps it, for the checks (a 204 may not
// have one) and the reports.
func TestDoKeepsTransferEncoding(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if conn := hijack(t, w); conn != nil {
			io.WriteString(conn, "HTTP/1.1 204 No Content\r\n"+
				"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
			conn.Close()
		}
	})
	resp, err := New(Options{}).Do(context.Background(), s.URL,
		runner.Request{Method: "GET", Path: "/"}, "")
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if got := resp.Header.Get("Transfer-Encoding"); got != "chunked" {
		t.Errorf("Transfer-Encoding = %q, want chunked", got)
	}
	plain := serve(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "{}")
	})
	resp, err = New(Options{}).Do(context.Background(), plain.URL,
		runner.Request{Method: "GET", Path: "/"}, "")
	if err != nil || resp.Header.Get("Transfer-Encoding") != "" {
		t.Errorf("a response sent with a length got Transfer-Encoding %q (%v)",
			resp.Header.Get("Transfer-Encoding"), err)
	}
}

func TestDoBoundsHeaders(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		for i := range n {
			w.Header().Set("X-Filler-"+strconv.Itoa(i), strings.Repeat("f", 1000))
		}
	})
	c := New(Options{MaxHeader: 16 << 10})
	if _, err := c.Do(context.Background(), s.URL,
		runner.Request{Method: "GET", Path: "/", Query: map[string]string{"n": "10"}},
		""); err != nil {
		t.Errorf("10 KB of headers: %v", err)
	}
	_, err := c.Do(context.Background(), s.URL,
		runner.Request{Method: "GET", Path: "/", Query: map[string]string{"n": "40"}}, "")
	if KindOf(err) == "" {
		t.Errorf("40 KB of headers past a 16 KiB bound: %v, want a transport failure", err)
	}
}

func TestDoTransportFailures(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc // nil: nothing listens
		want    TransportKind
		says    string // in the error
	}{
		{name: "refused", want: Refused},
		{name: "never answers", want: Timeout, handler: stall},
		{name: "dribbles a body", want: Timeout, handler: dribble},
		{name: "closes before answering", want: Reset,
			handler: func(w http.ResponseWriter, r *http.Request) {
				if conn := hijack(t, w); conn != nil {
					conn.Close()
				}
			}},
		{name: "resets before answering", want: Reset,
			handler: func(w http.ResponseWriter, r *http.Request) {
				if conn := hijack(t, w); conn != nil {
					conn.(*net.TCPConn).SetLinger(0)
					conn.Close()
				}
			}},
		{name: "closes mid-body", want: Reset,
			says: "status 200 came, then the body broke off after 5 bytes",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if conn := hijack(t, w); conn != nil {
					io.WriteString(conn, "HTTP/1.1 200 OK\r\n"+
						"Content-Length: 100\r\n\r\n{\"a\":")
					conn.Close()
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := closedURL(t)
			if tt.handler != nil {
				base = serve(t, tt.handler).URL
			}
			c := New(Options{Timeout: 100 * time.Millisecond})
			_, err := c.Do(context.Background(), base,
				runner.Request{Method: "GET", Path: "/"}, "")
			var te *TransportError
			if !errors.As(err, &te) {
				t.Fatalf("Do error = %v, want a *TransportError", err)
			}
			if te.Kind != tt.want {
				t.Errorf("Kind = %s (%v), want %s", te.Kind, te.Err, tt.want)
			}
			if !strings.Contains(te.Error(), tt.says) {
				t.Errorf("error %q does not say %q", te, tt.says)
			}
		})
	}
}

// stall accepts the request and answers only once the client is gone.
func stall(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// dribble sends a body one byte at a time, never ending it while the
// client waits, 10s at most.
func dribble(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for range 1000 {
		if _, err := io.WriteString(w, " "); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
		}
	}
}

func TestDoCanceledByCaller(t *testing.T) {
	s := serve(t, stall)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(Options{}).Do(ctx, s.URL,
		runner.Request{Method: "GET", Path: "/"}, "")
	if k := KindOf(err); k != Canceled {
		t.Errorf("KindOf(%v) = %q, want %q", err, k, Canceled)
	}
}

func TestDoBadBaseIsNotTransportError(t *testing.T) {
	_, err := New(Options{}).Do(context.Background(), "localhost:1",
		runner.Request{Method: "GET", Path: "/"}, "")
	if err == nil {
		t.Fatal("Do with a base lacking a scheme: no error")
	}
	if k := KindOf(err); k != "" {
		t.Errorf("KindOf = %q, want no transport kind", k)
	}
}

// TestDoBadHeaderIsNotTransportError: a header value with a line break
// comes from the harness's input (a variable), never from the
// implementation, and nothing is sent.
func TestDoBadHeaderIsNotTransportError(t *testing.T) {
	hits := 0
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { hits++ })
	tests := []struct {
		name    string
		headers map[string]string
		bad     bool
	}{
		{"line break", map[string]string{"X-Client-Id": "a\r\nX-Evil: 1"}, true},
		{"bad name", map[string]string{"X Client": "a"}, true},
		{"fine", map[string]string{"X-Client-Id": "a b; c=d"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := runner.Request{Method: "GET", Path: "/", Headers: tt.headers}
			_, err := New(Options{}).Do(context.Background(), srv.URL, req, "")
			if tt.bad != (err != nil) || KindOf(err) != "" {
				t.Errorf("err %v (kind %q), want bad=%v and no transport kind",
					err, KindOf(err), tt.bad)
			}
		})
	}
	if hits != 1 {
		t.Errorf("requests that reached the server: %d, want 1", hits)
	}
}

func TestTransportErrorHidesURL(t *testing.T) {
	base := closedURL(t)
	req := runner.Request{Method: "GET", Path: "/",
		Query: map[string]string{"key": "s3cr3t"}}
	_, err := New(Options{}).Do(context.Background(), base, req, "")
	if err == nil {
		t.Fatal("Do against a closed port: no error")
	}
	if strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("error message carries the query: %v", err)
	}
}

func BenchmarkDo(b *testing.B) {
	s := serve(b, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":1,"name":"ann"}`)
	})
	c := New(Options{})
	b.Cleanup(c.Close)
	req := runner.Request{Method: "GET", Path: "/users/1"}
	for b.Loop() {
		if _, err := c.Do(context.Background(), s.URL, req, "b"); err != nil {
			b.Fatalf("Do: %v", err)
		}
	}
}

package exchange

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// serve starts a test server on 127.0.0.1 that the test closes.
func serve(tb testing.TB, h http.HandlerFunc) *httptest.Server {
	tb.Helper()
	s := httptest.NewServer(h)
	tb.Cleanup(s.Close)
	return s
}

// closedURL returns the URL of a port on 127.0.0.1 that nothing listens on.
func closedURL(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("listening: %v", err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		tb.Fatalf("closing listener: %v", err)
	}
	return "http://" + addr
}

// hijack takes the connection of w, failing the test when it cannot.
func hijack(tb testing.TB, w http.ResponseWriter) net.Conn {
	tb.Helper()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		tb.Errorf("hijacking: %v", err)
		return nil
	}
	return conn
}

// waitClosed fails the test when ch is not closed within a generous bound.
func waitClosed(tb testing.TB, ch <-chan struct{}, what string) {
	tb.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		tb.Fatalf("waiting for %s: still running after 10s", what)
	}
}

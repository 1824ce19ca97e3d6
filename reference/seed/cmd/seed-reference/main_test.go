package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/apiconformance/harness/reference/seed"
)

func TestServeAnswersThenShutsDown(t *testing.T) {
	srv, err := seed.New(seed.Config{UpstreamURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatalf("seed.New: %v", err)
	}
	t.Cleanup(srv.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, ln, srv, slog.New(slog.DiscardHandler))
	}()

	resp, err := http.Get("http://" + ln.Addr().String() + "/nowhere")
	if err != nil {
		t.Fatalf("requesting: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status = %d, want 404", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after its context ended")
	}
}

func TestRunListsMutants(t *testing.T) {
	var out bytes.Buffer
	err := run([]string{"-list-mutants"}, envOf(nil), &out, io.Discard)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(seed.Mutants()) {
		t.Errorf("%d lines, want one per mutant:\n%s", len(lines), &out)
	}
}

func TestRunRefusesUnknownMutant(t *testing.T) {
	env := map[string]string{"UPSTREAM_URL": "http://127.0.0.1:1",
		"MUTANT": "no-such-mutant"}
	err := run(nil, envOf(env), io.Discard, io.Discard)
	var ue *seed.UnknownMutantError
	if !errors.As(err, &ue) {
		t.Fatalf("run error = %v, want *seed.UnknownMutantError", err)
	}
}

// Command seed-reference runs the harness's reference implementation of
// the seed contract (package reference/seed) as an HTTP server. It logs one
// line per request on stdout and shuts down gracefully on SIGTERM or
// SIGINT. Run it with -h for its flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/apiconformance/harness/reference/seed"
)

// shutdownGrace is how long requests in flight may take after a signal.
const shutdownGrace = 10 * time.Second

func main() {
	err := run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, "seed-reference:", err)
		os.Exit(1)
	}
}

// run starts the server the options ask for and serves until a signal.
func run(args []string, getenv func(string) string,
	stdout, stderr io.Writer) error {
	o, err := parseOptions(args, getenv, stderr)
	if err != nil {
		return err
	}
	if o.listMutants {
		for _, m := range seed.Mutants() {
			fmt.Fprintf(stdout, "%-22s %d  %s\n", m.Name, m.Status,
				m.Description)
		}
		return nil
	}

	log := slog.New(slog.NewTextHandler(stdout, nil))
	o.cfg.Logger = log
	srv, err := seed.New(o.cfg)
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	log.Info("listening", "addr", ln.Addr().String(),
		"upstream", redacted(o.cfg.UpstreamURL), "mutant", o.cfg.Mutant,
		"test_control", o.cfg.TestControl,
		"rate_limit", o.cfg.RateLimit.String())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt,
		syscall.SIGTERM)
	defer stop()
	return serve(ctx, ln, srv, log)
}

// serve answers on ln with h until ctx ends, then shuts down, letting
// requests in flight finish within shutdownGrace. It closes ln.
func serve(ctx context.Context, ln net.Listener, h http.Handler,
	log *slog.Logger) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()

	select {
	case err := <-done:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// redacted returns the URL s with any password masked, for the log.
func redacted(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable)"
	}
	return u.Redacted()
}

// Command runner certifies an implementation of an HTTP API against its
// OpenAPI document: it starts the implementation (or reaches one already
// running), triggers every documented status of every operation, and
// writes junit.xml, report.json and report.html.
//
//	runner run --command './seed-reference'
//	runner plan
//	runner version
//
// Exit codes: 0 every case that ran passed and coverage is complete;
// 1 the implementation broke the contract; 2 the harness, its
// configuration or its setup failed; 3 some documented status has no
// trigger (relaxed by --allow-untriggered).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	tclog "github.com/testcontainers/testcontainers-go/log"
)

// The exit codes, as the package comment describes them.
const (
	exitOK         = 0
	exitFailed     = 1
	exitHarness    = 2
	exitIncomplete = 3
)

func main() {
	// testcontainers prints a banner of the Docker engine through its own
	// process-wide logger; the console is the runner's. The program owns
	// the process, so this is where that logger is set.
	tclog.SetDefault(tclog.NewNoopLogger())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt,
		syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}

// run is the program behind main, with its inputs made explicit.
func run(ctx context.Context, args []string, stdout, stderr io.Writer,
	lookup func(string) (string, bool)) int {
	cmd, err := parse(args, stdout, lookup)
	if err != nil {
		fmt.Fprintln(stderr, "runner:", err)
		if dir, ok := reportDirOf(args, lookup); ok {
			// Even a refused command line must not leave an earlier
			// run's verdict for a CI job to collect as this one's.
			if err := clearReports(dir); err != nil {
				fmt.Fprintln(stderr, "runner:", err)
			}
		}
		return exitHarness
	}
	if cmd == nil {
		return exitOK // help was printed
	}
	return cmd.execute(ctx, stdout, stderr, lookup)
}

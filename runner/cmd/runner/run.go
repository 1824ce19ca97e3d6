package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
	"github.com/apiconformance/harness/runner/report"
	"github.com/apiconformance/harness/suites"
)

func (r *runCmd) execute(ctx context.Context, stdout, stderr io.Writer, lookup func(string) (string, bool)) int {
	fail := func(err error) int {
		fmt.Fprintln(stderr, "runner:", err)
		return exitHarness
	}
	// A run that stops early must not leave an earlier run's verdict
	// where a CI job collects this one's.
	if err := clearReports(r.ReportDir); err != nil {
		return fail(err)
	}
	if r.LabelFilter != "" {
		if _, err := types.ParseLabelFilter(r.LabelFilter); err != nil {
			return fail(labelFilterError(r.LabelFilter, err))
		}
	}
	loaded, err := harness.Load(ctx, harness.Options{
		Contract:     r.Contract,
		Fixtures:     r.Fixtures,
		Profile:      runner.Profile(r.Profile),
		Timeout:      r.Timeout,
		MaxBody:      r.MaxBody,
		StateURL:     r.StateURL,
		Waivers:      r.Waivers,
		UpstreamAddr: r.UpstreamAddr,
		Secrets:      append(urlSecrets(r.BaseURL, r.StateURL), envSecrets(r.Env)...),
		Environ:      os.Environ(),
		Lookup:       lookup,
	})
	if err != nil {
		return fail(err)
	}
	// Ginkgo applies the label filter itself; selected only proves that
	// the selection keeps some case.
	if _, err := r.selection.selected(loaded.Plan.Cases); err != nil {
		return fail(err)
	}
	cases, err := r.selection.filter(loaded.Plan.Cases)
	if err != nil {
		return fail(err)
	}
	if err := os.MkdirAll(r.ReportDir, 0o755); err != nil {
		return fail(fmt.Errorf("creating the report folder: %w", err))
	}
	if err := writeConfig(filepath.Join(r.ReportDir, effectiveFile), r, loaded); err != nil {
		return fail(err)
	}

	tgt, err := r.target(loaded.Masker, lookup)
	if err != nil {
		return fail(err)
	}
	session, err := harness.Start(ctx, loaded, tgt, r.Env)
	if err != nil {
		return fail(fmt.Errorf("starting the implementation: %s", loaded.Masker.String(err.Error())))
	}
	if r.BaseURL != "" && r.UpstreamAddr == "" && session.Upstream != nil {
		fmt.Fprintf(stderr, "runner: warning: --base-url without --upstream-addr: the upstream "+
			"simulator listens at %s, an address the implementation cannot have been given; "+
			"its upstream cases will be errors\n", session.Upstream.URL())
	}
	suiteOK := r.runSuite(session, cases, stdout)
	if ctx.Err() != nil {
		session.Interrupt()
	}
	return r.finish(ctx, session, suiteOK, stdout, stderr)
}

// effectiveFile is the effective configuration written beside the reports.
const effectiveFile = "config.json"

// clearReports removes the files a run writes into dir, those of an
// earlier run, and nothing else.
func clearReports(dir string) error {
	for _, name := range []string{report.JUnitFile, report.JSONFile,
		report.HTMLFile, effectiveFile} {
		err := os.Remove(filepath.Join(dir, name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing the earlier report: %w", err)
		}
	}
	return nil
}

// reportDirOf finds, in a command line the parser refused, whether it
// asks for a run and which report folder the run would use: --report-dir,
// CONFORMANCE_REPORT_DIR or the default. A folder named only in a config
// file is not found.
func reportDirOf(args []string, lookup func(string) (string, bool)) (string, bool) {
	if !slices.Contains(args, "run") {
		return "", false
	}
	env, _ := lookup("CONFORMANCE_REPORT_DIR")
	dir := flagValue(args, "report-dir", env)
	if dir == "" {
		dir = "reports"
	}
	return dir, true
}

// finish stops the implementation, writes the reports and the console
// summary, and returns the exit code.
func (r *runCmd) finish(ctx context.Context, session *harness.Session, suiteOK bool,
	stdout, stderr io.Writer) int {
	mask := session.Masker.String
	closeErr := session.Close(context.WithoutCancel(ctx))

	fmt.Fprintln(stdout)
	run := session.Report(runner.Version)
	run.AllowUntriggered = r.AllowUntriggered
	if err := report.WriteAll(r.ReportDir, run); err != nil {
		fmt.Fprintln(stderr, "runner:", err)
		return exitHarness
	}
	if err := report.WriteConsole(stdout, run, r.color(stdout)); err != nil {
		fmt.Fprintln(stderr, "runner:", err)
		return exitHarness
	}
	fmt.Fprintf(stdout, "reports: %s\n", r.ReportDir)
	if session.Upstream != nil && r.BaseURL != "" {
		fmt.Fprintf(stdout, "upstream simulator was at %s\n", session.Upstream.URL())
	}
	if closeErr != nil {
		fmt.Fprintln(stderr, "runner: stopping the implementation:", mask(closeErr.Error()))
	}

	summary := report.Summarize(run)
	if n := summary.Count(runner.Untriggered); n > 0 {
		// Ginkgo says SUCCESS over a run whose coverage is incomplete.
		if r.AllowUntriggered {
			fmt.Fprintf(stdout, "coverage incomplete: %d documented status(es) have no trigger, accepted by --allow-untriggered\n", n)
		} else {
			fmt.Fprintf(stdout, "coverage incomplete: %d documented status(es) have no trigger (exit 3; --allow-untriggered accepts them)\n", n)
		}
	}
	unexplained := !suiteOK && summary.Count(runner.Failed) == 0 &&
		summary.Count(runner.Error) == 0
	if unexplained {
		fmt.Fprintln(stderr, "runner: the Ginkgo suite failed outside any case's verdict: see its output above")
	}
	return exitCode(summary, r.AllowUntriggered, closeErr,
		ctx.Err() != nil || unexplained)
}

// labelFilterError turns Ginkgo's coloured, multi-line parse error into
// one plain line: its last line says what is wrong.
func labelFilterError(expr string, err error) error {
	msg := err.Error()
	var g types.GinkgoError
	if errors.As(err, &g) {
		lines := strings.Split(g.Message, "\n")
		msg = lines[len(lines)-1]
	}
	return fmt.Errorf("--label-filter %q: %s", expr,
		strings.Join(strings.Fields(msg), " "))
}

// envSecrets returns the values given with --env whose names say they
// are secret (TOKEN, SECRET, PASSWORD, KEY, CREDENTIAL, AUTH in any case):
// they are masked in every output. Masking every value would hide
// ordinary words, such as a mode's name, wherever they appear;
// config.json masks every --env value whatever its name.
func envSecrets(env map[string]string) []string {
	var out []string
	for k, v := range env {
		name := strings.ToUpper(k)
		for _, word := range []string{"TOKEN", "SECRET", "PASSW", "KEY", "CREDENTIAL", "AUTH"} {
			if strings.Contains(name, word) {
				out = append(out, v)
				break
			}
		}
	}
	return out
}

// urlSecrets returns the passwords written into URLs the user gave.
func urlSecrets(urls ...string) []string {
	var out []string
	for _, s := range urls {
		if u, err := url.Parse(s); err == nil && u.User != nil {
			if p, ok := u.User.Password(); ok {
				out = append(out, p)
			}
		}
	}
	return out
}

// runSuite runs the Ginkgo suite of the selected cases on the session and
// reports whether Ginkgo saw every spec pass.
func (r *runCmd) runSuite(session *harness.Session, cases []runner.Case, stdout io.Writer) bool {
	suite := types.NewDefaultSuiteConfig()
	suite.LabelFilter = r.LabelFilter
	suite.Timeout = 24 * time.Hour // each request has its own timeout
	rep := types.NewDefaultReporterConfig()
	rep.Succinct = true
	rep.NoColor = !r.color(stdout)
	title := session.Contract.Title + " " + session.Contract.Version
	return suites.Run(title, cases, func() *harness.Session { return session }, suite, rep)
}

// exitCode maps a run's outcomes to the program's exit code: contract
// failures first, then harness errors (an interrupted run, or a suite that
// failed outside any verdict, among them), then missing coverage.
func exitCode(s report.Summary, allowUntriggered bool, closeErr error,
	interrupted bool) int {
	switch {
	case s.Count(runner.Failed) > 0:
		return exitFailed
	case s.Count(runner.Error) > 0 || closeErr != nil || interrupted:
		return exitHarness
	case s.Count(runner.Untriggered) > 0 && !allowUntriggered:
		return exitIncomplete
	}
	return exitOK
}

func (r *runCmd) color(w io.Writer) bool {
	switch r.Color {
	case "always":
		return true
	case "never":
		return false
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

package suites_test

import (
	"context"
	"os"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
	"github.com/apiconformance/harness/runner/report"
	"github.com/apiconformance/harness/runner/target"
	"github.com/apiconformance/harness/suites"
)

// The environment the seed suite reads. Without any of them it runs
// against the reference implementation, started in this process.
const (
	// envBaseURL points the suite at an implementation already running.
	envBaseURL = "CONFORMANCE_BASE_URL"
	// envUpstreamAddr fixes where the upstream simulator listens, for the
	// implementation at envBaseURL to be configured with.
	envUpstreamAddr = "CONFORMANCE_UPSTREAM_ADDR"
	// envMutant runs the in-process reference as one of its mutants.
	envMutant = "CONFORMANCE_MUTANT"
	// envReportDir asks for junit.xml, report.json and report.html there.
	envReportDir = "CONFORMANCE_REPORT_DIR"
)

func TestSeedConformance(t *testing.T) {
	loaded, err := harness.Load(context.Background(), harness.Options{
		Fixtures:     "../fixtures/seed.yaml",
		UpstreamAddr: os.Getenv(envUpstreamAddr),
		Lookup:       os.LookupEnv,
	})
	if err != nil {
		t.Fatal(err)
	}

	var session *harness.Session
	suites.Define(loaded.Plan.Cases, func() *harness.Session { return session })

	BeforeSuite(func(ctx SpecContext) {
		var tgt target.Target = &inProcess{mutant: os.Getenv(envMutant)}
		if url := os.Getenv(envBaseURL); url != "" {
			tgt = target.NewURL(url, target.ReadyCheck{})
		}
		var err error
		session, err = harness.Start(ctx, loaded, tgt, nil)
		Expect(err).NotTo(HaveOccurred(), "starting the implementation")
		DeferCleanup(func(ctx SpecContext) {
			Expect(session.Close(ctx)).To(Succeed(), "stopping the implementation")
		})
	})
	AfterSuite(func() {
		dir := os.Getenv(envReportDir)
		if dir == "" || session == nil {
			return
		}
		Expect(report.WriteAll(dir, session.Report(runner.Version))).To(Succeed(),
			"writing the reports")
	})

	RegisterFailHandler(Fail)
	RunSpecs(t, "seed contract conformance")
}

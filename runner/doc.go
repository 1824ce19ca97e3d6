// Package runner holds the domain of the conformance harness: the cases a
// contract plans, the triggers that reach each documented status, the
// violations a check finds and the verdicts a run records.
//
// The packages below it are the engine, one concern each: contract loads the
// OpenAPI document, fixture reads the trigger files, plan joins the two,
// exchange sends requests, check judges responses, upstream and statectl
// reach the states no plain request reaches, target starts the
// implementation, report writes the results. The program users run is
// runner/cmd/runner; the Ginkgo suite is in suites/.
package runner

// Version is the harness's version, written into every report.
const Version = "0.1.0"

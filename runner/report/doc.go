// Package report writes the results of one conformance run: a JUnit file
// for CI systems, a JSON document for tools, a self-contained HTML page for
// people, and the console rendering the CLI prints.
//
// Every writer renders from the same Run, masks the run's secrets before it
// renders, and masks the rendered bytes again before they reach the
// io.Writer, so a secret that slipped into any field never leaves the
// process. The JSON format is described in docs/report-format.md.
package report

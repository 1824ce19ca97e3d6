// Package report writes the results of one conformance run: a JUnit file
// for CI systems, a JSON document for tools, a self-contained HTML page for
// people, and the console rendering the CLI prints.
//
// Every writer renders from the same Run, with the run's secrets masked in
// every string of it, whatever its field, before anything is rendered. The
// JSON format is described in docs/report-format.md.
package report

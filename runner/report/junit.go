package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/apiconformance/harness/runner"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut *junitText    `xml:"system-out"`
	SystemErr *junitText    `xml:"system-err"`
}

// junitText is text written as CDATA, so that transcripts stay readable;
// the encoder splits any "]]>" in it.
type junitText struct {
	Text string `xml:",cdata"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// WriteJUnit writes run as a JUnit XML file: one testsuite per operation,
// one testcase per case. A failed case carries a failure whose type is the
// rule of its first violation; an error or untriggered case carries an
// error; a waived or skipped case is skipped with the reason. Text that XML
// cannot carry, such as NUL or invalid UTF-8, becomes U+FFFD.
func WriteJUnit(w io.Writer, run Run) error {
	return emit(w, run, func(b *bytes.Buffer, run Run) error {
		b.WriteString(xml.Header)
		enc := xml.NewEncoder(b)
		enc.Indent("", "  ")
		if err := enc.Encode(newJUnit(run)); err != nil {
			return fmt.Errorf("encoding junit: %w", err)
		}
		b.WriteString("\n")
		return nil
	})
}

func newJUnit(run Run) junitSuites {
	all := junitSuites{Name: clean(run.Contract.Title),
		Time: seconds(run.Duration)}
	props := junitProperties(run)
	m := buildMatrix(run.Results)
	for _, row := range m.Rows {
		s := junitSuite{Name: clean(row.Operation), Properties: props}
		var d time.Duration
		for _, r := range run.Results {
			if r.Case.Operation != row.Operation {
				continue
			}
			if s.Timestamp == "" && !r.Started.IsZero() {
				s.Timestamp = r.Started.UTC().Format("2006-01-02T15:04:05")
			}
			c := newJUnitCase(r, run.AllowUntriggered)
			s.Cases = append(s.Cases, c)
			d += r.Duration
			s.Tests++
			switch {
			case c.Failure != nil:
				s.Failures++
			case c.Error != nil:
				s.Errors++
			case c.Skipped != nil:
				s.Skipped++
			}
		}
		s.Time = seconds(d)
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Errors += s.Errors
		all.Skipped += s.Skipped
		all.Suites = append(all.Suites, s)
	}
	return all
}

// junitProperties names the contract, the target and the harness in every
// suite, since JUnit readers show properties per suite only.
func junitProperties(run Run) []junitProperty {
	c := run.Contract
	pairs := [][2]string{
		{"contract.title", c.Title}, {"contract.version", c.Version},
		{"contract.path", c.Path}, {"contract.sha256", c.SHA256},
		{"target", targetText(run.Target)}, {"harness", run.Harness},
		{"profile", string(run.Profile)},
	}
	if !run.Started.IsZero() {
		pairs = append(pairs,
			[2]string{"started", run.Started.UTC().Format(time.RFC3339)})
	}
	var props []junitProperty
	for _, p := range pairs {
		if p[1] != "" {
			props = append(props,
				junitProperty{Name: p[0], Value: clean(oneLine(p[1]))})
		}
	}
	return props
}

func newJUnitCase(r runner.Result, allowUntriggered bool) junitCase {
	c := junitCase{Name: clean(oneLine(caseName(r.Case))),
		Classname: clean(r.Case.Operation), Time: seconds(r.Duration),
		SystemOut: newJUnitText(exchangeText(r.Exchange)),
		SystemErr: newJUnitText(logsText(r.Logs))}
	msg := clean(oneLine(firstReason(r)))
	switch r.Outcome {
	case runner.Passed:
	case runner.Failed:
		typ := "failed"
		if len(r.Violations) > 0 {
			typ = string(r.Violations[0].Rule)
		}
		c.Failure = &junitProblem{Message: msg, Type: clean(typ),
			Text: clean(violationsText(r))}
	case runner.Waived:
		c.Skipped = &junitSkipped{Message: clean(oneLine("waived: " +
			r.Reason))}
	case runner.Skipped:
		c.Skipped = &junitSkipped{Message: msg}
	case runner.Untriggered:
		if allowUntriggered {
			c.Skipped = &junitSkipped{Message: clean(oneLine("untriggered: " +
				r.Case.Untriggered))}
			break
		}
		c.Error = &junitProblem{Message: msg, Type: r.Outcome.String()}
	default: // error and any outcome outside the set
		c.Error = &junitProblem{Message: msg, Type: r.Outcome.String(),
			Text: clean(violationsText(r))}
	}
	return c
}

// newJUnitText returns clean text as CDATA, or nil for none.
func newJUnitText(s string) *junitText {
	if s == "" {
		return nil
	}
	return &junitText{Text: clean(s)}
}

// violationsText lists every violation and warning of a case, one a line.
func violationsText(r runner.Result) string {
	var b strings.Builder
	if r.Reason != "" {
		fmt.Fprintf(&b, "%s\n", r.Reason)
	}
	for _, v := range r.Violations {
		fmt.Fprintf(&b, "%s\n", v)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	return b.String()
}

// exchangeText renders an exchange as a transcript: the curl line, then
// the response's status line, headers and body, each body cut at
// BodyLimit.
func exchangeText(e *runner.Exchange) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	curl, _ := cut(e.Curl, BodyLimit)
	fmt.Fprintf(&b, "%s\n", curl)
	p := e.Response
	if p == nil {
		b.WriteString("< no response\n")
		return b.String()
	}
	fmt.Fprintf(&b, "< %d\n", p.Status)
	for _, k := range slices.Sorted(maps.Keys(p.Headers)) {
		for _, v := range p.Headers[k] {
			fmt.Fprintf(&b, "< %s: %s\n", k, v)
		}
	}
	body, cutHere := cut(p.Body, BodyLimit)
	fmt.Fprintf(&b, "<\n%s\n", body)
	if cutHere || p.Truncated {
		b.WriteString("(body truncated)\n")
	}
	return b.String()
}

// logsText joins the logs of a case, the last BodyLimit bytes of them.
func logsText(logs []string) string {
	logs = cutLogs(logs)
	if len(logs) == 0 {
		return ""
	}
	return strings.Join(logs, "\n") + "\n"
}

// seconds renders d as JUnit wants it: seconds with millisecond precision.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.3f", d.Seconds())
}

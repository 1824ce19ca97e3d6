package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
)

// Secrets of the tests. The second holds characters every format escapes,
// so that a secret escaped by a writer is caught too; each is looked for
// by fragments that escaping leaves whole.
const (
	plainSecret = "ref-admin-token-5d1c0e7a"
	oddSecret   = "Qx7+k9/<&>'\"=Zw4"
)

var secretFragments = []string{"5d1c0e7a", "Qx7", "k9/", "Zw4"}

// secretRun returns a run with both secrets in every place a value can
// come from: headers, bodies, the curl line, violations, reasons, logs,
// triggers, the target and the run's warnings.
func secretRun(tb testing.TB) Run {
	tb.Helper()
	both := plainSecret + " " + oddSecret
	run := sampleRun(tb)
	run.Target.URL = "http://user:" + plainSecret + "@127.0.0.1:9"
	run.Warnings = append(run.Warnings, runner.Warning{
		Rule: runner.RuleDocument, Place: "#/x", Message: both})

	r := &run.Results[1] // failed, with an exchange
	e := r.Exchange
	e.Request.Headers["X-Auth-Token"] = []string{plainSecret}
	e.Request.Headers["X-Client-Id"] = []string{oddSecret}
	e.Response.Headers["Set-Cookie"] = []string{"t=" + both}
	e.Request.Body = `{"token":"` + both + `"}`
	e.Response.Body = `{"echo":"` + both + `"}`
	e.Request.URL += "?key=" + plainSecret
	e.Curl = "curl -H 'x-auth-token: " + both + "' " + e.Request.URL
	r.Violations[0].Actual = both
	r.Violations[1].Detail = both
	r.Warnings = []runner.Warning{{Rule: runner.RuleExample, Place: both,
		Message: both}}
	r.Reason = both
	r.Logs = []string{"token=" + both}
	r.Case.Trigger.Change = &runner.Change{
		Headers: map[string]string{"x-auth-token": both},
		Body:    map[string]any{"nested": []any{both}}}
	r.Case.Expect = map[string]any{"/token": both}

	// A secret across the cut at BodyLimit must not leave a prefix behind.
	p := &run.Results[0].Exchange.Response.Body
	*p = strings.Repeat("a", BodyLimit-4) + plainSecret
	return run
}

// outputs renders run with every writer and returns each output by name.
func outputs(tb testing.TB, run Run) map[string]string {
	tb.Helper()
	out := map[string]string{}
	writers := map[string]func(io.Writer, Run) error{
		"junit": WriteJUnit, "json": WriteJSON, "html": WriteHTML,
		"console": func(w io.Writer, r Run) error {
			return WriteConsole(w, r, false)
		},
		"console color": func(w io.Writer, r Run) error {
			return WriteConsole(w, r, true)
		},
	}
	for name, write := range writers {
		var b bytes.Buffer
		if err := write(&b, run); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out[name] = b.String()
	}

	dir := tb.TempDir()
	if err := WriteAll(dir, run); err != nil {
		tb.Fatalf("WriteAll: %v", err)
	}
	for _, f := range []string{JUnitFile, JSONFile, HTMLFile} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			tb.Fatal(err)
		}
		out[f] = string(b)
	}
	return out
}

func TestSecretsNeverReachOutput(t *testing.T) {
	tests := []struct {
		name   string
		masker runner.Masker
		leaks  bool
	}{
		{name: "masked", masker: runner.NewMasker(plainSecret, oddSecret)},
		{name: "no masker shows the check fires", leaks: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := secretRun(t)
			run.Masker = tt.masker
			for name, text := range outputs(t, run) {
				for _, frag := range secretFragments {
					leaked := strings.Contains(text, frag)
					if leaked && !tt.leaks {
						t.Errorf("%s holds secret fragment %q", name, frag)
					}
				}
				if tt.leaks && !strings.Contains(text, "5d1c0e7a") {
					t.Errorf("%s: unmasked secret not found", name)
				}
			}
		})
	}
}

// TestMaskingKeepsTheRunIntact shows that writers mask a copy: the
// caller's run still holds its values afterwards.
func TestMaskingKeepsTheRunIntact(t *testing.T) {
	run := secretRun(t)
	run.Masker = runner.NewMasker(plainSecret, oddSecret)
	outputs(t, run)
	r := run.Results[1]
	if !strings.Contains(r.Exchange.Request.Headers["X-Auth-Token"][0],
		plainSecret) || !strings.Contains(r.Reason, oddSecret) {
		t.Error("writing a report changed the caller's run")
	}
}

// TestSecretInOpaqueValueMaskedOnOutput covers a value of a type the
// report does not know, a struct inside a trigger: the deep copy masks
// its strings all the same.
func TestSecretInOpaqueValueMaskedOnOutput(t *testing.T) {
	r := newResult(t, 422, runner.Failed)
	r.Case.Trigger.Change = &runner.Change{
		Body: struct{ Token string }{plainSecret}}
	run := Run{Results: []runner.Result{r}}

	tests := []struct {
		name   string
		masker runner.Masker
		leaks  bool
	}{
		{name: "masked", masker: runner.NewMasker(plainSecret)},
		{name: "unmasked", leaks: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run.Masker = tt.masker
			var b bytes.Buffer
			if err := WriteJSON(&b, run); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(b.String(), plainSecret); got != tt.leaks {
				t.Errorf("secret present = %v, want %v", got, tt.leaks)
			}
		})
	}
}

// TestShortSecretsKeepFilesWellFormed: a secret as short as one letter or
// digit, or one that is a word of the formats themselves, masks values
// and never a key or a tag.
func TestShortSecretsKeepFilesWellFormed(t *testing.T) {
	for _, secret := range []string{"1", "e", "name", "test", "case", "<"} {
		t.Run(secret, func(t *testing.T) {
			run := sampleRun(t)
			run.Masker = runner.NewMasker(secret)
			out := outputs(t, run)
			if !json.Valid([]byte(out[JSONFile])) {
				t.Errorf("report.json is not JSON:\n%.300s", out[JSONFile])
			}
			var suites struct{ XMLName xml.Name }
			if err := xml.Unmarshal([]byte(out[JUnitFile]), &suites); err != nil {
				t.Errorf("junit.xml is not XML: %v", err)
			}
			if !strings.Contains(out[HTMLFile], "</html>") {
				t.Error("report.html lost its closing tag")
			}
		})
	}
}

package exchange

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/apiconformance/harness/runner"
)

func TestCurl(t *testing.T) {
	req := runner.Request{
		Method:      "POST",
		Path:        "/notes",
		Query:       map[string]string{"tag": "a"},
		Headers:     map[string]string{"X-Trace": "1"},
		Body:        []byte(`{"text":"it's"}`),
		ContentType: "application/json",
	}
	got := Curl("http://h:1/api", req, runner.Masker{})
	want := `curl -i -X 'POST' 'http://h:1/api/notes?tag=a'` +
		` -H 'Content-Type: application/json' -H 'X-Trace: 1'` +
		` --data-binary '{"text":"it'\''s"}'`
	if got != want {
		t.Errorf("Curl =\n%s\nwant\n%s", got, want)
	}
}

func TestCurlHead(t *testing.T) {
	got := Curl("http://h:1", runner.Request{Method: "HEAD", Path: "/x"},
		runner.Masker{})
	if want := "curl -I 'http://h:1/x'"; got != want {
		t.Errorf("Curl = %s, want %s", got, want)
	}
}

func TestCurlMasksSecrets(t *testing.T) {
	const secret = "s3/cr+t'x"
	req := runner.Request{
		Method:  "GET",
		Path:    "/keys/" + secret,
		Query:   map[string]string{"api_key": secret},
		Headers: map[string]string{"Authorization": "Bearer " + secret},
		Body:    []byte(`{"password":"` + secret + `"}`),
	}
	got := Curl("http://h:1", req, runner.NewMasker(secret))
	for _, leak := range []string{secret, "s3", "cr%2Bt", "s3%2Fcr"} {
		if strings.Contains(got, leak) {
			t.Errorf("Curl shows %q: %s", leak, got)
		}
	}
	if n := strings.Count(got, runner.Mask); n != 4 {
		t.Errorf("Curl shows the mask %d times, want 4: %s", n, got)
	}
}

func TestQuoteRoundTrips(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to read the quoted words back")
	}
	tests := []struct {
		name string
		in   string
	}{
		{name: "plain", in: "abc"},
		{name: "empty", in: ""},
		{name: "single quote", in: `it's 'quoted'`},
		{name: "shell syntax", in: "$HOME `id` \"x\" \\ ; | &"},
		{name: "newline and tab", in: "a\nb\tc"},
		{name: "control bytes", in: "a\x01\x7fb"},
		{name: "invalid utf-8", in: "a\xff\xfeb"},
		{name: "non-ascii", in: "héllo ✓"},
		{name: "quote beside escapes", in: "a'\n\\'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := quote(tt.in)
			if strings.ContainsAny(q, "\n") {
				t.Errorf("quote(%q) = %q spans lines", tt.in, q)
			}
			out, err := exec.Command(bash, "-c",
				"printf %s "+q).Output()
			if err != nil {
				t.Fatalf("bash reading %s: %v", q, err)
			}
			if string(out) != tt.in {
				t.Errorf("bash read %q back from %s, want %q", out, q, tt.in)
			}
		})
	}
}

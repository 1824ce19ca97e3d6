package report

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "reports")
	if err := WriteAll(dir, sampleRun(t)); err != nil {
		t.Fatalf("WriteAll: %v", err)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "junit.xml report.html report.json" {
		t.Errorf("dir holds %q, want the three reports and nothing else",
			names)
	}

	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var rep jsonReport
	if err := json.Unmarshal(read(JSONFile), &rep); err != nil ||
		rep.Summary.Total != 8 {
		t.Errorf("report.json: %v, total %d", err, rep.Summary.Total)
	}
	var suites junitSuites
	if err := xml.Unmarshal(read(JUnitFile), &suites); err != nil ||
		suites.Tests != 8 {
		t.Errorf("junit.xml: %v, %d tests", err, suites.Tests)
	}
	if !strings.Contains(string(read(HTMLFile)), "</html>") {
		t.Error("report.html is not a whole page")
	}
}

// TestWriteAllNamesTheFileItCannotWrite puts a directory where report.json
// goes: the other reports are written and the error names report.json.
func TestWriteAllNamesTheFileItCannotWrite(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, JSONFile), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteAll(dir, sampleRun(t))
	if err == nil {
		t.Fatal("WriteAll succeeded over a directory")
	}
	var pathErr *os.LinkError
	if !errors.As(err, &pathErr) {
		t.Errorf("error %v is not the rename's *os.LinkError", err)
	}
	if !strings.Contains(err.Error(), JSONFile) ||
		strings.Contains(err.Error(), JUnitFile) {
		t.Errorf("error %q should name report.json alone", err)
	}
	for _, f := range []string{JUnitFile, HTMLFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("dir holds %d entries, want no temporary file left", len(entries))
	}
}

func TestWriteAllCannotCreateDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteAll(filepath.Join(file, "reports"), Run{})
	var pathErr *os.PathError
	if !errors.As(err, &pathErr) {
		t.Errorf("error %v, want a *os.PathError", err)
	}
}

// failingWriter refuses every write.
type failingWriter struct{}

var errRefused = errors.New("refused")

func (failingWriter) Write([]byte) (int, error) { return 0, errRefused }

func TestWritersReturnWriteErrors(t *testing.T) {
	tests := []struct {
		name  string
		write func() error
	}{
		{name: "junit", write: func() error {
			return WriteJUnit(failingWriter{}, sampleRun(t))
		}},
		{name: "json", write: func() error {
			return WriteJSON(failingWriter{}, sampleRun(t))
		}},
		{name: "html", write: func() error {
			return WriteHTML(failingWriter{}, sampleRun(t))
		}},
		{name: "console", write: func() error {
			return WriteConsole(failingWriter{}, sampleRun(t), false)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.write(); !errors.Is(err, errRefused) {
				t.Errorf("error = %v, want the writer's", err)
			}
		})
	}
}

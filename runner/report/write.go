package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The files WriteAll writes.
const (
	JUnitFile = "junit.xml"
	JSONFile  = "report.json"
	HTMLFile  = "report.html"
)

// emit renders run, its secrets masked, into a buffer with render and
// writes it to w. Nothing reaches w when rendering fails.
func emit(w io.Writer, run Run, render func(*bytes.Buffer, Run) error) error {
	var buf bytes.Buffer
	if err := render(&buf, masked(run)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteAll writes junit.xml, report.json and report.html into dir,
// creating it if needed. Each file is written whole or not at all; the
// error names every file that could not be written.
func WriteAll(dir string, run Run) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating report directory: %w", err)
	}
	files := []struct {
		name  string
		write func(io.Writer, Run) error
	}{
		{JUnitFile, WriteJUnit},
		{JSONFile, WriteJSON},
		{HTMLFile, WriteHTML},
	}
	var errs []error
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := writeFile(path, run, f.write); err != nil {
			errs = append(errs, fmt.Errorf("writing %s: %w", path, err))
		}
	}
	return errors.Join(errs...)
}

// writeFile writes a report to a temporary file beside path and renames it
// into place, so that a reader never sees half a report.
func writeFile(path string, run Run, write func(io.Writer, Run) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed

	if err := write(tmp, run); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

package main

import (
	"errors"
	"path/filepath"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/target"
)

// target builds the target the flags name.
func (r *runCmd) target(m runner.Masker, lookup func(string) (string, bool)) (target.Target, error) {
	ready := target.ReadyCheck{Path: r.ReadyPath, Deadline: r.StartTimeout}
	switch {
	case r.BaseURL != "":
		return target.NewURL(r.BaseURL, ready), nil
	case r.Command != "":
		return target.NewShell(r.Command, target.ProcessOptions{Ready: ready, Mask: m}), nil
	case r.Image != "" || r.Dockerfile != "":
		if v, _ := lookup("TESTCONTAINERS_RYUK_DISABLED"); v != "true" {
			return nil, errors.New("a container target needs TESTCONTAINERS_RYUK_DISABLED=true: " +
				"the harness removes its containers itself, and the reaper image cannot be pulled without a registry")
		}
		opts := target.ContainerOptions{Image: r.Image, Port: r.ContainerPort,
			Ready: ready, Mask: m}
		if r.Dockerfile != "" {
			opts.Context = filepath.Dir(r.Dockerfile)
			opts.Dockerfile = filepath.Base(r.Dockerfile)
		}
		return target.NewContainer(opts), nil
	}
	return nil, errors.New("no target: give --base-url, --command, --image or --dockerfile")
}

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/harness"
)

// effective is the configuration a run used, as written beside its
// reports: every option after file, environment and flags were merged,
// and every fixture variable, secrets masked.
type effective struct {
	Harness   string            `json:"harness"`
	Options   map[string]any    `json:"options"`
	Variables map[string]string `json:"variables"`
	FromEnv   []string          `json:"variablesFromEnvironment"`
}

// writeConfig writes the effective configuration to file. Values of
// --env are masked as a whole: the harness cannot tell which are secret.
func writeConfig(file string, r *runCmd, l *harness.Loaded) error {
	env := make(map[string]string, len(r.Env))
	for k := range r.Env {
		env[k] = runner.Mask
	}
	e := effective{Harness: runner.Version, Variables: map[string]string{},
		Options: map[string]any{
			"fixtures": r.Fixtures, "contract": r.Contract, "profile": r.Profile,
			"operation": r.Operation, "status": r.Status,
			"label-filter": r.LabelFilter, "base-url": r.BaseURL,
			"command": r.Command, "image": r.Image, "dockerfile": r.Dockerfile,
			"container-port": r.ContainerPort, "ready-path": r.ReadyPath,
			"start-timeout": r.StartTimeout.String(), "env": env,
			"state-url": r.StateURL, "upstream-addr": r.UpstreamAddr, "timeout": r.Timeout.String(),
			"max-body": r.MaxBody, "waivers": r.Waivers,
			"allow-untriggered": r.AllowUntriggered,
			"report-dir":        r.ReportDir, "color": r.Color,
		}}
	for name, v := range l.Fixtures.Variables {
		e.Variables[name] = v.Value
		if v.Secret {
			e.Variables[name] = runner.Mask
		}
		if v.Env != "" {
			e.FromEnv = append(e.FromEnv, v.Env)
		}
	}
	sort.Strings(e.FromEnv)
	data, err := json.MarshalIndent(runner.MapStrings(e, l.Masker.String), "", "  ")
	if err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	data = append(data, '\n')
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	return nil
}

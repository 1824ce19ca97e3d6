package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/alecthomas/kong"
	"go.yaml.in/yaml/v3"
)

// command is a subcommand ready to execute.
type command interface {
	execute(ctx context.Context, stdout, stderr io.Writer, lookup func(string) (string, bool)) int
}

// cli is the command line. Every option can also come from the
// environment (CONFORMANCE_ and the flag's name in upper case) and from a
// YAML config file whose keys are the flags' names; a flag beats the
// environment, which beats the file, which beats the default.
type cli struct {
	Config  string     `help:"YAML file of options, keyed by flag name." env:"CONFORMANCE_CONFIG" placeholder:"FILE"`
	Run     runCmd     `cmd:"" help:"Run the suite against an implementation and write the reports."`
	Plan    planCmd    `cmd:"" help:"Print every case and how it is triggered, without sending a request."`
	Version versionCmd `cmd:"" help:"Print the harness version."`
}

// selection names the contract and which of its cases to run.
type selection struct {
	Fixtures    string   `help:"Fixture file saying how to trigger each status (default: fixtures/seed.yaml, from the current folder)." default:"fixtures/seed.yaml" env:"CONFORMANCE_FIXTURES" placeholder:"FILE"`
	Contract    string   `help:"OpenAPI document; default: the one the fixture file names." env:"CONFORMANCE_CONTRACT" placeholder:"FILE"`
	Profile     string   `help:"How strictly responses are judged: strict or literal." enum:"strict,literal" default:"strict" env:"CONFORMANCE_PROFILE"`
	Operation   []string `help:"Only these operations (METHOD /path or operationId), comma-separated." env:"CONFORMANCE_OPERATION"`
	Status      []string `help:"Only these statuses or classes (404, 4xx), comma-separated." env:"CONFORMANCE_STATUS"`
	LabelFilter string   `help:"Ginkgo label expression, such as 'class:5xx && !trigger:state'." env:"CONFORMANCE_LABEL_FILTER" placeholder:"EXPR"`
}

// target says how to reach the implementation: exactly one of the four,
// which runCmd.Validate asks for (kong's own "required" would print all
// four in the usage line, as if each were needed).
type targetFlags struct {
	BaseURL       string            `help:"Base URL of an implementation already running." env:"CONFORMANCE_BASE_URL" xor:"target" placeholder:"URL"`
	Command       string            `help:"Shell command that starts the implementation; it is given HOST, PORT, UPSTREAM_URL and TEST_CONTROL." env:"CONFORMANCE_COMMAND" xor:"target" placeholder:"CMD"`
	Image         string            `help:"Container image of the implementation, already on the Docker engine." env:"CONFORMANCE_IMAGE" xor:"target" placeholder:"IMAGE"`
	Dockerfile    string            `help:"Dockerfile to build the implementation's image from; its folder is the build context." env:"CONFORMANCE_DOCKERFILE" xor:"target" placeholder:"FILE"`
	ContainerPort int               `help:"Port the implementation listens on inside its container." default:"8080" env:"CONFORMANCE_CONTAINER_PORT"`
	ReadyPath     string            `help:"Path polled until the implementation answers." default:"/" env:"CONFORMANCE_READY_PATH"`
	StartTimeout  time.Duration     `help:"How long to wait for the implementation to answer." default:"60s" env:"CONFORMANCE_START_TIMEOUT"`
	Env           map[string]string `help:"Extra environment of the implementation, KEY=VALUE; masked in config.json, and everywhere when KEY names a secret (TOKEN, SECRET, KEY...)." env:"CONFORMANCE_ENV" placeholder:"KEY=VALUE"`
}

type runCmd struct {
	selection
	targetFlags
	UpstreamAddr     string        `help:"Where the upstream simulator listens, host:port; default: a free port the target can reach." env:"CONFORMANCE_UPSTREAM_ADDR" placeholder:"ADDR"`
	StateURL         string        `help:"Test-control endpoint: a URL, or a path on the base URL." default:"/__test/state" env:"CONFORMANCE_STATE_URL"`
	Timeout          time.Duration `help:"Time allowed for each request." default:"10s" env:"CONFORMANCE_TIMEOUT"`
	MaxBody          int64         `help:"Bytes of a response body read at most." default:"1048576" env:"CONFORMANCE_MAX_BODY"`
	Waivers          string        `help:"Waiver file: cases whose failure is accepted, each with a justification." env:"CONFORMANCE_WAIVERS" placeholder:"FILE"`
	AllowUntriggered bool          `help:"Exit 0 even when some documented status has no trigger." env:"CONFORMANCE_ALLOW_UNTRIGGERED"`
	ReportDir        string        `help:"Folder for junit.xml, report.json, report.html and config.json (default: reports); an earlier run's four are removed first." default:"reports" env:"CONFORMANCE_REPORT_DIR" placeholder:"DIR"`
	Color            string        `help:"Colour on the console: auto, always or never." enum:"auto,always,never" default:"auto" env:"CONFORMANCE_COLOR"`
}

// Validate refuses values that would silently fall back to a default.
func (r *runCmd) Validate() error {
	switch {
	case r.Timeout <= 0:
		return fmt.Errorf("--timeout %s: must be more than zero", r.Timeout)
	case r.StartTimeout <= 0:
		return fmt.Errorf("--start-timeout %s: must be more than zero", r.StartTimeout)
	case r.MaxBody <= 0:
		return fmt.Errorf("--max-body %d: must be a positive number of bytes", r.MaxBody)
	case r.ContainerPort < 1 || r.ContainerPort > 65535:
		return fmt.Errorf("--container-port %d: not a port", r.ContainerPort)
	case r.BaseURL == "" && r.Command == "" && r.Image == "" && r.Dockerfile == "":
		return errors.New("no implementation named: give one of --base-url, --command, --image or --dockerfile")
	}
	return nil
}

type planCmd struct {
	selection
}

type versionCmd struct{}

// parse reads the command line, the environment and the config file; it
// returns nil and no error when help was asked for and printed.
func parse(args []string, stdout io.Writer, lookup func(string) (string, bool)) (command, error) {
	var c cli
	file, err := configFile(args, lookup)
	if err != nil {
		return nil, err
	}
	helped := false
	opts := []kong.Option{
		kong.Name("runner"),
		kong.Description("Certify an implementation of an HTTP API against its OpenAPI document."),
		kong.Writers(stdout, stdout),
		kong.Exit(func(int) { helped = true }),
		kong.UsageOnError(),
	}
	if file != nil {
		opts = append(opts, kong.Resolvers(file))
	}
	parser, err := kong.New(&c, opts...)
	if err != nil {
		return nil, err
	}
	ctx, err := parser.Parse(args)
	if helped {
		return nil, nil
	}
	if err != nil {
		if r, ok := file.(*fileResolver); ok {
			err = r.explain(err)
		}
		return nil, err
	}
	switch ctx.Command() {
	case "run":
		return &c.Run, nil
	case "plan":
		return &c.Plan, nil
	case "version":
		return c.Version, nil
	}
	return nil, fmt.Errorf("unknown command %q", ctx.Command())
}

// configFile finds the config file named by --config or
// CONFORMANCE_CONFIG and reads it; nil when there is none.
func configFile(args []string, lookup func(string) (string, bool)) (kong.Resolver, error) {
	env, _ := lookup("CONFORMANCE_CONFIG")
	path := flagValue(args, "config", env)
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	var values map[string]any
	if err := yaml.Unmarshal(data, &values); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("reading config %s: it must be a mapping of option names to values", path)
		}
		return nil, fmt.Errorf("reading config %s: %s", path,
			strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return &fileResolver{path: path, values: values, lookup: lookup,
		used: map[string]bool{}}, nil
}

// flagValue returns the last value args give the flag name, as --name V
// or --name=V, read before kong parses them; fallback when they give none.
func flagValue(args []string, name, fallback string) string {
	v := fallback
	for i, a := range args {
		switch {
		case a == "--"+name && i+1 < len(args):
			v = args[i+1]
		case strings.HasPrefix(a, "--"+name+"="):
			v = strings.TrimPrefix(a, "--"+name+"=")
		}
	}
	return v
}

// fileResolver gives kong the values of a config file. It yields to the
// environment: a flag whose variable is set is left for kong's own
// environment handling, so the file ranks below it.
type fileResolver struct {
	path   string
	values map[string]any
	lookup func(string) (string, bool)
	used   map[string]bool // the flags given a value from the file
}

// explain names the file in an error about a value it gave, such as
// "--timeout: expected duration but got "soon"".
func (r *fileResolver) explain(err error) error {
	name, _, ok := strings.Cut(strings.TrimPrefix(err.Error(), "--"), ":")
	if ok && r.used[name] {
		return fmt.Errorf("config %s: %w", r.path, err)
	}
	return err
}

// Validate refuses a config file that names an option no command has.
func (r *fileResolver) Validate(app *kong.Application) error {
	known := map[string]bool{}
	for _, n := range app.Leaves(true) {
		for _, f := range n.Flags {
			known[f.Name] = true
		}
	}
	for _, f := range app.Flags {
		known[f.Name] = true
	}
	var unknown []string
	for k := range r.values {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("config %s: unknown option(s) %s", r.path, strings.Join(unknown, ", "))
	}
	return nil
}

// Resolve returns the file's value for f, or nil to leave f to the
// environment, the flag or its default.
func (r *fileResolver) Resolve(_ *kong.Context, _ *kong.Path, f *kong.Flag) (any, error) {
	for _, env := range f.Envs {
		if _, ok := r.lookup(env); ok {
			return nil, nil
		}
	}
	v, ok := r.values[f.Name]
	if !ok {
		return nil, nil
	}
	r.used[f.Name] = true
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, p := range v {
			parts[i] = fmt.Sprint(p)
		}
		return strings.Join(parts, ","), nil
	case map[string]any:
		parts := make([]string, 0, len(v))
		for k, p := range v {
			parts = append(parts, k+"="+fmt.Sprint(p))
		}
		return strings.Join(parts, ";"), nil
	case nil:
		return nil, errors.New("config " + r.path + ": " + f.Name + " has no value")
	}
	return fmt.Sprint(v), nil
}

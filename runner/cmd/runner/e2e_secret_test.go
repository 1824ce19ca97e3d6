package main

import (
	"crypto/rand"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/apiconformance/harness/runner"
)

func TestRunKeepsSecrets(t *testing.T) {
	t.Parallel()
	token := randomToken(t)
	data := dataWithAdminToken(t, token)
	secrets := append(seedSecrets(t), token)
	env := []string{"CONFORMANCE_VAR_ADMINTOKEN=" + token}

	tests := []struct {
		name   string
		mutant []string
		code   int
	}{
		// The reference accepts only the fresh token as admin's, so a
		// pass shows the token from the environment was sent.
		{name: "reference", code: exitOK},
		{name: "mutant", code: exitFailed,
			mutant: []string{"-mutant", "success-true-on-error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			ref := refCommand(append([]string{"-data", data},
				tt.mutant...)...)
			r := runRunner(t, env, "run", "--command", ref,
				"--report-dir", dir, "--color", "never")
			wantCode(t, r, tt.code)

			outputs := map[string]string{
				"stdout": r.stdout, "stderr": r.stderr}
			for name, text := range reportFiles(t, dir) {
				outputs[name] = text
			}
			if _, ok := outputs["config.json"]; !ok {
				t.Fatalf("no config.json among %d outputs", len(outputs))
			}
			for name, text := range outputs {
				for _, s := range leaks(text, secrets) {
					t.Errorf("%s holds the secret %q", name, s)
				}
			}
		})
	}
}

// TestRunMasksEnvValues: a value given with --env that the implementation
// prints (here as it fails to start, so the runner shows its last lines)
// is masked.
func TestRunMasksEnvValues(t *testing.T) {
	t.Parallel()
	apiKey := randomToken(t)
	dir := t.TempDir()
	r := runRunner(t, nil, "run", "--command", "echo key $API_KEY; exit 1",
		"--env", "API_KEY="+apiKey, "--report-dir", dir, "--color", "never")
	wantCode(t, r, exitHarness)
	if !strings.Contains(r.stderr, "key "+runner.Mask) {
		t.Errorf("the start failure does not show the masked output line:\n%s", r.stderr)
	}
	for name, text := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if strings.Contains(text, apiKey) {
			t.Errorf("%s holds the --env value", name)
		}
	}
}

// TestPlanKeepsSecrets: a secret variable that a fixture puts in the path
// is masked in the plan as in a run.
func TestPlanKeepsSecrets(t *testing.T) {
	t.Parallel()
	token := randomToken(t)
	data, err := os.ReadFile(filepath.Join(built.root, "fixtures", "seed.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), `groupId: "${groupId}"`,
		`groupId: "${adminToken}"`, 1)
	if text == string(data) {
		t.Fatal("seed fixtures: no base groupId to replace")
	}
	text = strings.Replace(text, "contract: ../specs/seed.yaml",
		"contract: "+filepath.Join(built.root, "specs", "seed.yaml"), 1)
	fixtures := writeFile(t, t.TempDir(), "seed.yaml", text)

	r := runRunner(t, []string{"CONFORMANCE_VAR_ADMINTOKEN=" + token},
		"plan", "--fixtures", fixtures)
	wantCode(t, r, exitOK)
	if !strings.Contains(r.stdout, "/v1/groups/"+runner.Mask+"/assignAsAdmin") {
		t.Errorf("the plan does not show the masked path:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout+r.stderr, token) {
		t.Errorf("the plan shows the secret:\n%s", r.stdout)
	}
}

// leaks returns the secrets that appear in text.
func leaks(text string, secrets []string) []string {
	var out []string
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			out = append(out, s)
		}
	}
	return out
}

func TestLeaks(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{name: "masked", text: "X-Auth-Token: ****", want: 0},
		{name: "in a curl line", want: 1,
			text: "curl -H 'X-Auth-Token: tok-1'"},
		{name: "both", text: "tok-1 and cid-2", want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := leaks(tt.text, []string{"tok-1", "cid-2", ""})
			if len(got) != tt.want {
				t.Errorf("leaks = %q, want %d", got, tt.want)
			}
		})
	}
}

// randomToken is a token no file of the repository holds.
func randomToken(tb testing.TB) string {
	tb.Helper()
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		tb.Fatalf("making a token: %v", err)
	}
	return "e2e-admin-" + hex.EncodeToString(b)
}

// dataWithAdminToken writes a copy of the reference's data file in
// which the admin's token is token, and returns its path.
func dataWithAdminToken(tb testing.TB, token string) string {
	tb.Helper()
	src := filepath.Join(built.root, "reference", "seed", "data.json")
	data, err := os.ReadFile(src)
	if err != nil {
		tb.Fatalf("reading the reference data: %v", err)
	}
	admin := seedVariable(tb, "adminToken")
	if !strings.Contains(string(data), `"`+admin+`"`) {
		tb.Fatalf("reference data: no token %q", admin)
	}
	out := strings.ReplaceAll(string(data), `"`+admin+`"`, `"`+token+`"`)
	file := filepath.Join(tb.TempDir(), "data.json")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		tb.Fatalf("writing the reference data: %v", err)
	}
	return file
}

// seedVar is one variable of the seed fixtures.
type seedVar struct {
	Value  string `yaml:"value"`
	Secret bool   `yaml:"secret"`
}

// seedVariables reads the variables of the seed fixtures.
func seedVariables(tb testing.TB) map[string]seedVar {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(built.root, "fixtures", "seed.yaml"))
	if err != nil {
		tb.Fatalf("reading the seed fixtures: %v", err)
	}
	var f struct {
		Variables map[string]seedVar `yaml:"variables"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		tb.Fatalf("parsing the seed fixtures: %v", err)
	}
	return f.Variables
}

// seedVariable is the value of one variable of the seed fixtures.
func seedVariable(tb testing.TB, name string) string {
	tb.Helper()
	v, ok := seedVariables(tb)[name]
	if !ok || v.Value == "" {
		tb.Fatalf("seed fixtures: no variable %s", name)
	}
	return v.Value
}

// seedSecrets lists the values of the secret variables of the seed
// fixtures; the five the tests rely on must be among them.
func seedSecrets(tb testing.TB) []string {
	tb.Helper()
	vars := seedVariables(tb)
	var out []string
	for _, name := range []string{"adminToken", "memberToken",
		"expiredToken", "clientId", "burstClientId"} {
		if v := vars[name]; !v.Secret || v.Value == "" {
			tb.Fatalf("seed fixtures: %s is not a secret with a value", name)
		}
	}
	for _, v := range vars {
		if v.Secret {
			out = append(out, v.Value)
		}
	}
	return out
}

// reportFiles reads every file under dir, keyed by its relative path.
func reportFiles(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry,
		err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[rel] = string(data)
		return nil
	})
	if err != nil {
		tb.Fatalf("reading the reports: %v", err)
	}
	return out
}

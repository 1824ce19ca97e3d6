package harness_test

import (
	"path/filepath"
	"testing"

	"github.com/apiconformance/harness/runner/harness"
)

func TestLoadWaivers(t *testing.T) {
	p := loadSeed(t).Plan
	id := p.Cases[0].ID
	tests := []struct {
		name string
		text string // "" leaves the file missing
		want map[string]string
		fail bool
	}{
		{name: "one waiver", want: map[string]string{id: "in release 2"},
			text: "waivers:\n  - case: " + id +
				"\n    justification: in release 2\n"},
		{name: "no waiver listed", want: map[string]string{},
			text: "waivers: []\n"},
		{name: "only comments", want: map[string]string{},
			text: "# waivers:\n#   - case: " + id + "\n"},
		{name: "no justification", fail: true,
			text: "waivers:\n  - case: " + id + "\n"},
		{name: "blank justification", fail: true,
			text: "waivers:\n  - case: " + id +
				"\n    justification: '  '\n"},
		{name: "unknown case", fail: true,
			text: "waivers:\n  - case: GET /nowhere/200\n" +
				"    justification: gone\n"},
		{name: "unknown key", fail: true,
			text: "waivers:\n  - case: " + id +
				"\n    justification: j\n    until: 2027\n"},
		{name: "unknown top key", fail: true, text: "waiver: []\n"},
		{name: "not YAML", fail: true, text: "waivers: [\n"},
		{name: "missing file", fail: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "waivers.yaml")
			if tt.text != "" {
				file = writeFile(t, dir, "waivers.yaml", tt.text)
			}
			got, err := harness.LoadWaivers(file, p)
			if tt.fail {
				assertNames(t, err, file)
				return
			}
			if err != nil {
				t.Fatalf("loading waivers: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("waivers = %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("waiver of %s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

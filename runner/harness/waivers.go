package harness

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/apiconformance/harness/runner/plan"
)

// waiverFile is the shape of a waiver file:
//
//	waivers:
//	  - case: PUT /v1/groups/{groupId}/assignAsAdmin/503
//	    justification: maintenance mode ships in release 2.1
type waiverFile struct {
	Waivers []struct {
		Case          string `yaml:"case"`
		Justification string `yaml:"justification"`
	} `yaml:"waivers"`
}

// LoadWaivers reads a waiver file and returns the justification by case
// ID. A waiver without a justification, or for a case the plan does not
// hold, is an error naming the file.
func LoadWaivers(file string, p plan.Plan) (map[string]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("loading waivers: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var wf waiverFile
	// A file with no document, all waivers commented out, waives nothing.
	if err := dec.Decode(&wf); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	known := map[string]bool{}
	for _, c := range p.Cases {
		known[c.ID] = true
	}
	out := map[string]string{}
	for i, w := range wf.Waivers {
		switch {
		case !known[w.Case]:
			return nil, fmt.Errorf("%s: waiver %d: no case %q in the plan", file, i+1, w.Case)
		case strings.TrimSpace(w.Justification) == "":
			return nil, fmt.Errorf("%s: waiver %d (%s): a waiver needs a written justification",
				file, i+1, w.Case)
		}
		out[w.Case] = w.Justification
	}
	return out, nil
}

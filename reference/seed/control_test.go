package seed

import (
	"net/http"
	"testing"
	"time"
)

func TestControlEndpointExistsOnlyWhenOn(t *testing.T) {
	tests := []struct {
		name string
		on   bool
		want int
	}{
		{name: "on", on: true, want: 200},
		{name: "off", on: false, want: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := newSeed(t, newUpstream(t, upNormal),
				func(c *Config) { c.TestControl = tt.on })
			checkControl(t, setState(t, base, StateMaintenance, ""), tt.want)
		})
	}
}

// checkControl fails tb unless a has status want and a JSON object body.
func checkControl(tb testing.TB, a answer, want int) map[string]any {
	tb.Helper()
	if a.status != want || a.ctype != jsonType {
		tb.Fatalf("answer %d %s, want %d %s", a.status, a.ctype, want,
			jsonType)
	}
	return decode(tb, a.body)
}

func TestControlSwitchesStates(t *testing.T) {
	tests := []struct {
		name  string
		state string
		want  int // the operation's status while the state is set
	}{
		{name: "maintenance", state: StateMaintenance, want: 503},
		{name: "internal fault", state: StateInternalFault, want: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := newSeed(t, newUpstream(t, upNormal), nil)
			got := checkControl(t, setState(t, base, tt.state, ""), 200)
			if got["active"] != true || got["action"] != "setup" {
				t.Errorf("setup answer = %v, want active by default", got)
			}
			checkAnswer(t, send(t, base, baseRequest()), tt.want)

			got = checkControl(t, setState(t, base, tt.state, "teardown"),
				200)
			if got["active"] != false {
				t.Errorf("teardown answer = %v, want inactive", got)
			}
			checkAnswer(t, send(t, base, baseRequest()), 200)
		})
	}
}

func TestControlRefusesBadChanges(t *testing.T) {
	tests := []struct {
		name string
		body string
		want int
	}{
		{name: "setup", body: `{"state": "maintenance", "action": "setup",
			"params": {"why": "test"}}`, want: 200},
		{name: "not JSON", body: `{"state":`, want: 400},
		{name: "not an object", body: `["maintenance"]`, want: 400},
		{name: "unknown state", body: `{"state": "flood"}`, want: 400},
		{name: "no state", body: `{}`, want: 400},
		{name: "unknown action", body: `{"state": "maintenance",
			"action": "toggle"}`, want: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := newSeed(t, newUpstream(t, upNormal), nil)
			a := send(t, base, request{method: http.MethodPost,
				path: controlPath, body: &tt.body})
			got := checkControl(t, a, tt.want)
			if tt.want == 400 && got["type"] != "invalid_request" {
				t.Errorf("error body = %v, want invalid_request", got)
			}
		})
	}
}

func TestControlIgnoresLimitAndMaintenance(t *testing.T) {
	base := newSeed(t, newUpstream(t, upNormal), func(c *Config) {
		c.RateLimit = Rate{Requests: 1, Window: time.Hour}
	})

	// More state calls than the limit allows, all while in maintenance.
	for range 3 {
		checkControl(t, setState(t, base, StateMaintenance, "setup"), 200)
	}
	checkControl(t, setState(t, base, StateMaintenance, "teardown"), 200)
	checkAnswer(t, send(t, base, baseRequest()), 200)
}

func TestControlIsNeverMutated(t *testing.T) {
	base := newSeed(t, newUpstream(t, upNormal),
		func(c *Config) { c.Mutant = "error-extra-field" })
	body := `{"state": "flood"}`
	a := send(t, base, request{method: http.MethodPost, path: controlPath,
		body: &body})
	checkAnswer(t, a, 400)
}

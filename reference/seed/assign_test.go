package seed

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// wantBody is the exact body the contract asks for status.
func wantBody(status int) map[string]any {
	if status == http.StatusOK {
		return map[string]any{"success": true,
			"data": map[string]any{"message": assigned}}
	}
	msg, kind := errorText(status)
	return map[string]any{"message": msg, "type": kind, "success": false}
}

// checkAnswer fails tb unless a is the conforming answer of want.
func checkAnswer(tb testing.TB, a answer, want int) {
	tb.Helper()
	if a.status != want {
		tb.Fatalf("status = %d, want %d (body %s)", a.status, want, a.body)
	}
	if a.ctype != jsonType {
		tb.Errorf("Content-Type = %q, want %q", a.ctype, jsonType)
	}
	if got := decode(tb, a.body); !reflect.DeepEqual(got, wantBody(want)) {
		tb.Errorf("body = %v, want %v", got, wantBody(want))
	}
	if !json.Valid(a.body) {
		tb.Errorf("body %q is not one JSON value", a.body)
	}
}

func TestFixtureTriggersReachEachStatus(t *testing.T) {
	for _, sc := range fixtureScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			checkAnswer(t, run(t, sc, ""), sc.want)
		})
	}
}

func TestEachCheckRefusesForItsReasons(t *testing.T) {
	drop := func(h string) func(*request) { return withHeader(h, "") }
	tests := []scenario{
		// Credentials.
		{name: "token missing", want: 401, edit: drop("x-auth-token")},
		{name: "client id missing", want: 401, edit: drop("x-client-id")},
		{name: "unknown token", want: 401,
			edit: withHeader("x-auth-token", "ref-nobody")},
		{name: "unknown client id", want: 401,
			edit: withHeader("x-client-id", "ref-nobody")},
		{name: "expired token", want: 403,
			edit: withHeader("x-auth-token", expiredToken)},

		// Body shape.
		{name: "no body", want: 400,
			edit: func(r *request) { r.body = nil }},
		{name: "blank body", want: 400, edit: withBody("  \n")},
		{name: "array body", want: 400, edit: withBody(`[153]`)},
		{name: "empty object", want: 400, edit: withBody(`{}`)},
		{name: "extra property", want: 400,
			edit: withBody(`{"userId": 153, "role": "admin"}`)},
		{name: "bytes after the value", want: 400,
			edit: withBody(`{"userId": 153} {}`)},

		// userId value.
		{name: "userId string", want: 422, edit: withBody(`{"userId": "153"}`)},
		{name: "userId fraction", want: 422, edit: withBody(`{"userId": 1.5}`)},
		{name: "userId exponent", want: 422, edit: withBody(`{"userId": 1e2}`)},
		{name: "userId null", want: 422, edit: withBody(`{"userId": null}`)},
		{name: "userId zero", want: 422, edit: withBody(`{"userId": 0}`)},
		{name: "userId past int64", want: 422,
			edit: withBody(`{"userId": 99999999999999999999}`)},

		// Directory answers.
		{name: "directory says not a member", want: 422,
			upstream: upNotMember},
		{name: "directory does not know the user", want: 422,
			upstream: upUnknown},
		{name: "directory fails", want: 502, upstream: upFailing},
		{name: "directory JSON as text/plain", want: 502,
			upstream: upTextType},
		{name: "directory without member", want: 502, upstream: upNoMember},
		{name: "directory member as string", want: 502,
			upstream: upStringFlag},
		{name: "directory answers an array", want: 502,
			upstream: upNotObject},
		{name: "directory refuses connections", want: 502,
			upstream: upRefused},

		// Order of the checks: the earlier one wins.
		{name: "rate limit before maintenance", want: 429, burst: true,
			state: StateMaintenance},
		{name: "maintenance before credentials", want: 503,
			state: StateMaintenance, edit: drop("x-auth-token")},
		{name: "credentials before body", want: 401,
			edit: func(r *request) {
				drop("x-client-id")(r)
				withBody("nonsense")(r)
			}},
		{name: "expired before body", want: 403,
			edit: func(r *request) {
				withHeader("x-auth-token", expiredToken)(r)
				withBody("nonsense")(r)
			}},
		{name: "body before group", want: 400, edit: func(r *request) {
			r.path = "/v1/groups/" + missingGroupID + "/assignAsAdmin"
			withBody("nonsense")(r)
		}},
		{name: "fault before group existence", want: 500,
			state: StateInternalFault, edit: func(r *request) {
				r.path = "/v1/groups/" + missingGroupID + "/assignAsAdmin"
			}},
		{name: "group before admin", want: 404, edit: func(r *request) {
			r.path = "/v1/groups/" + missingGroupID + "/assignAsAdmin"
			withHeader("x-auth-token", memberToken)(r)
		}},
		{name: "admin before directory", want: 403, upstream: upInvalid,
			edit: withHeader("x-auth-token", memberToken)},

		// Outside the operation.
		{name: "unknown path", want: 404,
			edit: func(r *request) { r.path = "/v1/groups/1234" }},
		{name: "other method", want: 405,
			edit: func(r *request) { r.method = http.MethodPost }},
	}
	for _, sc := range tests {
		t.Run(sc.name, func(t *testing.T) {
			checkAnswer(t, run(t, sc, ""), sc.want)
		})
	}
}

func TestAssignedUserBecomesAdmin(t *testing.T) {
	base := newSeed(t, newUpstream(t, upNormal), nil)

	// The member is refused, then made admin by the admin, then admitted.
	req := baseRequest()
	req.header["x-auth-token"] = memberToken
	checkAnswer(t, send(t, base, req), 403)

	grant := baseRequest()
	grant.body = new(string)
	*grant.body = `{"userId": 42}`
	checkAnswer(t, send(t, base, grant), 200)
	checkAnswer(t, send(t, base, req), 200)
}

func TestOtherMethodNamesPut(t *testing.T) {
	base := newSeed(t, newUpstream(t, upNormal), nil)
	resp, err := http.Get(base + baseRequest().path)
	if err != nil {
		t.Fatalf("sending request: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("status = %d, want 405", resp.StatusCode)
	}
	if got := resp.Header.Get("Allow"); !strings.Contains(got, "PUT") {
		t.Errorf("Allow = %q, want PUT", got)
	}
}

func BenchmarkAssign(b *testing.B) {
	base := newSeed(b, newUpstream(b, upNormal), func(c *Config) {
		c.RateLimit = Rate{Requests: 1 << 30, Window: time.Hour}
	})
	req := baseRequest()
	for b.Loop() {
		if a := send(b, base, req); a.status != 200 {
			b.Fatalf("status = %d, want 200", a.status)
		}
	}
}

package seed

import (
	"os"
	"strconv"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// readYAML decodes the YAML file at path into v.
func readYAML(tb testing.TB, path string, v any) {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("reading %s: %v", path, err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		tb.Fatalf("decoding %s: %v", path, err)
	}
}

// specResponses is the part of specs/seed.yaml the bodies come from.
type specResponses struct {
	Paths map[string]map[string]struct {
		Responses map[string]struct {
			Content map[string]struct {
				Schema struct {
					Properties map[string]struct {
						Example    any `yaml:"example"`
						Properties map[string]struct {
							Enum []string `yaml:"enum"`
						} `yaml:"properties"`
					} `yaml:"properties"`
				} `yaml:"schema"`
			} `yaml:"content"`
		} `yaml:"responses"`
	} `yaml:"paths"`
}

func TestBodiesAreTheContractExamples(t *testing.T) {
	var spec specResponses
	readYAML(t, "../../specs/seed.yaml", &spec)
	op := spec.Paths["/v1/groups/{groupId}/assignAsAdmin"]["put"]
	if len(op.Responses) != 11 {
		t.Fatalf("%d responses in the document, want 11", len(op.Responses))
	}
	for code, resp := range op.Responses {
		t.Run(code, func(t *testing.T) {
			status, err := strconv.Atoi(code)
			if err != nil {
				t.Fatalf("status %q: %v", code, err)
			}
			props := resp.Content[jsonType].Schema.Properties
			if status == 200 {
				enum := props["data"].Properties["message"].Enum
				if len(enum) != 1 || enum[0] != assigned {
					t.Errorf("200 message enum = %q, want [%q]", enum,
						assigned)
				}
				return
			}
			msg, kind := errorText(status)
			if props["message"].Example != msg || props["type"].Example != kind {
				t.Errorf("example %v/%v, server writes %q/%q",
					props["message"].Example, props["type"].Example, msg,
					kind)
			}
		})
	}
}

// fixtureVariables is the variables section of fixtures/seed.yaml.
type fixtureVariables struct {
	Variables map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"variables"`
}

func TestDefaultDataMatchesFixtures(t *testing.T) {
	var fx fixtureVariables
	readYAML(t, "../../fixtures/seed.yaml", &fx)
	v := func(name string) string {
		val := fx.Variables[name].Value
		if val == "" {
			t.Fatalf("fixture variable %s is missing", name)
		}
		return val
	}
	st, err := loadStore("")
	if err != nil {
		t.Fatalf("loading default data: %v", err)
	}
	now := time.Now()
	group := v("groupId")
	user := func(name string) token {
		tok, ok := st.token(v(name))
		if !ok {
			t.Fatalf("token %s unknown to the default data", name)
		}
		return tok
	}

	tests := []struct {
		name string
		ok   bool
	}{
		{"group exists", st.hasGroup(group)},
		{"missing group is missing", !st.hasGroup(v("missingGroupId"))},
		{"client known", st.knownClient(v("clientId"))},
		{"burst client known", st.knownClient(v("burstClientId"))},
		{"admin token valid", !user("adminToken").expired(now)},
		{"admin is admin", st.isAdmin(group, user("adminToken").user)},
		{"member token valid", !user("memberToken").expired(now)},
		{"member is member", st.isMember(group, user("memberToken").user)},
		{"member not admin", !st.isAdmin(group, user("memberToken").user)},
		{"expired token expired", user("expiredToken").expired(now)},
		{"assigned user not caller", strconv.FormatInt(
			user("memberToken").user, 10) != v("userId")},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("%s: does not hold", tt.name)
		}
	}
}

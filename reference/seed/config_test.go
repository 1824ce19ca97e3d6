package seed

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestNewChecksConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr bool
		is      error // when set, the error must be it
	}{
		{name: "minimal", cfg: Config{UpstreamURL: "http://127.0.0.1:1"}},
		{name: "no upstream", cfg: Config{}, wantErr: true,
			is: ErrNoUpstream},
		{name: "relative upstream", cfg: Config{UpstreamURL: "/members"},
			wantErr: true},
		{name: "other scheme", cfg: Config{UpstreamURL: "ftp://h/"},
			wantErr: true},
		{name: "negative timeout", cfg: Config{UpstreamURL: "http://h",
			UpstreamTimeout: -time.Second}, wantErr: true},
		{name: "half a rate", cfg: Config{UpstreamURL: "http://h",
			RateLimit: Rate{Requests: 3}}, wantErr: true},
		{name: "missing data file", cfg: Config{UpstreamURL: "http://h",
			DataFile: filepath.Join(t.TempDir(), "none.json")},
			wantErr: true, is: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.cfg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("New error = %v, want error: %v", err, tt.wantErr)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Fatalf("New error = %v, want %v", err, tt.is)
			}
			if s != nil {
				s.Close()
			}
		})
	}
}

func TestDefaultsFillZeroFields(t *testing.T) {
	cfg, err := Config{UpstreamURL: "http://h"}.withDefaults()
	if err != nil {
		t.Fatalf("withDefaults: %v", err)
	}
	want := Rate{Requests: DefaultRequests, Window: DefaultWindow}
	if cfg.RateLimit != want || cfg.UpstreamTimeout != DefaultUpstreamTimeout ||
		cfg.Logger == nil {
		t.Errorf("defaults = %+v", cfg)
	}
}

func TestDataFileReplacesDefault(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.json")
	data := `{"clients": ["c-1"], "users": [{"id": 1, "name": "a"}],
		"tokens": [{"value": "t-1", "user": 1}],
		"groups": [{"id": "g-1", "admins": [1], "members": [1]}]}`
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	base := newSeed(t, newUpstream(t, upNormal),
		func(c *Config) { c.DataFile = path })

	req := baseRequest()
	checkAnswer(t, send(t, base, req), 401) // the default client is gone
	req.header["x-auth-token"], req.header["x-client-id"] = "t-1", "c-1"
	req.path = "/v1/groups/g-1/assignAsAdmin"
	checkAnswer(t, send(t, base, req), 200)
}

func TestParseStoreRefusesBadData(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantErr bool
	}{
		{name: "embedded default", data: string(defaultData)},
		{name: "empty object", data: `{}`},
		{name: "not JSON", data: `{`, wantErr: true},
		{name: "unknown field", data: `{"admins": []}`, wantErr: true},
		{name: "empty client", data: `{"clients": [""]}`, wantErr: true},
		{name: "repeated user", data: `{"users": [{"id": 1}, {"id": 1}]}`,
			wantErr: true},
		{name: "token of unknown user",
			data: `{"tokens": [{"value": "t", "user": 9}]}`, wantErr: true},
		{name: "repeated token", data: `{"users": [{"id": 1}],
			"tokens": [{"value": "t", "user": 1}, {"value": "t", "user": 1}]}`,
			wantErr: true},
		{name: "admin unknown", data: `{"groups": [{"id": "g",
			"admins": [3]}]}`, wantErr: true},
		{name: "repeated group", data: `{"groups": [{"id": "g"},
			{"id": "g"}]}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseStore([]byte(tt.data))
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseStore error = %v, want error: %v", err,
					tt.wantErr)
			}
		})
	}
}

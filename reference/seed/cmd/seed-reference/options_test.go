package main

import (
	"errors"
	"flag"
	"io"
	"testing"
	"time"

	"github.com/apiconformance/harness/reference/seed"
)

// envOf returns a getenv over the map env.
func envOf(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

func TestParseOptionsPrecedence(t *testing.T) {
	up := map[string]string{"UPSTREAM_URL": "http://dir"}
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(options) bool
	}{
		{name: "defaults", env: up, check: func(o options) bool {
			return o.addr == defaultAddr && !o.cfg.TestControl &&
				o.cfg.UpstreamURL == "http://dir" &&
				o.cfg.UpstreamTimeout == seed.DefaultUpstreamTimeout &&
				o.cfg.RateLimit == seed.Rate{Requests: 20, Window: time.Second}
		}},
		{name: "PORT without -addr", env: map[string]string{
			"UPSTREAM_URL": "http://dir", "PORT": "9000"},
			check: func(o options) bool { return o.addr == ":9000" }},
		{name: "HOST and PORT", env: map[string]string{
			"UPSTREAM_URL": "http://dir", "HOST": "127.0.0.1", "PORT": "9000"},
			check: func(o options) bool { return o.addr == "127.0.0.1:9000" }},
		{name: "-addr over PORT", args: []string{"-addr", "127.0.0.1:0"},
			env:   map[string]string{"UPSTREAM_URL": "u", "PORT": "9000"},
			check: func(o options) bool { return o.addr == "127.0.0.1:0" }},
		{name: "flag over env", args: []string{"-upstream", "http://flag"},
			env: up, check: func(o options) bool {
				return o.cfg.UpstreamURL == "http://flag"
			}},
		{name: "env settings", env: map[string]string{
			"UPSTREAM_URL": "http://dir", "TEST_CONTROL": "true",
			"UPSTREAM_TIMEOUT": "250ms", "RATE_LIMIT": "3/1m",
			"MUTANT": "html-502", "DATA_FILE": "d.json"},
			check: func(o options) bool {
				return o.cfg.TestControl && o.cfg.Mutant == "html-502" &&
					o.cfg.UpstreamTimeout == 250*time.Millisecond &&
					o.cfg.RateLimit == seed.Rate{Requests: 3, Window: time.Minute} &&
					o.cfg.DataFile == "d.json"
			}},
		{name: "flags over env settings", args: []string{
			"-test-control=false", "-rate-limit", "7/2s", "-mutant", ""},
			env: map[string]string{"UPSTREAM_URL": "http://dir",
				"TEST_CONTROL": "true", "RATE_LIMIT": "3/1m",
				"MUTANT": "html-502"},
			check: func(o options) bool {
				return !o.cfg.TestControl && o.cfg.Mutant == "" &&
					o.cfg.RateLimit == seed.Rate{Requests: 7, Window: 2 * time.Second}
			}},
		{name: "list needs no upstream", args: []string{"-list-mutants"},
			check: func(o options) bool { return o.listMutants }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseOptions(tt.args, envOf(tt.env), io.Discard)
			if err != nil {
				t.Fatalf("parseOptions: %v", err)
			}
			if !tt.check(o) {
				t.Errorf("options = %+v", o)
			}
		})
	}
}

func TestParseOptionsRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		help bool // the error is flag.ErrHelp
	}{
		{name: "no upstream"},
		{name: "bad TEST_CONTROL", env: map[string]string{
			"UPSTREAM_URL": "u", "TEST_CONTROL": "sometimes"}},
		{name: "bad UPSTREAM_TIMEOUT", env: map[string]string{
			"UPSTREAM_URL": "u", "UPSTREAM_TIMEOUT": "soon"}},
		{name: "bad rate", args: []string{"-rate-limit", "20"},
			env: map[string]string{"UPSTREAM_URL": "u"}},
		{name: "unknown flag", args: []string{"-port", "1"},
			env: map[string]string{"UPSTREAM_URL": "u"}},
		{name: "stray argument", args: []string{"serve"},
			env: map[string]string{"UPSTREAM_URL": "u"}},
		{name: "help", args: []string{"-h"}, help: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseOptions(tt.args, envOf(tt.env), io.Discard)
			if err == nil {
				t.Fatal("parseOptions: no error")
			}
			if got := errors.Is(err, flag.ErrHelp); got != tt.help {
				t.Errorf("error %v: help = %v, want %v", err, got, tt.help)
			}
		})
	}
}

package seed

import (
	"strconv"
	"testing"
	"time"
)

func TestLimiterWindow(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	rate := Rate{Requests: 2, Window: time.Second}
	tests := []struct {
		name string
		key  string
		at   time.Duration // after t0
		want bool
	}{
		{name: "first", key: "a", at: 0, want: true},
		{name: "second", key: "a", at: 100 * time.Millisecond, want: true},
		{name: "third in window", key: "a", at: 999 * time.Millisecond},
		{name: "other client", key: "b", at: 999 * time.Millisecond,
			want: true},
		{name: "fourth in window", key: "a", at: 999 * time.Millisecond},
		{name: "next window", key: "a", at: time.Second, want: true},
		{name: "next window second", key: "a", at: 1500 * time.Millisecond,
			want: true},
		{name: "next window third", key: "a", at: 1900 * time.Millisecond},
	}
	l := newLimiter(rate)
	for _, tt := range tests {
		if got := l.allow(tt.key, t0.Add(tt.at)); got != tt.want {
			t.Errorf("%s: allow = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLimiterPrunesEndedWindows(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	l := newLimiter(Rate{Requests: 1, Window: time.Second})
	for i := range maxWindows {
		l.allow(strconv.Itoa(i), t0)
	}
	l.allow("late", t0.Add(time.Minute))
	if n := len(l.windows); n != 1 {
		t.Errorf("%d windows after pruning, want 1", n)
	}
}

func TestRateLimitPerClient(t *testing.T) {
	tests := []struct {
		name   string
		client string // "" keys on the remote address
		want   int    // status past the limit
	}{
		{name: "by client id", client: burstClientID, want: 429},
		{name: "by remote address", client: "", want: 429},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := newSeed(t, newUpstream(t, upNormal), func(c *Config) {
				c.RateLimit = Rate{Requests: 2, Window: time.Hour}
			})
			req := baseRequest()
			req.header["x-client-id"] = tt.client
			under := 200
			if tt.client == "" {
				under = 401
			}
			for range 2 {
				checkAnswer(t, send(t, base, req), under)
			}
			checkAnswer(t, send(t, base, req), tt.want)

			// Another client keeps its own window.
			checkAnswer(t, send(t, base, baseRequest()), 200)
		})
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Rate
		wantErr bool
	}{
		{name: "default", in: "20/1s", want: Rate{20, time.Second}},
		{name: "milliseconds", in: "5/250ms",
			want: Rate{5, 250 * time.Millisecond}},
		{name: "empty", in: "", wantErr: true},
		{name: "no window", in: "20", wantErr: true},
		{name: "zero requests", in: "0/1s", wantErr: true},
		{name: "negative requests", in: "-1/1s", wantErr: true},
		{name: "word requests", in: "many/1s", wantErr: true},
		{name: "zero window", in: "20/0s", wantErr: true},
		{name: "bad window", in: "20/soon", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRate(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("ParseRate(%q) = %v, %v; want %v, error %v",
					tt.in, got, err, tt.want, tt.wantErr)
			}
			if back, _ := ParseRate(got.String()); err == nil && back != got {
				t.Errorf("String %q does not read back", got)
			}
		})
	}
}

package engine_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apiconformance/harness/runner"
	"github.com/apiconformance/harness/runner/exchange"
)

// TestHostileImplementationsGetAVerdict holds the engine to a verdict,
// never a crash or a hang, whatever the implementation does.
func TestHostileImplementationsGetAVerdict(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		rule    runner.Rule
	}{
		{"huge body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			chunk := []byte(strings.Repeat(" ", 64<<10))
			for i := 0; i < 1<<14; i++ { // 1 GiB unless the harness hangs up
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, runner.RuleBodyTooLarge},
		{"redirect elsewhere", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/steal", http.StatusFound)
		}, runner.RuleStatus},
		{"HTML instead of JSON", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<html><body>Bad Gateway</body></html>")
		}, runner.RuleMediaType},
		{"reset connection", func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				return
			}
			if tcp, ok := conn.(*net.TCPConn); ok {
				tcp.SetLinger(0)
			}
			conn.Close()
		}, runner.RuleTransport},
		{"no answer", func(w http.ResponseWriter, r *http.Request) {
			// The server notices the client leave only once the body is read.
			io.Copy(io.Discard, r.Body)
			<-r.Context().Done()
		}, runner.RuleTransport},
		{"conforming", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, goodItem)
		}, ""},
	}
	s := loadSuite(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := s.newEngine(t, tt.handler)
			e.Client = exchange.New(exchange.Options{Timeout: 300 * time.Millisecond,
				MaxBody: 64 << 10})
			t.Cleanup(e.Client.Close)

			res := e.Run(context.Background(), s.caseFor(t, 200))
			var rules []runner.Rule
			for _, v := range res.Violations {
				rules = append(rules, v.Rule)
			}
			if tt.rule == "" {
				if res.Outcome != runner.Passed {
					t.Fatalf("outcome %s, violations %v", res.Outcome, res.Violations)
				}
				return
			}
			if res.Outcome != runner.Failed || !slices.Contains(rules, tt.rule) {
				t.Errorf("outcome %s for %v (%s), want failed for %s",
					res.Outcome, rules, res.Reason, tt.rule)
			}
		})
	}
}

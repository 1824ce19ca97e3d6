package seed

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// caseHeader carries the id of the harness case a request belongs to.
const caseHeader = "X-Conformance-Case"

// maxLogged caps the length of a header value copied into the log.
const maxLogged = 200

// logNote is what a handler adds to its request's log line.
type logNote struct{ why string }

// noteKey is the context key of a request's *logNote.
type noteKey struct{}

// noteWhy records why the request was refused, for its log line. It does
// nothing when the request is not logged.
func noteWhy(r *http.Request, why string) {
	if n, ok := r.Context().Value(noteKey{}).(*logNote); ok {
		n.why = why
	}
}

// statusRecorder remembers the status a handler writes.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records status and passes it on.
func (w *statusRecorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

// Write records the implicit 200 of a body written without a status.
func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// logRequests writes one line to log per request that next serves:
// method, path, status, duration, the case header and the reason of a
// refusal. It never writes a credential, a query string or a body.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		note := &logNote{}
		r = r.WithContext(context.WithValue(r.Context(), noteKey{}, note))
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)

		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", clip(r.URL.Path)),
			slog.Int("status", rec.status),
			slog.Duration("duration", time.Since(start)),
		}
		if c := r.Header.Get(caseHeader); c != "" {
			attrs = append(attrs, slog.String("case", clip(c)))
		}
		if note.why != "" {
			attrs = append(attrs, slog.String("why", note.why))
		}
		log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}

// clip cuts s to maxLogged bytes.
func clip(s string) string {
	if len(s) > maxLogged {
		return s[:maxLogged] + "..."
	}
	return s
}

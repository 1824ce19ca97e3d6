package upstream

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/apiconformance/harness/runner"
)

// prepare checks m and encodes its body. A status of 0 means 200. A JSON
// body without a content type is sent as application/json; a raw body
// without one is sent without Content-Type, never a sniffed one.
func prepare(m runner.UpstreamMode) (answer, error) {
	a := answer{status: m.Status, header: make(http.Header), delay: m.Delay}
	if a.status == 0 {
		a.status = http.StatusOK
	}
	if a.status < 200 || a.status > 599 {
		return answer{}, fmt.Errorf("checking status: %d is not 200-599",
			m.Status)
	}
	if m.Delay < 0 {
		return answer{}, fmt.Errorf("checking delay: %v is negative", m.Delay)
	}

	ctype := m.ContentType
	switch {
	case m.Raw != nil:
		a.body = []byte(*m.Raw)
	case m.Body != nil:
		b, err := json.Marshal(m.Body)
		if err != nil {
			return answer{}, fmt.Errorf("encoding body: %w", err)
		}
		a.body = b
		if ctype == "" {
			ctype = "application/json"
		}
	}
	if ctype != "" {
		a.header.Set("Content-Type", ctype)
	}
	for k, v := range m.Headers {
		a.header.Set(k, v)
	}
	return a, nil
}

// serveHTTP answers r with the answer of the mode current on its arrival.
func (s *Simulator) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.inflight.Add(1)
	defer s.inflight.Done()
	s.hits++
	a := s.answers[s.mode]
	s.mu.Unlock()

	if a.delay > 0 {
		t := time.NewTimer(a.delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return // the client left: no one to answer
		case <-s.done:
			// Abort drops the connection rather than send an empty 200.
			panic(http.ErrAbortHandler)
		}
	}

	h := w.Header()
	for k, vs := range a.header {
		h[k] = append([]string(nil), vs...)
	}
	if _, ok := h["Content-Type"]; !ok {
		// A nil entry keeps the server from sniffing a type.
		h["Content-Type"] = nil
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

package wechatsim

import (
	"bytes"
	"net/http"
	"time"
)

// SetLatency makes every later call to the Official Account path (e.g.
// "/cgi-bin/message/custom/send") take effect at once but answer only d
// later, as a slow WeChat does: a client that times out first does not
// know the message was delivered. A long d (an hour) is a hanging call;
// the answer is dropped when the client goes away. Zero removes it.
func (s *Server) SetLatency(path string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency[path] = d
}

// serveDelayed serves the endpoint and holds its answer for the path's
// latency, if one is set.
func (s *Server) serveDelayed(ep endpoint, w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	d := s.latency[r.URL.Path]
	s.mu.Unlock()
	if d <= 0 {
		ep.serve(s, w, r, body)
		return
	}
	held := &heldAnswer{header: http.Header{}, status: http.StatusOK}
	ep.serve(s, held, r, body)
	if err := sleep(r.Context(), d); err != nil {
		return
	}
	for k, v := range held.header {
		w.Header()[k] = v
	}
	w.WriteHeader(held.status)
	_, _ = w.Write(held.body.Bytes())
}

// heldAnswer records a response to write later.
type heldAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

// Header returns the held header.
func (h *heldAnswer) Header() http.Header { return h.header }

// WriteHeader holds the status.
func (h *heldAnswer) WriteHeader(status int) { h.status = status }

// Write holds body bytes.
func (h *heldAnswer) Write(b []byte) (int, error) { return h.body.Write(b) }

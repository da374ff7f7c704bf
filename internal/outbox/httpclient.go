package outbox

import (
	"net/http"
	"time"
)

// NewHTTPClient returns the client for WeChat's API: a 10 s timeout per
// call, and enough idle connections per host for the outbox's concurrent
// sends (Go's default keeps 2, so concurrent calls would open and close a
// connection each).
func NewHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = DefaultPerChannel * 2
	return &http.Client{Timeout: 10 * time.Second, Transport: t}
}

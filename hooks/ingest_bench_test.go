package hooks_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/wechatsim"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// loadN and loadConcurrency shape both ingest benchmarks alike.
const (
	loadN           = 10000
	loadConcurrency = 64
)

// BenchmarkIngestLoad fires encrypted text callbacks at a running WeDesk
// (real HTTP server, real SQLite) with the simulator's load mode and reports
// throughput and latency percentiles. Each b.N iteration is one whole run.
func BenchmarkIngestLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		h := newHarness(b, hooks.Options{})
		reportLoad(b, h.callbackURL())
	}
}

// BenchmarkIngestCeiling runs the same load against a bare net/http handler
// that only verifies and decrypts: the ceiling for WeDesk on this machine.
func BenchmarkIngestCeiling(b *testing.B) {
	c, err := wxcrypto.NewCrypter(testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		env, err := wxcrypto.ParseEnvelope(body)
		q := r.URL.Query()
		if err == nil {
			_, err = c.VerifyAndDecrypt(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), env.Encrypt)
		}
		if err != nil {
			http.Error(w, "bad", http.StatusForbidden)
			return
		}
		_, _ = io.WriteString(w, "success")
	}))
	defer srv.Close()
	for i := 0; i < b.N; i++ {
		reportLoad(b, srv.URL+"/callback/x")
	}
}

func reportLoad(b *testing.B, url string) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	rep, err := wechatsim.RunLoad(ctx, wechatsim.LoadOptions{URL: url, Account: testAccount,
		N: loadN, Concurrency: loadConcurrency, Customers: 2000})
	if err != nil {
		b.Fatal(err)
	}
	if rep.Failed > 0 {
		b.Fatalf("%d of %d callbacks failed", rep.Failed, rep.Sent)
	}
	b.ReportMetric(rep.Throughput, "callbacks/s")
	b.ReportMetric(float64(rep.P50.Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(rep.P99.Microseconds())/1000, "p99_ms")
	b.Logf("%s", rep)
}

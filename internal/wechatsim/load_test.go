package wechatsim

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunLoadAgainstAccountServer(t *testing.T) {
	as := newAccountServer(t, testAccount, replySuccess)
	rep, err := RunLoad(context.Background(), LoadOptions{URL: as.URL + "/wx", Account: testAccount, N: 200, Concurrency: 8, Customers: 7})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 200 || rep.OK != 200 || rep.Failed != 0 {
		t.Fatalf("report %s", rep)
	}
	if !(rep.P50 <= rep.P95 && rep.P95 <= rep.P99 && rep.P99 <= rep.Max && rep.Max > 0 && rep.Throughput > 0) {
		t.Fatalf("inconsistent latencies: %s", rep)
	}
	ids, users := map[string]bool{}, map[string]bool{}
	for _, p := range as.received() {
		ids[p.field("MsgId")] = true
		users[p.query.Get("openid")] = true
		if p.query.Get("openid") != p.field("FromUserName") || p.field("MsgType") != "text" {
			t.Fatalf("push %v", p.fields)
		}
	}
	if len(ids) != 200 || len(users) != 7 {
		t.Fatalf("%d distinct MsgIds, %d users", len(ids), len(users))
	}
	if s := rep.String(); !strings.Contains(s, "sent=200 ok=200 failed=0") {
		t.Fatalf("String() = %q", s)
	}
}

func TestRunLoadFailures(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		switch calls.Add(1) % 3 {
		case 0:
			w.WriteHeader(http.StatusInternalServerError)
		case 1:
			_, _ = io.WriteString(w, `{"json":"is not a reply"}`)
		default:
			_, _ = io.WriteString(w, "success")
		}
	}))
	defer srv.Close()
	rep, err := RunLoad(context.Background(), LoadOptions{URL: srv.URL, Account: testAccount, N: 30, Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 30 || rep.OK != 10 || rep.Failed != 20 {
		t.Fatalf("report %s", rep)
	}
}

func TestRunLoadOptions(t *testing.T) {
	tests := []struct {
		name string
		o    LoadOptions
	}{
		{"no url", LoadOptions{Account: testAccount, N: 1}},
		{"no requests", LoadOptions{URL: "http://127.0.0.1:1", Account: testAccount}},
		{"bad key", LoadOptions{URL: "http://127.0.0.1:1", Account: Account{AppID: "wx1", EncodingAESKey: "short"}, N: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := RunLoad(context.Background(), tt.o); err == nil {
				t.Fatal("RunLoad accepted bad options")
			}
		})
	}
}

func TestRunLoadCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 20 {
			cancel()
		}
		_, _ = io.WriteString(w, "success")
	}))
	defer srv.Close()
	rep, err := RunLoad(ctx, LoadOptions{URL: srv.URL, Account: testAccount, N: 2000, Concurrency: 2})
	if !errors.Is(err, context.Canceled) || rep.Sent < 20 || rep.Sent >= 2000 {
		t.Fatalf("cancelled run: %v, %s", err, rep)
	}
}

func TestPercentile(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	sorted := make([]time.Duration, 100)
	for i := range sorted {
		sorted[i] = ms(i + 1)
	}
	tests := []struct {
		p    int
		in   []time.Duration
		want time.Duration
	}{
		{50, sorted, ms(50)},
		{95, sorted, ms(95)},
		{99, sorted, ms(99)},
		{50, []time.Duration{ms(7)}, ms(7)},
		{99, []time.Duration{ms(1), ms(2)}, ms(2)},
	}
	for _, tt := range tests {
		if got := percentile(tt.in, tt.p); got != tt.want {
			t.Errorf("p%d of %d = %s, want %s", tt.p, len(tt.in), got, tt.want)
		}
	}
}

// BenchmarkRunLoad measures the harness itself against a server that only
// answers "success": go test -bench RunLoad ./internal/wechatsim/
func BenchmarkRunLoad(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, "success")
	}))
	defer srv.Close()
	var last LoadReport
	for b.Loop() {
		rep, err := RunLoad(context.Background(), LoadOptions{URL: srv.URL, Account: testAccount, N: 1000, Concurrency: 16, Customers: 50})
		if err != nil || rep.OK != 1000 {
			b.Fatalf("%v %s", err, rep)
		}
		last = rep
	}
	b.ReportMetric(last.Throughput, "req/s")
	b.ReportMetric(float64(last.P99.Microseconds()), "p99-µs")
}

// TestRunLoadReconnects: the load client's own keep-alive connections must
// survive a server that closes some of them, and read chunked replies.
func TestRunLoadReconnects(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "text/xml" || !strings.Contains(string(body), "<Encrypt>") {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		switch calls.Add(1) % 3 {
		case 0:
			w.Header().Set("Connection", "close")
		case 1:
			w.(http.Flusher).Flush() // forces a chunked reply
		}
		_, _ = io.WriteString(w, "success")
	}))
	defer srv.Close()
	rep, err := RunLoad(context.Background(), LoadOptions{URL: srv.URL + "/cb?x=1", Account: testAccount, N: 60, Concurrency: 3})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK != 60 {
		t.Fatalf("report %s", rep)
	}
}

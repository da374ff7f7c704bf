package hooks_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// kfPageSize is one sync_msg page: WeCom's maximum.
const kfPageSize = 1000

// BenchmarkKFPull measures the 微信客服 pull path end to end: each
// iteration queues a page of 1,000 customer messages in the simulator,
// fires the kf_msg_or_event callback at WeDesk (real HTTP, real SQLite),
// and waits until the page's last message is committed. It reports
// messages stored per second and the p50/p99 from the callback to the last
// message of the page being stored. Run with:
//
//	go test ./hooks/ -run '^$' -bench BenchmarkKFPull -benchtime 30x
func BenchmarkKFPull(b *testing.B) {
	k, stored := newKFBench(b)
	cust := k.kfCustomer("wmBench00000001")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	lat := make([]time.Duration, 0, b.N)
	var busy time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ids, err := cust.EnqueueTexts(kfPageSize)
		if err != nil {
			b.Fatal(err)
		}
		last := ids[len(ids)-1]
		b.StartTimer()
		start := time.Now()
		if _, err := cust.Fire(ctx); err != nil {
			b.Fatal(err)
		}
		for got := ""; got != last; {
			select {
			case got = <-stored:
			case <-ctx.Done():
				b.Fatal("the page was not stored")
			}
		}
		d := time.Since(start)
		busy += d
		lat = append(lat, d)
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(b.N*kfPageSize)/busy.Seconds(), "msgs/s")
	b.ReportMetric(float64(percentile(lat, 50).Milliseconds()), "p50-ms")
	b.ReportMetric(float64(percentile(lat, 99).Milliseconds()), "p99-ms")
}

// percentile of sorted durations (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, min(len(sorted), i)-1)]
}

// newKFBench is newKFHarness with an observer, attached before the
// workers start, that reports the wechat_msgid of each committed batch's
// last message.
func newKFBench(b *testing.B) (*kfHarness, <-chan string) {
	b.Helper()
	h := &harness{t: b}
	h.sim = wechatsim.New(wechatsim.Options{PushTimeout: 10 * time.Second})
	h.sim.AddKFCorp(testKFCorp)
	if err := h.sim.AddKFAccount(testKFCorp.CorpID, testKFAccount, "WeDesk 客服"); err != nil {
		b.Fatal(err)
	}
	h.simSrv = httptest.NewServer(h.sim)
	b.Cleanup(h.simSrv.Close)
	h.app = newTestApp(b)
	h.desk = hooks.RegisterWithOptions(h.app, hooks.Options{PollInterval: 50 * time.Millisecond})
	stored := make(chan string, 1024)
	h.desk.Ingest.OnInbound("bench", func(_ core.App, batch *ingest.Batch) error {
		if n := len(batch.Messages); n > 0 {
			stored <- batch.Messages[n-1].GetString("wechat_msgid")
		}
		return nil
	})
	k := &kfHarness{harness: h}
	k.kfChannel = k.createKFChannel("")
	h.srv = httptest.NewServer(serveMux(b, h.app))
	b.Cleanup(h.srv.Close)
	corp := testKFCorp
	corp.CallbackURL = k.kfCallbackURL()
	h.sim.AddKFCorp(corp)
	k.settle()
	for len(stored) > 0 {
		<-stored
	}
	return k, stored
}

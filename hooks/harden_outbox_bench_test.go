package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// outboxBench is a running WeDesk with n open conversations whose
// customers may receive many replies.
func outboxBench(b *testing.B, n int) (*harness, []*store.Conversation) {
	h := newHarnessAppSim(b, hooks.Options{PollInterval: time.Second}, wechatsim.Options{Quota: 1 << 20})
	h.srv = httptest.NewServer(serveMux(b, h.app))
	b.Cleanup(h.srv.Close)
	h.sim.SetCallbackURL(testAccount.AppID, h.callbackURL())
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if _, err := h.customer(fmt.Sprintf("oUserBench%05d", i)).SendText(h.ctx(), "hi"); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	recs, err := h.app.FindRecordsByFilter(store.CollectionConversations, "state != 'closed'", "", 0, 0)
	if err != nil || len(recs) != n {
		b.Fatalf("%d conversations (%v), want %d", len(recs), err, n)
	}
	convs := make([]*store.Conversation, len(recs))
	for i, r := range recs {
		convs[i] = store.NewConversation(r)
	}
	return h, convs
}

// queue writes one agent reply in its own transaction, as the API does.
func (h *harness) queue(conv *store.Conversation, text string) {
	err := h.app.RunInTransaction(func(tx core.App) error {
		return h.desk.Actions.QueueText(tx, conv, store.NewAgent(h.agent), store.SenderAgent, text)
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

// BenchmarkOutboxThroughput queues 2,000 replies across 250 conversations
// at once and reports how many the outbox delivers to the simulator per
// second. Each b.N iteration is a whole run.
func BenchmarkOutboxThroughput(b *testing.B) {
	const replies = 2000
	for range b.N {
		h, convs := outboxBench(b, 250)
		err := h.app.RunInTransaction(func(tx core.App) error {
			for i := range replies {
				if err := h.desk.Actions.QueueText(tx, convs[i%len(convs)], store.NewAgent(h.agent), store.SenderAgent, fmt.Sprint("r", i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		h.desk.Outbox.Notify()
		if _, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, replies); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(replies/time.Since(start).Seconds(), "replies/s")
	}
}

// BenchmarkOutboxLatencyAt250 writes replies at 250 per second for 4 s,
// one transaction each, and reports create→accepted-by-WeChat latency.
func BenchmarkOutboxLatencyAt250(b *testing.B) {
	const rate, total = 250, 1000
	for range b.N {
		h, convs := outboxBench(b, 250)
		created := make(map[string]time.Time, total)
		tick := time.NewTicker(time.Second / rate)
		for i := range total {
			<-tick.C
			text := fmt.Sprint("l", i)
			h.queue(convs[i%len(convs)], text)
			created[text] = time.Now()
		}
		tick.Stop()
		sent, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, total)
		if err != nil {
			b.Fatal(err)
		}
		lat := make([]time.Duration, 0, total)
		for _, s := range sent {
			var body struct {
				Text struct{ Content string } `json:"text"`
			}
			_ = json.Unmarshal(s.Body, &body)
			if c, ok := created[body.Text.Content]; ok {
				lat = append(lat, s.At.Sub(c))
			}
		}
		slices.Sort(lat)
		p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
		b.ReportMetric(p(0.5), "p50_ms")
		b.ReportMetric(p(0.99), "p99_ms")
		b.ReportMetric(p(1), "max_ms")
	}
}

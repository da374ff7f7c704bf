package hooks_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// BenchmarkTimeoutScan10000 times one timeout scan over 10,000 open
// conversations in steady state: each already evaluated, its next timeout
// in the future (the cost every 5 s tick pays).
func BenchmarkTimeoutScan10000(b *testing.B) {
	clock := newCoreClock()
	h := newHarnessApp(b, hooks.Options{Now: clock.Now, PauseOutbox: true})
	now := clock.Now()
	err := h.app.RunInTransaction(func(tx core.App) error {
		custCol, _ := tx.FindCollectionByNameOrId(store.CollectionCustomers)
		var recs []*core.Record
		for i := range 10000 {
			cust := core.NewRecord(custCol)
			cust.Id = fmt.Sprintf("cu%013d", i)
			cust.Load(map[string]any{"channel": h.channel.Id, "external_id": fmt.Sprintf("oBench%06d", i)})
			state := store.StateActive
			if i%3 == 0 {
				state = store.StateBot
			}
			at := now.Add(-time.Duration(i%600) * time.Second)
			conv, err := store.NewConversationRecord(tx, h.channel.Id, cust.Id, state, at)
			if err != nil {
				return err
			}
			conv.Id = fmt.Sprintf("cv%013d", i)
			conv.Load(map[string]any{"last_customer_at": at, "last_agent_at": at.Add(time.Second),
				"timeouts_next_at": now.Add(time.Duration(1+i%300) * time.Second)})
			recs = append(recs, cust, conv)
		}
		if err := store.InsertRecords(tx, recs); err != nil {
			return err
		}
		_, err := tx.DB().NewQuery("UPDATE conversations SET timeouts_seen = updated").Execute()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := h.app.DB().NewQuery("ANALYZE").Execute(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if n, err := h.desk.Auto.ScanTimeouts(); err != nil || n != 0 {
			b.Fatalf("scan: %d fired, %v", n, err)
		}
	}
}

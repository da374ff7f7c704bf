package hooks_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
)

// pageBudget is how many database pages a batch of 8 customer messages (8
// conversations of 1,000) may write. Every page a commit writes costs the
// single ingest writer two system calls and the checkpoint a copy: an
// index on a column each message changes, or random ids, show up here
// first. Measured: 41 with PocketBase's random ids and two more
// conversation indexes, 22 now.
const pageBudget = 28

// TestIngestBatchPageBudget counts, on the write-ahead log, the pages the
// ingest writer's commits write per batch once a desk has 1,000 open
// conversations.
func TestIngestBatchPageBudget(t *testing.T) {
	app, desk, channelID := newBenchApp(&testing.B{})
	ckpt := store.StartCheckpointer(app) // the writer leaves the log to it
	defer ckpt.Stop()
	batch := func(start int) {
		msgs := make([]*mpapi.InboundMessage, 8)
		for i := range msgs {
			n := start + i
			msgs[i] = textPush(t, fmt.Sprintf("o_bench_%04d", n%1000), n, fmt.Sprintf("你好，我的订单 %d 还没发货", n))
		}
		if err := commitInbound(desk, channelID, msgs); err != nil {
			t.Fatal(err)
		}
	}
	for start := 0; start < 4000; start += 8 { // 1,000 conversations, 4 messages each
		batch(start)
	}
	// Empty the log; readers still busy with the last batches (observers)
	// make SQLite refuse for a moment.
	var busy, log, copied int
	for try := 0; ; try++ {
		if err := app.ConcurrentDB().NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Row(&busy, &log, &copied); err != nil {
			t.Fatal(err)
		}
		if busy == 0 {
			break
		}
		if try == 100 {
			t.Fatal("could not empty the log")
		}
		time.Sleep(20 * time.Millisecond)
	}
	const batches = 50 // under restartPages, so the checkpointer never starts the log over meanwhile
	for i := range batches {
		batch(4000 + 8*i)
	}
	if err := app.ConcurrentDB().NewQuery("PRAGMA wal_checkpoint(PASSIVE)").Row(&busy, &log, &copied); err != nil {
		t.Fatal(err)
	}
	perBatch := float64(log) / batches
	t.Logf("%.1f pages written per batch of 8 messages", perBatch)
	if perBatch > pageBudget {
		t.Fatalf("a batch of 8 messages writes %.1f pages, budget %d", perBatch, pageBudget)
	}
}

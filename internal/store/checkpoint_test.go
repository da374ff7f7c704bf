package store

import (
	"testing"
)

// While a Checkpointer runs the write connection leaves checkpoints to it;
// once the log is past restartPages a checkpoint makes the next write start
// the log over, so sustained writing never grows it without end; Stop gives
// the checkpoints back.
func TestCheckpointerKeepsTheLogBounded(t *testing.T) {
	app := newInboxTestApp(t)
	ckpt := newCheckpointer(app) // no ticking loop: the test checkpoints
	if err := PrepareWriter(app); err != nil {
		t.Fatal(err)
	}
	writer := app.NonconcurrentDB()
	pragmaInt := func(q string) int {
		var n int
		if err := writer.NewQuery(q).Row(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := pragmaInt("PRAGMA wal_autocheckpoint"); got != 0 {
		t.Fatalf("the writer still checkpoints itself (mark %d)", got)
	}
	if _, err := writer.NewQuery("CREATE TABLE ckpt_probe (b BLOB)").Execute(); err != nil {
		t.Fatal(err)
	}
	write := func(rows int) {
		for range rows / 100 {
			if _, err := writer.NewQuery("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100) INSERT INTO ckpt_probe SELECT randomblob(4000) FROM n").Execute(); err != nil {
				t.Fatal(err)
			}
		}
	}
	logPages := func() int {
		var busy, log, copied int
		if err := app.ConcurrentDB().NewQuery("PRAGMA wal_checkpoint(PASSIVE)").Row(&busy, &log, &copied); err != nil {
			t.Fatal(err)
		}
		return log
	}
	write(restartPages + 500) // a page each, and then some
	if got := logPages(); got < restartPages {
		t.Fatalf("log of %d pages: the writer checkpointed on its own", got)
	}
	if err := ckpt.Checkpoint(); err != nil {
		t.Fatal(err)
	}
	write(100)
	if got := logPages(); got > 500 {
		t.Fatalf("after a checkpoint past the mark the log holds %d pages: it did not start over", got)
	}
	ckpt.Stop()
	if got := pragmaInt("PRAGMA wal_autocheckpoint"); got != defaultAutocheckpoint {
		t.Fatalf("after Stop the writer's mark is %d, want %d", got, defaultAutocheckpoint)
	}
}

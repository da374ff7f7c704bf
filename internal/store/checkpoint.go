package store

import (
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SQLite in WAL mode copies the log back into the database (a checkpoint)
// from inside a commit, by default once the log holds 1,000 pages, and
// syncs the disk while doing it. The commit that crosses the mark waits for
// that: with the ingest writer committing a batch every few milliseconds,
// every tenth batch or so stalled on a disk sync, and every callback
// waiting on it with it. A Checkpointer does the copying from its own
// connection instead, which SQLite lets run alongside the writer, and the
// writer's connection stops checkpointing (PrepareWriter) while it runs.

// checkpointEvery is how often the Checkpointer copies the log back. At
// thousands of messages a second the log grows by a few MB a second.
const checkpointEvery = time.Second

// Checkpointer checkpoints an app's database in the background.
type Checkpointer struct {
	app  core.App
	stop chan struct{}
	done sync.WaitGroup
}

// StartCheckpointer starts checkpointing app's database every second, until
// Stop. Only while one runs does PrepareWriter turn the write connection's
// own checkpoints off.
func StartCheckpointer(app core.App) *Checkpointer {
	c := &Checkpointer{app: app, stop: make(chan struct{})}
	cache := cacheOf(app)
	cache.mu.Lock()
	cache.checkpointer = true
	cache.mu.Unlock()
	c.done.Go(c.loop)
	return c
}

// Stop ends the checkpoints and gives them back to the write connection.
func (c *Checkpointer) Stop() {
	cache := cacheOf(c.app)
	cache.mu.Lock()
	cache.checkpointer = false
	cache.mu.Unlock()
	close(c.stop)
	c.done.Wait()
	if err := setAutocheckpoint(c.app, defaultAutocheckpoint); err != nil {
		c.app.Logger().Warn("store: restore checkpoints", "error", err)
	}
}

func (c *Checkpointer) loop() {
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
		}
		if err := c.Checkpoint(); err != nil {
			c.app.Logger().Warn("store: checkpoint", "error", err)
		}
	}
}

// Checkpoint copies what it can of the log into the database now, without
// waiting for readers or the writer (SQLite's PASSIVE mode), and reports
// how many pages the log holds and how many are now copied.
func (c *Checkpointer) Checkpoint() error {
	db, ok := c.app.ConcurrentDB().(*dbx.DB)
	if !ok {
		return fmt.Errorf("store: checkpoint: not the app's own database")
	}
	var busy, log, copied int
	return db.DB().QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &copied)
}

// defaultAutocheckpoint is SQLite's own checkpoint mark, in pages.
const defaultAutocheckpoint = 1000

// writerCheckpoints turns the write connection's own checkpoints off while
// a Checkpointer runs (and back on when none does). The connection may
// have been replaced since the last batch (the pool closes idle ones), so
// it asks each time: one prepared statement.
func (c *stmtCache) writerCheckpoints(app core.App, db *sql.DB) error {
	c.mu.Lock()
	want := defaultAutocheckpoint
	if c.checkpointer {
		want = 0
	}
	st := c.autockpt
	c.mu.Unlock()
	if st == nil {
		var err error
		if st, err = db.Prepare("PRAGMA wal_autocheckpoint"); err != nil {
			return err
		}
		c.mu.Lock()
		c.autockpt = st
		c.mu.Unlock()
	}
	var got int
	if err := st.QueryRow().Scan(&got); err != nil {
		return err
	}
	if got == want {
		return nil
	}
	return setAutocheckpoint(app, want)
}

// setAutocheckpoint sets the write connection's checkpoint mark.
func setAutocheckpoint(app core.App, pages int) error {
	_, err := app.NonconcurrentDB().NewQuery(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", pages)).Execute()
	return err
}

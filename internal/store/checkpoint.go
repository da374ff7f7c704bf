package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SQLite in WAL mode copies the log back into the database (a checkpoint)
// from inside a commit, by default once the log holds 1,000 pages, and
// syncs the disk while doing it. The commit that crosses the mark waits for
// all of that: with the ingest writer committing a batch every few
// milliseconds, the whole copy and two disk syncs stalled it, and every
// callback waiting on it, several times a second. A Checkpointer does the
// copying from its own connection instead, alongside the writer, and the
// writer's connection stops checkpointing (PrepareWriter) while it runs.
//
// Copying alongside the writer never quite finishes under sustained load
// (the writer keeps adding pages), and SQLite starts the log over only once
// it is fully copied: the log would grow without end. So once the log is
// past restartPages, the Checkpointer copies the little that is left while
// holding new writes back (SQLite's RESTART mode), and the log starts over.
// The writer then waits for that remainder and one disk sync, about once a
// second under load, instead of for whole checkpoints several times a
// second.

// checkpointEvery is how often the Checkpointer copies the log back. At
// thousands of messages a second the log grows by tens of MB a second.
const checkpointEvery = time.Second

// restartPages is the log length (in pages) past which a checkpoint also
// starts the log over: 4,000 pages is 16 MB.
const restartPages = 4000

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
	c := newCheckpointer(app)
	c.done.Go(c.loop)
	return c
}

// newCheckpointer takes the checkpoints from the write connection without
// starting the loop (tests call Checkpoint themselves).
func newCheckpointer(app core.App) *Checkpointer {
	c := &Checkpointer{app: app, stop: make(chan struct{})}
	cache := cacheOf(app)
	cache.mu.Lock()
	cache.checkpointer = true
	cache.mu.Unlock()
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

// Checkpoint copies what it can of the log into the database without
// waiting for readers or the writer (SQLite's PASSIVE mode) and, when the
// log is longer than restartPages, then copies the rest holding new writes
// back, so that the next write starts the log over (RESTART mode). RESTART
// waits for readers still on the log, and new writes wait with it: it
// gives up after restartPatience (a long report query, say) and tries
// again at the next tick, so a writer is never held up longer.
func (c *Checkpointer) Checkpoint() error {
	db, ok := c.app.ConcurrentDB().(*dbx.DB)
	if !ok {
		return fmt.Errorf("store: checkpoint: not the app's own database")
	}
	ctx := context.Background()
	conn, err := db.DB().Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var busy, log, copied int
	if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &copied); err != nil {
		return err
	}
	if log < restartPages {
		return nil
	}
	// This connection goes back to the pool: its own patience is put back.
	var patience int
	if err := conn.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&patience); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", restartPatience.Milliseconds())); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", patience))
	return conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(RESTART)").Scan(&busy, &log, &copied)
}

// restartPatience is how long a RESTART checkpoint waits for the writer
// and for readers still on the log before it gives up until the next tick.
const restartPatience = 100 * time.Millisecond

// defaultAutocheckpoint is SQLite's own checkpoint mark, in pages.
const defaultAutocheckpoint = 1000

// autocheckpointSQL sets the write connection's own checkpoint mark:
// none while a Checkpointer runs, SQLite's default otherwise. The
// connection may have been replaced since the last batch (the pool closes
// idle ones), so PrepareWriter sets it for every batch, with a statement
// prepared once.
func (c *stmtCache) autocheckpointSQL() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.checkpointer {
		return "PRAGMA wal_autocheckpoint = 0"
	}
	return fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", defaultAutocheckpoint)
}

// setAutocheckpoint sets the write connection's checkpoint mark.
func setAutocheckpoint(app core.App, pages int) error {
	_, err := app.NonconcurrentDB().NewQuery(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", pages)).Execute()
	return err
}

package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The ingest writer runs the same few statements for every batch. The
// pure-Go SQLite driver parses a statement each time it is run unless it
// was prepared, and dbx prepares at best once per transaction: about a
// tenth of the writer's time went to parsing SQL. So these statements are
// prepared once on the write connection and reused by every transaction
// (database/sql hands a transaction the statement already prepared on the
// connection it runs on). Their SQL is fixed — lists are passed as one
// JSON array and read with json_each — so one preparation serves every
// batch size.

// stmtCacheKey is where an app's cache lives in its store (shared by the
// transaction apps made from it).
const stmtCacheKey = "wedesk.store.stmts"

// stmtCache holds the statements prepared on one app's write connection,
// and the ones asked for inside a transaction before they were prepared.
type stmtCache struct {
	mu     sync.Mutex
	db     *sql.DB
	stmts  map[string]*sql.Stmt // on db, the write connection
	wanted map[string]bool
	readDB *sql.DB
	reads  map[string]*sql.Stmt // on readDB, the read pool

	checkpointer bool // a Checkpointer runs (checkpoint.go)
}

func cacheOf(app core.App) *stmtCache {
	return app.Store().GetOrSet(stmtCacheKey, func() any {
		return &stmtCache{stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}, reads: map[string]*sql.Stmt{}}
	}).(*stmtCache)
}

// PrepareWriter readies app's write connection for a batch: it prepares
// the statements the last transactions asked for, and keeps the
// connection's own checkpoints off while a Checkpointer runs. It needs the
// connection, so it must run outside any transaction: the ingest writer
// calls it before each batch. It costs one small statement when there is
// nothing to prepare.
func PrepareWriter(app core.App) error {
	current, ok := app.NonconcurrentDB().(*dbx.DB)
	if !ok {
		return fmt.Errorf("store: prepare writer: not the app's own database")
	}
	c := cacheOf(app)
	c.mu.Lock()
	if c.db != current.DB() {
		// First batch, or the app reopened its database (a backup
		// restore): statements of the old one are of no use.
		c.db, c.stmts = current.DB(), map[string]*sql.Stmt{}
	}
	db, queries := c.db, make([]string, 0, len(c.wanted))
	for q := range c.wanted {
		queries = append(queries, q)
	}
	c.mu.Unlock()
	for _, query := range queries {
		if _, err := c.writerStmt(db, query); err != nil {
			return err
		}
	}
	st, err := c.writerStmt(db, c.autocheckpointSQL())
	if err != nil {
		return err
	}
	_, err = st.Exec()
	return err
}

// writerStmt returns the write connection's statement for query,
// preparing it the first time.
func (c *stmtCache) writerStmt(db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	stmts := c.stmts
	c.mu.Unlock()
	st, err := c.prepared(stmts, db, query)
	if err == nil {
		c.mu.Lock()
		delete(c.wanted, query)
		c.mu.Unlock()
	}
	return st, err
}

// prepared returns set's statement for query, preparing it on db the first
// time. Not under mu while preparing: that may wait for a connection, and
// a transaction holding the write connection may be asking txStmt for a
// statement meanwhile.
func (c *stmtCache) prepared(set map[string]*sql.Stmt, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st := set[query]
	c.mu.Unlock()
	if st != nil {
		return st, nil
	}
	st, err := db.Prepare(query)
	if err != nil {
		return nil, fmt.Errorf("store: prepare %q: %w", query, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev := set[query]; prev != nil { // prepared meanwhile
		st.Close()
		return prev, nil
	}
	set[query] = st
	return st, nil
}

// txStmt returns query as a statement to run in tx, and the function that
// releases it. In a transaction it is the cached statement when
// PrepareWriter prepared it, else one prepared for this transaction only
// (and noted, for PrepareWriter to prepare). Outside a transaction it is
// the read pool's statement, prepared once and kept (database/sql prepares
// it on each pooled connection the first time it runs there).
func txStmt(tx core.App, query string) (st *sql.Stmt, release func(), err error) {
	c := cacheOf(tx)
	sqlTx, db := transactionOf(tx)
	if sqlTx == nil {
		st, err := c.readStmt(tx, query)
		return st, func() {}, err
	}
	c.mu.Lock()
	var cached *sql.Stmt
	if db == c.db {
		cached = c.stmts[query]
	}
	if cached == nil {
		c.wanted[query] = true
	}
	c.mu.Unlock()
	if cached == nil {
		st, err = sqlTx.Prepare(query)
	} else {
		st = sqlTx.Stmt(cached)
	}
	if err != nil {
		return nil, nil, err
	}
	return st, func() { st.Close() }, nil
}

// readStmt returns the read pool's statement for query, preparing it the
// first time.
func (c *stmtCache) readStmt(app core.App, query string) (*sql.Stmt, error) {
	db, ok := app.ConcurrentDB().(*dbx.DB)
	if !ok {
		return nil, fmt.Errorf("store: %q: no database to prepare on", query)
	}
	c.mu.Lock()
	if c.readDB != db.DB() { // first read, or the database was reopened
		c.readDB, c.reads = db.DB(), map[string]*sql.Stmt{}
	}
	reads := c.reads
	c.mu.Unlock()
	return c.prepared(reads, db.DB(), query)
}

// transactionOf is the *sql.Tx behind a transaction app (RunInTransaction's
// tx) and the database it runs on; nil for an app outside a transaction.
func transactionOf(app core.App) (*sql.Tx, *sql.DB) {
	tx, ok := app.NonconcurrentDB().(*dbx.Tx)
	if !ok {
		return nil, nil
	}
	b, ok := tx.Builder.(interface {
		Executor() dbx.Executor
		DB() *dbx.DB
	})
	if !ok {
		return nil, nil
	}
	sqlTx, _ := b.Executor().(*sql.Tx)
	return sqlTx, b.DB().DB()
}

// JSONList encodes values as the JSON array a fixed statement (QueryRows)
// reads with json_each.
func JSONList(values []string) string {
	raw, _ := json.Marshal(values) // strings always encode
	return string(raw)
}

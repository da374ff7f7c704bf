package store

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The statements the ingest writer runs for every batch, with fixed SQL so
// that each is prepared once (see stmtcache.go).
const (
	sqlStoredDedupKeys = "SELECT dedup_key FROM " + CollectionMessages +
		" WHERE dedup_key IN (SELECT value FROM json_each(?)) AND dedup_key != ''"
	sqlCustomerRefs = "SELECT id, external_id, blocked_until FROM " + CollectionCustomers +
		" WHERE channel = ? AND external_id IN (SELECT value FROM json_each(?))"
	sqlOpenConversationRefs = "SELECT id, customer, state, agent, queue, last_customer_at, unread FROM " +
		CollectionConversations + " WHERE customer IN (SELECT value FROM json_each(?)) AND state != 'closed'"
	// sqlTouchConversation: unread grows, and the 48 h window restarts and
	// the budget columns are reset when a customer message (not an event)
	// arrived. Counting in SQL keeps an agent's concurrent "mark read" from
	// being overwritten by a stale copy.
	sqlTouchConversation = "UPDATE " + CollectionConversations + " SET " +
		"unread = unread + ?1, " +
		"last_customer_at = CASE WHEN ?1 > ?2 THEN ?3 ELSE last_customer_at END, " +
		"sends_left = CASE WHEN ?4 THEN ?5 ELSE sends_left END, " +
		"window_until = CASE WHEN ?4 THEN ?6 ELSE window_until END, " +
		"locked = CASE WHEN ?4 THEN ?7 ELSE locked END, " +
		"lock_reason = CASE WHEN ?4 THEN ?8 ELSE lock_reason END, " +
		"last_message_at = ?3, last_preview = ?9, updated = ?10 " +
		"WHERE id = ?11"
)

// StoredDedupKeys returns which of these dedup keys are already stored, in
// one query through the partial unique index.
func StoredDedupKeys(app core.App, keys []string) (map[string]bool, error) {
	out := make(map[string]bool, len(keys))
	err := QueryRows(app, sqlStoredDedupKeys, func(rows *sql.Rows) error {
		var k string
		if err := rows.Scan(&k); err != nil {
			return err
		}
		out[k] = true
		return nil
	}, JSONList(keys))
	if err != nil {
		return nil, fmt.Errorf("store: dedup lookup: %w", err)
	}
	return out, nil
}

// FindCustomerRefs returns a channel's customers with any of these
// openids/external_userids, in one query.
func FindCustomerRefs(app core.App, channelID string, externalIDs []string) ([]CustomerRef, error) {
	var refs []CustomerRef
	err := QueryRows(app, sqlCustomerRefs, func(rows *sql.Rows) error {
		var r CustomerRef
		if err := rows.Scan(&r.ID, &r.ExternalID, &r.BlockedUntil); err != nil {
			return err
		}
		refs = append(refs, r)
		return nil
	}, channelID, JSONList(externalIDs))
	if err != nil {
		return nil, fmt.Errorf("store: customers of %s: %w", channelID, err)
	}
	return refs, nil
}

// FindOpenConversationRefs returns the open conversations of these
// customers, in one query (at most one each, by a partial unique index).
func FindOpenConversationRefs(app core.App, customerIDs []string) ([]OpenConversationRef, error) {
	var refs []OpenConversationRef
	err := QueryRows(app, sqlOpenConversationRefs, func(rows *sql.Rows) error {
		var r OpenConversationRef
		if err := rows.Scan(&r.ID, &r.CustomerID, &r.State, &r.AgentID, &r.QueueID, &r.LastCustomerAt, &r.Unread); err != nil {
			return err
		}
		refs = append(refs, r)
		return nil
	}, JSONList(customerIDs))
	if err != nil {
		return nil, fmt.Errorf("store: open conversations: %w", err)
	}
	return refs, nil
}

// TouchConversations records inbound activity on existing conversations
// (sqlTouchConversation) inside tx.
func TouchConversations(tx core.App, touches []*ConversationTouch) error {
	if len(touches) == 0 {
		return nil
	}
	st, release, err := txStmt(tx, sqlTouchConversation)
	if err != nil {
		return fmt.Errorf("store: touch conversations: %w", err)
	}
	defer release()
	updated := types.NowDateTime().String()
	for _, t := range touches {
		w := BudgetColumns{}
		if t.Window != nil {
			w = *t.Window
		}
		if _, err := st.Exec(t.Unread, t.Taps, DateString(t.At), t.Window != nil, w.SendsLeft,
			DateString(w.WindowUntil), w.Locked, w.LockReason, t.LastPreview, updated, t.ID); err != nil {
			return fmt.Errorf("store: touch conversation %s: %w", t.ID, err)
		}
	}
	return nil
}

// insertGroup inserts records of one collection with one statement (the
// same for every batch: the columns are the collection's, sorted).
func insertGroup(tx core.App, table string, recs []*core.Record) error {
	first, err := recs[0].DBExport(tx)
	if err != nil {
		return fmt.Errorf("store: export %s: %w", table, err)
	}
	cols := make([]string, 0, len(first))
	for c := range first {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	st, release, err := txStmt(tx, insertSQL(table, cols))
	if err != nil {
		return fmt.Errorf("store: insert %s: %w", table, err)
	}
	defer release()
	args := make([]any, len(cols))
	for i, r := range recs {
		row := first
		if i > 0 {
			if row, err = r.DBExport(tx); err != nil {
				return fmt.Errorf("store: export %s: %w", table, err)
			}
		}
		if len(row) != len(cols) {
			return fmt.Errorf("store: insert %s: records export different columns", table)
		}
		for j, c := range cols {
			args[j] = row[c]
		}
		if _, err := st.Exec(args...); err != nil {
			return fmt.Errorf("store: insert %s: %w", table, err)
		}
	}
	return nil
}

// insertSQL is INSERT INTO table (cols) VALUES (?, …), identifiers quoted.
func insertSQL(table string, cols []string) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO `" + table + "` (")
	for i, c := range cols {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("`" + c + "`")
	}
	sb.WriteString(") VALUES (")
	sb.WriteString(strings.TrimSuffix(strings.Repeat("?,", len(cols)), ","))
	sb.WriteByte(')')
	return sb.String()
}

// QueryRows runs a fixed query (one SQL text for every call, so its
// statement is prepared once: see stmtcache.go) in app — a transaction or
// not — and hands each row to scan.
func QueryRows(app core.App, query string, scan func(*sql.Rows) error, args ...any) error {
	st, release, err := txStmt(app, query)
	if err != nil {
		return err
	}
	defer release()
	rows, err := st.Query(args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// sqlTakeWriteLock writes nothing, but as a write it makes SQLite take the
// database's write lock for the transaction at once.
const sqlTakeWriteLock = "UPDATE _params SET id = id WHERE 0"

// TakeWriteLock makes tx a writer from its first statement, as BEGIN
// IMMEDIATE would (database/sql's transactions begin deferred). SQLite
// refuses, with SQLITE_BUSY_SNAPSHOT and without waiting, a transaction that
// read first and then writes after another connection changed the log in
// between — another writer, or the Checkpointer starting the log over. A
// transaction that takes the lock first instead waits its turn (the busy
// timeout) and then reads the latest state. The ingest writer calls it
// first in every batch.
func TakeWriteLock(tx core.App) error {
	st, release, err := txStmt(tx, sqlTakeWriteLock)
	if err != nil {
		return err
	}
	defer release()
	_, err = st.Exec()
	return err
}

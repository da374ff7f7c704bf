package store

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// CollectionCustomerBlocks logs every block (拒收) and unblock: who, whom,
// when. Stats count blocks per agent from it.
const CollectionCustomerBlocks = "customer_blocks"

// Block log actions.
const (
	BlockActionBlock   = "block"
	BlockActionUnblock = "unblock"
)

// BlockedBy is the agent who blocked the customer; empty when not blocked.
func (c *Customer) BlockedBy() string { return c.GetString("blocked_by") }

// BlockedAt is when the current block was made.
func (c *Customer) BlockedAt() time.Time { return c.GetDateTime("blocked_at").Time() }

// LogBlock appends a block or unblock to the log inside tx.
func LogBlock(tx core.App, customerID, agentID, action string, at, until time.Time) error {
	col, err := tx.FindCachedCollectionByNameOrId(CollectionCustomerBlocks)
	if err != nil {
		return fmt.Errorf("store: customer_blocks collection: %w", err)
	}
	r := core.NewRecord(col)
	r.Set("customer", customerID)
	r.Set("agent", agentID)
	r.Set("action", action)
	r.Set("at", at)
	if !until.IsZero() {
		r.Set("until", until)
	}
	return tx.Save(r)
}

// BlockCount is how many customers one agent blocked.
type BlockCount struct {
	AgentID string `db:"agent"`
	Blocks  int    `db:"blocks"`
}

// CountBlocksByAgent counts the blocks each agent made in [from, to); a
// zero bound is open.
func CountBlocksByAgent(app core.App, from, to time.Time) ([]BlockCount, error) {
	q := app.DB().Select("agent", "count(*) as blocks").From(CollectionCustomerBlocks).
		Where(dbx.HashExp{"action": BlockActionBlock}).GroupBy("agent").OrderBy("blocks DESC", "agent")
	if !from.IsZero() {
		q.AndWhere(dbx.NewExp("at >= {:from}", dbx.Params{"from": DateString(from)}))
	}
	if !to.IsZero() {
		q.AndWhere(dbx.NewExp("at < {:to}", dbx.Params{"to": DateString(to)}))
	}
	var out []BlockCount
	if err := q.All(&out); err != nil {
		return nil, fmt.Errorf("store: count blocks: %w", err)
	}
	return out, nil
}

// FindOpenConversationIDs returns the ids of a customer's conversations
// that are not closed.
func FindOpenConversationIDs(app core.App, customerID string) ([]string, error) {
	var ids []string
	err := app.DB().Select("id").From(CollectionConversations).
		Where(dbx.HashExp{"customer": customerID}).AndWhere(dbx.NewExp("state != 'closed'")).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("store: open conversations of %s: %w", customerID, err)
	}
	return ids, nil
}

// LockExpiredWindows marks conversations whose window has passed as locked
// (window_closed), so lists and routing read the lock without computing it;
// it returns how many changed. Only rows still open are touched.
func LockExpiredWindows(app core.App, now time.Time) (int64, error) {
	res, err := app.NonconcurrentDB().NewQuery("UPDATE {{" + CollectionConversations + "}} SET " +
		"[[locked]] = 1, [[lock_reason]] = 'window_closed', [[sends_left]] = 0, [[updated]] = {:updated} " +
		"WHERE [[locked]] = 0 AND [[state]] != 'closed' AND [[window_until]] != '' AND [[window_until]] <= {:now}").
		Bind(dbx.Params{"now": DateString(now), "updated": DateString(now)}).Execute()
	if err != nil {
		return 0, fmt.Errorf("store: lock expired windows: %w", err)
	}
	return res.RowsAffected()
}

// FindEndedBlockLocks returns open conversations still locked for a block
// that has ended by now.
func FindEndedBlockLocks(app core.App, now time.Time) ([]string, error) {
	var ids []string
	err := app.DB().Select("c.id").From(CollectionConversations+" c").
		InnerJoin(CollectionCustomers+" u", dbx.NewExp("u.id = c.customer")).
		Where(dbx.NewExp("c.locked = 1 AND c.lock_reason = 'blocked' AND c.state != 'closed' AND "+
			"(u.blocked_until = '' OR u.blocked_until <= {:now})", dbx.Params{"now": DateString(now)})).
		Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("store: ended block locks: %w", err)
	}
	return ids, nil
}

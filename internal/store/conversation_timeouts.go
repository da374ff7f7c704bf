package store

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// LastAgentAt is when the desk last wrote to the customer (agent, bot or
// automatic message).
func (c *Conversation) LastAgentAt() time.Time { return c.GetDateTime("last_agent_at").Time() }

// AssignedAt is when the current agent got the conversation.
func (c *Conversation) AssignedAt() time.Time { return c.GetDateTime("assigned_at").Time() }

// TimeoutCandidate is an open conversation the timeout scan must look at.
type TimeoutCandidate struct {
	ID string `db:"id"`
}

// FindTimeoutCandidates returns the ids of open conversations (bot or
// active) with activity the timeout scan has not evaluated yet, or whose
// next timeout is due at now. The query reads only
// idx_conversations_timeouts.
func FindTimeoutCandidates(app core.App, now time.Time, limit int) ([]string, error) {
	var ids []string
	err := app.DB().Select("id").From(CollectionConversations).
		Where(dbx.In("state", StateActive, StateBot)).
		AndWhere(dbx.NewExp("[[last_customer_at]] > [[timeouts_seen]] OR [[last_agent_at]] > [[timeouts_seen]]"+
			" OR [[assigned_at]] > [[timeouts_seen]] OR ([[timeouts_next_at]] != '' AND [[timeouts_next_at]] <= {:now})",
			dbx.Params{"now": DateString(now)})).
		Limit(int64(limit)).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("store: timeout candidates: %w", err)
	}
	return ids, nil
}

// SetTimeoutState records what the scan evaluated: the latest activity it
// saw, what fired for the current silence and when the next timeout is
// due (zero: none pending).
func SetTimeoutState(tx core.App, c *Conversation, seen time.Time, fired any, next time.Time) error {
	c.Set("timeouts_seen", seen)
	c.Set("timeouts_fired", fired)
	if next.IsZero() {
		c.Set("timeouts_next_at", types.DateTime{})
	} else {
		c.Set("timeouts_next_at", next)
	}
	return SaveChanges(tx, c.Record)
}

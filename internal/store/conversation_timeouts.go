package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// LastAgentAt is when the desk last wrote to the customer (agent, bot or
// automatic message).
func (c *Conversation) LastAgentAt() time.Time { return c.GetDateTime("last_agent_at").Time() }

// AssignedAt is when the current agent got the conversation.
func (c *Conversation) AssignedAt() time.Time { return c.GetDateTime("assigned_at").Time() }

// FindTimeoutCandidates returns the ids of open conversations (bot or
// active) changed since the timeout scan last evaluated them (any write
// moves updated: a customer message, a claim, a reply, a transfer), or
// whose next timeout is due at now. Each half reads one index
// range (idx_conversations_timeouts_changed, _next).
func FindTimeoutCandidates(app core.App, now time.Time, limit int) ([]string, error) {
	var ids []string
	// INDEXED BY: the planner would rather walk the wider index on state
	// than see that the partial one holds only changed rows.
	err := app.DB().NewQuery("SELECT [[id]] FROM {{" + CollectionConversations + "}} INDEXED BY idx_conversations_timeouts_changed" +
		" WHERE [[state]] IN ('active', 'bot') AND [[updated]] > [[timeouts_seen]]" +
		" UNION SELECT [[id]] FROM {{" + CollectionConversations + "}}" +
		" WHERE [[state]] IN ('active', 'bot') AND [[timeouts_next_at]] > '' AND [[timeouts_next_at]] <= {:now}" +
		" LIMIT {:limit}").Bind(dbx.Params{"now": DateString(now), "limit": limit}).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("store: timeout candidates: %w", err)
	}
	return ids, nil
}

// SetTimeoutState records what the scan evaluated, with a targeted UPDATE
// that leaves updated alone: the conversation's version it saw, what fired
// for the current silence and when the next timeout is due (zero: none
// pending). Call it after the evaluation's other writes, in the same
// transaction.
func SetTimeoutState(tx core.App, id string, fired any, next time.Time) error {
	raw, err := json.Marshal(fired)
	if err != nil {
		return err
	}
	nextAt := ""
	if !next.IsZero() {
		nextAt = DateString(next)
	}
	_, err = tx.NonconcurrentDB().NewQuery("UPDATE {{" + CollectionConversations + "}} SET " +
		"[[timeouts_seen]] = [[updated]], [[timeouts_fired]] = {:fired}, [[timeouts_next_at]] = {:next} WHERE [[id]] = {:id}").
		Bind(dbx.Params{"fired": string(raw), "next": nextAt, "id": id}).Execute()
	if err != nil {
		return fmt.Errorf("store: timeout state %s: %w", id, err)
	}
	return nil
}

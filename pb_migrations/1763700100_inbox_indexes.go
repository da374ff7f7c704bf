package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The inbox's lists each read one index in list order (checked with EXPLAIN
// QUERY PLAN in internal/store/inbox_query_test.go):
//   - all open conversations, newest first (supervisors): a partial index
//     on last_message_at for state != 'closed', so no sort of every open row;
//   - an agent's closed conversations, newest first: agent, state, closed_at;
//   - the "mine" tab's count and unread sum from the index alone: agent,
//     state, unread.
func init() {
	m.Register(upInboxIndexes, downInboxIndexes)
}

func upInboxIndexes(app core.App) error {
	c, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	c.AddIndex("idx_conv_open_last", false, "last_message_at", "state != 'closed'")
	c.AddIndex("idx_conv_agent_closed", false, "agent, state, closed_at", "")
	c.AddIndex("idx_conv_agent_unread", false, "agent, state, unread", "")
	return app.Save(c)
}

func downInboxIndexes(app core.App) error {
	c, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	c.RemoveIndex("idx_conv_open_last")
	c.RemoveIndex("idx_conv_agent_closed")
	c.RemoveIndex("idx_conv_agent_unread")
	return app.Save(c)
}

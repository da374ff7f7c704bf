package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

func init() {
	m.Register(upLeanConversationIndexes, downLeanConversationIndexes)
}

// upLeanConversationIndexes drops two conversation indexes that every
// customer message paid for and no query needs. Each message rewrites its
// conversation's last_message_at and unread, so each index on those
// columns costs the ingest writer index pages written per batch (about 3
// of the 41 a batch of 8 messages wrote, measured on the WAL):
//   - idx_conv_state_last (state, last_message_at): no query orders one
//     state by last_message_at (the lists read idx_conv_agent_state and
//     idx_conv_open_last; counts by state read idx_conv_queued);
//   - idx_conv_agent_unread (agent, state, unread): it let the "mine" count
//     sum unread from the index alone, but that count reads at most an
//     agent's few active conversations, found through (agent, state).
func upLeanConversationIndexes(app core.App) error {
	c, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	c.RemoveIndex("idx_conv_state_last")
	c.RemoveIndex("idx_conv_agent_unread")
	return app.Save(c)
}

func downLeanConversationIndexes(app core.App) error {
	c, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	c.AddIndex("idx_conv_state_last", false, "state, last_message_at", "")
	c.AddIndex("idx_conv_agent_unread", false, "agent, state, unread", "")
	return app.Save(c)
}

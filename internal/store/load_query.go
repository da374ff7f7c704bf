package store

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// OpenStates are the states in which a conversation counts against its
// agent's max_concurrent.
const OpenStates = "'bot','queued','active'"

// CountOpenByAgent counts the open conversations an agent owns (its load
// against max_concurrent), served by idx_conv_agent_state. Called inside a
// transaction, the count cannot change before that transaction commits:
// SQLite has one writer.
func CountOpenByAgent(app core.App, agentID string) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT count(*) FROM {{" + CollectionConversations + "}} WHERE [[agent]] = {:a} AND [[state]] IN (" + OpenStates + ")").
		Bind(dbx.Params{"a": agentID}).Row(&n)
	if err != nil {
		return 0, fmt.Errorf("store: load of agent %s: %w", agentID, err)
	}
	return n, nil
}

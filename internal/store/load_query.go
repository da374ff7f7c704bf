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

// AgentLoad is an agent with the number of open conversations it holds.
type AgentLoad struct {
	ID     string `db:"id"`
	Name   string `db:"name"`
	Role   string `db:"role"`
	Status string `db:"status"`
	Max    int    `db:"max_concurrent"`
	Active int    `db:"active"`
}

// ListAgentLoads returns every agent with its load, by id, in one query
// (idx_conv_agent_state answers each count).
func ListAgentLoads(app core.App) ([]AgentLoad, error) {
	return listAgentLoads(app, "")
}

// ListOnlineAgentLoads is ListAgentLoads for the online agents only: the
// only ones routing may give a conversation to, so a drain with a whole
// team signed off (or a room of supervisors watching) reads nothing.
func ListOnlineAgentLoads(app core.App) ([]AgentLoad, error) {
	return listAgentLoads(app, "WHERE a.status = 'online' ")
}

func listAgentLoads(app core.App, where string) ([]AgentLoad, error) {
	var rows []AgentLoad
	err := app.DB().NewQuery("SELECT a.id, a.name, a.role, a.status, a.max_concurrent, " +
		"(SELECT count(*) FROM {{" + CollectionConversations + "}} c WHERE c.agent = a.id AND c.state IN (" + OpenStates + ")) AS active " +
		"FROM {{" + CollectionAgents + "}} a " + where + "ORDER BY a.id").All(&rows)
	if err != nil {
		return nil, fmt.Errorf("store: agent loads: %w", err)
	}
	return rows, nil
}

// QueueLengths counts the unassigned queued conversations per queue id
// ("" is the default queue), from idx_conv_waiting.
func QueueLengths(app core.App) (map[string]int, error) {
	var rows []struct {
		Queue string `db:"queue"`
		N     int    `db:"n"`
	}
	err := app.DB().NewQuery("SELECT queue, count(*) AS n FROM {{" + CollectionConversations + "}} " +
		"WHERE state = 'queued' AND agent = '' GROUP BY queue").All(&rows)
	if err != nil {
		return nil, fmt.Errorf("store: queue lengths: %w", err)
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Queue] = r.N
	}
	return out, nil
}

// QueuePosition is a waiting conversation's 1-based place in its queue
// (VIP first, then queued_at, then id, as routing serves them); 0 when it is
// not waiting. idx_conv_waiting bounds the count to the queue.
func QueuePosition(app core.App, convID string) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT CASE WHEN c.state = 'queued' AND c.agent = '' THEN 1 + (" +
		"SELECT count(*) FROM {{" + CollectionConversations + "}} w JOIN {{" + CollectionCustomers + "}} wc ON wc.id = w.customer " +
		"WHERE w.state = 'queued' AND w.agent = '' AND w.queue = c.queue AND (wc.vip > cu.vip OR (wc.vip = cu.vip AND " +
		"(w.queued_at < c.queued_at OR (w.queued_at = c.queued_at AND w.id < c.id))))) ELSE 0 END " +
		"FROM {{" + CollectionConversations + "}} c JOIN {{" + CollectionCustomers + "}} cu ON cu.id = c.customer WHERE c.id = {:id}").
		Bind(dbx.Params{"id": convID}).Row(&n)
	if err != nil {
		return 0, fmt.Errorf("store: queue position of %s: %w", convID, err)
	}
	return n, nil
}

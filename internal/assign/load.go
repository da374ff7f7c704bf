package assign

import (
	"encoding/json"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/wedesk/wedesk/internal/routing"
	"github.com/wedesk/wedesk/internal/store"
)

// agentRow is an agent as the assigner reads it, with its current load.
type agentRow = store.AgentLoad

// loadAgents reads the online agents (the only ones routing may choose)
// with the number of open conversations each owns.
func loadAgents(app core.App) ([]agentRow, error) { return store.ListOnlineAgentLoads(app) }

// waitingRow is one unassigned queued conversation with its customer.
type waitingRow struct {
	ID           string         `db:"id"`
	Queue        string         `db:"queue"`
	Channel      string         `db:"channel"`
	Account      string         `db:"account"`
	QueuedAt     types.DateTime `db:"queued_at"`
	Customer     string         `db:"customer"`
	VIP          bool           `db:"vip"`
	Owner        string         `db:"owner"`
	Tags         string         `db:"tags"`
	BlockedUntil types.DateTime `db:"blocked_until"`
}

// loadWaiting reads the unassigned queued conversations (idx_conv_waiting).
func loadWaiting(app core.App) ([]waitingRow, error) {
	var rows []waitingRow
	err := app.DB().NewQuery("SELECT c.id, c.queue, c.channel, c.account, c.queued_at, c.customer, " +
		"cu.vip, cu.owner, COALESCE(cu.tags, '') AS tags, cu.blocked_until " +
		"FROM conversations c JOIN customers cu ON cu.id = c.customer " +
		"WHERE c.state = 'queued' AND c.agent = '' ORDER BY c.queued_at").All(&rows)
	return rows, err
}

// blocked reports whether the customer is blocked (拒收) at now: their
// conversations are never routed.
func (w *waitingRow) blocked(now time.Time) bool {
	return !w.BlockedUntil.IsZero() && w.BlockedUntil.Time().After(now)
}

// customer builds the routing view of the row's customer.
func (w *waitingRow) customer(last map[string]lastServed) routing.Customer {
	c := routing.Customer{ID: w.Customer, OwnerID: w.Owner, VIP: w.VIP}
	if w.Tags != "" {
		_ = json.Unmarshal([]byte(w.Tags), &c.Tags)
	}
	if l, ok := last[w.Customer]; ok {
		c.LastAgentID, c.LastServedAt = l.Agent, l.At.Time()
	}
	return c
}

// lastServed is the agent who last served a customer, and when.
type lastServed struct {
	Customer string         `db:"customer"`
	Agent    string         `db:"agent"`
	At       types.DateTime `db:"at"`
}

// loadLastServed finds, for each customer, the agent of their latest closed
// conversation (SQLite returns the row of the max() for bare columns).
func loadLastServed(app core.App, customers []string) (map[string]lastServed, error) {
	out := map[string]lastServed{}
	const chunk = 500
	for i := 0; i < len(customers); i += chunk {
		ids := customers[i:min(i+chunk, len(customers))]
		in := make([]any, len(ids))
		for j, id := range ids {
			in[j] = id
		}
		var rows []lastServed
		err := app.DB().Select("customer", "agent", "max(closed_at) AS at").From(store.CollectionConversations).
			Where(dbx.In("customer", in...)).
			AndWhere(dbx.NewExp("state = 'closed' AND agent != ''")).
			GroupBy("customer").All(&rows)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.Customer] = r
		}
	}
	return out, nil
}

// queueConf is a queue as the drain uses it; the zero ID is the implicit
// default queue of every agent.
type queueConf struct {
	ID       string
	Name     string
	Strategy routing.Strategy
	Familiar int
	Only     bool
	Members  []store.QueueMember
	Rules    []store.QueueRule
	Cursor   string
	Implicit bool
}

// defaultQueue routes to every agent (not supervisors), least busy first,
// so a fresh install routes out of the box.
func defaultQueue(agents []agentRow) queueConf {
	q := queueConf{Strategy: routing.StrategyLeastBusy, Implicit: true}
	for _, a := range agents {
		if a.Role == store.RoleAgent {
			q.Members = append(q.Members, store.QueueMember{Agent: a.ID})
		}
	}
	return q
}

// loadQueues reads the configured queues by id.
func loadQueues(app core.App) (map[string]queueConf, error) {
	qs, err := store.ListQueues(app)
	if err != nil {
		return nil, err
	}
	out := make(map[string]queueConf, len(qs))
	for _, q := range qs {
		out[q.Id] = queueConf{ID: q.Id, Name: q.Name(), Strategy: routing.Strategy(q.Strategy()),
			Familiar: q.FamiliarDays(), Only: q.GetBool("members_only"), Members: q.Members(),
			Rules: q.Rules(), Cursor: q.GetString("rr_cursor")}
	}
	return out, nil
}

// routingQueue builds the pure view of q from the current agents.
func (q queueConf) routingQueue(agents map[string]*agentRow) routing.Queue {
	rq := routing.Queue{ID: q.ID, Strategy: q.Strategy, FamiliarDays: q.Familiar, PinsMembersOnly: q.Only}
	for _, m := range q.Members {
		a, ok := agents[m.Agent]
		if !ok {
			continue
		}
		ra := routingAgent(a)
		ra.Skill, ra.TransferOnly = m.Skill, m.TransferOnly
		rq.Agents = append(rq.Agents, ra)
	}
	return rq
}

// rules converts the designated rules.
func (q queueConf) rules() []routing.Rule {
	out := make([]routing.Rule, len(q.Rules))
	for i, r := range q.Rules {
		out[i] = routing.Rule{CustomerID: r.Customer, Tag: r.Tag, AgentID: r.Agent}
	}
	return out
}

// routingAgent is the agent as the pure router sees it.
func routingAgent(a *agentRow) routing.Agent {
	return routing.Agent{ID: a.ID, Status: routing.Status(a.Status), MaxConcurrent: a.Max, Active: a.Active}
}

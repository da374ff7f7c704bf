package assign

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/wedesk/wedesk/internal/routing"
	"github.com/wedesk/wedesk/internal/store"
)

// Result is what one drain did.
type Result struct {
	// Assigned are the assignments made, in order.
	Assigned []routing.Assignment
}

// Drain assigns every queued conversation someone qualifies for, queue by
// queue, in one transaction, and announces the assigned conversations
// after the commit (live inbox updates).
func (a *Assigner) Drain() (*Result, error) {
	a.drainMu.Lock()
	defer a.drainMu.Unlock()
	var res *Result
	err := a.app.RunInTransaction(func(tx core.App) error {
		var err error
		res, err = a.drainTx(tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(res.Assigned) > 0 {
		ids := make([]string, len(res.Assigned))
		for i, as := range res.Assigned {
			ids[i] = as.ConversationID
		}
		if recs, err := a.app.FindRecordsByIds(store.CollectionConversations, ids); err == nil {
			store.Announce(a.app, recs, false)
		}
		for _, as := range res.Assigned {
			a.announceAssigned(as.ConversationID, as.AgentID)
		}
	}
	return res, nil
}

// drainTx is Drain's work inside tx.
func (a *Assigner) drainTx(tx core.App) (*Result, error) {
	now := a.now()
	agents, err := loadAgents(tx)
	if err != nil || !anyFree(agents) {
		// Nobody can take a conversation: skip reading the waiting list,
		// which is longest exactly when everyone is busy.
		return &Result{}, err
	}
	rows, err := loadWaiting(tx)
	if err != nil || len(rows) == 0 {
		return &Result{}, err
	}
	queues, err := loadQueues(tx)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*agentRow, len(agents))
	for i := range agents {
		byID[agents[i].ID] = &agents[i]
	}
	last, err := familiarity(tx, rows, queues)
	if err != nil {
		return nil, err
	}
	groups := map[string][]routing.Waiting{}
	var order []string
	for i := range rows {
		r := &rows[i]
		if r.blocked(now) {
			continue // 拒收: stored and flagged elsewhere, never routed
		}
		qid := r.Queue
		if _, ok := queues[qid]; !ok {
			qid = ""
		}
		if _, seen := groups[qid]; !seen {
			order = append(order, qid)
		}
		groups[qid] = append(groups[qid], routing.Waiting{ConversationID: r.ID, VIP: r.VIP,
			QueuedAt: r.QueuedAt.Time(), Customer: r.customer(last)})
	}
	res := &Result{}
	for _, qid := range order {
		conf, ok := queues[qid]
		if !ok {
			conf = defaultQueue(agents)
		}
		if err := a.drainQueue(tx, conf, groups[qid], byID, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// drainQueue drains one queue and writes its assignments and cursor.
func (a *Assigner) drainQueue(tx core.App, conf queueConf, waiting []routing.Waiting, agents map[string]*agentRow, res *Result) error {
	dir := make(map[string]routing.Agent, len(agents))
	for id, ag := range agents {
		dir[id] = routingAgent(ag)
	}
	out, st, err := routing.Drain(routing.DrainRequest{Queue: conf.routingQueue(agents), Waiting: waiting,
		Rules: conf.rules(), Directory: dir, State: routing.State{Cursor: conf.Cursor}, Rand: a.rnd, Now: a.now()})
	if err != nil {
		return fmt.Errorf("assign: queue %q: %w", conf.ID, err)
	}
	for _, as := range out {
		ok, err := assignTx(tx, as.ConversationID, as.AgentID)
		if err != nil {
			return err
		}
		if ok {
			agents[as.AgentID].Active++ // later queues in this drain see the load
			res.Assigned = append(res.Assigned, as)
		}
	}
	if !conf.Implicit && st.Cursor != conf.Cursor {
		if _, err := tx.NonconcurrentDB().Update(store.CollectionQueues, dbx.Params{"rr_cursor": st.Cursor},
			dbx.HashExp{"id": conf.ID}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// assignTx gives an unassigned open conversation to agentID; false when it
// was taken or closed in the meantime.
func assignTx(tx core.App, convID, agentID string) (bool, error) {
	r, err := tx.NonconcurrentDB().NewQuery("UPDATE conversations SET agent = {:a}, state = 'active', updated = {:u} " +
		"WHERE id = {:id} AND agent = '' AND state = 'queued'").
		Bind(dbx.Params{"a": agentID, "id": convID, "u": types.NowDateTime().String()}).Execute()
	if err != nil {
		return false, fmt.Errorf("assign: conversation %s: %w", convID, err)
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// familiarity loads who last served each waiting customer, only for the
// conversations whose queue uses 熟客 (familiar_days > 0).
func familiarity(tx core.App, rows []waitingRow, queues map[string]queueConf) (map[string]lastServed, error) {
	var customers []string
	for _, r := range rows {
		if queues[r.Queue].Familiar > 0 {
			customers = append(customers, r.Customer)
		}
	}
	if len(customers) == 0 {
		return nil, nil
	}
	return loadLastServed(tx, customers)
}

// anyFree reports whether some agent is online and under capacity; without
// one no step of the chain can assign anything.
func anyFree(agents []agentRow) bool {
	for _, a := range agents {
		if a.Status == store.StatusOnline && a.Active < a.Max {
			return true
		}
	}
	return false
}

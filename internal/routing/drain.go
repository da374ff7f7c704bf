package routing

import "time"

// DrainRequest is a queue's waiting list together with its current agents.
type DrainRequest struct {
	Queue     Queue
	Waiting   []Waiting
	Rules     []Rule
	Directory map[string]Agent
	State     State
	Rand      Rand
	Now       time.Time
}

// Assignment is one waiting conversation given to an agent by Drain.
type Assignment struct {
	ConversationID string
	AgentID        string
	Reason         Reason
}

// Drain assigns waiting conversations in service order (VIP first, then
// FIFO) for as long as someone qualifies, counting each assignment against
// the agent's capacity in memory so no agent is ever over-assigned within
// one drain. It returns the assignments in the order they were made and the
// round-robin state to persist. Inputs are not modified.
//
// Once no queue member qualifies, the remaining conversations can only go to
// their own pinned agent (owner, familiar, designated). Those pins rank above
// VIP and queue order in the chain, so a free owner still takes their
// customer from deep in the queue instead of idling behind a blocked head.
func Drain(req DrainRequest) ([]Assignment, State, error) {
	c, err := newChain(req.Queue, req.Rules, req.Directory, req.State, req.Rand, req.Now)
	if err != nil {
		return nil, req.State, err
	}
	c.roster.startDrain()
	var out []Assignment
	days := req.Queue.FamiliarDays
	h := newWaitHeap(req.Waiting, func(w *Waiting) bool { return c.rules.pinned(&w.Customer, c.now, days) })
	for h.Len() > 0 {
		w := h.pop()
		d := c.decide(w.Customer, true)
		if !d.Assigned() {
			// Capacity only shrinks during a drain, so no member will qualify
			// again; this conversation had no free pin either and keeps waiting.
			break
		}
		out = append(out, c.commit(w, d))
	}
	out = append(out, c.drainPinned(h)...)
	return out, c.state, nil
}

// drainPinned gives the remaining conversations with a pin to their pinned
// agent when that agent still qualifies, in service order.
func (c *chain) drainPinned(h *waitHeap) []Assignment {
	var out []Assignment
	for _, w := range h.restPinned() {
		if d := c.decide(w.Customer, false); d.Assigned() {
			out = append(out, c.commit(w, d))
		}
	}
	return out
}

// commit counts the assignment against the agent and reports it.
func (c *chain) commit(w Waiting, d Decision) Assignment {
	c.roster.assign(d.AgentID, c.picked, c.now)
	return Assignment{ConversationID: w.ConversationID, AgentID: d.AgentID, Reason: d.Reason}
}

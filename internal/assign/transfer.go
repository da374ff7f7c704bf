package assign

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/store"
)

// Target is where a transfer sends a conversation: an agent, or a queue
// ("" with ToQueue true is the default queue of every agent).
type Target struct {
	AgentID string
	QueueID string
	ToQueue bool
	// Force lets a supervisor give the conversation to an agent who is not
	// online or is at capacity.
	Force bool
	// KeepQueue sends a conversation back to the queue it came through
	// (bulk reassignment) instead of QueueID.
	KeepQueue bool
}

// Transfer hands an open conversation to another agent or back to a queue,
// with an optional note; the history keeps a system line. The actor must
// hold the conversation or be a supervisor. An agent target must be online
// and under capacity (counted inside the transaction) unless a supervisor
// forces it; transfer-only queue members may receive transfers. A queue
// target wakes the assigner.
func (a *Assigner) Transfer(actor *store.Agent, convID string, to Target, note string) (*store.Conversation, error) {
	var out *store.Conversation
	err := a.app.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, convID)
		if err != nil {
			return err
		}
		if conv.IsClosed() {
			return desk.ErrClosed
		}
		if conv.AgentID() != actor.Id && !actor.IsSupervisor() {
			return desk.ErrNotYours
		}
		out = conv
		if to.ToQueue {
			q := to.QueueID
			if to.KeepQueue {
				q = conv.QueueID()
			}
			return a.toQueue(tx, actor, conv, q, note)
		}
		return a.toAgent(tx, actor, conv, to, note)
	})
	switch {
	case err != nil:
	case to.ToQueue:
		a.Wake()
	default:
		a.announceAssigned(out.Id, out.AgentID())
	}
	return out, err
}

// toAgent gives conv to to.AgentID inside tx.
func (a *Assigner) toAgent(tx core.App, actor *store.Agent, conv *store.Conversation, to Target, note string) error {
	target, err := store.FindAgent(tx, to.AgentID)
	if err != nil {
		return err
	}
	if target.Id == conv.AgentID() {
		return nil
	}
	if !(to.Force && actor.IsSupervisor()) {
		n, err := store.CountOpenByAgent(tx, target.Id)
		if err != nil {
			return err
		}
		if target.Status() != store.StatusOnline || n >= target.MaxConcurrent() {
			return desk.ErrUnavailable
		}
	}
	from := conv.AgentID()
	conv.Set("agent", target.Id)
	conv.Set("state", store.StateActive)
	if err := store.SaveChanges(tx, conv.Record); err != nil {
		return err
	}
	return a.actions.AddSystemNote(tx, conv, transferLine(actor.Name(), target.Name(), note),
		map[string]any{"kind": "transfer", "from": from, "by": actor.Id, "to_agent": target.Id, "note": note})
}

// toQueue puts conv back in queue q inside tx; its wait starts again.
func (a *Assigner) toQueue(tx core.App, actor *store.Agent, conv *store.Conversation, q, note string) error {
	name := "默认队列"
	if q != "" {
		queue, err := store.FindQueue(tx, q)
		if err != nil {
			return err
		}
		name = queue.Name()
	}
	from := conv.AgentID()
	if err := a.requeue(tx, conv, q); err != nil {
		return err
	}
	return a.actions.AddSystemNote(tx, conv, transferLine(actor.Name(), name, note),
		map[string]any{"kind": "transfer", "from": from, "by": actor.Id, "to_queue": q, "note": note})
}

// transferLine is the system line a transfer leaves in the history.
func transferLine(by, to, note string) string {
	s := by + " 转接给 " + to
	if note = strings.TrimSpace(note); note != "" {
		s += "：" + note
	}
	return s
}

// ReassignAll is a supervisor's bulk reassignment of every open
// conversation an agent holds (typically one who went offline): to another
// agent (Force allowed) or back to a queue. It returns how many moved.
func (a *Assigner) ReassignAll(supervisor *store.Agent, fromAgentID string, to Target, note string) (int, error) {
	if !supervisor.IsSupervisor() {
		return 0, desk.ErrNotSupervisor
	}
	recs, err := a.app.FindRecordsByFilter(store.CollectionConversations,
		"agent = {:a} && state != 'closed'", "opened_at", 0, 0, map[string]any{"a": fromAgentID})
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, r := range recs {
		if _, err := a.Transfer(supervisor, r.Id, to, note); err != nil {
			return moved, err
		}
		moved++
	}
	return moved, nil
}

// TransferToQueue is the automation's transfer (a timeout's auto-transfer,
// the bot's hand-over), inside the caller's transaction tx. A conversation
// an agent held goes to another agent of queue queueID ("" = the queue it
// came through): the least busy one online with a free slot, never the
// agent it leaves (their silence is why it moves). With nobody free, or
// for a conversation nobody held (the bot's), it waits in that queue, its
// wait starting again, and the queues drain once tx has committed (Wake
// only signals the assigner's goroutine, whose drain waits for the write
// lock). It implements autoservice.Transferer.
func (a *Assigner) TransferToQueue(tx core.App, convID, queueID, reason string) error {
	conv, err := store.FindConversation(tx, convID)
	if err != nil {
		return err
	}
	if conv.IsClosed() {
		return desk.ErrClosed
	}
	if queueID == "" {
		queueID = conv.QueueID()
	}
	from := conv.AgentID()
	conv.Set("queue", queueID)
	note := map[string]any{"kind": "transfer", "from": from, "to_queue": queueID, "reason": reason}
	to := ""
	if from != "" {
		if to, err = otherAgent(tx, queueID, from); err != nil {
			return err
		}
	}
	if to != "" {
		conv.Set("agent", to)
		conv.Set("state", store.StateActive)
		conv.Set("assigned_at", a.now())
		note["to_agent"] = to
		err = store.SaveChanges(tx, conv.Record)
	} else {
		err = a.requeue(tx, conv, queueID)
	}
	if err != nil {
		return err
	}
	if err := a.actions.AddSystemNote(tx, conv, reason, note); err != nil {
		return err
	}
	if to == "" {
		a.Wake()
	}
	return nil
}

// otherAgent picks, inside tx, the least busy online agent with a free
// slot who may take conversations of queueID ("" = every agent), other
// than not; "" when there is none.
func otherAgent(tx core.App, queueID, not string) (string, error) {
	loads, err := store.ListOnlineAgentLoads(tx)
	if err != nil {
		return "", err
	}
	allowed := map[string]bool{}
	if queueID != "" {
		q, err := store.FindQueue(tx, queueID)
		if err != nil {
			return "", err
		}
		for _, m := range q.Members() {
			allowed[m.Agent] = true // transfer-only members may receive transfers
		}
	}
	best := -1
	for i, l := range loads {
		if l.ID == not || l.Active >= l.Max || (queueID != "" && !allowed[l.ID]) || (queueID == "" && l.Role != "agent") {
			continue
		}
		if best < 0 || l.Active < loads[best].Active {
			best = i
		}
	}
	if best < 0 {
		return "", nil
	}
	return loads[best].ID, nil
}

// requeue puts conv back, unassigned, in queue q inside tx; its wait
// starts again.
func (a *Assigner) requeue(tx core.App, conv *store.Conversation, q string) error {
	conv.Set("agent", "")
	conv.Set("queue", q)
	conv.Set("state", store.StateQueued)
	conv.Set("queued_at", a.now())
	return store.SaveChanges(tx, conv.Record)
}

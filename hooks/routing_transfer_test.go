package hooks_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/internal/assign"
	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/store"
)

// TestRoutingTransfer: to an available agent with a note kept as a system
// line; refused to a suspended or full agent unless a supervisor forces it;
// transfer-only members receive transfers; to a queue the conversation
// waits again and is routed.
func TestRoutingTransfer(t *testing.T) {
	h, _ := routingHarness(t)
	a1 := h.routingAgent("a1", "online", 5)
	c := h.write("o_tr", "hi")
	if h.agentOf(c) != a1.Id {
		t.Fatal("premise: a1 serves the conversation")
	}
	a2 := h.routingAgent("a2", "online", 1)
	resting := h.routingAgent("resting", "suspended", 5)
	member := h.routingAgent("member", "online", 5)
	h.routingQueue("更多成员", map[string]any{"agents": []map[string]any{{"agent": member.Id, "transfer_only": true}}})
	actor := store.NewAgent(h.reload(a1))

	if _, err := h.desk.Assign.Transfer(actor, c.Id, assign.Target{AgentID: resting.Id}, ""); !errors.Is(err, desk.ErrUnavailable) {
		t.Fatalf("transfer to a suspended agent: %v", err)
	}
	if _, err := h.desk.Assign.Transfer(actor, c.Id, assign.Target{AgentID: a2.Id}, "客户要退款"); err != nil {
		t.Fatal(err)
	}
	if h.agentOf(c) != a2.Id {
		t.Fatal("not transferred to a2")
	}
	if got := h.systemTexts(c.Id); len(got) != 1 || !strings.Contains(got[0], "a1 转接给 a2：客户要退款") {
		t.Fatalf("history: %q", got)
	}
	// a2 is now full (capacity 1): an agent may not push another one onto them.
	c2 := h.write("o_tr2", "hi")
	if h.agentOf(c2) != a1.Id && h.agentOf(c2) != member.Id {
		t.Fatalf("second conversation went to %q", h.agentOf(c2))
	}
	holder := store.NewAgent(h.reload(mustRecord(t, h, store.CollectionAgents, h.agentOf(c2))))
	if _, err := h.desk.Assign.Transfer(holder, c2.Id, assign.Target{AgentID: a2.Id}, ""); !errors.Is(err, desk.ErrUnavailable) {
		t.Fatalf("transfer to a full agent: %v", err)
	}
	lead := store.NewAgent(h.reload(h.supervisor))
	if _, err := h.desk.Assign.Transfer(lead, c2.Id, assign.Target{AgentID: a2.Id, Force: true}, ""); err != nil {
		t.Fatalf("forced transfer: %v", err)
	}
	// Transfer-only member: never auto-assigned, but receives transfers.
	if _, err := h.desk.Assign.Transfer(lead, c2.Id, assign.Target{AgentID: member.Id}, ""); err != nil {
		t.Fatalf("transfer to a transfer-only member: %v", err)
	}
	// Back to the default queue: routed again at once, to a1 (the only free one).
	if _, err := h.desk.Assign.Transfer(lead, c2.Id, assign.Target{ToQueue: true}, "回队列"); err != nil {
		t.Fatal(err)
	}
	h.desk.Assign.Idle()
	if got := h.agentOf(c2); got == "" {
		t.Fatal("a conversation transferred to a queue was not routed again")
	}
	// An agent may not transfer someone else's conversation.
	other := store.NewAgent(h.reload(a1))
	if _, err := h.desk.Assign.Transfer(other, c.Id, assign.Target{ToQueue: true}, ""); !errors.Is(err, desk.ErrNotYours) {
		t.Fatalf("transfer of another's conversation: %v", err)
	}
}

// TestRoutingTakeOverAndClaim: claiming respects capacity and never takes
// another agent's conversation; a supervisor's take-over is its own action
// and leaves a system line.
func TestRoutingTakeOverAndClaim(t *testing.T) {
	h, _ := routingHarness(t)
	c1 := h.write("o_cl1", "hi")
	c2 := h.write("o_cl2", "hi")
	small := store.NewAgent(h.routingAgent("small", "offline", 1))
	if _, err := h.desk.Actions.Claim(h.app, small, c1.Id); err != nil {
		t.Fatal(err)
	}
	if _, err := h.desk.Actions.Claim(h.app, small, c2.Id); !errors.Is(err, desk.ErrAtCapacity) {
		t.Fatalf("claim over capacity: %v", err)
	}
	lead := store.NewAgent(h.reload(h.supervisor))
	if _, err := h.desk.Actions.Claim(h.app, lead, c1.Id); !errors.Is(err, desk.ErrAlreadyTaken) {
		t.Fatalf("a supervisor's claim must not take over: %v", err)
	}
	if _, prev, err := h.desk.Actions.TakeOver(h.app, lead, c1.Id); err != nil || prev != small.Id {
		t.Fatalf("take-over: prev %q, %v", prev, err)
	}
	if h.agentOf(c1) != lead.Id {
		t.Fatal("take-over did not assign the supervisor")
	}
	if got := h.systemTexts(c1.Id); len(got) != 1 || !strings.Contains(got[0], "接管") || !strings.Contains(got[0], "small") {
		t.Fatalf("take-over history: %q", got)
	}
	if _, _, err := h.desk.Actions.TakeOver(h.app, small, c2.Id); !errors.Is(err, desk.ErrNotSupervisor) {
		t.Fatalf("take-over by an agent: %v", err)
	}
}

// TestRoutingReassignOffline: a supervisor puts an offline agent's
// conversations back in their queue; they are routed to who is online.
func TestRoutingReassignOffline(t *testing.T) {
	h, _ := routingHarness(t)
	gone := h.routingAgent("gone", "online", 5)
	c1 := h.write("o_re1", "hi")
	c2 := h.write("o_re2", "hi")
	h.setAgent(gone, map[string]any{"status": "offline"})
	if h.agentOf(c1) != gone.Id || h.agentOf(c2) != gone.Id {
		t.Fatal("going offline keeps the conversations until reassigned")
	}
	fresh := h.routingAgent("fresh", "online", 5)
	lead := store.NewAgent(h.reload(h.supervisor))
	if _, err := h.desk.Assign.ReassignAll(store.NewAgent(h.reload(fresh)), gone.Id, assign.Target{ToQueue: true, KeepQueue: true}, ""); !errors.Is(err, desk.ErrNotSupervisor) {
		t.Fatalf("bulk reassignment by an agent: %v", err)
	}
	n, err := h.desk.Assign.ReassignAll(lead, gone.Id, assign.Target{ToQueue: true, KeepQueue: true}, "")
	if err != nil || n != 2 {
		t.Fatalf("reassigned %d, %v", n, err)
	}
	h.desk.Assign.Idle()
	if h.agentOf(c1) != fresh.Id || h.agentOf(c2) != fresh.Id {
		t.Fatalf("after reassignment: %q %q", h.agentOf(c1), h.agentOf(c2))
	}
}

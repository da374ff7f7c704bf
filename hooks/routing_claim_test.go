package hooks_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/store"
)

// TestRoutingConcurrentClaims: ten simultaneous manual claims by an agent
// with capacity 3, while the assigner drains, never overfill the agent and
// never give a conversation two agents.
func TestRoutingConcurrentClaims(t *testing.T) {
	h, _ := routingHarness(t)
	var ids []string
	for i := range 10 {
		ids = append(ids, h.write(fmt.Sprintf("o_claim%02d", i), "hi").Id)
	}
	agent := store.NewAgent(h.routingAgent("claimer", "offline", 3))
	var wg sync.WaitGroup
	var mu sync.Mutex
	won, full := 0, 0
	for _, id := range ids {
		wg.Go(func() {
			_, err := h.desk.Actions.Claim(h.app, agent, id)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case errors.Is(err, desk.ErrAtCapacity):
				full++
			default:
				t.Error(err)
			}
		})
		wg.Go(func() { h.desk.Assign.Wake() })
	}
	wg.Wait()
	h.desk.Assign.Idle()
	if won != 3 || full != 7 {
		t.Fatalf("claims won %d refused %d, want 3 and 7", won, full)
	}
	if n := h.count(store.CollectionConversations, "agent = '"+agent.Id+"' && state != 'closed'"); n != 3 {
		t.Fatalf("agent holds %d", n)
	}
}

// TestRoutingSweepOnStart: conversations left waiting while the process
// was down (or written past the hooks) are routed when the server starts.
func TestRoutingSweepOnStart(t *testing.T) {
	clock := newCoreClock()
	h := newHarnessApp(t, hooks.Options{Now: clock.Now, PauseOutbox: true})
	a := h.routingAgent("early", "online", 5)
	cust := h.routingCustomer("o_sweep", nil)
	c := h.rawConv(cust.Id, store.StateQueued, "", clock.Now())
	h.desk.Assign.Idle()
	if h.agentOf(c) != "" {
		t.Fatal("premise: nothing routed a conversation written past the hooks")
	}
	serveMux(t, h.app)
	h.desk.Assign.Idle()
	if h.agentOf(c) != a.Id {
		t.Fatal("the start-up sweep did not route the waiting conversation")
	}
}

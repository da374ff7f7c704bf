package hooks_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/store"
)

// routingMsgN numbers the test messages so each is stored once.
var routingMsgN atomic.Int64

// routingHarness is a harness whose three default agents are offline, so a
// test decides exactly who can receive conversations.
func routingHarness(t testing.TB) (*harness, *coreClock) {
	t.Helper()
	clock := newCoreClock()
	h := newHarnessApp(t, hooks.Options{Now: clock.Now, PauseOutbox: true})
	for _, a := range []*core.Record{h.agent, h.agent2, h.supervisor} {
		h.setAgent(a, map[string]any{"status": "offline"})
	}
	return h, clock
}

// routingAgent creates an agent with a capacity and status.
func (h *harness) routingAgent(name, status string, max int) *core.Record {
	h.t.Helper()
	col, err := h.app.FindCollectionByNameOrId("agents")
	if err != nil {
		h.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.SetEmail(name + "@example.com")
	r.SetPassword("password123")
	r.Load(map[string]any{"name": name, "role": "agent", "status": status, "max_concurrent": max})
	if err := h.app.Save(r); err != nil {
		h.t.Fatal(err)
	}
	h.desk.Assign.Idle()
	return r
}

// setAgent changes an agent's fields and waits for the drain it wakes.
func (h *harness) setAgent(a *core.Record, fields map[string]any) {
	h.t.Helper()
	fresh := h.reload(a)
	fresh.Load(fields)
	if err := h.app.Save(fresh); err != nil {
		h.t.Fatal(err)
	}
	h.desk.Assign.Idle()
}

// routingCustomer creates a customer of the harness channel up front (to
// make them VIP, give them an owner or tags before they write).
func (h *harness) routingCustomer(externalID string, fields map[string]any) *core.Record {
	h.t.Helper()
	col, err := h.app.FindCollectionByNameOrId(store.CollectionCustomers)
	if err != nil {
		h.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"channel": h.channel.Id, "external_id": externalID})
	r.Load(fields)
	if err := h.app.Save(r); err != nil {
		h.t.Fatal(err)
	}
	return r
}

// routingQueue creates a queue.
func (h *harness) routingQueue(name string, fields map[string]any) *core.Record {
	h.t.Helper()
	col, err := h.app.FindCollectionByNameOrId(store.CollectionQueues)
	if err != nil {
		h.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"name": name, "strategy": "least_busy", "live_position": true})
	r.Load(fields)
	if err := h.app.Save(r); err != nil {
		h.t.Fatal(err)
	}
	h.desk.Assign.Idle()
	return r
}

// write has a customer send a text and waits for routing to settle.
func (h *harness) write(externalID, text string) *core.Record {
	h.t.Helper()
	n := routingMsgN.Add(1)
	h.commit(coreText(externalID, fmt.Sprintf("m%s-%d", externalID, n), text))
	h.desk.Assign.Idle()
	return h.openConvOrLatest(externalID)
}

// openConvOrLatest returns the customer's latest conversation.
func (h *harness) openConvOrLatest(externalID string) *core.Record {
	h.t.Helper()
	recs, err := h.app.FindRecordsByFilter(store.CollectionConversations,
		"customer.external_id = {:x}", "-opened_at,-created", 1, 0, map[string]any{"x": externalID})
	if err != nil || len(recs) == 0 {
		h.t.Fatalf("conversation of %s: %v", externalID, err)
	}
	return recs[0]
}

// systemTexts lists the system messages of a conversation, oldest first.
func (h *harness) systemTexts(convID string) []string {
	h.t.Helper()
	recs, err := h.app.FindRecordsByFilter(store.CollectionMessages,
		"conversation = {:c} && sender = 'system'", "seq", 0, 0, map[string]any{"c": convID})
	if err != nil {
		h.t.Fatal(err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.GetString("text")
	}
	return out
}

// agentOf is the agent a conversation is assigned to now.
func (h *harness) agentOf(conv *core.Record) string {
	h.t.Helper()
	return h.reload(conv).GetString("agent")
}

// mustRecord loads a record by id.
func mustRecord(t testing.TB, h *harness, collection, id string) *core.Record {
	t.Helper()
	r, err := h.app.FindRecordById(collection, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// holdOne gives a an open conversation of another customer.
func (h *harness) holdOne(a *core.Record, clock *coreClock) {
	h.t.Helper()
	cust := h.routingCustomer("o_hold_"+a.Id, nil)
	h.rawConv(cust.Id, store.StateActive, a.Id, clock.Now())
}

// served records that agent a served the customer in a closed conversation.
func (h *harness) served(externalID string, a *core.Record, clock *coreClock) {
	h.t.Helper()
	cust, err := h.app.FindFirstRecordByFilter(store.CollectionCustomers, "external_id = {:x}", map[string]any{"x": externalID})
	if err != nil {
		h.t.Fatal(err)
	}
	clock.Advance(time.Minute)
	h.rawConv(cust.Id, store.StateClosed, a.Id, clock.Now())
}

// rawConv inserts a conversation directly.
func (h *harness) rawConv(customerID, state, agentID string, at time.Time) *core.Record {
	h.t.Helper()
	r, err := store.NewConversationRecord(h.app, h.channel.Id, customerID, state, at)
	if err != nil {
		h.t.Fatal(err)
	}
	r.Set("agent", agentID)
	if err := h.app.Save(r); err != nil {
		h.t.Fatal(err)
	}
	return r
}

// closeConv closes a conversation as its agent would.
func (h *harness) closeConv(c *core.Record) {
	h.t.Helper()
	c = h.reload(c)
	agent, err := store.FindAgent(h.app, c.GetString("agent"))
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.desk.Actions.Close(h.app, agent, c.Id, ""); err != nil {
		h.t.Fatal(err)
	}
	h.desk.Assign.Idle()
}

// setRecord changes fields of any record.
func (h *harness) setRecord(r *core.Record, fields map[string]any) {
	h.t.Helper()
	fresh := h.reload(r)
	fresh.Load(fields)
	if err := h.app.Save(fresh); err != nil {
		h.t.Fatal(err)
	}
	h.desk.Assign.Idle()
}

// checkLoads fails when an agent holds more open conversations than max.
func (h *harness) checkLoads(agents []*core.Record, max int) {
	h.t.Helper()
	for _, a := range agents {
		if n := h.count(store.CollectionConversations, "agent = '"+a.Id+"' && state != 'closed'"); n > max {
			h.t.Fatalf("agent %s holds %d > %d", a.GetString("name"), n, max)
		}
	}
}

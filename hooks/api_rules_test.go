package hooks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/hooks"
)

// Fixed ids of the seeded conversations: one per agent and one unassigned.
const (
	convOfAgent1   = "convagent100001"
	convOfAgent2   = "convagent200001"
	convUnassigned = "convqueued00001"
)

// seedConversations gives each of the three conversations a customer and
// one inbound message whose text names the conversation.
func (h *harness) seedConversations() {
	now := time.Now()
	for i, c := range []struct{ id, agent, state string }{
		{convOfAgent1, h.agent.Id, "active"},
		{convOfAgent2, h.agent2.Id, "active"},
		{convUnassigned, "", "queued"},
	} {
		cust := h.newRecord("customers", map[string]any{"id": "cust" + c.id[4:], "channel": testChannelID,
			"external_id": "oSeed" + string(rune('A'+i)), "nickname": "nick-" + c.id})
		h.newRecord("conversations", map[string]any{"id": c.id, "channel": testChannelID, "customer": cust.Id,
			"state": c.state, "agent": c.agent, "opened_at": now, "last_customer_at": now})
		h.newRecord("messages", map[string]any{"conversation": c.id, "direction": "in", "sender": "customer",
			"type": "text", "text": "text-of-" + c.id, "status": "received", "seq": now.UnixMicro() + int64(i)})
	}
}

func (h *harness) newRecord(collection string, data map[string]any) *core.Record {
	h.t.Helper()
	col, err := h.app.FindCollectionByNameOrId(collection)
	if err != nil {
		h.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(data)
	if err := h.app.Save(r); err != nil {
		h.t.Fatalf("seed %s: %v", collection, err)
	}
	return r
}

// TestAPIRulesKeepAgentsToTheirConversations checks the collection rules
// through the REST API that external tools use.
func TestAPIRulesKeepAgentsToTheirConversations(t *testing.T) {
	type who int
	const (
		agent1 who = iota
		agent2
		lead
		guest
	)
	scenarios := []struct {
		name     string
		as       who
		method   string
		url      string
		body     string
		status   int
		contains []string
		absent   []string
	}{
		{"agent lists own and queued conversations only", agent1, "GET", "/api/collections/conversations/records", "", 200,
			[]string{convOfAgent1, convUnassigned}, []string{convOfAgent2}},
		{"agent cannot view another agent's conversation", agent1, "GET", "/api/collections/conversations/records/" + convOfAgent2, "", 404, nil, []string{convOfAgent2}},
		{"agent cannot list another agent's messages", agent1, "GET", "/api/collections/messages/records?perPage=100", "", 200,
			[]string{"text-of-" + convOfAgent1, "text-of-" + convUnassigned}, []string{"text-of-" + convOfAgent2}},
		{"agent cannot view another agent's customer", agent1, "GET", "/api/collections/customers/records/cust" + convOfAgent2[4:], "", 404, nil, nil},
		{"agent cannot write into another agent's conversation", agent1, "POST", "/api/collections/messages/records",
			`{"conversation":"` + convOfAgent2 + `","type":"text","text":"hi"}`, 400, nil, nil},
		{"supervisor sees every conversation", lead, "GET", "/api/collections/conversations/records", "", 200,
			[]string{convOfAgent1, convOfAgent2, convUnassigned}, nil},
		{"guest sees nothing", guest, "GET", "/api/collections/conversations/records", "", 200, []string{`"items":[]`}, []string{convOfAgent1}},
		{"guest cannot read messages", guest, "GET", "/api/collections/messages/records", "", 200, []string{`"items":[]`}, []string{"text-of-"}},
		{"agent cannot promote themself", agent1, "PATCH", "/api/collections/agents/records/AGENT1", `{"role":"supervisor"}`, 404, nil, nil},
		{"agent changes own status", agent1, "PATCH", "/api/collections/agents/records/AGENT1", `{"status":"suspended"}`, 200, []string{`"status":"suspended"`}, nil},
		{"channel secrets are hidden from agents", agent1, "GET", "/api/collections/channels/records", "", 200,
			[]string{testAccount.AppID}, []string{testAccount.Secret, testAccount.EncodingAESKey, testAccount.Token}},
		{"agent cannot create a channel", agent1, "POST", "/api/collections/channels/records", `{"name":"x","kind":"wechat_mp","app_id":"wx1"}`, 403, nil, nil},
		{"agent cannot reassign a customer's owner", agent1, "PATCH", "/api/collections/customers/records/cust" + convOfAgent1[4:], `{"owner":"AGENT1"}`, 404, nil, nil},
		{"agent sets VIP on own customer", agent1, "PATCH", "/api/collections/customers/records/cust" + convOfAgent1[4:], `{"vip":true}`, 200, []string{`"vip":true`}, nil},
	}
	for _, s := range scenarios {
		content := append([]string{}, s.contains...)
		if len(content) == 0 && len(s.absent) == 0 {
			content = []string{`"status"`}
		}
		sc := &tests.ApiScenario{
			Name:                  s.name,
			Method:                s.method,
			Body:                  strings.NewReader(s.body),
			ExpectedStatus:        s.status,
			ExpectedContent:       content,
			NotExpectedContent:    s.absent,
			DisableTestAppCleanup: true,
		}
		// Tokens and agent ids exist only once the factory ran, so the
		// scenario is completed inside a wrapper test.
		t.Run(s.name, func(t *testing.T) {
			h := newHarnessApp(t, hooks.Options{})
			h.seedConversations()
			sc.TestAppFactory = func(testing.TB) *tests.TestApp { return h.app }
			sc.URL = strings.ReplaceAll(s.url, "AGENT1", h.agent.Id)
			sc.Body = strings.NewReader(strings.ReplaceAll(s.body, "AGENT1", h.agent.Id))
			switch s.as {
			case agent1:
				sc.Headers = map[string]string{"Authorization": h.token(h.agent)}
			case agent2:
				sc.Headers = map[string]string{"Authorization": h.token(h.agent2)}
			case lead:
				sc.Headers = map[string]string{"Authorization": h.token(h.supervisor)}
			}
			sc.Test(t)
		})
	}
}

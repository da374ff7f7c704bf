package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
)

// routingServed is routingHarness with WeDesk's HTTP server running.
func routingServed(t *testing.T) (*harness, *coreClock) {
	t.Helper()
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now, PauseOutbox: true})
	h.desk.Assign.Idle()
	return h, clock
}

// TestRoutingInboxQueueAndPanel: the queue list shows each conversation's
// position (VIP first) and a wait counted from entering the queue, which a
// customer writing again does not restart; agents see their load, and
// supervisors every agent's status and load and every queue's length.
func TestRoutingInboxQueueAndPanel(t *testing.T) {
	h, clock := routingServed(t)
	q := h.routingQueue("售前", nil)
	h.setRecord(h.channel, map[string]any{"default_queue": q.Id})
	first := h.write("o_in1", "hi")
	clock.Advance(10 * time.Minute)
	h.routingCustomer("o_in2", map[string]any{"vip": true})
	vip := h.write("o_in2", "hi")
	clock.Advance(5 * time.Minute)
	h.write("o_in1", "hello??") // must not restart the first customer's wait

	status, body := h.inboxRequest(h.agent, http.MethodGet, "/inbox?tab=queue", nil)
	if status != http.StatusOK {
		t.Fatalf("queue list: %d", status)
	}
	rowOf := func(id string) string {
		i := strings.Index(body, `id="row-`+id+`"`)
		if i < 0 {
			t.Fatalf("no row for %s", id)
		}
		end := strings.Index(body[i:], "</a>")
		return body[i : i+end]
	}
	if r := rowOf(vip.Id); !strings.Contains(r, `data-position="1"`) || !strings.Contains(r, "5 分钟") {
		t.Errorf("VIP row: %s", r)
	}
	if r := rowOf(first.Id); !strings.Contains(r, `data-position="2"`) || !strings.Contains(r, "15 分钟") || !strings.Contains(r, "售前") {
		t.Errorf("first row (waiting since it was queued): %s", r)
	}
	if !strings.Contains(body, `id="my-load"`) || !strings.Contains(body, "0/10") || strings.Contains(body, `id="team"`) {
		t.Error("an agent sees their own load and no team panel")
	}
	_, body = h.inboxRequest(h.supervisor, http.MethodGet, "/inbox", nil)
	for _, want := range []string{`id="team"`, `id="team-` + h.agent.Id + `"`, `id="queue-len-` + q.Id + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("supervisor page lacks %s", want)
		}
	}
	if !strings.Contains(body, `售前 <span class="count">2</span>`) {
		t.Error("queue length not shown")
	}
}

// TestRoutingInboxTransferTakeOverReassign drives the inbox forms: the
// transfer dialog, the confirmed take-over and the bulk reassignment.
func TestRoutingInboxTransferTakeOverReassign(t *testing.T) {
	h, _ := routingServed(t)
	h.setAgent(h.agent, map[string]any{"status": "online"})
	c := h.write("o_form", "hi")
	if h.agentOf(c) != h.agent.Id {
		t.Fatal("premise: agent1 serves the conversation")
	}
	path := "/inbox/conversations/" + c.Id
	_, body := h.inboxRequest(h.agent, http.MethodGet, path, nil)
	if !strings.Contains(body, `id="transfer-box"`) || !strings.Contains(body, `value="agent:`+h.agent2.Id+`" disabled`) {
		t.Fatal("transfer dialog missing, or an offline agent offered without force")
	}
	h.setAgent(h.agent2, map[string]any{"status": "online"})
	status, _ := h.inboxRequest(h.agent, http.MethodPost, path+"/transfer", url.Values{"to": {"agent:" + h.agent2.Id}, "note": {"VIP 客户"}})
	if status != http.StatusSeeOther || h.agentOf(c) != h.agent2.Id {
		t.Fatalf("transfer: %d, agent %q", status, h.agentOf(c))
	}
	_, body = h.inboxRequest(h.supervisor, http.MethodGet, path, nil)
	if !strings.Contains(body, `id="takeover"`) || strings.Contains(body, `id="claim"`) {
		t.Fatal("a supervisor must get the take-over, not a claim")
	}
	if status, _ := h.inboxRequest(h.agent, http.MethodPost, path+"/takeover", url.Values{}); status != http.StatusForbidden {
		t.Fatalf("take-over by an agent: %d", status)
	}
	if status, _ := h.inboxRequest(h.supervisor, http.MethodPost, path+"/takeover", url.Values{}); status != http.StatusSeeOther || h.agentOf(c) != h.supervisor.Id {
		t.Fatalf("take-over: %d, agent %q", status, h.agentOf(c))
	}

	// agent2 goes offline holding a conversation: supervisors see it needs
	// reassignment and move it back to the queue, where agent1 takes it.
	c2 := h.write("o_form2", "hi")
	holder := h.agentOf(c2)
	var holderRec *core.Record
	for _, a := range []*core.Record{h.agent, h.agent2} {
		if a.Id == holder {
			holderRec = a
		}
	}
	if holderRec == nil {
		t.Fatalf("premise: an agent serves the second conversation (%q)", holder)
	}
	h.setAgent(holderRec, map[string]any{"status": "offline"})
	_, body = h.inboxRequest(h.supervisor, http.MethodGet, "/inbox", nil)
	if !strings.Contains(body, `id="reassign-`+holder+`"`) {
		t.Fatal("no reassignment offered for the offline agent")
	}
	_, body = h.inboxRequest(h.supervisor, http.MethodGet, "/inbox?tab=all", nil)
	if i := strings.Index(body, `id="row-`+c2.Id+`"`); i < 0 || !strings.Contains(body[i:i+strings.Index(body[i:], "</a>")], "needs-reassign") {
		t.Fatal("the all list does not flag the offline agent's conversation")
	}
	status, _ = h.inboxRequest(h.supervisor, http.MethodPost, "/inbox/agents/"+holder+"/reassign", url.Values{})
	h.desk.Assign.Idle()
	if status != http.StatusSeeOther || h.agentOf(c2) == holder || h.agentOf(c2) == "" {
		t.Fatalf("reassign: %d, agent %q", status, h.agentOf(c2))
	}
}

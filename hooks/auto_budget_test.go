package hooks_test

import (
	"testing"
	"time"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/timeouts"
)

// TestAutoMessagesKeepTheAgentsSends: an automatic message is sent while
// more than two of the customer's five sends remain, and skipped — logged,
// never queued to fail — once only the agent's two are left. The timeout
// still counts as fired, so it is not retried every scan.
func TestAutoMessagesKeepTheAgentsSends(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {
		s.Timeouts.CustomerPromptHuman = timeouts.Rule{Enabled: true, After: time.Minute, Text: promptText}
	})
	conv := customerSilent(a, "oBudget001") // 1 of 5 used by the agent's reply
	a.clock.Advance(time.Minute)
	a.scan() // the prompt: 2 of 5 used
	if got := a.outTexts(conv, store.SenderSystem); len(got) != 1 {
		t.Fatalf("first prompt: %q", got)
	}
	for _, text := range []string{"还在吗", "请问"} { // 4 of 5 used: 1 left, for the agent
		a.clock.Advance(time.Second)
		if status, body := a.reply(a.agent, conv.Id, text); status != 200 {
			t.Fatalf("reply: %d %s", status, body)
		}
	}
	pending := a.count(store.CollectionMessages, "conversation = '"+conv.Id+"' && status = 'pending'")
	a.clock.Advance(time.Minute)
	a.scan() // a new silence: the prompt is due but the budget is the agent's
	if got := a.outTexts(conv, store.SenderSystem); len(got) != 1 {
		t.Fatalf("prompt sent from the agent's reserve: %q", got)
	}
	if n := a.count(store.CollectionMessages, "conversation = '"+conv.Id+"' && status = 'pending'"); n != pending {
		t.Fatalf("%d pending messages, want %d: a skipped message was queued", n, pending)
	}
	var fired timeouts.Fired
	if err := a.reload(conv).UnmarshalJSONField("timeouts_fired", &fired); err != nil || !fired.Kinds.Has(timeouts.CustomerPromptHuman) {
		t.Fatalf("skipped prompt not recorded as fired: %+v %v", fired, err)
	}
	// The agent can still use the last send.
	if status, body := a.reply(a.agent, conv.Id, "我们还在"); status != 200 {
		t.Fatalf("the agent's own send refused: %d %s", status, body)
	}
	// And the survey invitation is refused rather than queued.
	if err := a.desk.Auto.Invite(conv.Id); err == nil {
		t.Fatal("invitation sent with no budget left for automatic messages")
	}
}

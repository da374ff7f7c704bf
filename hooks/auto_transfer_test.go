package hooks_test

import (
	"testing"
	"time"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/timeouts"
)

// TestAutoTransferGoesToAnotherAgent: when the agent stays silent, the
// auto-transfer gives the conversation to another agent online with a
// free slot — never back to the silent one — and says so in the history.
func TestAutoTransferGoesToAnotherAgent(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {
		s.Timeouts.AgentTransfer.Rule = timeouts.Rule{Enabled: true, After: time.Minute, Text: transferText}
	})
	conv := agentSilent(a, "oTransferOther") // agent one claims it
	// Agent two is busier (two conversations to one): least-busy alone
	// would give it back to the silent agent.
	for _, openid := range []string{"oTransferBusy1", "oTransferBusy2"} {
		other := a.write(openid, openid+"-1", "在吗")
		if _, err := a.desk.Actions.Claim(a.app, store.NewAgent(a.agent2), other.Id); err != nil {
			t.Fatal(err)
		}
	}
	// Both agents online after the claims (or routing would hand the
	// conversations out first).
	for _, ag := range []string{a.agent.Id, a.agent2.Id} {
		rec := mustRecord(t, a.harness, store.CollectionAgents, ag)
		rec.Set("status", "online")
		if err := a.app.Save(rec); err != nil {
			t.Fatal(err)
		}
	}
	if got := a.reload(conv).GetString("agent"); got != a.agent.Id {
		t.Fatalf("claimed by %q", got)
	}
	a.clock.Advance(time.Minute)
	a.scan()
	c := a.reload(conv)
	if c.GetString("agent") != a.agent2.Id || c.GetString("state") != store.StateActive {
		t.Fatalf("after the transfer: agent %q state %q; want the other agent, active", c.GetString("agent"), c.GetString("state"))
	}
	if !hasText(a.outTexts(c, store.SenderSystem), transferText) {
		t.Fatalf("the customer was not told: %q", a.outTexts(c, store.SenderSystem))
	}
}

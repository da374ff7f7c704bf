package hooks_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/store"
)

// autoHarness is a harness with a settable clock and the timeout job left
// to the test (it scans when the test says so).
type autoHarness struct {
	*harness
	clock *coreClock
}

func newAutoHarness(t *testing.T) *autoHarness {
	t.Helper()
	clock := newCoreClock()
	h := newHarness(t, hooks.Options{Now: clock.Now, PauseOutbox: true, TimeoutScan: "@every 1h"})
	return &autoHarness{harness: h, clock: clock}
}

// configure stores automation settings on the harness channel.
func (a *autoHarness) configure(edit func(*automation.Settings)) {
	a.t.Helper()
	s := automation.Default()
	s.Timeouts.AgentReminder.Enabled = false
	s.Timeouts.CustomerClose.Enabled = false
	edit(&s)
	raw, err := json.Marshal(s)
	if err != nil {
		a.t.Fatal(err)
	}
	ch := a.reload(a.channel)
	ch.Set("automation", string(raw))
	if err := a.app.Save(ch); err != nil {
		a.t.Fatalf("save settings: %v", err)
	}
}

// write is the customer writing; it returns the customer's open conversation.
func (a *autoHarness) write(openid, msgID, text string) *core.Record {
	a.t.Helper()
	a.commit(coreText(openid, msgID, text)) // observers run before commit returns
	return a.openConv(openid)
}

// say is the customer writing a second later than the last event (the
// send budget counts from the customer's last message, to the second).
func (a *autoHarness) say(openid, msgID, text string) {
	a.t.Helper()
	a.clock.Advance(time.Second)
	a.commit(coreText(openid, msgID, text))
}

// claim makes the first agent take the conversation.
func (a *autoHarness) claim(conv *core.Record) {
	a.t.Helper()
	if _, err := a.desk.Actions.Claim(a.app, store.NewAgent(a.agent), conv.Id); err != nil {
		a.t.Fatal(err)
	}
}

// scan runs one timeout scan.
func (a *autoHarness) scan() {
	a.t.Helper()
	if _, err := a.desk.Auto.ScanTimeouts(); err != nil {
		a.t.Fatal(err)
	}
}

// outTexts lists a conversation's outbound texts (not notes) by sender.
func (a *autoHarness) outTexts(conv *core.Record, sender string) []string {
	a.t.Helper()
	recs, err := a.app.FindRecordsByFilter(store.CollectionMessages,
		"conversation = {:c} && direction = 'out' && internal = false && sender = {:s}", "seq", 0, 0,
		map[string]any{"c": conv.Id, "s": sender})
	if err != nil {
		a.t.Fatal(err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.GetString("text")
	}
	return out
}

// notes lists a conversation's internal system notes.
func (a *autoHarness) notes(conv *core.Record) []string {
	a.t.Helper()
	recs, err := a.app.FindRecordsByFilter(store.CollectionMessages,
		"conversation = {:c} && internal = true && sender = 'system'", "seq", 0, 0, map[string]any{"c": conv.Id})
	if err != nil {
		a.t.Fatal(err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.GetString("text")
	}
	return out
}

package hooks_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/hooks"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/autoservice"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/timeouts"
)

// timeoutCase is one timeout: how to switch it on with a delay, how to
// start the silence it watches, and what it must have done.
type timeoutCase struct {
	kind   timeouts.Kind
	enable func(s *automation.Settings, after time.Duration)
	// start opens a conversation in the silence the timeout watches.
	start func(a *autoHarness, openid string) *core.Record
	// fired reports whether the timeout's effect is there.
	fired func(a *autoHarness, conv *core.Record) bool
}

const (
	comfortText  = "客服正在处理，请稍候"
	reminderText = "客户在等你"
	transferText = "正在为您转接"
	promptText   = "还在吗？"
	closeText    = "会话已结束"
)

// agentSilent: the customer wrote and an agent took the conversation.
func agentSilent(a *autoHarness, openid string) *core.Record {
	conv := a.write(openid, openid+"-1", "你好")
	a.claim(conv)
	return conv
}

// customerSilent: the agent answered the customer last.
func customerSilent(a *autoHarness, openid string) *core.Record {
	conv := agentSilent(a, openid)
	if status, body := a.reply(a.agent, conv.Id, "您好"); status != 200 {
		a.t.Fatalf("reply: %d %s", status, body)
	}
	return conv
}

// botSilent: the bot answered (a miss) and the customer went quiet.
func botSilent(a *autoHarness, openid string) *core.Record {
	return a.write(openid, openid+"-1", "随便问问")
}

func hasText(texts []string, want string) bool { return slices.Contains(texts, want) }

var timeoutCases = []timeoutCase{
	{timeouts.AgentComfort, func(s *automation.Settings, d time.Duration) {
		s.Timeouts.AgentComfort = timeouts.Rule{Enabled: true, After: d, Text: comfortText}
	}, agentSilent, func(a *autoHarness, c *core.Record) bool {
		return hasText(a.outTexts(c, store.SenderSystem), comfortText)
	}},
	{timeouts.AgentReminder, func(s *automation.Settings, d time.Duration) {
		s.Timeouts.AgentReminder = timeouts.Rule{Enabled: true, After: d, Text: reminderText}
	}, agentSilent, func(a *autoHarness, c *core.Record) bool { return hasText(a.notes(c), reminderText) }},
	{timeouts.AgentTransfer, func(s *automation.Settings, d time.Duration) {
		s.Timeouts.AgentTransfer.Rule = timeouts.Rule{Enabled: true, After: d, Text: transferText}
	}, agentSilent, func(a *autoHarness, c *core.Record) bool {
		c = a.reload(c)
		return c.GetString("state") == store.StateQueued && c.GetString("agent") == "" &&
			hasText(a.outTexts(c, store.SenderSystem), transferText)
	}},
	{timeouts.CustomerPromptHuman, func(s *automation.Settings, d time.Duration) {
		s.Timeouts.CustomerPromptHuman = timeouts.Rule{Enabled: true, After: d, Text: promptText}
	}, customerSilent, func(a *autoHarness, c *core.Record) bool {
		return hasText(a.outTexts(c, store.SenderSystem), promptText)
	}},
	{timeouts.CustomerPromptBot, func(s *automation.Settings, d time.Duration) {
		s.Reception = automation.ReceptionBotHuman
		s.Timeouts.CustomerPromptBot = timeouts.Rule{Enabled: true, After: d, Text: promptText}
	}, botSilent, func(a *autoHarness, c *core.Record) bool {
		return hasText(a.outTexts(c, store.SenderSystem), promptText)
	}},
	{timeouts.CustomerClose, func(s *automation.Settings, d time.Duration) {
		s.Timeouts.CustomerClose = timeouts.CloseRule{Rule: timeouts.Rule{Enabled: true, After: d, Text: closeText}, AgentText: "客户已离开"}
	}, customerSilent, func(a *autoHarness, c *core.Record) bool {
		c = a.reload(c)
		return c.GetString("state") == store.StateClosed && c.GetString("close_reason") == "timeout" &&
			hasText(a.outTexts(c, store.SenderSystem), closeText) && hasText(a.notes(c), "客户已离开")
	}},
}

// TestAutoTimeoutEdges fires each timeout at its range's ends and at its
// default: not one second before, exactly at the delay, and never twice.
func TestAutoTimeoutEdges(t *testing.T) {
	for _, tc := range timeoutCases {
		t.Run(tc.kind.String(), func(t *testing.T) {
			a := newAutoHarness(t)
			r := tc.kind.Range()
			def := timeouts.DefaultSettings().Rule(tc.kind).After
			for i, after := range []time.Duration{r.Min, def, r.Max} {
				a.configure(func(s *automation.Settings) { tc.enable(s, after) })
				conv := tc.start(a, fmt.Sprintf("oEdge%s%d", tc.kind, i))
				a.clock.Advance(after - time.Second)
				a.scan()
				if tc.fired(a, conv) {
					t.Fatalf("after %v: fired one second early", after)
				}
				a.clock.Advance(time.Second)
				a.scan()
				if !tc.fired(a, conv) {
					c := a.reload(conv)
					t.Fatalf("after %v: did not fire at the delay (now %v, conv %s %v %v %v %v %s, messages %q %q)", after, a.clock.Now(),
						c.GetString("state"), c.GetDateTime("last_customer_at"), c.GetDateTime("last_agent_at"),
						c.GetDateTime("timeouts_seen"), c.GetDateTime("timeouts_next_at"), c.GetString("timeouts_fired"),
						a.outTexts(c, store.SenderSystem), a.outTexts(c, store.SenderAgent))
				}
				before := a.count(store.CollectionMessages, "conversation = '"+conv.Id+"'")
				a.clock.Advance(after + time.Minute) // a whole delay more: still the same silence
				a.scan()
				if n := a.count(store.CollectionMessages, "conversation = '"+conv.Id+"'"); n != before {
					t.Fatalf("after %v: fired again (%d messages, was %d)", after, n, before)
				}
				endConversation(a, conv)
			}
		})
	}
}

// endConversation closes a finished case's conversation so the next case
// starts alone.
func endConversation(a *autoHarness, conv *core.Record) {
	c := a.reload(conv)
	c.Set("state", store.StateClosed)
	if err := store.SaveChanges(a.app, c); err != nil {
		a.t.Fatal(err)
	}
}

// TestAutoTimeoutsAcrossRestart: a reminder fired before a restart is not
// fired again by the new process; a close that fell due while WeDesk was
// down fires once when it is back.
func TestAutoTimeoutsAcrossRestart(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {
		s.Timeouts.AgentReminder = timeouts.Rule{Enabled: true, After: 30 * time.Second, Text: reminderText}
		s.Timeouts.CustomerClose = timeouts.CloseRule{Rule: timeouts.Rule{Enabled: true, After: 5 * time.Minute, Text: closeText}}
	})
	waiting := agentSilent(a, "oRestartWait")
	a.clock.Advance(30 * time.Second)
	a.scan()
	if n := len(a.notes(waiting)); n != 1 {
		t.Fatalf("reminder before restart: %d notes", n)
	}
	left := customerSilent(a, "oRestartLeft")

	// "Restart": a new automation service on the same database, with no
	// memory of the old one; WeDesk was down for an hour.
	a.clock.Advance(time.Hour)
	restarted := autoservice.New(a.app, a.desk.Actions, a.clock.Now, nil, autoservice.Kinds{})
	for range 3 {
		if _, err := restarted.ScanTimeouts(); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(a.notes(waiting)); n != 1 {
		t.Fatalf("reminder fired again after restart: %d notes", n)
	}
	if got := a.outTexts(left, store.SenderSystem); len(got) != 1 || got[0] != closeText {
		t.Fatalf("close missed while down: customer got %q, want it once", got)
	}
	if a.reload(left).GetString("state") != store.StateClosed {
		t.Fatal("conversation not closed")
	}
}

// TestAutoTimeoutSettingsValidated: a channel refuses timeouts outside
// their ranges, naming the setting in both languages.
func TestAutoTimeoutSettingsValidated(t *testing.T) {
	a := newAutoHarness(t)
	ch := a.reload(a.channel)
	ch.Set("automation", `{"timeouts":{"customer_close":{"enabled":true,"after_seconds":60,"text":"bye"}}}`)
	err := a.app.Save(ch)
	if err == nil {
		t.Fatal("a 1 min close was accepted (range 2–120 min)")
	}
	if msg := err.Error(); !containsAll(msg, "automation.timeouts.customer_close.after_seconds", "2–120 分钟", "between") {
		t.Fatalf("error does not name the setting in zh and en: %s", msg)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// TestAutoPromptDoesNotRestartTheSilence: the prompt to a silent customer
// is not an answer; the close still counts from the agent's last reply.
func TestAutoPromptDoesNotRestartTheSilence(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {
		s.Timeouts.CustomerPromptHuman = timeouts.Rule{Enabled: true, After: time.Minute, Text: promptText}
		s.Timeouts.CustomerClose = timeouts.CloseRule{Rule: timeouts.Rule{Enabled: true, After: 2 * time.Minute, Text: closeText}}
	})
	conv := customerSilent(a, "oPromptClose")
	a.clock.Advance(time.Minute)
	a.scan()
	if !hasText(a.outTexts(conv, store.SenderSystem), promptText) {
		t.Fatal("no prompt at 1 min")
	}
	a.clock.Advance(time.Minute)
	a.scan()
	if c := a.reload(conv); c.GetString("state") != store.StateClosed {
		t.Fatalf("not closed 2 min after the agent's reply: %s", c.GetString("state"))
	}
	if got := a.outTexts(conv, store.SenderSystem); len(got) != 2 {
		t.Fatalf("customer got %q, want one prompt and the goodbye", got)
	}
}

// TestAutoTimeoutsFireOnceAfterRealRestart: WeDesk stops, an hour passes,
// a new process starts on the same data: its start-up scan fires the
// close that fell due, once, and the reminder that fired before the stop
// is not fired again.
func TestAutoTimeoutsFireOnceAfterRealRestart(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {
		s.Timeouts.AgentReminder = timeouts.Rule{Enabled: true, After: 30 * time.Second, Text: reminderText}
		s.Timeouts.CustomerClose = timeouts.CloseRule{Rule: timeouts.Rule{Enabled: true, After: 5 * time.Minute, Text: closeText}}
	})
	waiting := agentSilent(a, "oRealRestart1")
	a.clock.Advance(30 * time.Second)
	a.scan()
	left := customerSilent(a, "oRealRestart2")

	a.srv.Close()
	dataDir := copyDir(t, a.app.DataDir())
	a.clock.Advance(time.Hour)
	app2, err := tests.NewTestApp(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app2.Cleanup)
	d2 := hooks.RegisterWithOptions(app2, hooks.Options{Now: a.clock.Now, PauseOutbox: true, TimeoutScan: "@every 1h"})
	serveMux(t, app2) // the start-up scan runs as `serve` starts
	a.waitFor("close after restart", func() bool {
		c, err := app2.FindRecordById(store.CollectionConversations, left.Id)
		return err == nil && c.GetString("state") == store.StateClosed
	})
	for range 2 {
		if _, err := d2.Auto.ScanTimeouts(); err != nil {
			t.Fatal(err)
		}
	}
	count := func(filter string) int {
		recs, err := app2.FindRecordsByFilter(store.CollectionMessages, filter, "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(recs)
	}
	if n := count("conversation = '" + left.Id + "' && text = '" + closeText + "'"); n != 1 {
		t.Fatalf("goodbye sent %d times, want once", n)
	}
	if n := count("conversation = '" + waiting.Id + "' && internal = true && text = '" + reminderText + "'"); n != 1 {
		t.Fatalf("reminder fired %d times across the restart, want once", n)
	}
}

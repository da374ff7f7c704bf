package hooks_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/kb"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// addAnswer stores a knowledge-base answer for every channel.
func (a *autoHarness) addAnswer(question, similar, keywords, answer string) *core.Record {
	a.t.Helper()
	col, err := a.app.FindCollectionByNameOrId(kb.CollectionAnswers)
	if err != nil {
		a.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"question": question, "similar_questions": similar, "keywords": keywords, "answer": answer, "enabled": true})
	if err := a.app.Save(r); err != nil {
		a.t.Fatal(err)
	}
	return r
}

const returnAnswer = "七天无理由退货：在订单页点“申请售后”。"

func botSettings(s *automation.Settings) {
	s.Reception = automation.ReceptionBotHuman
	s.Bot.MaxMisses = 2
}

// TestAutoBotAnswersAndHandsOverOnRequest: the bot answers from the
// knowledge base and hands over when the customer asks for a human.
func TestAutoBotAnswersAndHandsOverOnRequest(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(botSettings)
	a.addAnswer("如何退货", "怎么退货\n可以退吗", "退货", returnAnswer)
	conv := a.write("oBot00001", "b1", "你好，衣服不合适想退货")
	if conv.GetString("state") != store.StateBot {
		t.Fatalf("state %s, want bot", conv.GetString("state"))
	}
	if got := a.outTexts(conv, store.SenderBot); len(got) != 1 || got[0] != returnAnswer {
		t.Fatalf("bot answered %q", got)
	}
	a.say("oBot00001", "b2", "转人工")
	c := a.reload(conv)
	if c.GetString("state") != store.StateQueued || c.GetString("agent") != "" {
		t.Fatalf("after 转人工: state %s", c.GetString("state"))
	}
	if got := a.outTexts(conv, store.SenderBot); got[len(got)-1] != automation.Default().Bot.HandoverText {
		t.Fatalf("no hand-over text: %q", got)
	}
	a.say("oBot00001", "b3", "退货")
	if got := a.outTexts(conv, store.SenderBot); len(got) != 2 {
		t.Fatalf("the bot answered after the hand-over: %q", got)
	}
}

// TestAutoBotHandsOverAfterMisses: after MaxMisses unanswered questions
// in a row the conversation goes to a human.
func TestAutoBotHandsOverAfterMisses(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(botSettings)
	a.addAnswer("如何退货", "", "退货", returnAnswer)
	conv := a.write("oBot00002", "m1", "你们老板是谁")
	if got := a.outTexts(conv, store.SenderBot); len(got) != 1 || got[0] != automation.Default().Bot.MissText {
		t.Fatalf("first miss: %q", got)
	}
	if s := a.reload(conv).GetString("state"); s != store.StateBot {
		t.Fatalf("one miss handed over: %s", s)
	}
	a.say("oBot00002", "m2", "今天天气如何")
	if s := a.reload(conv).GetString("state"); s != store.StateQueued {
		t.Fatalf("two misses: state %s, want queued", s)
	}
}

// TestAutoHumanOnlyNoBot: human-only reception never gives the bot a
// conversation.
func TestAutoHumanOnlyNoBot(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {})
	a.addAnswer("如何退货", "", "退货", returnAnswer)
	conv := a.write("oBot00003", "h1", "退货")
	if conv.GetString("state") != store.StateQueued || len(a.outTexts(conv, store.SenderBot)) != 0 {
		t.Fatalf("human only: state %s, bot %q", conv.GetString("state"), a.outTexts(conv, store.SenderBot))
	}
}

// officeHours: Monday–Friday 09:00–18:00 Shanghai, with a holiday. The
// harness clock starts on Saturday 2026-11-21 17:00 in Shanghai.
func officeHours(s *automation.Settings) {
	s.Hours.Enabled = true
	s.Hours.Weekly = automation.OfficeHours("09:00", "18:00")
	s.Hours.Holidays = []string{"2026-11-24"}
	s.Hours.OutOfHoursText = "现在是非工作时间"
}

// TestAutoOutOfHours: out of hours the customer is told so, and the
// conversation waits or goes to the bot as configured; in hours the
// welcome goes out instead.
func TestAutoOutOfHours(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {
		officeHours(s)
		s.Welcome = automation.Welcome{Enabled: true, Text: "欢迎光临"}
	})
	waiting := a.write("oHours001", "o1", "在吗")
	if waiting.GetString("state") != store.StateQueued || !hasText(a.outTexts(waiting, store.SenderSystem), "现在是非工作时间") {
		t.Fatalf("out of hours, wait: %s %q", waiting.GetString("state"), a.outTexts(waiting, store.SenderSystem))
	}
	a.configure(func(s *automation.Settings) {
		officeHours(s)
		botSettings(s)
		s.Hours.OutOfHours = automation.OutOfHoursBot
	})
	toBot := a.write("oHours002", "o2", "在吗")
	if toBot.GetString("state") != store.StateBot {
		t.Fatalf("out of hours, bot: state %s", toBot.GetString("state"))
	}
	a.clock.Advance(48*time.Hour + 2*time.Hour) // Monday 2026-11-23 19:00 → still closed
	a.clock.Advance(15 * time.Hour)             // Tuesday 10:00, a holiday
	holiday := a.write("oHours003", "o3", "在吗")
	if holiday.GetString("state") != store.StateBot {
		t.Fatalf("holiday: state %s", holiday.GetString("state"))
	}
	a.clock.Advance(24 * time.Hour) // Wednesday 10:00: open
	a.configure(func(s *automation.Settings) {
		officeHours(s)
		s.Welcome = automation.Welcome{Enabled: true, Text: "欢迎光临"}
	})
	open := a.write("oHours004", "o4", "在吗")
	if open.GetString("state") != store.StateQueued || !hasText(a.outTexts(open, store.SenderBot), "欢迎光临") {
		t.Fatalf("in hours: %s, bot said %q", open.GetString("state"), a.outTexts(open, store.SenderBot))
	}
}

// TestAutoKFWelcomeWithinCode: on 微信客服 the automation's welcome (or the
// out-of-hours message) goes out with the enter_session code, within its
// 20 s; the kf account's settings win over the channel's.
func TestAutoKFWelcomeWithinCode(t *testing.T) {
	k := newKFHarness(t, "channel welcome")
	ch, err := k.app.FindRecordById(store.CollectionChannels, testKFChannelID)
	if err != nil {
		t.Fatal(err)
	}
	ch.Set("automation", `{"welcome":{"enabled":true,"text":"渠道欢迎语"}}`)
	if err := k.app.Save(ch); err != nil {
		t.Fatal(err)
	}
	// The 微信客服 account's own settings replace the channel's.
	acct := k.kfAccountRow()
	acct.Set("automation", `{"welcome":{"enabled":true,"text":"自动化欢迎语"}}`)
	if err := k.app.Save(acct); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code, _, err := k.kfCustomer("wmAutoWelcome01").EnterSession(k.ctx(), wechatsim.KFEnter{Scene: "qr"})
	if err != nil || code == "" {
		t.Fatalf("enter session: %q %v", code, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sent, err := k.sim.WaitKFSent(ctx, testKFCorp.CorpID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if sent[0].Code != code || !strings.Contains(string(sent[0].Body), "自动化欢迎语") {
		t.Fatalf("welcome: %+v %s", sent[0], sent[0].Body)
	}
	if d := sent[0].At.Sub(start); d > 20*time.Second {
		t.Fatalf("welcome after %v, beyond the code's 20 s", d)
	}
}

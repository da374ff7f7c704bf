package hooks_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/timeouts"
)

// surveyOf reads a conversation's stored survey.
func surveyOf(t testing.TB, c *core.Record) automation.Survey {
	t.Helper()
	var s automation.Survey
	if err := c.UnmarshalJSONField("satisfaction", &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAutoSurveyOfficialAccount: the agent invites, the customer answers by
// number; an invitation repeated replaces the answer (the last counts); a
// required "resolved?" keeps the survey incomplete until answered.
func TestAutoSurveyOfficialAccount(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {
		s.Satisfaction.AskResolved, s.Satisfaction.RequireResolved, s.Satisfaction.AskComment = true, true, true
	})
	conv := a.write("oSurvey0001", "s1", "你好")
	a.claim(conv)
	if err := a.desk.Auto.Invite(conv.Id); err != nil {
		t.Fatal(err)
	}
	invite := a.outTexts(conv, store.SenderSystem)
	if len(invite) != 1 || !strings.Contains(invite[0], "5 非常满意") || !strings.Contains(invite[0], "1 非常不满意") {
		t.Fatalf("numbered invitation: %q", invite)
	}
	a.say("oSurvey0001", "s2", "5")
	if s := surveyOf(t, a.reload(conv)); s.Rating != 5 || s.Step != automation.StepResolved || s.Complete {
		t.Fatalf("after rating: %+v", s)
	}
	a.say("oSurvey0001", "s3", "嗯嗯")
	if s := surveyOf(t, a.reload(conv)); s.Step != automation.StepResolved || s.Complete {
		t.Fatalf("required resolved skipped by an unrelated reply: %+v", s)
	}
	a.say("oSurvey0001", "s4", "1")
	a.say("oSurvey0001", "s5", "服务很好")
	s := surveyOf(t, a.reload(conv))
	if s.Rating != 5 || s.Resolved == nil || !*s.Resolved || s.Comment != "服务很好" || !s.Complete || s.Step != automation.StepDone {
		t.Fatalf("complete survey: %+v", s)
	}
	if texts := a.outTexts(conv, store.SenderSystem); texts[len(texts)-1] != automation.Default().Satisfaction.ThanksText {
		t.Fatalf("no thanks: %q", texts)
	}

	// Invited again: the new answer replaces the old one.
	a.say("oSurvey0001", "s6", "还有个问题")
	if err := a.desk.Auto.Invite(conv.Id); err != nil {
		t.Fatal(err)
	}
	a.say("oSurvey0001", "s7", "2")
	s = surveyOf(t, a.reload(conv))
	if s.Rating != 2 || s.Resolved != nil || s.Comment != "" || s.Complete || s.Invitations != 2 {
		t.Fatalf("last answer must count: %+v", s)
	}
}

// TestAutoSurveyAfterTimeoutClose: the survey goes out automatically when
// the session ends; the answer is kept on the ended conversation and does
// not open a new request.
func TestAutoSurveyAfterTimeoutClose(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) {
		s.Satisfaction = automation.Satisfaction{AutoOnClose: true, InviteText: "请评价", ThanksText: "谢谢"}
		s.Timeouts.CustomerClose = timeouts.CloseRule{Rule: timeouts.Rule{Enabled: true, After: 2 * time.Minute, Text: "再见"}}
	})
	conv := customerSilent(a, "oSurvey0002")
	a.clock.Advance(2 * time.Minute)
	a.scan()
	if c := a.reload(conv); c.GetString("state") != store.StateClosed || surveyOf(t, c).Step != automation.StepRating {
		t.Fatalf("closed with a survey: %s %+v", c.GetString("state"), surveyOf(t, c))
	}
	a.say("oSurvey0002", "s2", "4")
	if s := surveyOf(t, a.reload(conv)); s.Rating != 4 || !s.Complete {
		t.Fatalf("answer after close: %+v", s)
	}
	if n := a.count(store.CollectionConversations, "customer = '"+conv.GetString("customer")+"' && state != 'closed'"); n != 0 {
		t.Fatalf("the rating opened %d new request(s)", n)
	}
}

// TestAutoSurveyKF: on 微信客服 the survey is a msgmenu; the customer's
// click comes back with its menu_id.
func TestAutoSurveyKF(t *testing.T) {
	k := newKFHarness(t, "")
	conv := k.kfOpenConversation("wmSurvey000001")
	if err := k.desk.Auto.Invite(conv); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sent, err := k.sim.WaitKFSent(ctx, testKFCorp.CorpID, 1)
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		MsgType string `json:"msgtype"`
		MsgMenu struct {
			List []struct {
				Click struct{ ID, Content string } `json:"click"`
			} `json:"list"`
		} `json:"msgmenu"`
	}
	if err := json.Unmarshal(sent[len(sent)-1].Body, &body); err != nil || body.MsgType != "msgmenu" || len(body.MsgMenu.List) != 5 {
		t.Fatalf("invitation sent as %s (%v)", sent[len(sent)-1].Body, err)
	}
	click := body.MsgMenu.List[1].Click // "4 满意"
	if _, err := k.kfCustomer("wmSurvey000001").SendMenuClick(k.ctx(), click.ID, click.Content); err != nil {
		t.Fatal(err)
	}
	k.waitLong("rating stored", 10*time.Second, func() bool {
		c, err := k.app.FindRecordById(store.CollectionConversations, conv)
		return err == nil && surveyOf(t, c).Rating == 4
	})
	// The next question ("resolved?") is a menu too.
	k.waitLong("resolved question", 10*time.Second, func() bool {
		return strings.Contains(string(k.sim.KFSent(testKFCorp.CorpID)[len(k.sim.KFSent(testKFCorp.CorpID))-1].Body), automation.MenuResolvedYes)
	})
	if _, err := k.kfCustomer("wmSurvey000001").SendMenuClick(k.ctx(), automation.MenuResolvedNo, "未解决"); err != nil {
		t.Fatal(err)
	}
	k.waitLong("resolved stored", 10*time.Second, func() bool {
		c, err := k.app.FindRecordById(store.CollectionConversations, conv)
		s := surveyOf(t, c)
		return err == nil && s.Resolved != nil && !*s.Resolved
	})
}

// TestAutoSurveyAfterAgentClose: with the automatic survey on, ending a
// session (with an end message) sends the invitation after it.
func TestAutoSurveyAfterAgentClose(t *testing.T) {
	a := newAutoHarness(t)
	a.configure(func(s *automation.Settings) { s.Satisfaction.AutoOnClose = true })
	conv := a.write("oSurvey0003", "s1", "谢谢，没有问题了")
	a.claim(conv)
	if _, err := a.desk.Actions.Close(a.app, store.NewAgent(a.agent), conv.Id, "再见"); err != nil {
		t.Fatal(err)
	}
	c := a.reload(conv)
	if surveyOf(t, c).Step != automation.StepRating {
		t.Fatalf("no survey after the agent closed: %+v", surveyOf(t, c))
	}
	if got := a.outTexts(c, store.SenderSystem); len(got) != 1 || !strings.Contains(got[0], "回复数字评分") {
		t.Fatalf("invitation: %q", got)
	}
}

// TestAutoSurveyTemplateWhenBudgetIsTheAgents: on an Official Account with
// a survey template, an invitation the budget cannot spare goes out as a
// template message (outside the customer-service budget); the customer
// answers by number in the chat.
func TestAutoSurveyTemplateWhenBudgetIsTheAgents(t *testing.T) {
	clock := newCoreClock()
	a := &autoHarness{harness: newHarness(t, hooks.Options{Now: clock.Now, TimeoutScan: "@every 1h"}), clock: clock}
	a.configure(func(s *automation.Settings) {
		s.Satisfaction = automation.Satisfaction{InviteText: "请评价本次服务", ThanksText: "谢谢", TemplateID: "tplSurvey001"}
	})
	cust := a.customer("oSurveyTpl01")
	if _, err := cust.SendText(a.ctx(), "你好"); err != nil {
		t.Fatal(err)
	}
	conv := a.openConv("oSurveyTpl01")
	for _, text := range []string{"您好", "请稍等", "已处理"} { // 3 of 5: only the agent's 2 left
		if status, body := a.reply(a.agent, conv.Id, text); status != 200 {
			t.Fatalf("reply: %d %s", status, body)
		}
	}
	if err := a.desk.Auto.Invite(conv.Id); err != nil {
		t.Fatal(err)
	}
	a.waitFor("template sent", func() bool { return len(a.sim.Templates(testAccount.AppID)) == 1 })
	tpl := a.sim.Templates(testAccount.AppID)[0]
	if tpl.TemplateID != "tplSurvey001" || tpl.ToUser != "oSurveyTpl01" || !strings.Contains(string(tpl.Body), "5 非常满意") {
		t.Fatalf("template: %+v %s", tpl, tpl.Body)
	}
	// The template did not take the agent's sends.
	if status, body := a.reply(a.agent, conv.Id, "还有问题随时找我"); status != 200 {
		t.Fatalf("agent's send after the template: %d %s", status, body)
	}
	a.clock.Advance(time.Second)
	if _, err := cust.SendText(a.ctx(), "5"); err != nil {
		t.Fatal(err)
	}
	a.waitFor("rating from the chat", func() bool { return surveyOf(t, a.reload(conv)).Rating == 5 })
}

// TestAutoSurveyExpires: a day after the invitation a number is a message,
// not a rating.
func TestAutoSurveyExpires(t *testing.T) {
	a := newAutoHarness(t)
	conv := a.write("oSurvey0004", "s1", "你好")
	if err := a.desk.Auto.Invite(conv.Id); err != nil {
		t.Fatal(err)
	}
	a.clock.Advance(automation.SurveyValidFor + time.Minute)
	a.say("oSurvey0004", "s2", "5")
	if s := surveyOf(t, a.reload(conv)); s.Rating != 0 {
		t.Fatalf("rating taken after the invitation expired: %+v", s)
	}
}

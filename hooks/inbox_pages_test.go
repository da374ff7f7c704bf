package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// TestInboxPages covers every GET page and fragment, allowed and refused.
func TestInboxPages(t *testing.T) {
	agent1, _ := session(t, fxAgent1)
	lead, _ := session(t, fxLead)
	as := func(cookie string) map[string]string { return map[string]string{"Cookie": cookie} }
	scenarios := []tests.ApiScenario{
		{Name: "guest is sent to login", Method: http.MethodGet, URL: "/inbox", ExpectedStatus: http.StatusSeeOther},
		{Name: "bearer token alone does not open pages", Method: http.MethodGet, URL: "/inbox",
			Headers: map[string]string{"Authorization": bearer(t, fxAgent1)}, ExpectedStatus: http.StatusSeeOther},
		{Name: "forged cookie is a guest", Method: http.MethodGet, URL: "/inbox",
			Headers: as("wd_session=not-a-token"), ExpectedStatus: http.StatusSeeOther},
		{Name: "guest fragment gets 401", Method: http.MethodGet, URL: "/inbox/list",
			Headers: map[string]string{"HX-Request": "true"}, ExpectedStatus: http.StatusUnauthorized,
			ExpectedContent: []string{"Sign in"}},
		{Name: "login page in Chinese", Method: http.MethodGet, URL: "/inbox/login", ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"客服登录", `name="csrf"`, `lang="zh-CN"`}},
		{Name: "login page in English", Method: http.MethodGet, URL: "/inbox/login?lang=en", ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Agent sign-in"}},
		{Name: "signed-in agent skips login", Method: http.MethodGet, URL: "/inbox/login", Headers: as(agent1),
			ExpectedStatus: http.StatusSeeOther},
		{Name: "mine list", Method: http.MethodGet, URL: "/inbox", Headers: as(agent1), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`id="tab-mine"`, `id="row-` + fxConvMine + `"`, "张三", `class="badge vip"`,
				"测试公众号", "二维码 poster", `class="unread"`, "[图片]", "在线", "小休", "离线", "王小明"},
			NotExpectedContent: []string{`id="tab-all"`, fxConvOth, fxConvQ}},
		{Name: "English for an agent who chose it", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvOth,
			Headers: as(mustSession(t, fxAgent2)), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`lang="en"`, ">Mine", ">Queue", "Sign out", "more messages", "hours left", "Internal notes"},
			NotExpectedContent: []string{"我的", "退出"}},
		{Name: "agents cannot open the all list", Method: http.MethodGet, URL: "/inbox?tab=all", Headers: as(agent1),
			ExpectedStatus: http.StatusOK, NotExpectedContent: []string{`id="tab-all"`, fxConvOth}},
		{Name: "supervisor all list", Method: http.MethodGet, URL: "/inbox?tab=all", Headers: as(lead),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`id="tab-all"`, `id="row-` + fxConvOth + `"`, `id="row-` + fxConvMine + `"`, "李四"}},
		{Name: "queue with waiting time", Method: http.MethodGet, URL: "/inbox?tab=queue", Headers: as(agent1),
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`id="row-` + fxConvQ + `"`, "已等待", "25 分钟", "&lt;script&gt;"},
			NotExpectedContent: []string{"<script>alert"}},
		{Name: "closed list", Method: http.MethodGet, URL: "/inbox?tab=closed", Headers: as(agent1),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`id="row-` + fxConvDone + `"`, `name="q"`}},
		{Name: "closed search by text", Method: http.MethodGet, URL: "/inbox?tab=closed&q=%E5%8F%91%E7%A5%A8", Headers: as(agent1),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`id="row-` + fxConvDone + `"`}},
		{Name: "closed search by customer", Method: http.MethodGet, URL: "/inbox?tab=closed&q=%E5%BC%A0", Headers: as(agent1),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`id="row-` + fxConvDone + `"`}},
		{Name: "closed search miss", Method: http.MethodGet, URL: "/inbox?tab=closed&q=nothing-like-this", Headers: as(agent1),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"暂无会话"}, NotExpectedContent: []string{`id="row-`}},
		{Name: "closed search by date", Method: http.MethodGet, URL: "/inbox?tab=closed&from=2026-11-18&to=2026-11-18",
			Headers: as(agent1), ExpectedStatus: http.StatusOK, ExpectedContent: []string{`id="row-` + fxConvDone + `"`}},
		{Name: "closed search outside dates", Method: http.MethodGet, URL: "/inbox?tab=closed&from=2026-11-20", Headers: as(agent1),
			ExpectedStatus: http.StatusOK, NotExpectedContent: []string{`id="row-`}},
		{Name: "list fragment", Method: http.MethodGet, URL: "/inbox/list?tab=mine", Headers: as(agent1),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`id="tabs"`, `id="list-rows"`, fxConvMine},
			NotExpectedContent: []string{"<html"}},
		{Name: "own conversation renders every kind", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvMine,
			Headers: as(agent1), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`id="conversation"`, "你好，我的订单还没到 😊", "发送失败", "45047", "重试",
				`/inbox/media/` + fxMsgImage + `?thumb=1`, "uri.amap.com", "客户关注了公众号", "还可发送 5 条 · 剩余 41 小时",
				`id="reply"`, "结束会话", "u_zhangsan", "老客户", "历史会话", "内部备注", `data-token="`},
			NotExpectedContent: []string{`id="claim"`}},
		{Name: "queued conversation escapes a script payload", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvQ,
			Headers: as(agent1), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;", `id="claim"`},
			NotExpectedContent: []string{"<script>alert"}},
		{Name: "another agent's conversation is 403", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvOth,
			Headers: as(agent1), ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"你无权查看这个会话"},
			NotExpectedContent: []string{"别人的会话"}},
		{Name: "supervisor sees any conversation", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvOth,
			Headers: as(lead), ExpectedStatus: http.StatusOK, ExpectedContent: []string{"别人的会话", "该会话由其他客服接待", `id="takeover"`}, NotExpectedContent: []string{`id="claim"`}},
		{Name: "unknown conversation is 404", Method: http.MethodGet, URL: "/inbox/conversations/nosuchconv0000",
			Headers: as(agent1), ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"未找到"}},
		{Name: "closed conversation has no reply box", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvDone,
			Headers: as(agent1), ExpectedStatus: http.StatusOK, ExpectedContent: []string{"会话已结束"},
			NotExpectedContent: []string{`id="reply"`, `id="end-open"`}},
		{Name: "older messages page", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvMine + "/messages?before=9999999999999999999",
			Headers: as(agent1), ExpectedStatus: http.StatusOK, ExpectedContent: []string{"m-" + fxMsgIn}},
		{Name: "messages after a seq", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvMine + "/messages?after=0",
			Headers: as(agent1), ExpectedStatus: http.StatusOK, ExpectedContent: []string{"m-" + fxMsgIn, "m-" + fxMsgImage}},
		{Name: "messages after: bad seq", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvMine + "/messages?after=x",
			Headers: as(agent1), ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{"must be a number"}},
		{Name: "messages of another agent's conversation", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvOth + "/messages?after=0",
			Headers: as(agent1), ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"你无权"}},
		{Name: "one message fragment", Method: http.MethodGet, URL: "/inbox/messages/" + fxMsgFail, Headers: as(agent1),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`id="m-` + fxMsgFail + `"`, "重试"}},
		{Name: "another agent's message is 403", Method: http.MethodGet, URL: "/inbox/messages/" + fxMsgOther, Headers: as(agent1),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"你无权"}},
		{Name: "budget fragment", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvMine + "/budget",
			Headers: as(agent1), ExpectedStatus: http.StatusOK, ExpectedContent: []string{`id="budget"`, "还可发送"}},
		{Name: "budget of another agent's conversation", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvOth + "/budget",
			Headers: as(agent1), ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"你无权"}},
		{Name: "image", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgImage, Headers: as(agent1),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"PNG"}},
		{Name: "image thumbnail", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgImage + "?thumb=1", Headers: as(agent1),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"PNG"}},
		{Name: "media of a message without file", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgIn, Headers: as(agent1),
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"未找到"}},
		{Name: "media for a guest", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgImage, ExpectedStatus: http.StatusSeeOther},
		{Name: "media of another agent's conversation", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgImage,
			Headers: as(mustSession(t, fxAgent2)), ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"You may not see"}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = inboxApp
		s.Test(t)
	}
}

func mustSession(t testing.TB, id string) string {
	c, _ := session(t, id)
	return c
}

// bearer is an agent's API token as a script would send it.
func bearer(t testing.TB, id string) string {
	t.Helper()
	app, err := tests.NewTestApp(inboxFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	rec, err := app.FindRecordById("agents", id)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := rec.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

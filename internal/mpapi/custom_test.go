package mpapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

const sendPath = "/cgi-bin/message/custom/send"

func TestSendCustomWireFormat(t *testing.T) {
	to := `{"touser":"` + testOpenID + `",`
	tests := []struct {
		name string
		msg  CustomMessage
		body string
	}{
		{"text", CustomMessage{ToUser: testOpenID, MsgType: "text", Text: &Text{Content: "您好 <a href=\"https://x.cn/?a=1&b=2\">链接</a>"}},
			to + `"msgtype":"text","text":{"content":"您好 <a href=\"https://x.cn/?a=1&b=2\">链接</a>"}}`},
		{"image", CustomMessage{ToUser: testOpenID, MsgType: "image", Image: &MediaRef{MediaID: "IMG1"}},
			to + `"msgtype":"image","image":{"media_id":"IMG1"}}`},
		{"voice", CustomMessage{ToUser: testOpenID, MsgType: "voice", Voice: &MediaRef{MediaID: "VOI1"}},
			to + `"msgtype":"voice","voice":{"media_id":"VOI1"}}`},
		{"video", CustomMessage{ToUser: testOpenID, MsgType: "video", Video: &Video{MediaID: "VID1", ThumbMediaID: "TH1", Title: "安装", Description: "步骤"}},
			to + `"msgtype":"video","video":{"media_id":"VID1","thumb_media_id":"TH1","title":"安装","description":"步骤"}}`},
		{"video without title", CustomMessage{ToUser: testOpenID, MsgType: "video", Video: &Video{MediaID: "VID1", ThumbMediaID: "TH1"}},
			to + `"msgtype":"video","video":{"media_id":"VID1","thumb_media_id":"TH1"}}`},
		{"news", CustomMessage{ToUser: testOpenID, MsgType: "news", News: &News{Articles: []Article{{Title: "退货", Description: "说明", URL: "https://x.cn/r", PicURL: "https://x.cn/p.jpg"}}}},
			to + `"msgtype":"news","news":{"articles":[{"title":"退货","description":"说明","url":"https://x.cn/r","picurl":"https://x.cn/p.jpg"}]}}`},
		{"msgmenu", CustomMessage{ToUser: testOpenID, MsgType: "msgmenu", MsgMenu: &MsgMenu{HeadContent: "请评价本次服务", List: []MenuItem{{ID: "101", Content: "满意"}, {ID: "102", Content: "不满意"}}, TailContent: "谢谢"}},
			to + `"msgtype":"msgmenu","msgmenu":{"head_content":"请评价本次服务","list":[{"id":"101","content":"满意"},{"id":"102","content":"不满意"}],"tail_content":"谢谢"}}`},
		{"miniprogrampage", CustomMessage{ToUser: testOpenID, MsgType: "miniprogrampage", MiniProgramPage: &MiniProgramPage{Title: "订单", AppID: "wxmini", PagePath: "pages/order?id=1", ThumbMediaID: "TH2"}},
			to + `"msgtype":"miniprogrampage","miniprogrampage":{"title":"订单","appid":"wxmini","pagepath":"pages/order?id=1","thumb_media_id":"TH2"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
				checkRequest(t, r, wantRequest{method: "POST", path: sendPath, token: "TOKEN-1", body: tt.body})
				okAPI(w, r)
			})
			if err := f.client().SendCustom(context.Background(), tt.msg); err != nil {
				t.Fatalf("SendCustom: %v", err)
			}
			if f.apiCalls.Load() != 1 {
				t.Errorf("api calls = %d", f.apiCalls.Load())
			}
		})
	}
}

func TestSendCustomValidation(t *testing.T) {
	article := Article{Title: "t", URL: "https://x.cn"}
	tests := []struct {
		name   string
		msg    CustomMessage
		reason string
	}{
		{"no touser", CustomMessage{MsgType: "text", Text: &Text{Content: "x"}}, "touser"},
		{"unknown msgtype", CustomMessage{ToUser: "o", MsgType: "music", Text: &Text{Content: "x"}}, `unknown msgtype "music"`},
		{"empty msgtype", CustomMessage{ToUser: "o", Text: &Text{Content: "x"}}, "unknown msgtype"},
		{"no payload", CustomMessage{ToUser: "o", MsgType: "text"}, "exactly one payload"},
		{"two payloads", CustomMessage{ToUser: "o", MsgType: "text", Text: &Text{Content: "x"}, Image: &MediaRef{MediaID: "m"}}, "got 2"},
		{"payload mismatch", CustomMessage{ToUser: "o", MsgType: "text", Image: &MediaRef{MediaID: "m"}}, "text.content"},
		{"empty text", CustomMessage{ToUser: "o", MsgType: "text", Text: &Text{}}, "text.content"},
		{"image without media", CustomMessage{ToUser: "o", MsgType: "image", Image: &MediaRef{}}, "image.media_id"},
		{"voice in image slot", CustomMessage{ToUser: "o", MsgType: "voice", Image: &MediaRef{MediaID: "m"}}, "voice.media_id"},
		{"video without thumb", CustomMessage{ToUser: "o", MsgType: "video", Video: &Video{MediaID: "m"}}, "thumb_media_id"},
		{"news with 2 articles", CustomMessage{ToUser: "o", MsgType: "news", News: &News{Articles: []Article{article, article}}}, "exactly 1 article"},
		{"news with 0 articles", CustomMessage{ToUser: "o", MsgType: "news", News: &News{}}, "exactly 1 article"},
		{"news without url", CustomMessage{ToUser: "o", MsgType: "news", News: &News{Articles: []Article{{Title: "t"}}}}, "title and url"},
		{"empty msgmenu", CustomMessage{ToUser: "o", MsgType: "msgmenu", MsgMenu: &MsgMenu{HeadContent: "h"}}, "msgmenu.list"},
		{"msgmenu item without id", CustomMessage{ToUser: "o", MsgType: "msgmenu", MsgMenu: &MsgMenu{List: []MenuItem{{Content: "满意"}}}}, "list[0]"},
		{"miniprogram without thumb", CustomMessage{ToUser: "o", MsgType: "miniprogrampage", MiniProgramPage: &MiniProgramPage{AppID: "a", PagePath: "p"}}, "thumb_media_id"},
	}
	f := newFake(t, okAPI)
	c := f.client()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.SendCustom(context.Background(), tt.msg)
			if !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %v, want ErrInvalidRequest mentioning %q", err, tt.reason)
			}
			if !strings.HasPrefix(err.Error(), "mpapi: custom/send: invalid request: ") {
				t.Errorf("err = %q, want the mpapi: custom/send prefix", err)
			}
		})
	}
	if f.apiCalls.Load() != 0 || f.fetches.Load() != 0 {
		t.Errorf("invalid messages reached WeChat: %d calls, %d token fetches", f.apiCalls.Load(), f.fetches.Load())
	}
}

func TestSendCustomErrorsAreTyped(t *testing.T) {
	tests := []struct {
		body      string
		code      int
		text      string
		desc      string
		retryable bool
	}{
		{`{"errcode":45047,"errmsg":"out of response count limit"}`, 45047,
			"mpapi: custom/send: errcode 45047: out of response count limit", "本窗口内的客服消息条数已用完，需等待用户再次互动 (45047)", false},
		{`{"errcode":45015,"errmsg":"response out of time limit or subscription is canceled"}`, 45015,
			"mpapi: custom/send: errcode 45015: response out of time limit or subscription is canceled", "48 小时窗口已过或用户已取消关注 (45015)", false},
		{`{"errcode":-1,"errmsg":"system error"}`, -1, "mpapi: custom/send: errcode -1: system error", "微信系统繁忙，请稍后重试 (-1)", true},
		{`{"errcode":45011,"errmsg":"api minute-quota reach limit"}`, 45011, "mpapi: custom/send: errcode 45011: api minute-quota reach limit", "接口调用过于频繁，请下一分钟再试 (45011)", true},
		{`{"errcode":45009,"errmsg":"reach max api daily quota limit"}`, 45009, "mpapi: custom/send: errcode 45009: reach max api daily quota limit", "接口调用已达今日上限 (45009)", true},
		{`{"errcode":99999,"errmsg":"brand new error"}`, 99999, "mpapi: custom/send: errcode 99999: brand new error", "brand new error (99999)", false},
		{`{"errcode":99998}`, 99998, "mpapi: custom/send: errcode 99998", "未知错误 (99998)", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request) { answer(w, tt.body) })
			err := f.client().SendCustom(context.Background(), textMessage)
			var apiErr *Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if apiErr.Code != tt.code || err.Error() != tt.text || apiErr.Description() != tt.desc {
				t.Errorf("got code %d %q %q", apiErr.Code, err.Error(), apiErr.Description())
			}
			if apiErr.Retryable() != tt.retryable || IsRetryable(err) != tt.retryable {
				t.Errorf("retryable = %v/%v, want %v", apiErr.Retryable(), IsRetryable(err), tt.retryable)
			}
			if f.apiCalls.Load() != 1 {
				t.Errorf("non-token errors must not be retried here, api calls = %d", f.apiCalls.Load())
			}
		})
	}
}

func BenchmarkSendCustom(b *testing.B) {
	c := newFake(b, okAPI).client()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.SendCustom(ctx, textMessage); err != nil {
			b.Fatal(err)
		}
	}
}

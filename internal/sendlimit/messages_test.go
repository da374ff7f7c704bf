package sendlimit

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestMessages(t *testing.T) {
	msg := Interaction{t0, InteractionMessage}
	tests := []struct {
		name   string
		budget Budget
		zh, en string
	}{
		{"open", ComputeState(ChannelKF, msg, 2, 0, t0.Add(time.Hour+30*time.Second)),
			"还可发送 3 条，47 小时后截止", "3 of 5 messages left; sending closes in 47 h"},
		{"open, under a minute", ComputeState(ChannelMP, Interaction{t0, InteractionFollow}, 1, 0, t0.Add(15*time.Second)),
			"还可发送 2 条，45 秒后截止", "2 of 3 messages left; sending closes in 45 s"},
		{"no customer message", ComputeState(ChannelKF, Interaction{}, 0, 0, t0),
			"客户尚未发来消息，微信只允许回复客户的消息", "The customer has not written yet; WeChat only allows replies to the customer"},
		{"window closed", ComputeState(ChannelKF, msg, 0, 0, t0.Add(Window)),
			"距客户上次消息已超过 48 小时，需等客户再次发消息后才能继续发送",
			"More than 48 hours since the customer's last message; sending reopens when the customer writes again"},
		{"window closed after a menu tap", ComputeState(ChannelMP, Interaction{t0, InteractionMenuClick}, 0, 0, t0.Add(time.Hour)),
			"客户点击菜单后的 1 分钟发送时限已过，需等客户再次发消息后才能继续发送",
			"The 1 min allowed after the customer's menu tap has passed; sending reopens when the customer writes again"},
		{"quota reached", ComputeState(ChannelKF, msg, 5, 0, t0.Add(time.Hour)),
			"客户上次消息后已发送 5 条，需等客户再次发消息后才能继续发送",
			"5 messages already sent since the customer's last message; sending reopens when the customer writes again"},
		{"quota reached after a follow", ComputeState(ChannelMP, Interaction{t0, InteractionFollow}, 3, 0, t0),
			"客户关注后已发送 3 条，需等客户再次发消息后才能继续发送",
			"3 messages already sent since the customer's follow; sending reopens when the customer writes again"},
		{"wechat refused", State{Channel: ChannelMP, Last: msg, RefusedAt: t0.Add(time.Minute), RefusedCode: 45047}.Budget(t0.Add(time.Hour)),
			"微信拒绝了上一条发送（错误码 45047），需等客户再次发消息后才能继续发送",
			"WeChat refused the last send (error 45047); sending reopens when the customer writes again"},
		{"wechat refused without code", Budget{Reason: ReasonWeChatRefused},
			"微信拒绝了上一条发送，需等客户再次发消息后才能继续发送",
			"WeChat refused the last send; sending reopens when the customer writes again"},
		{"blocked", State{Channel: ChannelKF, Last: msg, BlockedUntil: t0.Add(30 * 24 * time.Hour)}.Budget(t0.Add(time.Hour)),
			"该客户已被拒收，30 天后自动解除；提前解除拒收后才能发送",
			"This customer is blocked for another 30 days; unblock them to send"},
		{"blocked, no end", Budget{Reason: ReasonBlocked},
			"该客户已被拒收，解除拒收后才能发送", "This customer is blocked; unblock them to send"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for lang, want := range map[string]string{"zh": tt.zh, "zh-CN": tt.zh, "en": tt.en, "": tt.en} {
				got := tt.budget.Message(lang)
				if got != want {
					t.Errorf("Message(%q) = %q, want %q", lang, got, want)
				}
				if strings.Contains(got, "sendlimit") {
					t.Errorf("Message(%q) names the package: %q", lang, got)
				}
			}
		})
	}
}

func TestError(t *testing.T) {
	b := ComputeState(ChannelKF, Interaction{t0, InteractionMessage}, 5, 0, t0)
	err := b.Check()
	var le *Error
	if !errors.As(err, &le) {
		t.Fatalf("Check() = %v, want *Error", err)
	}
	tests := []struct{ name, got, want string }{
		{"Error", le.Error(), "5 messages already sent since the customer's last message; sending reopens when the customer writes again"},
		{"Code", le.Code(), "send_quota_reached"},
		{"Message zh", le.Message("zh"), "客户上次消息后已发送 5 条，需等客户再次发消息后才能继续发送"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Fatalf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d      time.Duration
		en, zh string
	}{
		{time.Millisecond, "1 s", "1 秒"},
		{59 * time.Second, "59 s", "59 秒"},
		{time.Minute, "1 min", "1 分钟"},
		{time.Minute + time.Second, "2 min", "2 分钟"},
		{47*time.Hour + 5*time.Minute, "47 h 5 min", "47 小时 5 分钟"},
		{48 * time.Hour, "48 h", "48 小时"},
		{49 * time.Hour, "3 days", "3 天"},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			if got := humanDuration(tt.d, false); got != tt.en {
				t.Errorf("en = %q, want %q", got, tt.en)
			}
			if got := humanDuration(tt.d, true); got != tt.zh {
				t.Errorf("zh = %q, want %q", got, tt.zh)
			}
		})
	}
}

package sendlimit

import (
	"fmt"
	"strings"
	"time"
)

// All user-facing text of the package lives here, English and Simplified
// Chinese side by side, so wording changes happen in one place. The texts
// speak of the customer and WeChat, never of this package.

// Message explains the budget b in lang ("zh…" for Chinese, anything else
// English). For ReasonNone it describes what is left.
func (r Reason) Message(lang string, b Budget) string {
	zh := strings.HasPrefix(strings.ToLower(lang), "zh")
	b.Reason = r
	switch r {
	case ReasonNone:
		return openText(zh, b)
	case ReasonNoCustomer:
		return pick(zh, "客户尚未发来消息，微信只允许回复客户的消息",
			"The customer has not written yet; WeChat only allows replies to the customer")
	case ReasonExpired:
		return expiredText(zh, b)
	case ReasonQuotaReached:
		return quotaText(zh, b)
	case ReasonWeChatRefused:
		return refusedText(zh, b)
	case ReasonBlocked:
		return blockedText(zh, b)
	}
	return pick(zh, "当前无法发送", "Sending is closed")
}

// Message explains the budget in lang; see Reason.Message.
func (b Budget) Message(lang string) string { return b.Reason.Message(lang, b) }

const (
	reopensZH = "，需等客户再次发消息后才能继续发送"
	reopensEN = "; sending reopens when the customer writes again"
)

func openText(zh bool, b Budget) string {
	if zh {
		return fmt.Sprintf("还可发送 %d 条，%s后截止", b.Remaining, humanDuration(b.Left, true))
	}
	return fmt.Sprintf("%d of %d messages left; sending closes in %s", b.Remaining, b.Quota, humanDuration(b.Left, false))
}

func expiredText(zh bool, b Budget) string {
	if b.Opener == InteractionMessage || b.Opener == "" {
		return pick(zh, "距客户上次消息已超过 48 小时"+reopensZH,
			"More than 48 hours since the customer's last message"+reopensEN)
	}
	if zh {
		return fmt.Sprintf("客户%s后的 %s发送时限已过%s", eventZH[b.Opener], humanDuration(EventWindow, true), reopensZH)
	}
	return fmt.Sprintf("The %s allowed after the customer's %s has passed%s", humanDuration(EventWindow, false), eventEN[b.Opener], reopensEN)
}

func quotaText(zh bool, b Budget) string {
	if b.Opener == InteractionMessage || b.Opener == "" {
		if zh {
			return fmt.Sprintf("客户上次消息后已发送 %d 条%s", b.Quota, reopensZH)
		}
		return fmt.Sprintf("%d messages already sent since the customer's last message%s", b.Quota, reopensEN)
	}
	if zh {
		return fmt.Sprintf("客户%s后已发送 %d 条%s", eventZH[b.Opener], b.Quota, reopensZH)
	}
	return fmt.Sprintf("%d messages already sent since the customer's %s%s", b.Quota, eventEN[b.Opener], reopensEN)
}

func refusedText(zh bool, b Budget) string {
	if b.WeChatCode == 0 {
		return pick(zh, "微信拒绝了上一条发送"+reopensZH, "WeChat refused the last send"+reopensEN)
	}
	if zh {
		return fmt.Sprintf("微信拒绝了上一条发送（错误码 %d）%s", b.WeChatCode, reopensZH)
	}
	return fmt.Sprintf("WeChat refused the last send (error %d)%s", b.WeChatCode, reopensEN)
}

func blockedText(zh bool, b Budget) string {
	if b.Left <= 0 {
		return pick(zh, "该客户已被拒收，解除拒收后才能发送", "This customer is blocked; unblock them to send")
	}
	if zh {
		return fmt.Sprintf("该客户已被拒收，%s后自动解除；提前解除拒收后才能发送", humanDuration(b.Left, true))
	}
	return fmt.Sprintf("This customer is blocked for another %s; unblock them to send", humanDuration(b.Left, false))
}

var (
	eventZH = map[InteractionKind]string{InteractionMenuClick: "点击菜单", InteractionFollow: "关注", InteractionScan: "扫码"}
	eventEN = map[InteractionKind]string{InteractionMenuClick: "menu tap", InteractionFollow: "follow", InteractionScan: "QR-code scan"}
)

func pick(zh bool, zhText, enText string) string {
	if zh {
		return zhText
	}
	return enText
}

// humanDuration renders a positive duration for people, rounded up so a
// window never reads "0 min" while still open: "45 s", "12 min",
// "47 h 5 min"; beyond 48 h (only blocks last that long) whole days.
func humanDuration(d time.Duration, zh bool) string {
	if d > 48*time.Hour {
		days := int((d + 24*time.Hour - 1) / (24 * time.Hour))
		return pick(zh, fmt.Sprintf("%d 天", days), fmt.Sprintf("%d days", days))
	}
	if d < time.Minute {
		s := int((d + time.Second - 1) / time.Second)
		return pick(zh, fmt.Sprintf("%d 秒", s), fmt.Sprintf("%d s", s))
	}
	m := int((d + time.Minute - 1) / time.Minute)
	h, m := m/60, m%60
	switch {
	case h == 0:
		return pick(zh, fmt.Sprintf("%d 分钟", m), fmt.Sprintf("%d min", m))
	case m == 0:
		return pick(zh, fmt.Sprintf("%d 小时", h), fmt.Sprintf("%d h", h))
	}
	return pick(zh, fmt.Sprintf("%d 小时 %d 分钟", h, m), fmt.Sprintf("%d h %d min", h, m))
}

// Error is returned when a send is refused before it reaches WeChat.
type Error struct {
	Budget Budget
}

// Error explains the refusal in English, ready for a log line or an API body.
func (e *Error) Error() string { return e.Budget.Message("en") }

// Code is the stable machine code of the refusal (the Reason's value).
func (e *Error) Code() string { return e.Budget.Code() }

// Message explains the refusal in lang ("zh" or "en").
func (e *Error) Message(lang string) string { return e.Budget.Message(lang) }

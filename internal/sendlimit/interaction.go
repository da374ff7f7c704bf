package sendlimit

import "time"

// InteractionKind is what the customer did to open an allowance.
//
// Payment success (服务号, unlimited sends for 48 h) is deliberately absent:
// it is reported by WeChat Pay, not by the message callbacks the desk reads,
// so the desk could never see it open.
type InteractionKind string

// Interaction kinds, named as the REST API and the store spell them.
const (
	// InteractionMessage is any message the customer sent. On an Official
	// Account a tap on a msgmenu item arrives as a text message carrying
	// bizmsgmenuid; WeChat counts that as a menu tap, so record it as
	// InteractionMenuClick, not as a message.
	InteractionMessage InteractionKind = "message"
	// InteractionMenuClick is a custom-menu tap of type click, scancode_push
	// or scancode_waitmsg, or a msgmenu tap (Official Account only).
	InteractionMenuClick InteractionKind = "menu_click"
	// InteractionFollow is a subscribe event (Official Account only).
	InteractionFollow InteractionKind = "follow"
	// InteractionScan is a parametric QR-code scan, SCAN or subscribe with a
	// scene (Official Account only).
	InteractionScan InteractionKind = "scan"
)

// EventQuota and EventWindow are the Official Account's allowance for a menu
// tap, a follow or a scan: 3 sends within 1 minute (wechat-mp.md §4.2). They
// are WeChat's fixed numbers, so the channel's configurable quota does not
// change them.
const (
	EventQuota  = 3
	EventWindow = time.Minute
)

// Interaction is the customer action that opened the current allowance.
// A zero At means the customer never interacted.
type Interaction struct {
	At   time.Time
	Kind InteractionKind
}

// allowance returns the sends and window an interaction opens on a channel
// kind; ok is false when it opens none. 微信客服 counts only customer
// messages (95024: menu clicks do not count), and an unknown kind opens
// nothing so that a typo locks rather than over-sends.
func allowance(ch ChannelKind, k InteractionKind, quota int) (n int, window time.Duration, ok bool) {
	if k == InteractionMessage {
		if quota <= 0 {
			quota = DefaultQuota
		}
		return quota, Window, true
	}
	if ch != ChannelMP {
		return 0, 0, false
	}
	switch k {
	case InteractionMenuClick, InteractionFollow, InteractionScan:
		return EventQuota, EventWindow, true
	}
	return 0, 0, false
}

// State is everything the desk knows about sending in one conversation.
type State struct {
	Channel      ChannelKind
	Last         Interaction // the interaction that opened the current allowance
	Sent         int         // sends since Last.At, automatic ones included
	Quota        int         // sends a customer message allows; 0 = DefaultQuota
	RefusedAt    time.Time   // when WeChat last refused for window or quota; zero if never
	RefusedCode  int         // WeChat's errcode of that refusal
	BlockedUntil time.Time   // end of an agent's block (拒收); zero when not blocked
}

// ComputeState returns the budget of a conversation whose allowance was
// opened by last, with sent sends since, on a channel kind, at now.
func ComputeState(kind ChannelKind, last Interaction, sent, quota int, now time.Time) Budget {
	return State{Channel: kind, Last: last, Sent: sent, Quota: quota}.Budget(now)
}

// Budget returns what may be sent at now. A block wins over everything; a
// WeChat refusal only matters while our own count still says open, because
// our reason (48 h passed, 5 sent) explains more than an errcode.
func (s State) Budget(now time.Time) Budget {
	if now.Before(s.BlockedUntil) {
		return Budget{Reason: ReasonBlocked, BlockedUntil: s.BlockedUntil, Left: s.BlockedUntil.Sub(now)}
	}
	b := s.allowanceBudget(now)
	// A refusal at the same instant as the interaction is treated as older:
	// a customer's message always reopens.
	if b.Open() && !s.RefusedAt.IsZero() && s.RefusedAt.After(s.Last.At) {
		b.Remaining = 0
		b.Reason = ReasonWeChatRefused
		b.WeChatCode = s.RefusedCode
	}
	return b
}

func (s State) allowanceBudget(now time.Time) Budget {
	quota, window, ok := allowance(s.Channel, s.Last.Kind, s.Quota)
	if s.Last.At.IsZero() || !ok {
		return Budget{Quota: quota, Reason: ReasonNoCustomer}
	}
	b := Budget{Quota: quota, Opener: s.Last.Kind, Sent: s.Sent, Closes: s.Last.At.Add(window)}
	if !now.Before(b.Closes) {
		b.Reason = ReasonExpired
		return b
	}
	b.Left = b.Closes.Sub(now)
	b.Remaining = quota - s.Sent
	if b.Remaining <= 0 {
		b.Remaining = 0
		b.Reason = ReasonQuotaReached
	}
	return b
}

// Governing returns the interaction that sets the allowance once next has
// happened. A customer message always takes over (and resets the count). A
// menu tap, follow or scan takes over only when the current allowance is
// closed: WeChat says a tap does not create or reset the message quota, so
// while the message allowance is open the desk keeps counting against it
// rather than guess how WeChat combines the two. Interactions that open
// nothing on this channel kind never take over.
func (s State) Governing(next Interaction) Interaction {
	if _, _, ok := allowance(s.Channel, next.Kind, s.Quota); !ok || next.At.IsZero() {
		return s.Last
	}
	if next.Kind == InteractionMessage || !s.Budget(next.At).Open() {
		return next
	}
	return s.Last
}

// Package sendlimit models WeChat's sending rules for customer-service
// messages. A customer interaction opens an allowance: a message gives 48
// hours and 5 sends (automatic ones included); on an Official Account a menu
// tap, a follow or a QR-code scan gives a smaller one. When the allowance is
// used up or its window has passed, the conversation is locked until the
// customer interacts again. WeChat itself may also refuse (45015, 45047,
// 95001, …), and an agent may block a customer.
//
// Everything here is a pure function of the history and the clock, so the
// inbox, the outbox, the timeouts and the tests agree on one answer, and the
// desk refuses a send before WeChat would.
package sendlimit

import "time"

// Window is how long a customer's message keeps the conversation open for sending.
const Window = 48 * time.Hour

// DefaultQuota is how many messages one customer message allows.
const DefaultQuota = 5

// ChannelKind selects WeChat's rule set: the two products differ in which
// interactions open an allowance and in the error codes they return.
type ChannelKind string

// Channel kinds.
const (
	ChannelMP ChannelKind = "mp" // Official Account (公众号) customer-service messages
	ChannelKF ChannelKind = "kf" // WeChat Customer Service (微信客服) kf/send_msg
)

// Reason says why sending is closed. Its value is a stable machine code the
// REST API returns; never change a value once released.
type Reason string

// Reasons a send is refused.
const (
	ReasonNone          Reason = ""                    // sending is open
	ReasonNoCustomer    Reason = "no_customer_message" // customers start conversations
	ReasonExpired       Reason = "window_closed"       // the allowance's window (48 h for a message) has passed
	ReasonQuotaReached  Reason = "send_quota_reached"  // every send the allowance gives is used
	ReasonWeChatRefused Reason = "wechat_refused"      // WeChat said 45015/45047/95xxx after the last interaction
	ReasonBlocked       Reason = "blocked"             // an agent blocked (拒收) the customer
)

// Budget is what may still be sent in a conversation at a moment.
type Budget struct {
	Remaining    int             // messages that may still be sent
	Quota        int             // messages the current allowance gives
	Left         time.Duration   // time until the window closes (0 when closed); when blocked, until the block ends
	Closes       time.Time       // when the window closes (zero when there is no window)
	Reason       Reason          // why sending is closed; ReasonNone when open
	Opener       InteractionKind // the interaction that opened the allowance ("" when none)
	Sent         int             // sends counted against the allowance so far
	WeChatCode   int             // WeChat's errcode when Reason is ReasonWeChatRefused
	BlockedUntil time.Time       // end of the block when Reason is ReasonBlocked
}

// Open reports whether at least one message may be sent.
func (b Budget) Open() bool { return b.Reason == ReasonNone }

// Code is the stable machine code for the REST API: the Reason's value, ""
// when sending is open.
func (b Budget) Code() string { return string(b.Reason) }

// Compute returns the budget given when the customer last wrote, how many
// messages were sent since, the quota (0 = DefaultQuota) and now. It is the
// message-only rule, the same on both channel kinds; ComputeState also knows
// the other interactions.
func Compute(lastCustomerAt time.Time, sentSince, quota int, now time.Time) Budget {
	last := Interaction{At: lastCustomerAt, Kind: InteractionMessage}
	return ComputeState(ChannelKF, last, sentSince, quota, now)
}

// Check returns an *Error when the budget does not allow one more message.
func (b Budget) Check() error {
	if b.Open() {
		return nil
	}
	return &Error{Budget: b}
}

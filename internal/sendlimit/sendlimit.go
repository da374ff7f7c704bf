// Package sendlimit models WeChat's sending rule for customer-service
// messages: a customer's message opens a window of 48 hours in which at most
// 5 messages may be sent (automatic ones included). After that the
// conversation is locked until the customer writes again. Everything here is
// a pure function of the history and the clock, so the inbox, the outbox and
// the tests agree on one answer.
package sendlimit

import (
	"fmt"
	"time"
)

// Window is how long a customer's message keeps the conversation open for sending.
const Window = 48 * time.Hour

// DefaultQuota is how many messages one customer message allows.
const DefaultQuota = 5

// Reason says why sending is closed.
type Reason string

// Reasons a send is refused.
const (
	ReasonNone         Reason = ""
	ReasonNoCustomer   Reason = "no_customer_message" // customers start conversations
	ReasonExpired      Reason = "window_expired"      // more than 48 h since the customer wrote
	ReasonQuotaReached Reason = "quota_reached"       // 5 messages already sent in this window
)

// Budget is what may still be sent in a conversation at a moment.
type Budget struct {
	Remaining int           // messages that may still be sent
	Quota     int           // messages allowed in the window
	Left      time.Duration // time until the window closes (0 when closed)
	Closes    time.Time     // when the window closes (zero when there is no window)
	Reason    Reason        // why sending is closed; ReasonNone when open
}

// Open reports whether at least one message may be sent.
func (b Budget) Open() bool { return b.Reason == ReasonNone }

// Compute returns the budget given when the customer last wrote, how many
// messages were sent since, the quota (0 = DefaultQuota) and now.
func Compute(lastCustomerAt time.Time, sentSince, quota int, now time.Time) Budget {
	if quota <= 0 {
		quota = DefaultQuota
	}
	b := Budget{Quota: quota}
	if lastCustomerAt.IsZero() {
		b.Reason = ReasonNoCustomer
		return b
	}
	b.Closes = lastCustomerAt.Add(Window)
	if !now.Before(b.Closes) {
		b.Reason = ReasonExpired
		return b
	}
	b.Left = b.Closes.Sub(now)
	b.Remaining = quota - sentSince
	if b.Remaining <= 0 {
		b.Remaining = 0
		b.Reason = ReasonQuotaReached
	}
	return b
}

// Error is returned when a send is refused before it reaches WeChat.
type Error struct {
	Budget Budget
}

// Error explains the refusal in English; the inbox has its own translations.
func (e *Error) Error() string {
	switch e.Budget.Reason {
	case ReasonNoCustomer:
		return "sendlimit: the customer has not written yet; WeChat only allows replies to customer messages"
	case ReasonExpired:
		return "sendlimit: more than 48 hours since the customer's last message; sending reopens when the customer writes again"
	case ReasonQuotaReached:
		return fmt.Sprintf("sendlimit: %d messages already sent since the customer's last message; sending reopens when the customer writes again", e.Budget.Quota)
	}
	return "sendlimit: sending is closed"
}

// Check returns an *Error when the budget does not allow one more message.
func (b Budget) Check() error {
	if b.Open() {
		return nil
	}
	return &Error{Budget: b}
}

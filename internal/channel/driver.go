// Package channel defines what a channel kind does for the desk — answer the
// console's URL check, turn a callback into channel-neutral inbound messages
// (or ask the core to pull them), send a message, fetch media, read a
// customer's profile — and keeps one running driver per channel record.
//
// The desk's domain packages (ingest, outbox, enrich, desk) talk only to
// these interfaces; each kind lives in a sub-package: mp (Official
// Account), kf (微信客服). A new channel kind is a new sub-package plus one
// line in hooks' driver table.
package channel

import (
	"context"
	"net/url"
	"time"
)

// Driver is one channel's connection to WeChat. Implementations are safe
// for concurrent use and own their access token: the Registry keeps one
// Driver per channel, so the token is cached per channel.
type Driver interface {
	// VerifyURL answers the console's GET URL check with the body WeChat
	// expects, or a *CallbackError.
	VerifyURL(q url.Values) (string, error)
	// ReceiveCallback verifies and decrypts a POST callback. It returns
	// the messages to store, or a pull request, or a *CallbackError.
	ReceiveCallback(q url.Values, body []byte) (*Callback, error)
	// Send delivers one outbound message. Errors are classified with
	// ErrRetryLater, ErrWindowClosed, ErrTokenExpired or *PermanentError.
	Send(ctx context.Context, m *Outbound) (*SendResult, error)
	// FetchMedia downloads a customer's media by WeChat's media id.
	FetchMedia(ctx context.Context, mediaID string) (*Media, error)
	// Profile reads what WeChat tells about a customer.
	Profile(ctx context.Context, externalID string) (*Profile, error)
	// Forget drops cached credentials (the access token); the Registry
	// calls it when the channel's settings change.
	Forget()
}

// Puller is implemented by kinds whose callbacks only announce that
// messages wait to be pulled (微信客服's kf_msg_or_event).
type Puller interface {
	// Pull fetches the page after cursor. The core stores the page's
	// messages and the new cursor in one transaction.
	Pull(ctx context.Context, cursor string, req PullRequest) (*Page, error)
}

// Callback is what a driver makes of one verified POST.
type Callback struct {
	// Messages are stored exactly once before the callback is answered.
	Messages []Inbound
	// Pull, when set, asks the core to pull with the driver's Puller after
	// answering.
	Pull *PullRequest
	// Reply is the body to answer WeChat with; empty means "success".
	Reply string
}

// PullRequest carries what a pull needs from the callback that asked for it.
type PullRequest struct {
	// Token is the short-lived token the callback carried (微信客服 gives
	// pulls made with it a higher rate limit).
	Token string
	// Account is the receiving account (open_kfid), when the callback names one.
	Account string
}

// Page is one pulled page of messages.
type Page struct {
	Messages   []Inbound
	NextCursor string
	HasMore    bool
}

// Inbound is one customer message or event, the same for every kind.
type Inbound struct {
	// ExternalID is the customer's id on the channel (customers.external_id):
	// the openid on an Official Account, the external_userid on 微信客服.
	ExternalID string
	// MsgID is WeChat's message id (messages.wechat_msgid); empty for events
	// that have none.
	MsgID string
	// DedupKey is unique per channel: the same push delivered twice has
	// the same key and is stored once.
	DedupKey string
	// Type is messages.type (WeChat's msgtype, lower case).
	Type string
	// Text is the human-readable text, for search and previews.
	Text string
	// Preview is the conversation-list line ("[image]" for non-text).
	Preview string
	// Event marks notifications (follow, menu tap, session events): they
	// never open a conversation, are not unread and do not reopen the
	// send window.
	Event bool
	// Interaction is what the message or event means for WeChat's send
	// allowance when it is not an ordinary customer message: "menu_click",
	// "follow" or "scan" (Official Account only; sendlimit's interaction
	// kinds). Empty means a customer message (when not an event) or none.
	Interaction string
	// MediaID names media to download after storing.
	MediaID string
	// Payload keeps every field WeChat sent.
	Payload map[string]any
	// SentAt is when WeChat says the message was sent (zero if unknown).
	SentAt time.Time
	// Account is the receiving account within the channel (a 微信客服
	// open_kfid); empty for an Official Account.
	Account string
	// OriginalID is the Official Account's original id (gh_…), remembered
	// on the channel the first time it is seen.
	OriginalID string
	// Scene is the entry scene the message carries, if any.
	Scene string
	// FromServicer marks a message a servicer wrote from WeChat's own
	// client (微信客服 origin 5): stored as outbound, already delivered.
	FromServicer bool

	// Effects of events on what the desk already holds:

	// FailedMsgID names an outbound message WeChat reports it could not
	// deliver (the id the desk sent it with); FailReason says why and
	// FailWindowClosed whether the send window is gone.
	FailedMsgID      string
	FailReason       string
	FailWindowClosed bool
	// RecalledMsgID names a customer message the customer recalled.
	RecalledMsgID string
	// WelcomeCode allows one welcome message for a session that just
	// started, within WelcomeValidFor of the event (see EventResponder).
	WelcomeCode string
}

// WelcomeValidFor is how long a welcome code may be used (微信客服: 20 s).
const WelcomeValidFor = 20 * time.Second

// EventResponder is implemented by kinds that answer session events with a
// one-time code (微信客服's send_msg_on_event): the welcome message.
type EventResponder interface {
	// SendOnEvent sends m in answer to the event that carried code.
	SendOnEvent(ctx context.Context, code string, m *Outbound) (*SendResult, error)
}

// Outbound is one message for the customer, as the outbox hands it to a driver.
type Outbound struct {
	// ID is the messages record id; drivers that accept an idempotency key
	// use it so that a resend is harmless.
	ID         string
	ExternalID string
	Account    string
	Type       string
	Text       string
	// Payload is the agent's payload for structured types (news, msgmenu…).
	Payload map[string]any
	// Media reads the attached file, if any.
	Media func() (data []byte, name string, err error)
	// Resend marks a repeat of a send that may already have reached
	// WeChat (its earlier outcome is unknown): an idempotent driver treats
	// "this id was already used" as delivered.
	Resend bool
}

// SendResult is what WeChat answered to a send.
type SendResult struct {
	// MsgID is WeChat's id of the sent message, when it gives one.
	MsgID string
	// Payload is the body as sent, kept on the message for the record.
	Payload any
}

// Media is a downloaded file.
type Media struct {
	Body     []byte
	Filename string
}

// Profile is what WeChat tells about a customer; empty fields are unknown.
type Profile struct {
	Nickname string
	Avatar   string
	UnionID  string
	Scene    string
	Gender   int
	// Remark is the account's own name for the customer (an Official
	// Account's 备注名), which WeChat still returns.
	Remark string
}

// AccountLister is implemented by kinds whose channel holds several
// accounts (微信客服 kf accounts): the desk keeps a copy of the list.
type AccountLister interface {
	Accounts(ctx context.Context) ([]Account, error)
}

// Account is one account of a channel.
type Account struct {
	ID     string
	Name   string
	Avatar string
}

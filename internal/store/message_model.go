package store

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Message directions, senders and delivery statuses.
const (
	DirectionIn  = "in"
	DirectionOut = "out"

	SenderCustomer = "customer"
	SenderAgent    = "agent"
	SenderBot      = "bot"
	SenderSystem   = "system"

	StatusReceived = "received"
	StatusPending  = "pending"
	StatusSent     = "sent"
	StatusFailed   = "failed"

	MediaNone    = "none"
	MediaPending = "pending"
	MediaStored  = "stored"
	MediaFailed  = "failed"
)

// Message is a typed proxy for a record of the messages collection: one
// message or event, inbound or outbound.
type Message struct {
	core.BaseRecordProxy
}

// NewMessage wraps a messages record.
func NewMessage(r *core.Record) *Message {
	m := &Message{}
	m.SetProxyRecord(r)
	return m
}

// ConversationID is the conversation the message belongs to.
func (m *Message) ConversationID() string { return m.GetString("conversation") }

// Direction is in or out.
func (m *Message) Direction() string { return m.GetString("direction") }

// Type is the WeChat message type (text, image, event...).
func (m *Message) Type() string { return m.GetString("type") }

// Text is the text content or a caption.
func (m *Message) Text() string { return m.GetString("text") }

// Status is received, pending, sent or failed.
func (m *Message) Status() string { return m.GetString("status") }

// Attempts is how many times the outbox tried to send the message.
func (m *Message) Attempts() int { return m.GetInt("attempts") }

// Payload decodes the payload JSON into v.
func (m *Message) Payload(v any) error { return m.UnmarshalJSONField("payload", v) }

// Seq orders messages: strictly increasing across the desk, in commit order.
func (m *Message) Seq() int64 { return int64(m.GetFloat("seq")) }

// seqStoreKey is where an app keeps its message sequence counter.
const seqStoreKey = "wedesk.messageSeq"

// seqCounter is the last seq handed out by one app.
type seqCounter struct {
	mu     sync.Mutex
	last   int64
	loaded bool
}

// maxExactSeq is the largest integer a PocketBase number (a float64) holds
// exactly: seq must stay below it or neighbours would compare equal.
const maxExactSeq = 1<<53 - 1

// NextSeq returns the next message seq: strictly increasing, and close to
// now in unix microseconds (so it still says roughly when a message was
// written, and stays exact in a float64 until the year 2255).
//
// Call it inside the write transaction that stores the message. PocketBase
// runs write transactions one at a time on its single writer connection, so
// numbers handed out inside them follow commit order, which is what the
// inbox's catch-up by seq (?after=) relies on. The counter starts from the
// highest stored seq, so a restart never goes back.
func NextSeq(app core.App, now time.Time) (int64, error) {
	c := app.Store().GetOrSet(seqStoreKey, func() any { return &seqCounter{} }).(*seqCounter)
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loaded {
		var last float64
		err := app.NonconcurrentDB().Select("coalesce(max(seq), 0)").From(CollectionMessages).Row(&last)
		if err != nil {
			return 0, fmt.Errorf("store: highest seq: %w", err)
		}
		c.last, c.loaded = int64(last), true
	}
	n := max(now.UnixMicro(), c.last+1)
	if n > maxExactSeq {
		return 0, fmt.Errorf("store: message seq %d would lose precision", n)
	}
	c.last = n
	return n, nil
}

// FindMessage loads a message by id.
func FindMessage(app core.App, id string) (*Message, error) {
	r, err := app.FindRecordById(CollectionMessages, id)
	if err != nil {
		return nil, lookupError(fmt.Sprintf("message %q", id), err)
	}
	return NewMessage(r), nil
}

// NewMessageRecord prepares an unsaved messages record. Its writer sets
// "seq" (NextSeq) inside the transaction that stores it.
func NewMessageRecord(app core.App) (*core.Record, error) {
	col, err := app.FindCachedCollectionByNameOrId(CollectionMessages)
	if err != nil {
		return nil, fmt.Errorf("store: messages collection: %w", err)
	}
	r := core.NewRecord(col)
	r.Set("media_state", MediaNone)
	return r, nil
}

// quotaStatuses are the statuses of an outbound message that count
// against WeChat's send quota: pending, sending, sent or possibly sent
// (unknown); a failed send does not.
var quotaStatuses = []any{StatusPending, StatusSending, StatusSent, StatusUnknown}

// templateType is the message type WeChat counts apart from the quota.
const templateType = "template"

// CountsAgainstQuota reports whether a message is a send to the customer
// that WeChat's quota counts: outbound, not an internal note nor a
// template message (counted separately), in a quota status. It is the rule
// CountOutboundSince counts by, for one record.
func CountsAgainstQuota(r *core.Record) bool {
	return IsQuotaSend(r) && slices.Contains(quotaStatuses, any(r.GetString("status")))
}

// IsQuotaSend reports whether a message is of the kind the quota counts,
// whatever its status: outbound to the customer, not a note or template.
func IsQuotaSend(r *core.Record) bool {
	return r.GetString("direction") == DirectionOut && !r.GetBool("internal") && r.GetString("type") != templateType
}

// CountOutboundSince counts the messages of a conversation that count
// against WeChat's send quota (CountsAgainstQuota), written at or after
// since.
func CountOutboundSince(app core.App, conversationID string, since time.Time) (int, error) {
	var n int
	err := app.DB().Select("count(*)").From(CollectionMessages).
		Where(dbx.HashExp{"conversation": conversationID, "direction": DirectionOut, "internal": false}).
		AndWhere(dbx.In("status", quotaStatuses...)).
		AndWhere(dbx.Not(dbx.HashExp{"type": templateType})).
		AndWhere(dbx.NewExp("seq >= {:since}", dbx.Params{"since": since.UnixMicro()})).
		Row(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count outbound: %w", err)
	}
	return n, nil
}

// FindDueOutbound returns pending outbound messages whose next attempt is due,
// oldest first.
func FindDueOutbound(app core.App, now time.Time, limit int) ([]*Message, error) {
	recs, err := app.FindRecordsByFilter(CollectionMessages,
		"status = 'pending' && direction = 'out' && next_attempt_at <= {:now}", "seq", limit, 0,
		dbx.Params{"now": DateString(now)})
	if err != nil {
		return nil, fmt.Errorf("store: due outbound: %w", err)
	}
	out := make([]*Message, len(recs))
	for i, r := range recs {
		out[i] = NewMessage(r)
	}
	return out, nil
}

// FindPendingMedia returns inbound messages whose media is not downloaded yet.
func FindPendingMedia(app core.App, now time.Time, limit int) ([]*Message, error) {
	recs, err := app.FindRecordsByFilter(CollectionMessages,
		"media_state = 'pending' && (next_attempt_at = '' || next_attempt_at <= {:now})", "seq", limit, 0,
		dbx.Params{"now": DateString(now)})
	if err != nil {
		return nil, fmt.Errorf("store: pending media: %w", err)
	}
	out := make([]*Message, len(recs))
	for i, r := range recs {
		out[i] = NewMessage(r)
	}
	return out, nil
}

// DateString formats t the way PocketBase stores dates, for filters.
func DateString(t time.Time) string {
	d, _ := types.ParseDateTime(t)
	return d.String()
}

package hooks

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
)

// inboundStored reports what storing one inbound message created, for the
// follow-up work done after commit.
type inboundStored struct {
	message      *core.Record
	newCustomer  bool
	pendingMedia bool
}

// opensConversation reports whether a message starts a conversation:
// customer messages do, events do not.
func opensConversation(m *mpapi.InboundMessage) bool { return !m.IsEvent() }

// storeInbound writes one inbound message inside tx. It returns dup=true
// (and nothing stored) when the message was already stored: WeChat's retries
// and concurrent deliveries of one push all carry the same dedup key, which a
// unique index makes impossible to store twice.
func storeInbound(tx core.App, ch *store.Channel, m *mpapi.InboundMessage, now time.Time) (*inboundStored, bool, error) {
	key := ch.Id + ":" + m.DedupKey()
	if dup, err := store.MessageDedupExists(tx, key); err != nil || dup {
		return nil, dup, err
	}
	if ch.OriginalID() == "" && m.ToUserName != "" {
		ch.Set("original_id", m.ToUserName)
		if err := tx.SaveNoValidate(ch.Record); err != nil {
			return nil, false, fmt.Errorf("hooks: remember original id: %w", err)
		}
	}
	cust, created, err := store.FindOrCreateCustomer(tx, ch.Id, m.FromUserName)
	if err != nil {
		return nil, false, err
	}
	conv, err := conversationFor(tx, ch, cust, m, now)
	if err != nil {
		return nil, false, err
	}
	rec, err := store.NewMessageRecord(tx, now)
	if err != nil {
		return nil, false, err
	}
	fillInbound(rec, conv.Id, key, m)
	// Built here from a parsed, decrypted push: validating it again would
	// cost a query per relation on the hottest path. The unique index still
	// guards against duplicates.
	if err := tx.SaveNoValidate(rec); err != nil {
		if store.IsUniqueViolation(err) {
			return nil, true, nil
		}
		return nil, false, fmt.Errorf("hooks: store message: %w", err)
	}
	if err := touchConversation(tx, conv, m, now); err != nil {
		return nil, false, err
	}
	return &inboundStored{message: rec, newCustomer: created, pendingMedia: m.MediaID != ""}, false, nil
}

// conversationFor finds the conversation a message belongs to: the open one,
// or a new one for a customer message. Events (follow, menu clicks...) never
// open a conversation; without an open one they join the latest, or a
// closed record that keeps them.
func conversationFor(tx core.App, ch *store.Channel, cust *store.Customer, m *mpapi.InboundMessage, now time.Time) (*store.Conversation, error) {
	if conv, err := store.FindOpenConversation(tx, cust.Id); err == nil {
		return conv, nil
	}
	if opensConversation(m) {
		return store.OpenConversation(tx, ch.Id, cust.Id, store.StateQueued, now)
	}
	if conv, err := store.FindLatestConversation(tx, cust.Id); err == nil {
		return conv, nil
	}
	return store.OpenConversation(tx, ch.Id, cust.Id, store.StateClosed, now)
}

// fillInbound copies a parsed WeChat message into a messages record; the
// payload keeps every field WeChat sent.
func fillInbound(rec *core.Record, convID, key string, m *mpapi.InboundMessage) {
	rec.Set("conversation", convID)
	rec.Set("direction", store.DirectionIn)
	rec.Set("sender", store.SenderCustomer)
	rec.Set("type", strings.ToLower(m.MsgType))
	rec.Set("text", inboundText(m))
	rec.Set("payload", m.Fields)
	rec.Set("wechat_msgid", m.MsgID)
	rec.Set("status", store.StatusReceived)
	rec.Set("dedup_key", key)
	if m.MediaID != "" {
		rec.Set("media_state", store.MediaPending)
	}
}

// inboundText is the human-readable text of a message, for search and previews.
func inboundText(m *mpapi.InboundMessage) string {
	switch m.MsgType {
	case "text":
		return m.Content
	case "voice":
		return m.Recognition
	case "location":
		return m.Label
	case "link":
		return m.Title
	case "event":
		return strings.TrimSpace(m.Event + " " + m.EventKey)
	}
	return ""
}

// touchConversation records the customer's activity: the 48 h window
// restarts with every customer message (not with events), and the message
// shows as unread.
func touchConversation(tx core.App, conv *store.Conversation, m *mpapi.InboundMessage, now time.Time) error {
	if !m.IsEvent() {
		conv.Set("last_customer_at", now)
		conv.Set("unread", conv.GetInt("unread")+1)
	}
	conv.Set("last_message_at", now)
	conv.Set("last_preview", preview(m))
	if err := tx.SaveNoValidate(conv.Record); err != nil {
		return fmt.Errorf("hooks: update conversation: %w", err)
	}
	return nil
}

// preview is the conversation-list line: the text, or "[type]" which the
// inbox translates.
func preview(m *mpapi.InboundMessage) string {
	if m.MsgType == "text" {
		return truncateRunes(m.Content, 80)
	}
	return "[" + m.MsgType + "]"
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

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

// ingestBatch stores a batch of inbound messages inside one transaction with
// a handful of statements for the whole batch: one lookup each for dedup
// keys, customers and open conversations (ids only), one prepared INSERT per
// collection and one prepared UPDATE for the conversations touched.
// Per-record saves cost about a millisecond each with the pure-Go SQLite
// driver; this is what lets one writer keep up with thousands of callbacks a
// second. The full records of touched conversations, which realtime needs,
// are loaded after commit by the announcer, off the writer's path.
type ingestBatch struct {
	tx  core.App
	now time.Time

	stored    map[string]bool               // dedup keys stored before or earlier in this batch
	customers map[string]batchCustomer      // by customerKey
	open      map[string]*batchConversation // open conversation by customer id
	latest    map[string]*batchConversation // events' conversation when none is open, by customer id

	created []*core.Record             // new customers, conversations and messages
	touched []*store.ConversationTouch // existing conversations changed
	results []ingestResult
	// enrich says the enricher has work: media to download or a new
	// customer's profile to fetch.
	enrich bool
}

// batchConversation is a message's conversation as the batch knows it:
// a record it creates, or an existing one it touches in SQL.
type batchConversation struct {
	id     string
	record *core.Record             // when created by this batch
	touch  *store.ConversationTouch // when it exists already
}

func customerKey(channelID, externalID string) string { return channelID + "\x00" + externalID }

// storeBatch writes the batch's messages inside tx. Each item's result says
// whether it was stored or a duplicate (WeChat's retries and concurrent
// deliveries of one push carry the same dedup key, stored once).
func storeBatch(tx core.App, items []*ingestItem, now time.Time) (*ingestBatch, error) {
	b := &ingestBatch{
		tx: tx, now: now,
		open:    map[string]*batchConversation{},
		latest:  map[string]*batchConversation{},
		results: make([]ingestResult, len(items)),
	}
	if err := b.preload(items); err != nil {
		return nil, err
	}
	for i, it := range items {
		dup, err := b.add(it)
		if err != nil {
			return nil, err
		}
		b.results[i].duplicate = dup
	}
	if err := store.InsertRecords(tx, b.created); err != nil {
		return nil, err
	}
	if err := store.TouchConversations(tx, b.touched); err != nil {
		return nil, err
	}
	return b, nil
}

// preload reads, in three queries, what the batch needs to know: which
// messages are stored already, the known customers and their open
// conversations.
func (b *ingestBatch) preload(items []*ingestItem) error {
	keys := make([]string, len(items))
	byChannel := map[string][]string{}
	for i, it := range items {
		keys[i] = it.key
		byChannel[it.channel.Id] = append(byChannel[it.channel.Id], it.msg.FromUserName)
	}
	var err error
	if b.stored, err = store.StoredDedupKeys(b.tx, keys); err != nil {
		return err
	}
	b.customers = map[string]batchCustomer{}
	var custIDs []string
	for chID, openids := range byChannel {
		found, err := store.FindCustomerRefs(b.tx, chID, openids)
		if err != nil {
			return err
		}
		for _, c := range found {
			b.customers[customerKey(chID, c.ExternalID)] = batchCustomer{id: c.ID}
			custIDs = append(custIDs, c.ID)
		}
	}
	if len(custIDs) == 0 {
		return nil
	}
	convs, err := store.FindOpenConversationRefs(b.tx, custIDs)
	if err != nil {
		return err
	}
	for _, c := range convs {
		b.open[c.CustomerID] = &batchConversation{id: c.ID}
	}
	return nil
}

// add stores one message of the batch in memory; it reports a duplicate.
func (b *ingestBatch) add(it *ingestItem) (bool, error) {
	if b.stored[it.key] {
		return true, nil
	}
	b.stored[it.key] = true
	ch, m := it.channel, it.msg
	if ch.OriginalID() == "" && m.ToUserName != "" {
		ch.Set("original_id", m.ToUserName)
		if err := b.tx.SaveNoValidate(ch.Record); err != nil {
			return false, fmt.Errorf("hooks: remember original id: %w", err)
		}
	}
	cust, err := b.customer(ch.Id, m.FromUserName)
	if err != nil {
		return false, err
	}
	conv, err := b.conversation(ch, cust, m)
	if err != nil {
		return false, err
	}
	rec := it.message
	rec.Set("conversation", conv.id)
	// The writer numbers messages, in commit order: the inbox catches up
	// after a reconnect by asking for what came after the last seq it saw.
	rec.Set("seq", store.NextSeq(b.now))
	b.insert(rec)
	b.touch(conv, m)
	b.enrich = b.enrich || cust.created || m.MediaID != ""
	return false, nil
}

func (b *ingestBatch) insert(r *core.Record) {
	store.PrepareForInsert(r)
	b.created = append(b.created, r)
}

// batchCustomer is a message's customer as the batch knows it.
type batchCustomer struct {
	id      string
	created bool // by this batch
}

// customer returns the message's customer, created on first contact.
func (b *ingestBatch) customer(channelID, openid string) (batchCustomer, error) {
	k := customerKey(channelID, openid)
	if c, ok := b.customers[k]; ok {
		return c, nil
	}
	r, err := store.NewCustomerRecord(b.tx, channelID, openid)
	if err != nil {
		return batchCustomer{}, err
	}
	b.insert(r)
	c := batchCustomer{id: r.Id, created: true}
	b.customers[k] = c
	return c, nil
}

// conversation finds the conversation a message belongs to: the open one,
// or a new one for a customer message. Events (follow, menu clicks...) never
// open a conversation; without an open one they join the latest, or a
// closed record that keeps them.
func (b *ingestBatch) conversation(ch *store.Channel, cust batchCustomer, m *mpapi.InboundMessage) (*batchConversation, error) {
	if conv := b.open[cust.id]; conv != nil {
		return conv, nil
	}
	if opensConversation(m) {
		return b.newConversation(ch, cust, store.StateQueued, b.open)
	}
	if conv := b.latest[cust.id]; conv != nil {
		return conv, nil
	}
	if !cust.created {
		if conv, err := store.FindLatestConversation(b.tx, cust.id); err == nil {
			bc := &batchConversation{id: conv.Id}
			b.latest[cust.id] = bc
			return bc, nil
		}
	}
	return b.newConversation(ch, cust, store.StateClosed, b.latest)
}

func (b *ingestBatch) newConversation(ch *store.Channel, cust batchCustomer, state string, into map[string]*batchConversation) (*batchConversation, error) {
	r, err := store.NewConversationRecord(b.tx, ch.Id, cust.id, state, b.now)
	if err != nil {
		return nil, err
	}
	b.insert(r)
	conv := &batchConversation{id: r.Id, record: r}
	into[cust.id] = conv
	return conv, nil
}

// touch records the customer's activity on the message's conversation: the
// 48 h window restarts with every customer message (not with events), and
// the message shows as unread.
func (b *ingestBatch) touch(conv *batchConversation, m *mpapi.InboundMessage) {
	if r := conv.record; r != nil {
		if !m.IsEvent() {
			r.Set("last_customer_at", b.now)
			r.Set("unread", r.GetInt("unread")+1)
		}
		r.Set("last_message_at", b.now)
		r.Set("last_preview", preview(m))
		return
	}
	if conv.touch == nil {
		conv.touch = &store.ConversationTouch{ID: conv.id}
		b.touched = append(b.touched, conv.touch)
	}
	if !m.IsEvent() {
		conv.touch.Unread++
	}
	conv.touch.At = b.now
	conv.touch.LastPreview = preview(m)
}

// opensConversation reports whether a message starts a conversation:
// customer messages do, events do not.
func opensConversation(m *mpapi.InboundMessage) bool { return !m.IsEvent() }

// fillInbound copies a parsed WeChat message into a messages record; the
// payload keeps every field WeChat sent.
func fillInbound(rec *core.Record, key string, m *mpapi.InboundMessage) {
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

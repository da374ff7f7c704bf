package store

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Conversation states.
const (
	StateBot    = "bot"
	StateQueued = "queued"
	StateActive = "active"
	StateClosed = "closed"
)

// Conversation is a typed proxy for a record of the conversations collection:
// one session between a customer and the desk, from opening to closing.
type Conversation struct {
	core.BaseRecordProxy
}

// NewConversation wraps a conversations record.
func NewConversation(r *core.Record) *Conversation {
	c := &Conversation{}
	c.SetProxyRecord(r)
	return c
}

// ChannelID is the channel the conversation runs on.
func (c *Conversation) ChannelID() string { return c.GetString("channel") }

// CustomerID is the customer in the conversation.
func (c *Conversation) CustomerID() string { return c.GetString("customer") }

// State is bot, queued, active or closed.
func (c *Conversation) State() string { return c.GetString("state") }

// AgentID is the owning agent, empty when unassigned.
func (c *Conversation) AgentID() string { return c.GetString("agent") }

// IsClosed reports whether the conversation has ended.
func (c *Conversation) IsClosed() bool { return c.State() == StateClosed }

// QueueID is the queue the conversation waits in or came through; empty
// means the channel's default (every agent).
func (c *Conversation) QueueID() string { return c.GetString("queue") }

// QueuedAt is when the conversation entered its queue.
func (c *Conversation) QueuedAt() time.Time { return c.GetDateTime("queued_at").Time() }

// Account is the receiving account within the channel (a 微信客服 open_kfid).
func (c *Conversation) Account() string { return c.GetString("account") }

// LastCustomerAt is when the customer last wrote (opens WeChat's send window).
func (c *Conversation) LastCustomerAt() time.Time { return c.GetDateTime("last_customer_at").Time() }

// CanBeSeenBy reports whether an agent may read and act on the conversation:
// supervisors always, agents when it is theirs or unassigned.
func (c *Conversation) CanBeSeenBy(a *Agent) bool {
	return a.IsSupervisor() || c.AgentID() == "" || c.AgentID() == a.Id
}

// FindConversation loads a conversation by id.
func FindConversation(app core.App, id string) (*Conversation, error) {
	r, err := app.FindRecordById(CollectionConversations, id)
	if err != nil {
		return nil, lookupError(fmt.Sprintf("conversation %q", id), err)
	}
	return NewConversation(r), nil
}

// FindLatestConversation returns the customer's most recent conversation.
func FindLatestConversation(app core.App, customerID string) (*Conversation, error) {
	recs, err := app.FindRecordsByFilter(CollectionConversations, "customer = {:c}", "-opened_at", 1, 0,
		dbx.Params{"c": customerID})
	if err != nil {
		return nil, lookupError(fmt.Sprintf("latest conversation of %q", customerID), err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("store: latest conversation of %q: %w", customerID, ErrNotFound)
	}
	return NewConversation(recs[0]), nil
}

// NewConversationRecord prepares an unsaved conversation for a customer in
// the given state.
func NewConversationRecord(app core.App, channelID, customerID, state string, now time.Time) (*core.Record, error) {
	col, err := app.FindCachedCollectionByNameOrId(CollectionConversations)
	if err != nil {
		return nil, fmt.Errorf("store: conversations collection: %w", err)
	}
	r := core.NewRecord(col)
	r.Set("channel", channelID)
	r.Set("customer", customerID)
	r.Set("state", state)
	r.Set("opened_at", now)
	if state == StateClosed {
		r.Set("closed_at", now)
	}
	if state == StateQueued {
		r.Set("queued_at", now) // wait and queue position count from here
	}
	return r, nil
}

// OpenConversationRef is an open conversation's id and customer, and the
// few fields the inbound hook reports as its state before a batch, without
// the rest of the record.
type OpenConversationRef struct {
	ID             string         `db:"id"`
	CustomerID     string         `db:"customer"`
	State          string         `db:"state"`
	AgentID        string         `db:"agent"`
	QueueID        string         `db:"queue"`
	LastCustomerAt types.DateTime `db:"last_customer_at"`
	Unread         int            `db:"unread"`
}

// ConversationTouch is what a batch of inbound messages changes on an
// existing conversation.
type ConversationTouch struct {
	ID     string
	Unread int // customer messages added (events do not count)
	// Taps are the customer messages among Unread that are menu taps (an
	// Official Account msgmenu reply): unread, but they do not restart the
	// 48 h window.
	Taps        int
	At          time.Time
	LastPreview string
	// Window is the budget a customer message opened (its send window
	// restarts at At); nil when the batch brought no such message.
	Window *BudgetColumns
}

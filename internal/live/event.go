package live

import (
	"encoding/json"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// Event kinds.
const (
	KindMessage      = "message"
	KindConversation = "conversation"
)

// Event is one change the inbox shows. It carries what a list row needs to
// update itself and the ids a page needs to fetch a message's fragment;
// never a message body (the page fetches what it may see).
type Event struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`

	// Message fields.
	Conversation string `json:"conversation,omitempty"`
	Seq          int64  `json:"seq,omitempty"`
	Direction    string `json:"direction,omitempty"`
	Sender       string `json:"sender,omitempty"`
	Type         string `json:"type,omitempty"`
	Status       string `json:"status,omitempty"`
	MsgID        string `json:"msgid,omitempty"`
	Created      bool   `json:"created,omitempty"`
	// Blocked: from a blocked (拒收) customer — stored, never notified.
	Blocked bool `json:"blocked,omitempty"`

	// Conversation fields.
	State         string `json:"state,omitempty"`
	Agent         string `json:"agent"`
	PreviousAgent string `json:"previousAgent,omitempty"`
	Preview       string `json:"preview,omitempty"`
	LastMessageAt string `json:"lastMessageAt,omitempty"`
	Unread        int    `json:"unread"`
	Opened        bool   `json:"opened,omitempty"`
	// LockReason is why replies are refused (sendlimit's codes), when
	// the event knows it.
	LockReason string `json:"lockReason,omitempty"`

	// Gone tells an agent that a conversation they could see (unassigned)
	// was taken by another: the event carries nothing but its id.
	Gone bool `json:"gone,omitempty"`

	// audience: the conversation's agent ("" = every agent may see it) and,
	// for a reassignment, the agent it left; supervisors see everything.
	// wasShared: the conversation was unassigned before this change, so
	// the agents who may no longer see it get the Gone variant.
	agent, previous string
	wasShared       bool
	raw, goneRaw    json.RawMessage
}

// encode marshals the event (and its Gone variant) once; every frame
// reuses the bytes.
func (e *Event) encode() error {
	raw, err := json.Marshal(e)
	if err != nil {
		return err
	}
	e.raw = raw
	if e.wasShared {
		e.goneRaw, err = json.Marshal(Event{Kind: e.Kind, ID: e.ID, Gone: true})
	}
	return err
}

// forAgent returns the bytes an agent (not a supervisor) may see of the
// event, nil for none: the rule of the conversations and messages
// collections — their own conversations and unassigned ones — plus the one
// that just left them, and the bare id of one taken from the queue.
func (e *Event) forAgent(agentID string) []byte {
	switch {
	case e.agent == "" || e.agent == agentID || (e.previous != "" && e.previous == agentID):
		return e.raw
	case e.wasShared:
		return e.goneRaw
	}
	return nil
}

// MessageEvent describes a message record of a conversation whose agent
// is agentID.
func MessageEvent(r *core.Record, agentID string, created bool) *Event {
	e := &Event{
		Kind: KindMessage, ID: r.Id, Created: created,
		Conversation: r.GetString("conversation"), Seq: int64(r.GetInt("seq")),
		Direction: r.GetString("direction"), Sender: r.GetString("sender"), Type: r.GetString("type"),
		Status: r.GetString("status"), MsgID: r.GetString("wechat_msgid"), Blocked: r.GetBool("blocked"),
		agent: agentID,
	}
	if agentID != supervisorsOnly {
		e.Agent = agentID
	}
	return e
}

// ConversationEvent describes a conversation record; previousAgent is the
// agent it had before this change ("" when unchanged).
func ConversationEvent(r *core.Record, previousAgent string, opened bool) *Event {
	agent := r.GetString("agent")
	e := &Event{
		Kind: KindConversation, ID: r.Id, State: r.GetString("state"), Agent: agent,
		Preview: r.GetString("last_preview"), Unread: r.GetInt("unread"), Opened: opened,
		LockReason:    r.GetString("lock_reason"),
		LastMessageAt: r.GetDateTime("last_message_at").String(),
		agent:         agent,
	}
	switch {
	case previousAgent == agent:
	case previousAgent == "":
		e.wasShared = true
	default:
		e.PreviousAgent, e.previous = previousAgent, previousAgent
	}
	return e
}

// TouchedConversationEvent describes a conversation ingest touched, from
// what the batch read and wrote inside its transaction: no row is read
// again to announce it.
func TouchedConversationEvent(ref *store.OpenConversationRef, t *store.ConversationTouch) *Event {
	return &Event{
		Kind: KindConversation, ID: ref.ID, State: ref.State, Agent: ref.AgentID,
		Preview: t.LastPreview, Unread: ref.Unread + t.Unread,
		LastMessageAt: formatTime(t.At), agent: ref.AgentID,
	}
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05.000Z")
}

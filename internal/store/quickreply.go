package store

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// CollectionQuickReplies holds the team's, channels' and agents' quick replies.
const CollectionQuickReplies = "quick_replies"

// QuickReply is a typed proxy for a record of quick_replies.
type QuickReply struct {
	core.BaseRecordProxy
}

// NewQuickReply wraps a quick_replies record.
func NewQuickReply(r *core.Record) *QuickReply {
	q := &QuickReply{}
	q.SetProxyRecord(r)
	return q
}

// Keyword is the short word agents search for.
func (q *QuickReply) Keyword() string { return q.GetString("keyword") }

// Text is the reply inserted into the reply box.
func (q *QuickReply) Text() string { return q.GetString("text") }

// ChannelID limits the reply to one channel; empty means every channel.
func (q *QuickReply) ChannelID() string { return q.GetString("channel") }

// OwnerID is the agent of a personal reply; empty means the team's.
func (q *QuickReply) OwnerID() string { return q.GetString("owner") }

// ManageableBy reports whether agent may delete or edit the reply: their
// own, or the team's when they are a supervisor.
func (q *QuickReply) ManageableBy(agent *Agent) bool {
	if q.OwnerID() != "" {
		return q.OwnerID() == agent.Id
	}
	return agent.IsSupervisor()
}

// FindQuickReplies returns the replies an agent may use in a channel (the
// team's for every channel or this one, and their own), matching text in
// keyword or reply when text is set: their own first, then in the order
// they were added.
func FindQuickReplies(app core.App, agentID, channelID, text string, limit int) ([]*QuickReply, error) {
	q := app.RecordQuery(CollectionQuickReplies).
		AndWhere(dbx.Or(dbx.HashExp{"owner": ""}, dbx.HashExp{"owner": agentID})).
		AndWhere(dbx.Or(dbx.HashExp{"channel": ""}, dbx.HashExp{"channel": channelID}))
	if text != "" {
		like := "%" + escapeLike(text) + "%"
		q.AndWhere(dbx.NewExp(`(keyword LIKE {:like} ESCAPE '\' OR text LIKE {:like} ESCAPE '\')`, dbx.Params{"like": like}))
	}
	var recs []*core.Record
	if err := q.OrderBy("owner DESC", "created ASC", "rowid ASC").Limit(int64(limit)).All(&recs); err != nil {
		return nil, fmt.Errorf("store: quick replies: %w", err)
	}
	out := make([]*QuickReply, len(recs))
	for i, r := range recs {
		out[i] = NewQuickReply(r)
	}
	return out, nil
}

// FindQuickReply loads one quick reply by id.
func FindQuickReply(app core.App, id string) (*QuickReply, error) {
	r, err := app.FindRecordById(CollectionQuickReplies, id)
	if err != nil {
		return nil, lookupError(fmt.Sprintf("quick reply %q", id), err)
	}
	return NewQuickReply(r), nil
}

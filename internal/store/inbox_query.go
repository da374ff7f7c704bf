package store

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// InboxList names one of the inbox's conversation lists.
type InboxList string

// The inbox lists.
const (
	ListMine   InboxList = "mine"   // active conversations of the agent
	ListQueue  InboxList = "queue"  // queued, waiting for an agent
	ListAll    InboxList = "all"    // every open conversation (supervisors)
	ListClosed InboxList = "closed" // ended conversations, searchable
)

// InboxQuery selects a page of one list for one agent. Every variant is
// answered from an index in the order it is listed (see the migrations).
type InboxQuery struct {
	List       InboxList
	AgentID    string
	Supervisor bool
	// Closed-list search: customer remark name, nickname, part of the id,
	// tag or message text, and
	// the closing date range [From, To) (zero means unbounded).
	Text     string
	From, To time.Time
	Limit    int
	Offset   int
}

// InboxRow is a conversation-list line with its customer, channel and agent.
type InboxRow struct {
	ID              string `db:"id"`
	State           string `db:"state"`
	AgentID         string `db:"agent"`
	AgentName       string `db:"agent_name"`
	CustomerID      string `db:"customer"`
	Nickname        string `db:"nickname"`
	Remark          string `db:"remark"`
	ExternalID      string `db:"external_id"`
	Avatar          string `db:"avatar"`
	VIP             bool   `db:"vip"`
	ChannelID       string `db:"channel"`
	ChannelName     string `db:"channel_name"`
	Account         string `db:"account"` // the receiving account (a 微信客服 open_kfid)
	Scene           string `db:"scene"`
	Preview         string `db:"last_preview"`
	Unread          int    `db:"unread"`
	LastMessageRaw  string `db:"last_message_at"`
	OpenedRaw       string `db:"opened_at"`
	ClosedRaw       string `db:"closed_at"`
	LastCustomerRaw string `db:"last_customer_at"`
	// Routing: the queue, when the conversation entered it, and (queue
	// list only) its 1-based position in that queue.
	QueueName   string `db:"queue_name"`
	AgentStatus string `db:"agent_status"` // offline: the conversation needs reassignment
	QueuedRaw   string `db:"queued_at"`
	Position    int    `db:"position"`
}

// QueuedAt is when the conversation entered its queue (zero if never).
func (r InboxRow) QueuedAt() time.Time { return parseDate(r.QueuedRaw) }

// LastMessageAt is when the last message came or went.
func (r InboxRow) LastMessageAt() time.Time { return parseDate(r.LastMessageRaw) }

// OpenedAt is when the conversation opened.
func (r InboxRow) OpenedAt() time.Time { return parseDate(r.OpenedRaw) }

// ClosedAt is when the conversation ended (zero while open).
func (r InboxRow) ClosedAt() time.Time { return parseDate(r.ClosedRaw) }

// LastCustomerAt is when the customer last wrote.
func (r InboxRow) LastCustomerAt() time.Time { return parseDate(r.LastCustomerRaw) }

func parseDate(s string) time.Time {
	d, err := types.ParseDateTime(s)
	if err != nil {
		return time.Time{}
	}
	return d.Time()
}

// inboxColumns are the list's columns; expressions contain "(" so dbx leaves them unquoted.
var inboxColumns = []string{
	"c.id", "c.state", "c.agent", "c.customer", "c.channel", "c.unread", "c.last_message_at", "c.last_preview",
	"c.opened_at", "c.closed_at", "c.last_customer_at", "c.account",
	"(CASE WHEN c.scene != '' THEN c.scene ELSE cu.scene END) AS scene",
	"cu.nickname", "cu.remark", "cu.external_id", "cu.avatar", "cu.vip", "ch.name AS channel_name",
	"COALESCE(a.name, '') AS agent_name",
	"c.queued_at", "COALESCE(q.name, '') AS queue_name", "COALESCE(a.status, '') AS agent_status",
}

// queuePosition counts, for a waiting row, who is served before it in the
// same queue: VIP first, then earlier queued_at, then id (routing.Ahead).
const queuePosition = "(1 + (SELECT count(*) FROM conversations w JOIN customers wc ON wc.id = w.customer " +
	"WHERE w.state = 'queued' AND w.agent = '' AND w.queue = c.queue AND (wc.vip > cu.vip OR (wc.vip = cu.vip AND " +
	"(w.queued_at < c.queued_at OR (w.queued_at = c.queued_at AND w.id < c.id)))))) AS position"

// ListInbox returns a page of one list, in the list's order.
func ListInbox(app core.App, q InboxQuery) ([]InboxRow, error) {
	sel, err := inboxSelect(app, q)
	if err != nil {
		return nil, err
	}
	var rows []InboxRow
	if err := sel.All(&rows); err != nil {
		return nil, fmt.Errorf("store: list %s: %w", q.List, err)
	}
	return rows, nil
}

// inboxSelect builds a list's query; each variant reads one index in order.
func inboxSelect(app core.App, q InboxQuery) (*dbx.SelectQuery, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	sel := app.DB().Select(inboxColumns...).From("conversations c").
		InnerJoin("customers cu", dbx.NewExp("cu.id = c.customer")).
		InnerJoin("channels ch", dbx.NewExp("ch.id = c.channel")).
		LeftJoin("agents a", dbx.NewExp("a.id = c.agent")).
		LeftJoin("queues q", dbx.NewExp("q.id = c.queue"))
	switch q.List {
	case ListMine:
		sel.Where(dbx.HashExp{"c.agent": q.AgentID, "c.state": StateActive}).OrderBy("c.last_message_at DESC")
	case ListQueue:
		// Longest waiting first (idx_conv_queued); position says who is served next.
		sel.AndSelect(queuePosition).Where(dbx.HashExp{"c.state": StateQueued}).OrderBy("c.queued_at ASC")
		if !q.Supervisor {
			sel.AndWhere(dbx.Or(dbx.HashExp{"c.agent": ""}, dbx.HashExp{"c.agent": q.AgentID}))
		}
	case ListAll:
		if !q.Supervisor {
			return nil, fmt.Errorf("store: the all list is for supervisors: %w", ErrNotFound)
		}
		// The partial index idx_conv_open_last serves exactly this condition.
		sel.Where(dbx.NewExp("c.state != 'closed'")).OrderBy("c.last_message_at DESC")
	case ListClosed:
		sel.Where(dbx.HashExp{"c.state": StateClosed}).OrderBy("c.closed_at DESC")
		if !q.Supervisor {
			sel.AndWhere(dbx.HashExp{"c.agent": q.AgentID})
		}
		closedSearch(sel, q)
	default:
		return nil, fmt.Errorf("store: unknown inbox list %q: %w", q.List, ErrNotFound)
	}
	if q.List != ListClosed {
		textSearch(sel, q.Text)
	}
	return sel.Limit(int64(q.Limit)).Offset(int64(q.Offset)), nil
}

// closedSearch narrows the closed list by customer, message text and date.
func closedSearch(sel *dbx.SelectQuery, q InboxQuery) {
	textSearch(sel, q.Text)
	if !q.From.IsZero() {
		sel.AndWhere(dbx.NewExp("c.closed_at >= {:from}", dbx.Params{"from": DateString(q.From)}))
	}
	if !q.To.IsZero() {
		sel.AndWhere(dbx.NewExp("c.closed_at < {:to}", dbx.Params{"to": DateString(q.To)}))
	}
}

// InboxCounts are the numbers on the inbox tabs.
type InboxCounts struct {
	Mine, MineUnread, Queue, All int
}

// CountInbox counts the open lists for an agent (All only for supervisors).
// Each count reads a covering index only (see countQueries).
func CountInbox(app core.App, agentID string, supervisor bool) (InboxCounts, error) {
	var c InboxCounts
	q := countQueries(app, agentID, supervisor)
	if err := q.mine.Row(&c.Mine, &c.MineUnread); err != nil {
		return c, fmt.Errorf("store: count mine: %w", err)
	}
	if err := q.queue.Row(&c.Queue); err != nil {
		return c, fmt.Errorf("store: count queue: %w", err)
	}
	if q.all != nil {
		if err := q.all.Row(&c.All); err != nil {
			return c, fmt.Errorf("store: count all: %w", err)
		}
	}
	return c, nil
}

// inboxCountQueries are the tab counts' queries.
type inboxCountQueries struct {
	mine, queue, all *dbx.SelectQuery
}

// countQueries builds the counts so that each reads one small index range:
// agent+state for mine (an agent's few active conversations, whose unread
// it sums), agent IN (...) for an agent's queue, the open-conversations
// partial index for all.
func countQueries(app core.App, agentID string, supervisor bool) inboxCountQueries {
	q := inboxCountQueries{
		mine: app.DB().Select("count(*)", "COALESCE(SUM(unread), 0)").From(CollectionConversations).
			Where(dbx.HashExp{"agent": agentID, "state": StateActive}),
	}
	if supervisor {
		q.queue = app.DB().Select("count(*)").From(CollectionConversations).Where(dbx.HashExp{"state": StateQueued})
		q.all = app.DB().Select("count(*)").From(CollectionConversations).Where(dbx.NewExp("state != 'closed'"))
	} else {
		q.queue = app.DB().Select("count(*)").From(CollectionConversations).
			Where(dbx.HashExp{"agent": []any{"", agentID}, "state": StateQueued})
	}
	return q
}

// MessagesBefore returns up to limit messages of a conversation with a
// seq below before (0 means the newest), oldest first, and whether older
// ones remain.
func MessagesBefore(app core.App, convID string, before int64, limit int) ([]*Message, bool, error) {
	q := app.RecordQuery(CollectionMessages).AndWhere(dbx.HashExp{"conversation": convID})
	if before > 0 {
		q.AndWhere(dbx.NewExp("seq < {:before}", dbx.Params{"before": before}))
	}
	var recs []*core.Record
	if err := q.OrderBy("seq DESC").Limit(int64(limit + 1)).All(&recs); err != nil {
		return nil, false, fmt.Errorf("store: messages before %d: %w", before, err)
	}
	more := len(recs) > limit
	if more {
		recs = recs[:limit]
	}
	out := make([]*Message, len(recs))
	for i, r := range recs {
		out[len(recs)-1-i] = NewMessage(r)
	}
	return out, more, nil
}

// MessagesAfter returns up to limit messages of a conversation with a seq
// above after, oldest first: what a page missed while disconnected.
func MessagesAfter(app core.App, convID string, after int64, limit int) ([]*Message, error) {
	var recs []*core.Record
	err := app.RecordQuery(CollectionMessages).AndWhere(dbx.HashExp{"conversation": convID}).
		AndWhere(dbx.NewExp("seq > {:after}", dbx.Params{"after": after})).
		OrderBy("seq ASC").Limit(int64(limit)).All(&recs)
	if err != nil {
		return nil, fmt.Errorf("store: messages after %d: %w", after, err)
	}
	out := make([]*Message, len(recs))
	for i, r := range recs {
		out[i] = NewMessage(r)
	}
	return out, nil
}

// CustomerConversations returns a customer's latest conversations, newest first.
func CustomerConversations(app core.App, customerID string, limit int) ([]*Conversation, error) {
	var recs []*core.Record
	err := app.RecordQuery(CollectionConversations).AndWhere(dbx.HashExp{"customer": customerID}).
		OrderBy("opened_at DESC").Limit(int64(limit)).All(&recs)
	if err != nil {
		return nil, fmt.Errorf("store: conversations of %q: %w", customerID, err)
	}
	out := make([]*Conversation, len(recs))
	for i, r := range recs {
		out[i] = NewConversation(r)
	}
	return out, nil
}

// CustomerVisibleTo mirrors the customers collection rule: supervisors see
// every customer, agents those with a conversation that is theirs or unassigned.
func CustomerVisibleTo(app core.App, customerID string, a *Agent) (bool, error) {
	if a.IsSupervisor() {
		return true, nil
	}
	var n int
	err := app.DB().Select("count(*)").From(CollectionConversations).
		Where(dbx.HashExp{"customer": customerID}).
		AndWhere(dbx.Or(dbx.HashExp{"agent": a.Id}, dbx.HashExp{"agent": ""})).Row(&n)
	if err != nil {
		return false, fmt.Errorf("store: customer visibility: %w", err)
	}
	return n > 0, nil
}

// AgentNames maps agent ids to display names, for message authors.
func AgentNames(app core.App, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := app.FindRecordsByIds(CollectionAgents, ids)
	if err != nil {
		return nil, fmt.Errorf("store: agent names: %w", err)
	}
	for _, r := range recs {
		out[r.Id] = r.GetString("name")
	}
	return out, nil
}

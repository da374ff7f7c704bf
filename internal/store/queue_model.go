package store

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// CollectionQueues is the collection of routing queues (skill groups).
const CollectionQueues = "queues"

// Close reasons written by routing.
const (
	CloseAbandoned = "abandoned" // the customer left the queue with the abandon keyword
)

// Queue is a typed proxy for a record of the queues collection.
type Queue struct {
	core.BaseRecordProxy
}

// QueueMember is one entry of a queue's agents field.
type QueueMember struct {
	Agent        string `json:"agent"`
	Skill        int    `json:"skill"`
	TransferOnly bool   `json:"transfer_only"`
}

// QueueRule is one designated rule of a queue: a customer or a tag pinned
// to an agent.
type QueueRule struct {
	Customer string `json:"customer"`
	Tag      string `json:"tag"`
	Agent    string `json:"agent"`
}

// Menu is a navigation menu greeting new conversations on a channel or a
// 微信客服 account.
type Menu struct {
	Greeting string       `json:"greeting"`
	Options  []MenuOption `json:"options"`
}

// MenuOption is one line of a Menu.
type MenuOption struct {
	Label string `json:"label"`
	Queue string `json:"queue"`
}

// NewQueue wraps a queues record.
func NewQueue(r *core.Record) *Queue {
	q := &Queue{}
	q.SetProxyRecord(r)
	return q
}

// Name is the queue's display name.
func (q *Queue) Name() string { return q.GetString("name") }

// Strategy is round_robin, random, least_busy or skill_first.
func (q *Queue) Strategy() string { return q.GetString("strategy") }

// FamiliarDays is how long a customer stays with their last agent (熟客).
func (q *Queue) FamiliarDays() int { return q.GetInt("familiar_days") }

// Members decodes the agents field; an unreadable field gives no members.
func (q *Queue) Members() []QueueMember {
	var m []QueueMember
	_ = q.UnmarshalJSONField("agents", &m)
	return m
}

// Rules decodes the designated rules, in priority order.
func (q *Queue) Rules() []QueueRule {
	var r []QueueRule
	_ = q.UnmarshalJSONField("rules", &r)
	return r
}

// FindQueue loads a queue by id.
func FindQueue(app core.App, id string) (*Queue, error) {
	r, err := app.FindRecordById(CollectionQueues, id)
	if err != nil {
		return nil, lookupError(fmt.Sprintf("queue %q", id), err)
	}
	return NewQueue(r), nil
}

// ListQueues returns every queue by name.
func ListQueues(app core.App) ([]*Queue, error) {
	recs, err := app.FindRecordsByFilter(CollectionQueues, "", "name", 0, 0)
	if err != nil {
		return nil, fmt.Errorf("store: queues: %w", err)
	}
	out := make([]*Queue, len(recs))
	for i, r := range recs {
		out[i] = NewQueue(r)
	}
	return out, nil
}

// MenuOf decodes the menu field of a channel or kf_accounts record; ok is
// false when no menu with options is configured.
func MenuOf(r *core.Record) (Menu, bool) {
	var m Menu
	if r == nil || r.UnmarshalJSONField("menu", &m) != nil {
		return Menu{}, false
	}
	return m, len(m.Options) > 0
}

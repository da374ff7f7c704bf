package store

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Customer is a typed proxy for a record of the customers collection: one
// WeChat user (openid or external_userid) of one channel.
type Customer struct {
	core.BaseRecordProxy
}

// NewCustomer wraps a customers record.
func NewCustomer(r *core.Record) *Customer {
	c := &Customer{}
	c.SetProxyRecord(r)
	return c
}

// ChannelID is the channel the customer writes to.
func (c *Customer) ChannelID() string { return c.GetString("channel") }

// ExternalID is the openid (Official Account) or external_userid (微信客服).
func (c *Customer) ExternalID() string { return c.GetString("external_id") }

// Nickname is the display name, when known.
func (c *Customer) Nickname() string { return c.GetString("nickname") }

// Remark is the name agents gave the customer (备注名), when set.
func (c *Customer) Remark() string { return c.GetString("remark") }

// VIP reports whether the customer jumps the queue.
func (c *Customer) VIP() bool { return c.GetBool("vip") }

// BlockedUntil is the end of a block (拒收), zero when not blocked.
func (c *Customer) BlockedUntil() time.Time { return c.GetDateTime("blocked_until").Time() }

// IsBlocked reports whether the customer is blocked at now.
func (c *Customer) IsBlocked(now time.Time) bool { return c.BlockedUntil().After(now) }

// Tags returns the customer's tags.
func (c *Customer) Tags() []string {
	var tags []string
	_ = c.UnmarshalJSONField("tags", &tags)
	return tags
}

// FindCustomer loads a customer by id.
func FindCustomer(app core.App, id string) (*Customer, error) {
	r, err := app.FindRecordById(CollectionCustomers, id)
	if err != nil {
		return nil, lookupError(fmt.Sprintf("customer %q", id), err)
	}
	return NewCustomer(r), nil
}

// NewCustomerRecord prepares an unsaved customer on first contact.
func NewCustomerRecord(app core.App, channelID, externalID string) (*core.Record, error) {
	col, err := app.FindCachedCollectionByNameOrId(CollectionCustomers)
	if err != nil {
		return nil, fmt.Errorf("store: customers collection: %w", err)
	}
	r := core.NewRecord(col)
	r.Set("channel", channelID)
	r.Set("external_id", externalID)
	r.Set("tags", []string{})
	return r, nil
}

// CustomerRef is a customer's id and external id, without the rest of the
// record: what the ingest path needs to attach messages.
type CustomerRef struct {
	ID           string         `db:"id"`
	ExternalID   string         `db:"external_id"`
	BlockedUntil types.DateTime `db:"blocked_until"`
}

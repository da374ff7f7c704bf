package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/secrets"
)

// Channel kinds.
const (
	KindWechatMP = "wechat_mp"
	KindWecomKF  = "wecom_kf"
)

// DefaultSendQuota is WeChat's number of messages allowed per customer
// message within the 48 h window.
const DefaultSendQuota = 5

// Channel is a typed proxy for a record of the channels collection: one
// Official Account or one WeCom 微信客服 corporation.
type Channel struct {
	core.BaseRecordProxy
}

// NewChannel wraps an existing channels record.
func NewChannel(r *core.Record) *Channel {
	c := &Channel{}
	c.SetProxyRecord(r)
	return c
}

// Name is the admin-facing name.
func (c *Channel) Name() string { return c.GetString("name") }

// Kind is wechat_mp or wecom_kf.
func (c *Channel) Kind() string { return c.GetString("kind") }

// AppID is the Official Account AppID or the WeCom CorpID.
func (c *Channel) AppID() string { return c.GetString("app_id") }

// Secret is the AppSecret or kf Secret.
func (c *Channel) Secret() string { return secrets.Open(c.GetString("secret")) }

// Token is the callback Token.
func (c *Channel) Token() string { return secrets.Open(c.GetString("token")) }

// AESKey is the current EncodingAESKey.
func (c *Channel) AESKey() string { return secrets.Open(c.GetString("aes_key")) }

// AESKeyPrevious is the EncodingAESKey before the last rotation, if any.
func (c *Channel) AESKeyPrevious() string { return secrets.Open(c.GetString("aes_key_previous")) }

// APIBase is the WeChat API base URL; empty means WeChat's real hosts.
func (c *Channel) APIBase() string { return c.GetString("api_base") }

// Enabled reports whether callbacks and sends are accepted.
func (c *Channel) Enabled() bool { return c.GetBool("enabled") }

// OriginalID is the account's gh_ id, learnt from callbacks.
func (c *Channel) OriginalID() string { return c.GetString("original_id") }

// SendQuota is the number of messages allowed per customer message.
func (c *Channel) SendQuota() int {
	if q := c.GetInt("send_quota"); q > 0 {
		return q
	}
	return DefaultSendQuota
}

// FindChannel loads a channel by id.
func FindChannel(app core.App, id string) (*Channel, error) {
	r, err := app.FindRecordById(CollectionChannels, id)
	if err != nil {
		return nil, lookupError(fmt.Sprintf("channel %q", id), err)
	}
	return NewChannel(r), nil
}

// SyncCursor is the persisted pull cursor of one account of a channel
// (微信客服 keeps a sync_msg cursor per open_kfid); account "" is the
// channel's own.
func SyncCursor(app core.App, channelID, account string) (string, error) {
	var cursor string
	q := app.DB().Select("sync_cursor").From(CollectionChannels).Where(dbx.HashExp{"id": channelID})
	if account != "" {
		q = app.DB().Select("sync_cursor").From(CollectionKFAccounts).
			Where(dbx.HashExp{"channel": channelID, "open_kfid": account})
	}
	err := q.Row(&cursor)
	if account != "" && errors.Is(err, sql.ErrNoRows) {
		return "", nil // an account not seen before starts from the beginning
	}
	if err != nil {
		return "", lookupError(fmt.Sprintf("cursor of channel %q", channelID), err)
	}
	return cursor, nil
}

// SetSyncCursor stores the pull cursor inside the transaction that stores
// the page it follows, creating the account's record on first use.
func SetSyncCursor(tx core.App, channelID, account, cursor string) error {
	if account == "" {
		_, err := tx.NonconcurrentDB().Update(CollectionChannels, dbx.Params{"sync_cursor": cursor},
			dbx.HashExp{"id": channelID}).Execute()
		if err != nil {
			return fmt.Errorf("store: set cursor of channel %q: %w", channelID, err)
		}
		return nil
	}
	rec, err := tx.FindFirstRecordByFilter(CollectionKFAccounts, "channel = {:c} && open_kfid = {:a}",
		dbx.Params{"c": channelID, "a": account})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: kf account %s: %w", account, err)
	}
	if rec == nil {
		col, err := tx.FindCachedCollectionByNameOrId(CollectionKFAccounts)
		if err != nil {
			return fmt.Errorf("store: kf_accounts collection: %w", err)
		}
		rec = core.NewRecord(col)
		rec.Set("channel", channelID)
		rec.Set("open_kfid", account)
	}
	rec.Set("sync_cursor", cursor)
	if err := tx.Save(rec); err != nil {
		return fmt.Errorf("store: set cursor of %s: %w", account, err)
	}
	return nil
}

// FindEnabledChannels returns every enabled channel.
func FindEnabledChannels(app core.App) ([]*Channel, error) {
	recs, err := app.FindRecordsByFilter(CollectionChannels, "enabled = true", "created", 0, 0)
	if err != nil {
		return nil, fmt.Errorf("store: enabled channels: %w", err)
	}
	out := make([]*Channel, len(recs))
	for i, r := range recs {
		out[i] = NewChannel(r)
	}
	return out, nil
}

// KFAccountIDs returns the open_kfids known for a channel.
func KFAccountIDs(app core.App, channelID string) ([]string, error) {
	var ids []string
	err := app.DB().Select("open_kfid").From(CollectionKFAccounts).
		Where(dbx.HashExp{"channel": channelID}).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("store: kf accounts of %q: %w", channelID, err)
	}
	return ids, nil
}

// UpsertKFAccount records a kf account's name and avatar, creating it when new.
func UpsertKFAccount(app core.App, channelID, openKfID, name, avatar string) error {
	rec, err := app.FindFirstRecordByFilter(CollectionKFAccounts, "channel = {:c} && open_kfid = {:a}",
		dbx.Params{"c": channelID, "a": openKfID})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: kf account %s: %w", openKfID, err)
	}
	if rec == nil {
		col, err := app.FindCachedCollectionByNameOrId(CollectionKFAccounts)
		if err != nil {
			return fmt.Errorf("store: kf_accounts collection: %w", err)
		}
		rec = core.NewRecord(col)
		rec.Set("channel", channelID)
		rec.Set("open_kfid", openKfID)
	}
	rec.Set("name", name)
	rec.Set("avatar", avatar)
	return SaveChanges(app, rec)
}

package store

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
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
func (c *Channel) Secret() string { return c.GetString("secret") }

// Token is the callback Token.
func (c *Channel) Token() string { return c.GetString("token") }

// AESKey is the current EncodingAESKey.
func (c *Channel) AESKey() string { return c.GetString("aes_key") }

// AESKeyPrevious is the EncodingAESKey before the last rotation, if any.
func (c *Channel) AESKeyPrevious() string { return c.GetString("aes_key_previous") }

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

// SyncCursor is the channel's persisted pull cursor (微信客服 sync_msg).
func SyncCursor(app core.App, channelID string) (string, error) {
	var cursor string
	err := app.DB().Select("sync_cursor").From(CollectionChannels).
		Where(dbx.HashExp{"id": channelID}).Row(&cursor)
	if err != nil {
		return "", lookupError(fmt.Sprintf("cursor of channel %q", channelID), err)
	}
	return cursor, nil
}

// SetSyncCursor stores the pull cursor with a targeted UPDATE inside the
// transaction that stores the page it follows.
func SetSyncCursor(tx core.App, channelID, cursor string) error {
	_, err := tx.NonconcurrentDB().Update(CollectionChannels, dbx.Params{"sync_cursor": cursor},
		dbx.HashExp{"id": channelID}).Execute()
	if err != nil {
		return fmt.Errorf("store: set cursor of channel %q: %w", channelID, err)
	}
	return nil
}

package ingest

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// fillInbound copies a channel-neutral message into a messages record; the
// payload keeps every field WeChat sent.
func fillInbound(rec *core.Record, key string, in channel.Inbound) {
	rec.Set("direction", store.DirectionIn)
	rec.Set("sender", store.SenderCustomer)
	rec.Set("status", store.StatusReceived)
	if in.FromServicer {
		// Written by a servicer in WeChat's own client: already delivered.
		rec.Set("direction", store.DirectionOut)
		rec.Set("sender", store.SenderAgent)
		rec.Set("status", store.StatusSent)
	}
	rec.Set("type", in.Type)
	rec.Set("text", in.Text)
	rec.Set("payload", in.Payload)
	rec.Set("wechat_msgid", in.MsgID)
	rec.Set("dedup_key", key)
	if in.MediaID != "" {
		rec.Set("media_state", store.MediaPending)
	}
}

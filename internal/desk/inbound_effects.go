package desk

import (
	"context"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/store"
)

// InboundEffects applies what inbound events say about messages the desk
// already holds: a send WeChat reports failed, a recalled message, and the
// welcome a new session allows. It is an ingest observer.
type InboundEffects struct {
	app      core.App
	channels *channel.Registry
	now      func() time.Time
	// WelcomeText, when set, chooses the text for a welcome code (the
	// automation's welcome or out-of-hours message); ok false falls back
	// to the channel's welcome_text.
	WelcomeText func(channelID, account string) (text string, ok bool)
}

// NewInboundEffects returns the observer for app.
func NewInboundEffects(app core.App, channels *channel.Registry, now func() time.Time) *InboundEffects {
	return &InboundEffects{app: app, channels: channels, now: now}
}

// Observe handles one committed batch.
func (fx *InboundEffects) Observe(app core.App, b *ingest.Batch) error {
	for _, s := range b.Stored {
		in := s.Inbound
		if in.FailedMsgID != "" {
			fx.markFailed(app, s.ConversationID, in)
		}
		if in.RecalledMsgID != "" {
			fx.markRecalled(app, s.ConversationID, in.RecalledMsgID)
		}
		if in.WelcomeCode != "" && !s.Blocked {
			go fx.welcome(s, in)
		}
	}
	return nil
}

// markFailed fails the outbound message WeChat could not deliver; the desk
// sent it with its record id as WeChat's msgid.
func (fx *InboundEffects) markFailed(app core.App, convID string, in channel.Inbound) {
	rec, err := app.FindFirstRecordByFilter(store.CollectionMessages,
		"conversation = {:c} && direction = 'out' && (wechat_msgid = {:m} || id = {:m})",
		dbx.Params{"c": convID, "m": in.FailedMsgID})
	if err != nil {
		app.Logger().Warn("inbound: failed send not found", "msgid", in.FailedMsgID, "error", err)
		return
	}
	rec.Set("status", store.StatusFailed)
	rec.Set("error", in.FailReason)
	if err := store.SaveChanges(app, rec); err != nil {
		app.Logger().Error("inbound: mark send failed", "message", rec.Id, "error", err)
	}
	if in.FailWindowClosed {
		fx.lockWindow(app, convID, rec)
	}
}

// lockWindow locks a conversation whose send WeChat reports failed because
// the window or quota was gone (微信客服's asynchronous msg_send_fail), as a
// synchronous refusal would. The event carries no errcode. The refusal is
// dated when the failed message was sent: a customer message that came
// after it has reopened sending, and must not be locked by a late event.
func (fx *InboundEffects) lockWindow(app core.App, convID string, failed *core.Record) {
	at := failed.GetDateTime("sent_at").Time()
	if at.IsZero() {
		at = failed.GetDateTime("created").Time()
	}
	err := app.RunInTransaction(func(tx core.App) error {
		if err := store.SetRefusal(tx, convID, at, 0); err != nil {
			return err
		}
		_, err := store.RefreshBudget(tx, convID, fx.now())
		return err
	})
	if err != nil {
		app.Logger().Error("inbound: lock after failed send", "conversation", convID, "error", err)
		return
	}
	announceConversation(app, convID)
}

// markRecalled flags the customer's recalled message; it stays in the
// history, shown as recalled.
func (fx *InboundEffects) markRecalled(app core.App, convID, msgID string) {
	rec, err := app.FindFirstRecordByFilter(store.CollectionMessages,
		"conversation = {:c} && direction = 'in' && wechat_msgid = {:m}", dbx.Params{"c": convID, "m": msgID})
	if err != nil {
		app.Logger().Warn("inbound: recalled message not found", "msgid", msgID, "error", err)
		return
	}
	rec.Set("recalled", true)
	if err := store.SaveChanges(app, rec); err != nil {
		app.Logger().Error("inbound: mark recalled", "message", rec.Id, "error", err)
	}
}

// welcome sends the channel's welcome text with the session's one-time
// code, while it is valid, and keeps it in the conversation's history.
func (fx *InboundEffects) welcome(s ingest.Stored, in channel.Inbound) {
	rt, err := fx.channels.Get(s.ChannelID)
	if err != nil {
		return
	}
	text := rt.Channel.GetString("welcome_text")
	if fx.WelcomeText != nil {
		if t, ok := fx.WelcomeText(s.ChannelID, in.Account); ok {
			text = t
		}
	}
	responder, ok := rt.Driver.(channel.EventResponder)
	if text == "" || !ok {
		return
	}
	deadline := fx.now().Add(channel.WelcomeValidFor)
	if !in.SentAt.IsZero() {
		deadline = in.SentAt.Add(channel.WelcomeValidFor)
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	res, err := responder.SendOnEvent(ctx, in.WelcomeCode, &channel.Outbound{
		ExternalID: in.ExternalID, Account: in.Account, Type: "text", Text: text})
	if err != nil {
		fx.app.Logger().Warn("inbound: welcome not sent", "channel", s.ChannelID, "error", err)
		return
	}
	fx.recordWelcome(s.ConversationID, text, res)
}

// recordWelcome stores the sent welcome as a delivered bot message.
func (fx *InboundEffects) recordWelcome(convID, text string, res *channel.SendResult) {
	err := fx.app.RunInTransaction(func(tx core.App) error {
		rec, err := store.NewMessageRecord(tx)
		if err != nil {
			return err
		}
		seq, err := store.NextSeq(tx, fx.now())
		if err != nil {
			return err
		}
		rec.Load(map[string]any{"conversation": convID, "direction": store.DirectionOut, "sender": "bot",
			"type": "text", "text": text, "status": store.StatusSent, "sent_at": fx.now(), "seq": seq,
			"wechat_msgid": res.MsgID, "payload": res.Payload, "internal": false})
		return tx.Save(rec)
	})
	if err != nil {
		fx.app.Logger().Error("inbound: record welcome", "conversation", convID, "error", err)
	}
}

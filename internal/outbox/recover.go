package outbox

import (
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// interruptedReason is the error shown on a message a crash caught while
// it was being handed to an Official Account.
const interruptedReason = "WeDesk stopped while handing this reply to WeChat, so it may or may not have " +
	"reached the customer (可能未送达). It is not resent automatically because WeChat could deliver it " +
	"twice; resend it if the customer did not get it."

// recoverSending settles the messages a crash or kill left in "sending"
// (this process has none in flight yet). The choice differs by channel:
//
//   - idempotent channels (微信客服): back to pending at once, to be sent
//     again with the same msgid; WeCom refuses a used msgid without
//     delivering again, and the driver reads that refusal as delivered.
//   - others (Official Account custom/send, no idempotency key): resending
//     blindly is what produced duplicate replies, and not resending is
//     what loses one. Neither may be silent, so the message becomes
//     "unknown", shown in the inbox as 可能未送达 with a resend button: the
//     agent, who can see the conversation, decides.
func (o *Outbox) recoverSending() error {
	for {
		msgs, err := store.FindSending(o.app, 200)
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			return nil
		}
		for _, m := range msgs {
			if o.idempotentFor(m) {
				m.Set("status", store.StatusPending)
				m.Set("next_attempt_at", o.now())
				m.Set("error", "")
			} else {
				m.Set("status", store.StatusUnknown)
				m.Set("error", interruptedReason)
			}
			if err := store.SaveChangesNoValidate(o.app, m.Record); err != nil {
				return err
			}
			o.app.Logger().Warn("outbox: settled an interrupted send", "message", m.Id, "status", m.Status())
		}
	}
}

// idempotentFor reports whether m's channel takes an idempotency key; a
// message whose channel cannot be loaded counts as not idempotent.
func (o *Outbox) idempotentFor(m *store.Message) bool {
	conv, err := store.FindConversation(o.app, m.ConversationID())
	if err != nil {
		return false
	}
	rt, err := o.channels.Get(conv.ChannelID())
	return err == nil && channel.IsIdempotent(rt.Driver)
}

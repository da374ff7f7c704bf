package outbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/worker"
)

// deliver makes one attempt at sending m and records the outcome. It
// reports whether the message left the outbox as sent.
func (o *Outbox) deliver(ctx context.Context, m *store.Message) bool {
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	res, err := o.send(ctx, m)
	attempts := m.Attempts() + 1
	m.Set("attempts", attempts)
	switch {
	case err == nil:
		m.Set("status", store.StatusSent)
		m.Set("sent_at", o.now())
		m.Set("error", "")
		if res.Payload != nil {
			m.Set("payload", res.Payload)
		}
		if res.MsgID != "" {
			m.Set("wechat_msgid", res.MsgID)
		}
	case channel.IsRetryable(err) && attempts < maxSendAttempts:
		m.Set("next_attempt_at", o.now().Add(worker.Backoff(attempts)))
		m.Set("error", channel.Describe(err)+" — retrying")
	default:
		m.Set("status", store.StatusFailed)
		m.Set("error", channel.Describe(err))
	}
	// Only the delivery fields change: a stale copy must not undo anything
	// written since the message was loaded. Not validated: the outcome of
	// an attempt that met a failing database must still be recorded.
	if serr := store.SaveChangesNoValidate(o.app, m.Record); serr != nil {
		o.app.Logger().Error("outbox: record outcome", "message", m.Id, "error", serr)
		return false
	}
	if err != nil {
		o.app.Logger().Warn("outbox: send failed", "message", m.Id, "attempt", attempts, "error", err)
	}
	if errors.Is(err, channel.ErrWindowClosed) && o.windowClosed != nil {
		o.windowClosed(m, err)
	}
	return err == nil
}

// send loads what the driver needs and hands it the message. A database
// failure is retried later; only a record that is really gone fails the
// message.
func (o *Outbox) send(ctx context.Context, m *store.Message) (*channel.SendResult, error) {
	conv, err := store.FindConversation(o.app, m.ConversationID())
	if err != nil {
		return nil, lookupFailure("conversation", err)
	}
	cust, err := store.FindCustomer(o.app, conv.CustomerID())
	if err != nil {
		return nil, lookupFailure("customer", err)
	}
	rt, err := o.channels.Get(conv.ChannelID())
	if err != nil {
		return nil, lookupFailure("channel", err)
	}
	if !rt.Channel.Enabled() {
		return nil, channel.Permanent("the channel is disabled")
	}
	var payload map[string]any
	_ = m.Payload(&payload)
	out := &channel.Outbound{
		ID: m.Id, ExternalID: cust.ExternalID(), Account: conv.Account(),
		Type: m.Type(), Text: m.Text(), Payload: payload,
	}
	if name := m.GetString("media"); name != "" {
		out.Media = func() ([]byte, string, error) {
			data, err := store.ReadFile(o.app, m.Record, name)
			if err != nil {
				return nil, "", fmt.Errorf("%w: read media: %w", channel.ErrRetryLater, err)
			}
			return data, name, nil
		}
	}
	return rt.Driver.Send(ctx, out)
}

// lookupFailure classifies a failed lookup: a record that is gone is
// permanent, anything else (a busy database) is retried.
func lookupFailure(what string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return &channel.PermanentError{Reason: "the " + what + " is gone", Err: err}
	}
	return fmt.Errorf("%w: load %s: %w", channel.ErrRetryLater, what, err)
}

package outbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/worker"
)

// unknownReason is the error shown on a message whose outcome is unknown.
const unknownReason = "WeChat did not answer, so the reply may or may not have reached the customer " +
	"(可能未送达). WeDesk does not resend it by itself because WeChat could deliver it twice; " +
	"resend it if the customer did not get it."

// deliver makes one attempt at sending m (already committed as sending)
// to the address to (nil: look it up) and records the outcome.
func (o *Outbox) deliver(m *store.Message, to *address) {
	ctx, cancel := context.WithTimeout(context.Background(), sendTimeout)
	defer cancel()
	res, idempotent, err := o.send(ctx, m, to)
	attempts := m.Attempts()
	decision := Classify(err, attempts, idempotent)
	switch decision {
	case Sent:
		m.Set("status", store.StatusSent)
		m.Set("sent_at", o.now())
		m.Set("error", "")
		if res.Payload != nil {
			m.Set("payload", res.Payload)
		}
		if res.MsgID != "" {
			m.Set("wechat_msgid", res.MsgID)
		}
	case Retry:
		m.Set("status", store.StatusPending)
		m.Set("next_attempt_at", o.now().Add(worker.Backoff(attempts)))
		m.Set("error", channel.Describe(err)+" — retrying")
	case Unknown:
		m.Set("status", store.StatusUnknown)
		m.Set("error", unknownReason)
	default:
		m.Set("status", store.StatusFailed)
		m.Set("error", channel.Describe(err))
	}
	// Only the delivery fields change: a stale copy must not undo anything
	// written since the message was loaded. Not validated: the outcome of
	// an attempt that met a failing database must still be recorded.
	if serr := o.outcomes.save(o.app, m.Record); serr != nil {
		// The message stays "sending": the next start settles it as an
		// interrupted send, never as a silent resend.
		o.app.Logger().Error("outbox: record outcome", "message", m.Id, "error", serr)
		return
	}
	switch decision {
	case Unknown:
		o.app.Logger().Warn("outbox: delivery unknown, left to the agent", "message", m.Id, "attempt", attempts, "error", err)
	case Retry, Failed:
		o.app.Logger().Warn("outbox: send failed", "message", m.Id, "attempt", attempts, "error", err)
	}
	if decision == Failed && errors.Is(err, channel.ErrWindowClosed) && o.windowClosed != nil {
		o.windowClosed(m, err)
	}
}

// send loads what the driver needs and hands it the message. It reports
// whether the channel's sends are idempotent. A database failure is
// retried later; only a record that is really gone fails the message.
func (o *Outbox) send(ctx context.Context, m *store.Message, to *address) (*channel.SendResult, bool, error) {
	if to == nil {
		var err error
		if to, err = o.lookup(m); err != nil {
			return nil, false, err
		}
	}
	rt, err := o.channels.Get(to.Channel)
	if err != nil {
		return nil, false, lookupFailure("channel", err)
	}
	idempotent := channel.IsIdempotent(rt.Driver)
	if !rt.Channel.Enabled() {
		return nil, idempotent, channel.Permanent("the channel is disabled")
	}
	var payload map[string]any
	_ = m.Payload(&payload)
	out := &channel.Outbound{
		ID: m.Id, ExternalID: to.ExternalID, Account: to.Account,
		Type: m.Type(), Text: m.Text(), Payload: payload,
		// attempts counts this one: an earlier attempt may have delivered.
		Resend: m.Attempts() > 1,
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
	res, err := rt.Driver.Send(ctx, out)
	return res, idempotent, err
}

// lookup finds where m goes, record by record.
func (o *Outbox) lookup(m *store.Message) (*address, error) {
	conv, err := store.FindConversation(o.app, m.ConversationID())
	if err != nil {
		return nil, lookupFailure("conversation", err)
	}
	cust, err := store.FindCustomer(o.app, conv.CustomerID())
	if err != nil {
		return nil, lookupFailure("customer", err)
	}
	return &address{Channel: conv.ChannelID(), ExternalID: cust.ExternalID(), Account: conv.Account()}, nil
}

// lookupFailure classifies a failed lookup: a record that is gone is
// permanent, anything else (a busy database) is retried.
func lookupFailure(what string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return &channel.PermanentError{Reason: "the " + what + " is gone", Err: err}
	}
	return fmt.Errorf("%w: load %s: %w", channel.ErrRetryLater, what, err)
}

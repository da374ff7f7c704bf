package hooks

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/pocketbase/dbx"

	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
)

// maxSendAttempts is how often the outbox tries a message before it is failed.
const maxSendAttempts = 10

// sendTimeout bounds one call to WeChat.
const sendTimeout = 15 * time.Second

// runOutbox sends every due pending message, oldest first, one conversation
// at a time in order: a message never overtakes an earlier one of its
// conversation that is still waiting for a retry.
func (d *Desk) runOutbox(ctx context.Context) {
	for ctx.Err() == nil {
		due, err := store.FindDueOutbound(d.app, d.now(), 50)
		if err != nil {
			d.app.Logger().Error("outbox: query", "error", err)
			return
		}
		sent := 0
		waiting := map[string]bool{}
		for _, m := range due {
			conv := m.ConversationID()
			if waiting[conv] || d.hasEarlierPending(m) {
				waiting[conv] = true
				continue
			}
			if d.deliver(ctx, m) {
				sent++
			} else {
				waiting[conv] = true
			}
		}
		if sent == 0 {
			return
		}
	}
}

// hasEarlierPending reports whether an earlier message of the same
// conversation is still waiting to be sent.
func (d *Desk) hasEarlierPending(m *store.Message) bool {
	var n int
	_ = d.app.DB().Select("count(*)").From(store.CollectionMessages).
		Where(dbx.HashExp{"conversation": m.ConversationID(), "status": store.StatusPending, "direction": store.DirectionOut}).
		AndWhere(dbx.NewExp("seq < {:seq}", dbx.Params{"seq": m.Seq()})).Row(&n)
	return n > 0
}

// deliver makes one attempt at sending m and records the outcome. It
// reports whether the message left the outbox as sent.
func (d *Desk) deliver(ctx context.Context, m *store.Message) bool {
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	err := d.sendToWeChat(ctx, m)
	attempts := m.Attempts() + 1
	m.Set("attempts", attempts)
	switch {
	case err == nil:
		m.Set("status", store.StatusSent)
		m.Set("sent_at", d.now())
		m.Set("error", "")
	case isRetryable(err) && attempts < maxSendAttempts:
		m.Set("next_attempt_at", d.now().Add(backoff(attempts)))
		m.Set("error", describeSendError(err)+" — retrying")
	default:
		m.Set("status", store.StatusFailed)
		m.Set("error", describeSendError(err))
	}
	if serr := d.app.Save(m.Record); serr != nil {
		d.app.Logger().Error("outbox: record outcome", "message", m.Id, "error", serr)
		return false
	}
	if err != nil {
		d.app.Logger().Warn("outbox: send failed", "message", m.Id, "attempt", attempts, "error", err)
	}
	return err == nil
}

// backoff grows exponentially from 2 s to 5 min, with jitter so that a
// recovering WeChat is not hit by every message at the same instant.
func backoff(attempt int) time.Duration {
	d := time.Duration(1<<min(attempt, 9)) * time.Second
	if d > 5*time.Minute {
		d = 5 * time.Minute
	}
	return d + time.Duration(rand.Int64N(int64(d/4)+1))
}

// isRetryable reports whether an error may go away by itself: WeChat's
// system errors and quotas, and network failures.
func isRetryable(err error) bool {
	var pe *permanentError
	if errors.As(err, &pe) {
		return false
	}
	return mpapi.IsRetryable(err)
}

// permanentError marks a failure on our side that no retry can fix.
type permanentError struct{ msg string }

func (e *permanentError) Error() string { return e.msg }

func permanent(format string, args ...any) error {
	return &permanentError{msg: fmt.Sprintf(format, args...)}
}

// describeSendError words a failure for the agent.
func describeSendError(err error) string {
	var we *mpapi.Error
	if errors.As(err, &we) {
		return we.Description()
	}
	var pe *permanentError
	if errors.As(err, &pe) {
		return pe.msg
	}
	return "WeChat could not be reached: " + err.Error()
}

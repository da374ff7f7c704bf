// Package outbox delivers outbound messages through their channel's driver:
// in order within each conversation, retried with backoff while the failure
// may go away, and failed with the reason in words when it cannot. Its work
// is the messages table itself (status pending), so a crash or restart
// resumes where it stopped.
package outbox

import (
	"context"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/worker"
)

// maxSendAttempts is how often the outbox tries a message before it is failed.
const maxSendAttempts = 10

// sendTimeout bounds one call to WeChat.
const sendTimeout = 15 * time.Second

// Outbox is the delivery worker of one app.
type Outbox struct {
	app      core.App
	now      func() time.Time
	channels *channel.Registry
	w        *worker.Worker
	// windowClosed is told of a send WeChat refused for window or quota
	// reasons, after the message was failed (never retried).
	windowClosed func(m *store.Message, err error)
}

// OnWindowClosed sets fn to be called when WeChat refuses a send because
// the window or the quota is used up; the message is already failed. Set it
// before Start.
func (o *Outbox) OnWindowClosed(fn func(m *store.Message, err error)) { o.windowClosed = fn }

// New returns a stopped outbox; Start launches it.
func New(app core.App, channels *channel.Registry, now func() time.Time, poll time.Duration) *Outbox {
	o := &Outbox{app: app, now: now, channels: channels}
	o.w = worker.New("outbox", poll, o.run)
	return o
}

// Start launches the delivery loop.
func (o *Outbox) Start() { o.w.Start() }

// Stop stops the delivery loop.
func (o *Outbox) Stop() { o.w.Stop() }

// Notify wakes the outbox: a message is waiting.
func (o *Outbox) Notify() { o.w.Notify() }

// run sends every due pending message, oldest first, one conversation at a
// time in order: a message never overtakes an earlier one of its
// conversation that is still waiting for a retry.
func (o *Outbox) run(ctx context.Context) {
	for ctx.Err() == nil {
		due, err := store.FindDueOutbound(o.app, o.now(), 50)
		if err != nil {
			o.app.Logger().Error("outbox: query", "error", err)
			return
		}
		sent := 0
		waiting := map[string]bool{}
		for _, m := range due {
			conv := m.ConversationID()
			if waiting[conv] {
				continue
			}
			earlier, err := store.HasEarlierPending(o.app, m)
			if err != nil {
				o.app.Logger().Error("outbox: order check", "message", m.Id, "error", err)
				return // the database is failing: try the whole round again later
			}
			if earlier || !o.deliver(ctx, m) {
				waiting[conv] = true
				continue
			}
			sent++
		}
		if sent == 0 {
			return
		}
	}
}

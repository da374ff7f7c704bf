// Package outbox delivers outbound messages through their channel's driver:
// in order within each conversation, concurrently across conversations
// (bounded per channel, so one slow WeChat call holds up nobody else),
// retried with backoff while the failure may go away, and failed with the
// reason in words when it cannot. Its work is the messages table itself
// (status pending), so a crash or restart resumes where it stopped.
//
// No reply is sent twice silently: before WeChat is called the message is
// committed as "sending". A send whose answer never came (timeout, crash)
// has an unknown outcome: on 微信客服, whose send_msg takes the record id as
// an idempotency key, it is simply sent again; on an Official Account,
// whose custom/send has none, it becomes "unknown" and the agent decides
// (see settleUnknown).
package outbox

import (
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/worker"
)

// maxSendAttempts is how often the outbox tries a message before it is
// failed (token refusals do not count: a fresh token can still be had).
const maxSendAttempts = 10

// sendTimeout bounds one call to WeChat.
const sendTimeout = 15 * time.Second

// DefaultPerChannel is how many sends one channel may have in flight.
const DefaultPerChannel = 32

// batchSize is how many due messages one dispatch round looks at.
const batchSize = 500

// Outbox is the delivery worker of one app.
type Outbox struct {
	app        core.App
	now        func() time.Time
	channels   *channel.Registry
	w          *worker.Worker
	perChannel int

	mu        sync.Mutex
	inflight  map[string]bool // conversation ids with a send in flight
	busy      map[string]int  // channel id → sends in flight
	recovered bool
	// lastDispatch is when the loop last looked for due messages.
	lastDispatch time.Time
	sends        sync.WaitGroup
	outcomes     outcomeWriter
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
	o := &Outbox{
		app: app, now: now, channels: channels, perChannel: DefaultPerChannel,
		inflight: map[string]bool{}, busy: map[string]int{},
	}
	o.w = worker.New("outbox", poll, o.run)
	return o
}

// SetPerChannel changes how many sends one channel may have in flight
// (at least 1); call it before Start.
func (o *Outbox) SetPerChannel(n int) { o.perChannel = max(n, 1) }

// Start launches the delivery loop.
func (o *Outbox) Start() { o.w.Start() }

// Stop stops dispatching and waits (up to the send timeout) for the sends
// in flight to record their outcome.
func (o *Outbox) Stop() {
	o.w.Stop()
	done := make(chan struct{})
	go func() {
		o.sends.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(sendTimeout + time.Second):
	}
}

// Notify wakes the outbox: a message is waiting.
func (o *Outbox) Notify() { o.w.Notify() }

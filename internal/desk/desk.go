// Package desk holds the agents' actions on conversations and messages —
// claim, close, retry, mark read, the send budget — and the guard on the
// messages API that turns an agent's new message into a pending outbound
// one, within WeChat's window. Handlers (the inbox pages and the JSON API)
// call these; they never write conversations themselves.
package desk

import (
	"errors"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Errors of the actions; handlers map them to HTTP answers.
var (
	ErrNotYours     = errors.New("desk: the conversation belongs to another agent")
	ErrClosed       = errors.New("desk: the conversation has ended")
	ErrAlreadyTaken = errors.New("desk: another agent claimed the conversation first")
	ErrNotRetryable = errors.New("desk: only failed outbound messages can be retried")
	// ErrAtCapacity: the agent already holds max_concurrent open conversations.
	ErrAtCapacity = errors.New("desk: the agent is at capacity")
	// ErrNotSupervisor: the action is for supervisors only.
	ErrNotSupervisor = errors.New("desk: only supervisors may do this")
	// ErrNotTaken: a take-over needs a conversation another agent holds.
	ErrNotTaken = errors.New("desk: the conversation has no other agent to take it from")
	// ErrUnavailable: the transfer target is not online or is at capacity.
	ErrUnavailable = errors.New("desk: the agent is not available")
)

// Actions performs agents' actions for one app.
type Actions struct {
	app core.App
	now func() time.Time
	// outboxWake is called after a message is queued for sending.
	outboxWake func()
}

// New returns the actions of app; outboxWake wakes the outbox.
func New(app core.App, now func() time.Time, outboxWake func()) *Actions {
	return &Actions{app: app, now: now, outboxWake: outboxWake}
}

// Now is the desk's clock.
func (a *Actions) Now() time.Time { return a.now() }

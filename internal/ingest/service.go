// Package ingest is where inbound messages enter the desk: it verifies and
// parses callbacks through the channel's driver, stores every message
// exactly once with group commit (one writer, one transaction per batch of
// waiting callbacks), pulls messages for kinds that announce rather than
// push them, and then hands each committed batch to the observers attached
// with OnInbound — the one place where routing, bots, timeouts and webhooks
// meet inbound traffic.
package ingest

import (
	"context"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/worker"
)

// Deadline is how long a callback waits for its message to be stored.
// WeChat gives up after 5 s; answering an error before that makes it retry.
const Deadline = 4 * time.Second

// maxBatch bounds how many callbacks share one transaction.
const maxBatch = 256

// Service is the inbound side of the desk for one app.
type Service struct {
	app      core.App
	now      func() time.Time
	channels *channel.Registry

	queue     chan *item
	writer    *worker.Worker
	committed batchQueue
	announcer *worker.Worker
	observers []observer
	onCommit  []observer
	pulls     *pullers
	status    *callbackStatus
}

// New returns a stopped ingest service; Start launches its writer.
func New(app core.App, channels *channel.Registry, now func() time.Time) *Service {
	s := &Service{
		app: app, now: now, channels: channels,
		queue: make(chan *item, 4096),
	}
	s.writer = worker.New("ingest", time.Hour, s.drain)
	s.announcer = worker.New("ingest-announce", time.Hour, func(context.Context) { s.announce() })
	s.pulls = newPullers(s)
	s.status = newCallbackStatus(app, now)
	return s
}

// Start launches the writer and the announcer.
func (s *Service) Start() {
	s.announcer.Start()
	s.writer.Start()
}

// Stop stops the writer, waits for running pulls and announces what was
// committed.
func (s *Service) Stop() {
	s.writer.Stop()
	s.pulls.stop()
	s.announcer.Stop()
	s.announce()
	s.status.wait()
}

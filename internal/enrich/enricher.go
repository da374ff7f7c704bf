// Package enrich completes what ingest stored: it downloads customers'
// media from WeChat (which keeps it 3 days) and fetches new customers'
// profiles, through the channel's driver. Its work is read back from the
// database (media_state pending, info_synced_at empty), so a crash or a
// WeChat outage only delays it.
package enrich

import (
	"context"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/worker"
)

// Enricher is the enrichment worker of one app.
type Enricher struct {
	app      core.App
	now      func() time.Time
	channels *channel.Registry
	w        *worker.Worker
}

// New returns a stopped enricher; Start launches it.
func New(app core.App, channels *channel.Registry, now func() time.Time, poll time.Duration) *Enricher {
	en := &Enricher{app: app, now: now, channels: channels}
	en.w = worker.New("enricher", poll, en.run)
	return en
}

// Start launches the worker.
func (en *Enricher) Start() { en.w.Start() }

// Stop stops the worker.
func (en *Enricher) Stop() { en.w.Stop() }

// Observe is the enricher's inbound observer: a batch with media or a new
// customer wakes it.
func (en *Enricher) Observe(_ core.App, b *ingest.Batch) error {
	if b.NeedsEnrichment() {
		en.w.Notify()
	}
	return nil
}

func (en *Enricher) run(ctx context.Context) {
	en.downloadPendingMedia(ctx)
	en.syncProfiles(ctx)
}

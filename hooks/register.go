// Package hooks is WeDesk's PocketBase glue: the WeChat callbacks, the
// record hooks that guard sending, the background workers (ingest, outbox,
// media) and the routes. Everything is wired through Register, which main.go
// and every test call on their app.
package hooks

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Options tune the desk for tests and demos; the zero value is production.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// HTTPClient talks to WeChat's API; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// PauseOutbox keeps pending messages in the outbox unsent (crash tests).
	PauseOutbox bool
	// PollInterval is how often the workers look for due work besides being
	// woken; zero means one second.
	PollInterval time.Duration
}

// Desk is the running state shared by the hooks of one app: channel
// runtimes, the ingest queue and the background workers.
type Desk struct {
	app      core.App
	opts     Options
	channels *channelRegistry
	ingest   *ingestQueue
	outbox   *worker
	enricher *worker
}

// Register wires WeDesk into app with production options.
func Register(app core.App) *Desk {
	return RegisterWithOptions(app, Options{})
}

// RegisterWithOptions wires WeDesk into app and returns its Desk.
func RegisterWithOptions(app core.App, opts Options) *Desk {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = time.Second
	}
	d := &Desk{app: app, opts: opts}
	d.channels = newChannelRegistry(app, opts.HTTPClient)
	d.ingest = newIngestQueue(d)
	d.outbox = newWorker("outbox", opts.PollInterval, d.runOutbox)
	d.enricher = newWorker("enricher", opts.PollInterval, d.runEnricher)

	registerChannelHooks(app, d)
	registerAgentHooks(app)
	registerMessageHooks(app, d)
	registerRoutes(app, d)
	registerLifecycle(app, d)
	return d
}

// now is the desk's clock.
func (d *Desk) now() time.Time { return d.opts.Now() }

// registerLifecycle starts the background workers with the server and stops
// them on terminate, so a crash or restart resumes from persisted state.
func registerLifecycle(app core.App, d *Desk) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		d.ingest.start()
		if !d.opts.PauseOutbox {
			d.outbox.start()
		}
		d.enricher.start()
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		d.outbox.stop()
		d.enricher.stop()
		d.ingest.stop()
		return e.Next()
	})
}

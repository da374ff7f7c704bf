// Package hooks wires WeDesk into a PocketBase app: the options, Register
// (called by main.go and every test), the lifecycle of the background
// workers, the record hooks and the one route table. It holds no logic of
// its own: each domain lives in its package under internal/.
package hooks

import (
	"net/http"

	"time"

	"github.com/wedesk/wedesk/internal/autoservice"
	"github.com/wedesk/wedesk/internal/channel/kf"
	"github.com/wedesk/wedesk/internal/kb"
	"github.com/wedesk/wedesk/internal/scheduler"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/assign"
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/channel/mp"
	"github.com/wedesk/wedesk/internal/contact"
	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/enrich"
	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/live"
	"github.com/wedesk/wedesk/internal/outbox"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/web/api"
	"github.com/wedesk/wedesk/internal/web/inbox"
)

// Options tune the desk for tests and demos; the zero value is production.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// HTTPClient talks to WeChat's API; nil means outbox.NewHTTPClient (10 s
	// timeout, connections kept for concurrent sends).
	HTTPClient *http.Client
	// PauseOutbox keeps pending messages in the outbox unsent (crash tests).
	PauseOutbox bool
	// PollInterval is how often the workers look for due work besides being
	// woken; zero means one second.
	PollInterval time.Duration
	// Drivers replaces or adds channel drivers by kind (tests plug in a
	// minimal driver to prove the core needs nothing channel-specific).
	Drivers map[string]channel.Factory
	// PublicURL returns the --public-url flag (read when the server starts);
	// nil or "" means the app URL is taken from the first request.
	PublicURL func() string
	// Transferer moves conversations to a queue for the automation
	// (timeouts, bot hand-over); nil puts them back to queued, unassigned.
	Transferer autoservice.Transferer
	// TimeoutScan is how often the session timeouts are scanned (a cron
	// spec with seconds); "" means every 5 seconds.
	TimeoutScan string
}

// drivers is the table of channel kinds: a new kind is one line here.
func drivers() map[string]channel.Factory {
	return map[string]channel.Factory{
		store.KindWechatMP: mp.New,
		store.KindWecomKF:  kf.New,
	}
}

// outboundTypes are the message types an agent may create, per channel kind.
func outboundTypes(kind string) map[string]bool {
	switch kind {
	case store.KindWechatMP:
		return mp.OutboundTypes
	case store.KindWecomKF:
		return kf.OutboundTypes
	}
	return nil
}

// Desk is WeDesk running in one app: its domain services, as wired.
type Desk struct {
	Channels *channel.Registry
	Ingest   *ingest.Service
	Outbox   *outbox.Outbox
	Enricher *enrich.Enricher
	Actions  *desk.Actions
	Inbox    *inbox.Handler
	API      *api.Handler
	// Effects applies inbound events to stored messages (failed sends,
	// recalls, welcomes).
	Effects *desk.InboundEffects
	// Live fans the inbox's live updates out to the agents online.
	Live *live.Hub
	// Contacts keeps the contact links of 微信客服 accounts.
	Contacts *contact.Service
	// Assign routes queued conversations to agents (issue 12).
	Assign *assign.Assigner
	// Auto runs the service automation: timeouts, bot, hours, welcome,
	// satisfaction.
	Auto *autoservice.Service
	// Assist serves the inbox's smart-assist panel.
	Assist *inbox.Assist

	opts Options
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
		opts.HTTPClient = outbox.NewHTTPClient()
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = time.Second
	}
	if opts.TimeoutScan == "" {
		opts.TimeoutScan = "@every 5s"
	}
	factories := drivers()
	for kind, f := range opts.Drivers {
		factories[kind] = f
	}
	d := &Desk{opts: opts}
	d.Channels = channel.NewRegistry(app, opts.HTTPClient, factories)
	d.Ingest = ingest.New(app, d.Channels, opts.Now)
	d.Outbox = outbox.New(app, d.Channels, opts.Now, opts.PollInterval)
	d.Enricher = enrich.New(app, d.Channels, opts.Now, opts.PollInterval)
	d.Actions = desk.New(app, opts.Now, d.Outbox.Notify)
	d.Inbox = inbox.New(app, d.Actions)
	d.API = api.New(d.Actions)
	d.Contacts = contact.New(app, d.Channels)

	d.Effects = desk.NewInboundEffects(app, d.Channels, opts.Now)
	d.Live = live.NewHub(app)
	// The inbox's live updates on the writer, right after each commit:
	// agents hear of a message without waiting behind the observers
	// (media downloads, routing, automation), which take the write lock.
	d.Ingest.OnCommit("live", d.Live.Observe)
	d.Ingest.OnInbound("enrich", d.Enricher.Observe)
	d.Ingest.OnInbound("effects", d.Effects.Observe)
	registerSecretHooks(app)
	d.Assign = assign.New(app, d.Actions, opts.Now)
	if opts.Transferer == nil {
		opts.Transferer = d.Assign // timeouts and the bot transfer through routing
	}
	d.Auto = autoservice.New(app, d.Actions, opts.Now, opts.Transferer,
		autoservice.Kinds{SurveyMenu: surveyMenu, EventWelcome: eventWelcome})
	d.Effects.WelcomeText = d.Auto.WelcomeText
	d.Ingest.OnInbound("automation", d.Auto.Observe)
	d.Auto.BindCloseSurvey(app)
	d.Assist = inbox.NewAssist(d.Inbox, d.Auto)
	kb.Bind(app)
	registerAutomationHooks(app)
	registerChannelHooks(app, d)
	registerAgentHooks(app)
	// Routing: every inbound batch, closed conversation and agent status or
	// capacity change drains the queues (hooks/record_routing.go). It
	// observes after the automation, which may first give a new
	// conversation to the bot (state bot is never assigned).
	d.Ingest.OnInbound("routing", d.Assign.Observe)
	registerRoutingHooks(app, d)
	d.Inbox.UseAssigner(d.Assign)
	d.Assign.OnAssigned(d.Live.Assigned)
	d.API.UseAssigner(d.Assign)
	d.Actions.BindOutboundGuard(app, outboundTypes)
	d.Live.Bind(app)
	store.WatchSubscriptions(app) // keeps HasCollectionSubscribers' census current
	// Sending rules (issue 9): the budget as conversation state, locks when
	// WeChat refuses, blocks.
	d.Actions.BindBudgetState(app)
	d.Outbox.OnWindowClosed(d.Actions.LockOnRefusal)
	d.Inbox.Throttle().Bind(app)
	registerRoutes(app, d)
	registerLifecycle(app, d)
	registerFirstRun(app, d)
	return d
}

// registerLifecycle starts the background workers with the server and stops
// them on terminate, so a crash or restart resumes from persisted state.
func registerLifecycle(app core.App, d *Desk) {
	var sched *scheduler.Scheduler
	var ckpt *store.Checkpointer
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		ckpt = store.StartCheckpointer(app) // WAL checkpoints off the ingest writer's commits
		d.Ingest.Start()
		if !d.opts.PauseOutbox {
			d.Outbox.Start()
		}
		d.Enricher.Start()
		var err error
		if sched, err = startScheduler(app, d); err != nil {
			return err
		}
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		if sched != nil {
			sched.Stop()
		}
		d.Outbox.Stop()
		d.Enricher.Stop()
		d.Ingest.Stop()
		if ckpt != nil {
			ckpt.Stop()
		}
		return e.Next()
	})
}

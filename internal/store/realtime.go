package store

import (
	"context"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// bulkKey marks the context of the after-save hooks Announce fires.
type bulkKey struct{}

// IsBulkAnnounce reports whether a record hook runs for a record written in
// bulk by ingest and announced after its commit. The live hub skips those:
// ingest hands it the whole batch at once.
func IsBulkAnnounce(ctx context.Context) bool {
	v, _ := ctx.Value(bulkKey{}).(bool)
	return v
}

// HasCollectionSubscribers reports whether any realtime client subscribes
// to a collection's records (by name or id, one record or all): only then
// is it worth reading rows again to announce them. It is asked for every
// ingest batch; listing every client's subscriptions each time cost a
// tenth of the desk's CPU with 200 agents online, so the answer comes from
// a census taken again only when clients come or go or change what they
// subscribe to (WatchSubscriptions).
func HasCollectionSubscribers(app core.App, collection string) bool {
	col, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return false
	}
	topics, _ := censusOf(app).take(app)
	return len(topics[col.Name]) > 0 || len(topics[col.Id]) > 0
}

// WatchSubscriptions keeps the subscriber census current: a subscription
// request (the only way a connected client changes what it hears) makes
// the next question take it again.
func WatchSubscriptions(app core.App) {
	app.OnRealtimeSubscribeRequest().Bind(&hook.Handler[*core.RealtimeSubscribeRequestEvent]{
		Id: "wedeskSubscriberCensus",
		Func: func(e *core.RealtimeSubscribeRequestEvent) error {
			err := e.Next()
			censusOf(e.App).forget()
			return err
		},
	})
}

// subscriberCensus is, by topic (the first part of each subscription:
// "messages" of "messages/*?options=…", or a custom topic), the realtime
// clients subscribed, as of when it was taken. generation counts the
// takings, so that what is derived from it (the live hub's viewers) knows
// when to derive again.
type subscriberCensus struct {
	mu         sync.Mutex
	valid      bool
	total      int // the broker's client count then
	generation uint64
	topics     map[string][]subscriptions.Client
}

func censusOf(app core.App) *subscriberCensus {
	return app.Store().GetOrSet("wedesk.store.census", func() any { return &subscriberCensus{} }).(*subscriberCensus)
}

func (c *subscriberCensus) forget() {
	c.mu.Lock()
	c.valid = false
	c.mu.Unlock()
}

// take returns the census and its generation, taken again when forgotten
// or when the number of clients changed.
func (c *subscriberCensus) take(app core.App) (map[string][]subscriptions.Client, uint64) {
	broker := app.SubscriptionsBroker()
	c.mu.Lock()
	defer c.mu.Unlock()
	if total := broker.TotalClients(); !c.valid || total != c.total {
		c.topics, c.total, c.valid = map[string][]subscriptions.Client{}, total, true
		c.generation++
		for _, cl := range broker.Clients() {
			seen := map[string]bool{}
			for sub := range cl.Subscriptions() {
				topic, _, _ := strings.Cut(sub, "?")
				topic, _, _ = strings.Cut(topic, "/")
				if !seen[topic] {
					seen[topic] = true
					c.topics[topic] = append(c.topics[topic], cl)
				}
			}
		}
	}
	return c.topics, c.generation
}

// SubscribedClients returns the realtime clients subscribed to topic, from
// the census (see HasCollectionSubscribers), and the census generation: it
// changes whenever the census is taken again. Do not change the slice.
func SubscribedClients(app core.App, topic string) ([]subscriptions.Client, uint64) {
	topics, gen := censusOf(app).take(app)
	return topics[topic], gen
}

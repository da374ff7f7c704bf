package store

import (
	"context"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
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
	topics := censusOf(app).take(app)
	return topics[col.Name] || topics[col.Id]
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

// subscriberCensus is which collections (by the first part of each
// subscription: "messages" of "messages/*?options=…") realtime clients
// subscribe to, as of when it was taken.
type subscriberCensus struct {
	mu     sync.Mutex
	valid  bool
	total  int // the broker's client count then
	topics map[string]bool
}

func censusOf(app core.App) *subscriberCensus {
	return app.Store().GetOrSet("wedesk.store.census", func() any { return &subscriberCensus{} }).(*subscriberCensus)
}

func (c *subscriberCensus) forget() {
	c.mu.Lock()
	c.valid = false
	c.mu.Unlock()
}

// take returns the census, taken again when forgotten or when the
// number of clients changed.
func (c *subscriberCensus) take(app core.App) map[string]bool {
	broker := app.SubscriptionsBroker()
	c.mu.Lock()
	defer c.mu.Unlock()
	if total := broker.TotalClients(); !c.valid || total != c.total {
		c.topics, c.total, c.valid = map[string]bool{}, total, true
		for _, cl := range broker.Clients() {
			for sub := range cl.Subscriptions() {
				topic, _, _ := strings.Cut(sub, "?")
				topic, _, _ = strings.Cut(topic, "/")
				c.topics[topic] = true
			}
		}
	}
	return c.topics
}

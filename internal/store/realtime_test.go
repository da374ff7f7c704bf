package store

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// The subscriber census sees a client that connects, one that subscribes
// later through the realtime API (the subscribe request), and one that
// leaves.
func TestSubscriberCensusFollowsClients(t *testing.T) {
	app := newInboxTestApp(t)
	WatchSubscriptions(app)
	broker := app.SubscriptionsBroker()
	if HasCollectionSubscribers(app, CollectionMessages) {
		t.Fatal("subscribers before any client")
	}
	late := subscriptions.NewDefaultClient()
	broker.Register(late)
	if HasCollectionSubscribers(app, CollectionMessages) {
		t.Fatal("a client with no subscription counts")
	}
	// What apis.realtimeSetSubscriptions does, through the same hook.
	e := &core.RealtimeSubscribeRequestEvent{RequestEvent: &core.RequestEvent{App: app},
		Client: late, Subscriptions: []string{CollectionMessages + "/*?options={}"}}
	if err := app.OnRealtimeSubscribeRequest().Trigger(e, func(e *core.RealtimeSubscribeRequestEvent) error {
		e.Client.Subscribe(e.Subscriptions...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !HasCollectionSubscribers(app, CollectionMessages) || HasCollectionSubscribers(app, CollectionConversations) {
		t.Fatal("the census missed a subscription made after connecting")
	}
	broker.Unregister(late.Id())
	if HasCollectionSubscribers(app, CollectionMessages) {
		t.Fatal("a client that left still counts")
	}
}

package store

import (
	"context"
	"strings"

	"github.com/pocketbase/pocketbase/core"
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
// is it worth reading rows again to announce them.
func HasCollectionSubscribers(app core.App, collection string) bool {
	col, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return false
	}
	for _, c := range app.SubscriptionsBroker().Clients() {
		for sub := range c.Subscriptions() {
			if strings.HasPrefix(sub, col.Name) || strings.HasPrefix(sub, col.Id) {
				return true
			}
		}
	}
	return false
}

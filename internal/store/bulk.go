package store

import (
	"context"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The bulk writers in this package (InsertRecords, TouchConversations) are
// the ingest hot path's way past PocketBase's per-record save chain. With
// the pure-Go SQLite driver every statement is parsed afresh, and a Save
// costs several statements plus its hook chain: about 1 ms per message.
// Written in bulk, a whole batch of callbacks costs a few statements.
//
// What they skip, on purpose: validation (the caller builds the records from
// parsed, trusted input) and the OnRecordCreate/OnRecordUpdate hooks (there
// are none on these collections; logic that must run for every inbound
// message belongs in the ingest batch, as an ingest observer). What they
// keep: Announce fires the after-success hooks for the collections a
// realtime client subscribes to (integrations using the API's collection
// subscriptions), so those see bulk-written records exactly as saved
// ones. The inbox hears of them from the live hub, not from these hooks.

// PrepareForInsert gives a new record what PocketBase's save would: an id
// (a time-ordered one, NewOrderedID) and its creation and update
// timestamps.
func PrepareForInsert(r *core.Record) {
	if r.Id == "" {
		r.Id = NewOrderedID(time.Now())
	}
	stampAutodates(r)
}

// stampAutodates sets the autodate fields a create sets.
func stampAutodates(r *core.Record) {
	now := types.NowDateTime()
	for _, f := range r.Collection().Fields {
		if ad, ok := f.(*core.AutodateField); ok && (ad.OnCreate || ad.OnUpdate) {
			r.SetRaw(ad.Name, now)
		}
	}
}

// InsertRecords writes new records (prepared with PrepareForInsert) with one
// prepared INSERT per collection. It must run inside the transaction whose
// tx is given, and fails as a whole.
//
// One statement per row, not one multi-row INSERT: the SQLite driver binds
// parameters in time quadratic in their number, so a 64-row INSERT of 22
// columns spends more on binding than on writing.
func InsertRecords(tx core.App, recs []*core.Record) error {
	groups := map[string][]*core.Record{}
	var order []string
	for _, r := range recs {
		name := r.Collection().Name
		if _, ok := groups[name]; !ok {
			order = append(order, name)
		}
		groups[name] = append(groups[name], r)
	}
	for _, name := range order {
		if err := insertGroup(tx, name, groups[name]); err != nil {
			return err
		}
	}
	for _, r := range recs {
		r.MarkAsNotNew()
	}
	return nil
}

// Announce fires the after-success hooks of records written past Save
// (InsertRecords, TouchConversations), after their transaction committed:
// realtime subscribers hear of them as of any save. Updated records must be
// loaded after the commit, so that they carry what was written. Records of
// a collection no realtime client subscribes to are skipped: PocketBase
// would otherwise check every connected client's subscriptions for each of
// them, for nobody.
func Announce(app core.App, recs []*core.Record, created bool) {
	ctx := context.WithValue(context.Background(), bulkKey{}, true)
	watched := map[string]bool{}
	for _, r := range recs {
		name := r.Collection().Name
		w, known := watched[name]
		if !known {
			w = HasCollectionSubscribers(app, name)
			watched[name] = w
		}
		if !w {
			continue
		}
		e := &core.ModelEvent{App: app, Context: ctx}
		e.Model = r
		var err error
		if created {
			e.Type = core.ModelEventTypeCreate
			err = app.OnModelAfterCreateSuccess().Trigger(e)
		} else {
			e.Type = core.ModelEventTypeUpdate
			err = app.OnModelAfterUpdateSuccess().Trigger(e)
		}
		if err != nil {
			app.Logger().Warn("store: after-save hook failed", "collection", r.Collection().Name, "id", r.Id, "error", err)
		}
	}
}

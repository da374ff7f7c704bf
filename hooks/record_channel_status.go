package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/setup"
	"github.com/wedesk/wedesk/internal/store"
)

// channelStatusFields are written only by WeDesk (the callback path and the
// hooks below); API and dashboard edits of them are ignored.
var channelStatusFields = []string{"callback_url", "last_verified_at", "last_callback_at", "last_error", "last_error_at"}

// registerChannelStatusHooks keeps each channel's callback URL current and
// its status fields read-only.
func registerChannelStatusHooks(app core.App) {
	app.OnRecordCreateRequest(store.CollectionChannels).BindFunc(func(e *core.RecordRequestEvent) error {
		for _, f := range channelStatusFields {
			e.Record.Set(f, nil)
		}
		return e.Next()
	})
	app.OnRecordUpdateRequest(store.CollectionChannels).BindFunc(func(e *core.RecordRequestEvent) error {
		for _, f := range channelStatusFields {
			e.Record.Set(f, e.Record.Original().Get(f))
		}
		return e.Next()
	})
	setURL := func(e *core.RecordEvent) error {
		if e.Record.Id == "" {
			e.Record.Id = core.GenerateDefaultRandomId()
		}
		e.Record.Set("callback_url", setup.CallbackURL(e.App.Settings().Meta.AppURL, e.Record.Id))
		return e.Next()
	}
	app.OnRecordCreate(store.CollectionChannels).BindFunc(setURL)
	app.OnRecordUpdate(store.CollectionChannels).BindFunc(setURL)
	// The app URL may change after the channel was saved: show the current one.
	app.OnRecordEnrich(store.CollectionChannels).BindFunc(func(e *core.RecordEnrichEvent) error {
		e.Record.Set("callback_url", setup.CallbackURL(e.App.Settings().Meta.AppURL, e.Record.Id))
		return e.Next()
	})
}

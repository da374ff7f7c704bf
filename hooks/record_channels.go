package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/licensing"
	"github.com/wedesk/wedesk/internal/secrets"
	"github.com/wedesk/wedesk/internal/setup"
	"github.com/wedesk/wedesk/internal/store"
)

// registerChannelHooks validates channel settings when they are saved and
// keeps the runtime cache in step with the records.
func registerChannelHooks(app core.App, d *Desk) {
	app.OnRecordValidate(store.CollectionChannels).BindFunc(func(e *core.RecordEvent) error {
		if err := validateChannel(store.NewChannel(e.Record)); err != nil {
			return err
		}
		return e.Next()
	})
	registerChannelStatusHooks(app)
	app.OnRecordUpdate(store.CollectionChannels).BindFunc(func(e *core.RecordEvent) error {
		// Keep the old EncodingAESKey so callbacks signed before the change still decrypt.
		// Compared opened: the stored values are sealed (see record_secrets.go).
		old := secrets.Open(e.Record.Original().GetString("aes_key"))
		if old != "" && old != secrets.Open(e.Record.GetString("aes_key")) {
			e.Record.Set("aes_key_previous", old)
		}
		return e.Next()
	})
	// Each distinct AppID / CorpID is an organization whose trial starts
	// when its first channel is created, and never restarts.
	app.OnRecordAfterCreateSuccess(store.CollectionChannels).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if err := licensing.EnsureOrganization(e.App, e.Record.GetString("app_id"), d.opts.Now()); err != nil {
			e.App.Logger().Error("license: organization", "app_id", e.Record.GetString("app_id"), "error", err)
		}
		return nil
	})
	forget := func(e *core.RecordEvent) error {
		d.Channels.Forget(e.Record.Id)
		return e.Next()
	}
	app.OnRecordAfterUpdateSuccess(store.CollectionChannels).BindFunc(forget)
	app.OnRecordAfterDeleteSuccess(store.CollectionChannels).BindFunc(forget)
}

// validateChannel refuses settings that could never work, with a field
// error per setting that says what WeChat expects.
func validateChannel(ch *store.Channel) error {
	if errs := setup.CheckChannel(setup.ChannelSettings{
		Kind: ch.Kind(), AppID: ch.AppID(), Secret: ch.Secret(), Token: ch.Token(),
		AESKey: ch.AESKey(), Enabled: ch.Enabled(),
	}); errs != nil {
		return errs
	}
	return nil
}

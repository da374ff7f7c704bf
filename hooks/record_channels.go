package hooks

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/licensing"
	"github.com/wedesk/wedesk/internal/secrets"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wxcrypto"
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

// validateChannel refuses settings that could never work: an enabled channel
// needs its secrets, and the EncodingAESKey must decode to an AES-256 key.
func validateChannel(ch *store.Channel) error {
	if ch.AESKey() != "" {
		if _, err := wxcrypto.NewCrypter(ch.Token(), ch.AESKey(), ch.AppID()); err != nil {
			return errors.New("aes_key: EncodingAESKey must be the 43 characters shown in WeChat's console")
		}
	}
	if ch.Enabled() && (ch.Secret() == "" || ch.Token() == "" || ch.AESKey() == "") {
		return errors.New("an enabled channel needs secret, token and aes_key (WeDesk only accepts safe mode)")
	}
	return nil
}

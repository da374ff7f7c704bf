package hooks

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/wedesk/wedesk/internal/secrets"
	"github.com/wedesk/wedesk/internal/store"
)

// SealedChannelFields are the channel fields kept encrypted in data.db.
var SealedChannelFields = []string{"secret", "token", "aes_key", "aes_key_previous"}

// registerSecretHooks keeps channel credentials sealed at rest: values are
// opened before validation (so every check sees plaintext), sealed for
// the database write only, and left plaintext in the record in memory.
// store.Channel's accessors open what is read back from the database.
func registerSecretHooks(app core.App) {
	key, err := secrets.LoadKey(app.DataDir())
	if err != nil {
		app.Logger().Error("secrets: no key; channel credentials stay unencrypted", "error", err)
		return
	}
	box, err := secrets.NewBox(key)
	if err != nil {
		app.Logger().Error("secrets: bad key", "error", err)
		return
	}
	secrets.Use(box)
	app.OnRecordValidate(store.CollectionChannels).Bind(&hook.Handler[*core.RecordEvent]{
		Id: "wedeskOpenSecrets", Priority: -100,
		Func: func(e *core.RecordEvent) error {
			for _, f := range SealedChannelFields {
				if v := e.Record.GetString(f); secrets.IsSealed(v) {
					e.Record.Set(f, secrets.Open(v))
				}
			}
			return e.Next()
		},
	})
	seal := func(e *core.RecordEvent) error {
		box := secrets.Current()
		plain := make(map[string]string, len(SealedChannelFields))
		for _, f := range SealedChannelFields {
			v := e.Record.GetString(f)
			plain[f] = v
			e.Record.Set(f, box.Seal(v))
		}
		err := e.Next()
		for f, v := range plain {
			e.Record.Set(f, secrets.Open(v))
		}
		return err
	}
	app.OnRecordCreateExecute(store.CollectionChannels).BindFunc(seal)
	app.OnRecordUpdateExecute(store.CollectionChannels).BindFunc(seal)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := SealAll(se.App); err != nil {
			se.App.Logger().Error("secrets: seal stored channel credentials", "error", err)
		}
		return se.Next()
	})
}

// SealAll saves every channel whose credentials are stored in plaintext
// (written before encryption existed, or by hand), sealing them with the
// process's key.
func SealAll(app core.App) error {
	recs, err := app.FindAllRecords(store.CollectionChannels)
	if err != nil {
		return err
	}
	for _, r := range recs {
		plain := false
		for _, f := range SealedChannelFields {
			if v := r.GetString(f); v != "" && !secrets.IsSealed(v) {
				plain = true
			}
		}
		if plain {
			if err := app.SaveNoValidate(r); err != nil {
				return err
			}
		}
	}
	return nil
}

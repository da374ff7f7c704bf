package enrich

import (
	"context"
	"time"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// SyncAccounts copies the account list of every enabled channel that has
// several accounts (微信客服) into kf_accounts, so the dashboard can name
// them and the catch-up pull knows every account.
func (en *Enricher) SyncAccounts() {
	chans, err := store.FindEnabledChannels(en.app)
	if err != nil {
		en.app.Logger().Error("accounts: channels", "error", err)
		return
	}
	for _, ch := range chans {
		rt, err := en.channels.Get(ch.Id)
		if err != nil {
			continue
		}
		lister, ok := rt.Driver.(channel.AccountLister)
		if !ok {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		accounts, err := lister.Accounts(ctx)
		cancel()
		if err != nil {
			en.app.Logger().Warn("accounts: list", "channel", ch.Id, "error", err)
			continue
		}
		for _, a := range accounts {
			if err := store.UpsertKFAccount(en.app, ch.Id, a.ID, a.Name, a.Avatar); err != nil {
				en.app.Logger().Error("accounts: save", "channel", ch.Id, "account", a.ID, "error", err)
			}
		}
	}
}

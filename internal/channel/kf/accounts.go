package kf

import (
	"context"

	"github.com/wedesk/wedesk/internal/channel"
)

// Accounts lists the corp's kf accounts (account/list, 100 a page).
func (d *Driver) Accounts(ctx context.Context) ([]channel.Account, error) {
	var out []channel.Account
	for offset := 0; ; offset += 100 {
		page, err := d.api.ListAccounts(ctx, offset, 100)
		if err != nil {
			return nil, classify(err)
		}
		for _, a := range page {
			out = append(out, channel.Account{ID: a.OpenKfID, Name: a.Name, Avatar: a.Avatar})
		}
		if len(page) < 100 {
			return out, nil
		}
	}
}

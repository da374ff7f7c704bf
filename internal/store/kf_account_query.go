package store

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// AccountKey names an account within a channel.
type AccountKey struct {
	ChannelID, Account string
}

// KFAccountNames returns the names of the kf accounts of the given
// channels, by channel and open_kfid; accounts without a name are left out.
func KFAccountNames(app core.App, channelIDs []string) (map[AccountKey]string, error) {
	out := map[AccountKey]string{}
	if len(channelIDs) == 0 {
		return out, nil
	}
	ids := make([]any, len(channelIDs))
	for i, id := range channelIDs {
		ids[i] = id
	}
	var rows []struct {
		Channel  string `db:"channel"`
		OpenKfID string `db:"open_kfid"`
		Name     string `db:"name"`
	}
	err := app.DB().Select("channel", "open_kfid", "name").From(CollectionKFAccounts).
		Where(dbx.In("channel", ids...)).AndWhere(dbx.NewExp("name != ''")).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("store: kf account names: %w", err)
	}
	for _, r := range rows {
		out[AccountKey{r.Channel, r.OpenKfID}] = r.Name
	}
	return out, nil
}

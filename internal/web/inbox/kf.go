package inbox

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// nameAccounts sets the 微信客服 account badge of the rows that have one:
// the account's name, or its open_kfid until the accounts are synced. One
// query per page.
func nameAccounts(app core.App, rows []store.InboxRow, out []views.ConversationRow) {
	var channels []string
	seen := map[string]bool{}
	for _, r := range rows {
		if r.Account != "" && !seen[r.ChannelID] {
			seen[r.ChannelID] = true
			channels = append(channels, r.ChannelID)
		}
	}
	if len(channels) == 0 {
		return
	}
	names, err := store.KFAccountNames(app, channels)
	if err != nil {
		app.Logger().Error("inbox: kf account names", "error", err)
	}
	for i, r := range rows {
		if r.Account != "" {
			out[i].Account = firstNonEmpty(names[store.AccountKey{ChannelID: r.ChannelID, Account: r.Account}], r.Account)
		}
	}
}

// accountName is the badge of one conversation's 微信客服 account.
func accountName(app core.App, conv *store.Conversation) string {
	if conv.Account() == "" {
		return ""
	}
	names, err := store.KFAccountNames(app, []string{conv.ChannelID()})
	if err != nil {
		app.Logger().Error("inbox: kf account name", "error", err)
	}
	return firstNonEmpty(names[store.AccountKey{ChannelID: conv.ChannelID(), Account: conv.Account()}], conv.Account())
}

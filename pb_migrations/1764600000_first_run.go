package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

func init() {
	m.Register(upFirstRun, downFirstRun)
}

// upFirstRun makes the dashboard WeDesk's: its name and mail sender instead
// of PocketBase's "Acme" placeholders (the app URL is learnt at serve time,
// see internal/setup), no unused users collection, agent fields that say
// what the server fills in, and the channel status fields.
func upFirstRun(app core.App) error {
	s := app.Settings()
	if s.Meta.AppName == "Acme" || s.Meta.AppName == "" {
		s.Meta.AppName = "WeDesk"
	}
	if s.Meta.SenderName == "Support" || s.Meta.SenderName == "" {
		s.Meta.SenderName = "WeDesk"
	}
	if s.Meta.SenderAddress == "support@example.com" || s.Meta.SenderAddress == "" {
		s.Meta.SenderAddress = "noreply@wedesk.local"
	}
	if err := app.Save(s); err != nil {
		return err
	}
	if users, err := app.FindCollectionByNameOrId("users"); err == nil {
		if n, err := app.CountRecords(users); err == nil && n == 0 {
			if err := app.Delete(users); err != nil {
				return err
			}
		}
	}
	if err := agentDefaults(app); err != nil {
		return err
	}
	return channelStatusFields(app)
}

// agentDefaults lets the dashboard's form be saved empty: the server fills
// role agent, status offline and capacity 10, and the help says so.
func agentDefaults(app core.App) error {
	agents, err := app.FindCollectionByNameOrId("agents")
	if err != nil {
		return err
	}
	if f, ok := agents.Fields.GetByName("role").(*core.SelectField); ok {
		f.Required = false
		f.Help = "Default when empty: agent. A supervisor also sees every conversation and the All tab."
	}
	if f, ok := agents.Fields.GetByName("status").(*core.SelectField); ok {
		f.Required = false
		f.Help = "Default when empty: offline. Agents switch themselves online in the inbox; only online agents get new conversations."
	}
	if f, ok := agents.Fields.GetByName("max_concurrent").(*core.NumberField); ok {
		f.Required = false
		f.Help = "Default when empty or 0: 10. How many open conversations routing gives this agent at most."
	}
	applyHelp(agents, agentHelp)
	return app.Save(agents)
}

// channelStatusFields adds what a channel shows about its WeChat side: the
// callback URL to paste and whether WeChat reached it.
func channelStatusFields(app core.App) error {
	channels, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return err
	}
	channels.Fields.Add(
		&core.TextField{Name: "callback_url", Max: 1024,
			Help: "Read-only, filled by WeDesk: paste it as 服务器地址(URL) / URL in WeChat's console. It follows the app URL (Settings → Application URL)."},
		&core.DateField{Name: "last_verified_at",
			Help: "Read-only: when WeChat's console last verified the URL (the GET with echostr) successfully."},
		&core.DateField{Name: "last_callback_at",
			Help: "Read-only: when the last callback from WeChat was accepted (updated at most every 10 seconds)."},
		&core.TextField{Name: "last_error", Max: 1000,
			Help: "Read-only: the last callback or URL check WeDesk refused or could not store, in words. Compare last_error_at with last_callback_at to see whether it still happens."},
		&core.DateField{Name: "last_error_at", Help: "Read-only: when last_error happened."},
	)
	if f, ok := channels.Fields.GetByName("aes_key").(*core.TextField); ok {
		f.Pattern = `^$|^[A-Za-z0-9+/]{43}$`
	}
	if f, ok := channels.Fields.GetByName("aes_key_previous").(*core.TextField); ok {
		f.Pattern = `^$|^[A-Za-z0-9+/]{43}$`
	}
	applyHelp(channels, channelHelp)
	if err := app.Save(channels); err != nil {
		return err
	}
	customers, err := app.FindCollectionByNameOrId("customers")
	if err != nil {
		return err
	}
	customers.Fields.Add(&core.TextField{Name: "remark", Max: 100,
		Help: "备注名: the name agents gave this customer; shown before the nickname and searchable."})
	if err := app.Save(customers); err != nil {
		return err
	}
	for name, help := range map[string]map[string]string{
		"customers": customerHelp, "conversations": conversationHelp, "messages": messageHelp, "kf_accounts": kfAccountHelp,
	} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		applyHelp(c, help)
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

func downFirstRun(app core.App) error {
	channels, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return nil
	}
	for _, name := range []string{"callback_url", "last_verified_at", "last_callback_at", "last_error", "last_error_at"} {
		channels.Fields.RemoveByName(name)
	}
	if err := app.Save(channels); err != nil {
		return err
	}
	customers, err := app.FindCollectionByNameOrId("customers")
	if err != nil {
		return nil
	}
	customers.Fields.RemoveByName("remark")
	return app.Save(customers)
}

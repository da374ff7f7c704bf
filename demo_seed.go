package main

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// seedDemo creates the demo's superuser, agents and channel and returns the
// channel id.
func seedDemo(app core.App, simURL string, c demoCredentials) (string, error) {
	su, err := app.FindCachedCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return "", err
	}
	admin := core.NewRecord(su)
	admin.SetEmail("admin@wedesk.demo")
	admin.SetPassword(c.Password)
	if err := app.Save(admin); err != nil {
		return "", fmt.Errorf("demo: superuser: %w", err)
	}
	agents, err := app.FindCachedCollectionByNameOrId("agents")
	if err != nil {
		return "", err
	}
	for _, a := range []struct{ email, name, role string }{
		{"agent@wedesk.demo", "小王", "agent"},
		{"lead@wedesk.demo", "李主管", "supervisor"},
	} {
		r := core.NewRecord(agents)
		r.SetEmail(a.email)
		r.SetPassword(c.Password)
		r.Load(map[string]any{"name": a.name, "role": a.role, "status": "online"})
		if err := app.Save(r); err != nil {
			return "", fmt.Errorf("demo: agent %s: %w", a.email, err)
		}
	}
	channels, err := app.FindCachedCollectionByNameOrId("channels")
	if err != nil {
		return "", err
	}
	ch := core.NewRecord(channels)
	ch.Load(map[string]any{
		"name": "演示公众号", "kind": "wechat_mp", "app_id": demoAccount.AppID, "secret": demoAccount.Secret,
		"token": demoAccount.Token, "aes_key": demoAccount.EncodingAESKey, "api_base": simURL, "enabled": true,
	})
	if err := app.Save(ch); err != nil {
		return "", fmt.Errorf("demo: channel: %w", err)
	}
	return ch.Id, nil
}

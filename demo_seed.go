package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/wechatsim"
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

// demoLines are what the simulated customers say.
var demoLines = []string{
	"你好，请问在吗？", "我昨天下的订单还没发货 😟", "可以开发票吗？", "这个商品有优惠吗", "谢谢！",
	"Hello, do you ship to Shanghai?", "地址填错了，能改吗", "<script>alert('hi')</script> 这段会被当作文字显示",
}

// runDemoCustomers makes a handful of simulated WeChat users write in, one
// message every interval, until ctx ends.
func runDemoCustomers(ctx context.Context, sim *wechatsim.Server, every time.Duration) {
	customers := []*wechatsim.Customer{
		sim.Customer(demoAccount.AppID, "oDemoUser0000000000000001"),
		sim.Customer(demoAccount.AppID, "oDemoUser0000000000000002"),
		sim.Customer(demoAccount.AppID, "oDemoUser0000000000000003"),
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; ; i++ {
		c := customers[rand.IntN(len(customers))]
		var err error
		switch i % 7 {
		case 3:
			_, err = c.SendLocation(ctx, 31.2304, 121.4737, 15, "上海市黄浦区人民广场")
		case 5:
			_, err = c.SendLink(ctx, "商品链接", "我想问问这个", "https://example.com/item/42")
		default:
			_, err = c.SendText(ctx, demoLines[rand.IntN(len(demoLines))])
		}
		if err != nil {
			fmt.Println("demo customer:", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

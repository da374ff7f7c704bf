package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/wechatsim"
)

// demoKFCorp is the WeCom corp whose 微信客服 the demo's simulator plays.
var demoKFCorp = wechatsim.KFCorp{
	CorpID:         "ww0d3m0c0rp0000001",
	Secret:         "demoKFSecret0for0the0simulator0000000000ab",
	Token:          "WeDeskDemoKFToken",
	EncodingAESKey: "WeDeskDemoKFKey0123456789abcdefghijklmnopqr",
}

// demoKFAccounts are the corp's two kf accounts.
var demoKFAccounts = []struct{ ID, Name string }{
	{"wkDemoPresales000001", "售前咨询"},
	{"wkDemoAftersales0001", "售后服务"},
}

// demoKFCustomers are the simulated customers: each enters an account
// through the contact link of a different scene (with a scene_param on
// some), as if from 视频号, 公众号, 小程序, a website and a payment receipt.
var demoKFCustomers = []struct{ user, account, scene, param string }{
	{"wmDemoKF00000000001", demoKFAccounts[0].ID, "channels", "live-0601"},
	{"wmDemoKF00000000002", demoKFAccounts[0].ID, "web", "pricing"},
	{"wmDemoKF00000000003", demoKFAccounts[0].ID, "miniapp", ""},
	{"wmDemoKF00000000004", demoKFAccounts[1].ID, "mp", "menu"},
	{"wmDemoKF00000000005", demoKFAccounts[1].ID, "pay", "order-88"},
}

// addDemoKF puts the corp and its accounts into the simulator.
func addDemoKF(sim *wechatsim.Server) error {
	sim.AddKFCorp(demoKFCorp)
	for _, a := range demoKFAccounts {
		if err := sim.AddKFAccount(demoKFCorp.CorpID, a.ID, a.Name); err != nil {
			return err
		}
	}
	return nil
}

// seedDemoKF creates the 微信客服 channel and returns its id.
func seedDemoKF(app core.App, simURL string) (string, error) {
	channels, err := app.FindCachedCollectionByNameOrId("channels")
	if err != nil {
		return "", err
	}
	ch := core.NewRecord(channels)
	ch.Load(map[string]any{
		"name": "演示微信客服", "kind": "wecom_kf", "app_id": demoKFCorp.CorpID, "secret": demoKFCorp.Secret,
		"token": demoKFCorp.Token, "aes_key": demoKFCorp.EncodingAESKey, "api_base": simURL, "enabled": true,
		"welcome_text": "您好，欢迎咨询！请问有什么可以帮您？",
	})
	if err := app.Save(ch); err != nil {
		return "", fmt.Errorf("demo: kf channel: %w", err)
	}
	return ch.Id, nil
}

// connectDemoKF points the corp's callbacks at WeDesk.
func connectDemoKF(sim *wechatsim.Server, callbackURL string) {
	corp := demoKFCorp
	corp.CallbackURL = callbackURL
	sim.AddKFCorp(corp)
}

// runDemoKFCustomers makes each kf customer enter through its contact link,
// then write now and then, until ctx ends.
func runDemoKFCustomers(ctx context.Context, sim *wechatsim.Server, every time.Duration) {
	customers := make([]*wechatsim.KFCustomer, len(demoKFCustomers))
	for i, c := range demoKFCustomers {
		customers[i] = sim.KFCustomer(demoKFCorp.CorpID, c.account, c.user)
		link := wechatsim.KFContactURL(demoKFCorp.CorpID, c.account, c.scene)
		if c.param != "" {
			link += "&scene_param=" + url.QueryEscape(c.param)
		}
		if _, _, err := customers[i].EnterFromLink(ctx, link); err != nil {
			fmt.Println("demo kf customer:", err)
		}
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; ; i++ {
		c := customers[rand.IntN(len(customers))]
		var err error
		switch i % 5 {
		case 2:
			_, err = c.SendShopProduct(ctx, wechatsim.KFShopProduct{ProductID: "p42", Title: "保温杯 500ml", SalesPrice: "9900", ShopNickname: "演示小店"})
		case 4:
			_, err = c.SendLocation(ctx, wechatsim.KFLocation{Latitude: 23.1066, Longitude: 113.3245, Name: "广州塔", Address: "广州市海珠区阅江西路222号"})
		default:
			_, err = c.SendText(ctx, demoKFLines[rand.IntN(len(demoKFLines))])
		}
		if err != nil {
			fmt.Println("demo kf customer:", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// demoKFBanner is the banner's 微信客服 part.
// demoKFLines are what the simulated 微信客服 customers say.
var demoKFLines = []string{
	"你好，请问在吗？", "我昨天下的订单还没发货", "可以开发票吗？", "这个商品有优惠吗", "谢谢！",
	"Hello, do you ship to Shanghai?", "地址填错了，能改吗",
}

func demoKFBanner(addr string) string {
	names := make([]string, len(demoKFAccounts))
	for i, a := range demoKFAccounts {
		names[i] = a.Name + " (" + a.ID + ")"
	}
	scenes := make([]string, len(demoKFCustomers))
	for i, c := range demoKFCustomers {
		scenes[i] = c.scene
	}
	return fmt.Sprintf("  微信客服   channel 演示微信客服 (%s), accounts %s\n"+
		"             customers enter from scenes %s\n"+
		"  Links      http://%s/_wedesk/contact.html   (QR codes, links, button snippets; dashboard admin)\n",
		demoKFCorp.CorpID, strings.Join(names, ", "), strings.Join(scenes, ", "), addr)
}

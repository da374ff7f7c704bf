package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/wedesk/wedesk/internal/wechatsim"
)

// demoStep is one thing a simulated customer does.
type demoStep func(ctx context.Context, c *wechatsim.Customer) error

// demoPersona is a simulated follower: the account's remark name for them
// (备注名, which user/info returns), where they came from, and how they
// first write in.
type demoPersona struct {
	openID, remark, scene string
	intro                 []demoStep
}

func say(text string) demoStep {
	return func(ctx context.Context, c *wechatsim.Customer) error { _, err := c.SendText(ctx, text); return err }
}

func event(name, key string) demoStep {
	return func(ctx context.Context, c *wechatsim.Customer) error {
		_, err := c.SendEvent(ctx, name, key, nil)
		return err
	}
}

func photo(hue uint8) demoStep {
	return func(ctx context.Context, c *wechatsim.Customer) error {
		_, err := c.SendImage(ctx, demoPhoto(hue), "photo.png")
		return err
	}
}

func voice() demoStep {
	return func(ctx context.Context, c *wechatsim.Customer) error {
		_, err := c.SendVoice(ctx, demoVoice())
		return err
	}
}

func video() demoStep {
	return func(ctx context.Context, c *wechatsim.Customer) error {
		_, err := c.SendVideo(ctx, demoVideo(), demoPhoto(40))
		return err
	}
}

func place(lat, lng float64, label string) demoStep {
	return func(ctx context.Context, c *wechatsim.Customer) error {
		_, err := c.SendLocation(ctx, lat, lng, 15, label)
		return err
	}
}

func link(title, desc, url string) demoStep {
	return func(ctx context.Context, c *wechatsim.Customer) error {
		_, err := c.SendLink(ctx, title, desc, url)
		return err
	}
}

// demoPersonas cover the ways followers arrive (QR poster, search, 视频号,
// business card, mini program, article menu) and every message type an
// Official Account receives. One is the clearly labelled XSS example.
var demoPersonas = []demoPersona{
	{"oDemo7Hq2WangWholesale01", "王女士（批发）", "ADD_SCENE_QR_CODE",
		[]demoStep{event("subscribe", "qrscene_门店海报"), say("你好，批发价怎么算？一次要 200 件"), photo(220)}},
	{"oDemo3Kx9ChenOrder000002", "陈先生", "ADD_SCENE_SEARCH",
		[]demoStep{say("我昨天下的订单还没发货 😟 订单号 #1024"), voice(), place(31.2304, 121.4737, "上海市黄浦区人民广场")}},
	{"oDemo5Lp4LilyChannels003", "Lily Zhang", "ADD_SCENE_CHANNELS",
		[]demoStep{link("视频号同款连衣裙", "我在视频号看到的这一款", "https://example.com/item/42"), say("Hello, do you ship to Hong Kong?")}},
	{"oDemo8Mn6LiuCard00000004", "刘阿姨", "ADD_SCENE_PROFILE_CARD",
		[]demoStep{event("CLICK", "CONTACT_US"), say("朋友推荐的，想问问保健品怎么吃"), video()}},
	{"oDemo2Rt8ZhaoMiniApp0005", "赵同学", "ADD_SCENE_WXA",
		[]demoStep{say("小程序里付款失败了，能帮我看看吗"), photo(90)}},
	{"oDemo9Zc1Anonymous000006", "", "ADD_SCENE_PROFILE_ITEM",
		[]demoStep{event("SCAN", "counter-3"), say("在吗？")}},
	{"oDemo4Xs5SecurityDemo007", "XSS 演示（安全测试）", "ADD_SCENE_SEARCH",
		[]demoStep{say("【XSS 演示 / XSS example】下面这段脚本按原样显示为文字，不会执行 — shown as text, never run: <script>alert('xss')</script>")}},
}

// demoChatter is what the named customers keep saying afterwards, one
// step every interval, of every type.
var demoChatter = []demoStep{
	say("可以开发票吗？"), say("这个商品有优惠吗"), say("谢谢！"), say("地址填错了，能改吗"),
	photo(160), voice(), video(), place(39.9087, 116.3975, "北京市东城区天安门"),
	link("我想问问这个", "商品详情", "https://example.com/item/7"), event("CLICK", "ORDER_STATUS"),
}

// runDemoCustomers introduces every persona at once, so that the inbox is
// full from the start, then has the named ones write one step every
// interval until ctx ends.
func runDemoCustomers(ctx context.Context, sim *wechatsim.Server, every time.Duration) {
	talkers := introduceDemoCustomers(ctx, sim, func(err error) { fmt.Println("demo customer:", err) })
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		c := talkers[rand.IntN(len(talkers))]
		if err := demoChatter[rand.IntN(len(demoChatter))](ctx, c); err != nil {
			fmt.Println("demo customer:", err)
		}
	}
}

// introduceDemoCustomers has every persona follow and write in, reporting
// failures to fail, and returns the named ones who keep talking (not the
// anonymous one, not the XSS example).
func introduceDemoCustomers(ctx context.Context, sim *wechatsim.Server, fail func(error)) []*wechatsim.Customer {
	var talkers []*wechatsim.Customer
	for i, p := range demoPersonas {
		c := sim.Customer(demoAccount.AppID, p.openID).SetRemark(p.remark).SetScene(p.scene)
		for _, step := range p.intro {
			if err := step(ctx, c); err != nil {
				fail(err)
			}
		}
		if p.remark != "" && i != len(demoPersonas)-1 {
			talkers = append(talkers, c)
		}
	}
	return talkers
}

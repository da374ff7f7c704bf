package wechatsim

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestKFEnterFromLink(t *testing.T) {
	e := newKFEnv(t, Options{})
	ctx := context.Background()
	link := e.call(t, pathKFAddContactWay, map[string]string{"open_kfid": testKF, "scene": "web"}).str("url")
	other := e.call(t, pathKFAddContactWay, map[string]string{"open_kfid": otherKF, "scene": "web"}).str("url")
	bare := e.call(t, pathKFAddContactWay, map[string]string{"open_kfid": testKF}).str("url")
	c := e.customer(testUser)
	refused := []struct{ name, link string }{
		{"another account's link", other},
		{"an altered link", strings.Replace(link, "kfc", "kfd", 1)},
		{"an extra parameter", link + "&x=1"},
		{"scene_param over 128 bytes", link + "&scene_param=" + strings.Repeat("a", 129)},
		{"scene_param without a scene", bare + "?scene_param=a"},
		{"not WeCom", "https://example.com/kfid/kfc?enc_scene=x"},
	}
	for _, r := range refused {
		if _, _, err := c.EnterFromLink(ctx, r.link); !errors.Is(err, ErrKFBadLink) {
			t.Errorf("%s: %v, want ErrKFBadLink", r.name, err)
		}
	}
	if _, _, err := c.EnterFromLink(ctx, link+"&scene_param=%E4%BB%B7%E6%A0%BC"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.customer(otherUser).EnterFromLink(ctx, bare); err != nil {
		t.Fatal(err)
	}
	p := e.sync(t, map[string]any{}, 0)
	if len(p.msgs) != 2 {
		t.Fatalf("%d events, want 2", len(p.msgs))
	}
	ev := p.msgs[0]["event"].(map[string]any)
	if ev["scene"] != "web" || ev["scene_param"] != "价格" {
		t.Fatalf("enter_session %v, want scene web and scene_param 价格", ev)
	}
	if ev := p.msgs[1]["event"].(map[string]any); ev["scene"] != nil && ev["scene"] != "" {
		t.Fatalf("a link without scene gave scene %v", ev["scene"])
	}
}

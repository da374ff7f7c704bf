package wechatsim

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// BenchmarkCustomSend measures one accepted message/custom/send round trip
// through the simulator over loopback HTTP:
// go test -run '^$' -bench CustomSend ./internal/wechatsim/
func BenchmarkCustomSend(b *testing.B) {
	e := newEnv(b, Options{Quota: 1 << 30})
	as := newAccountServer(b, testAccount, replySuccess)
	e.sim.SetCallbackURL(testAccount.AppID, as.URL)
	if _, err := e.sim.Customer(testAccount.AppID, "oBench").SendText(context.Background(), "hi"); err != nil {
		b.Fatal(err)
	}
	tok := e.token(b, testAccount)
	u := e.srv.URL + pathCustomSend + "?" + url.Values{"access_token": {tok}}.Encode()
	body := textBody("oBench", "benchmark reply")
	for b.Loop() {
		resp, err := http.Post(u, "application/json", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		a := decodeAnswer(b, resp)
		resp.Body.Close()
		if a.errcode() != 0 {
			b.Fatalf("errcode %d", a.errcode())
		}
	}
}

// BenchmarkPush measures one encrypted text push acknowledged with
// "success": go test -run '^$' -bench Push ./internal/wechatsim/
func BenchmarkPush(b *testing.B) {
	e := newEnv(b, Options{})
	as := newAccountServer(b, testAccount, func(w http.ResponseWriter, _ *http.Request, _ gotPush, _ int) {
		_, _ = w.Write([]byte("success"))
	})
	e.sim.SetCallbackURL(testAccount.AppID, as.URL)
	c := e.sim.Customer(testAccount.AppID, "oBench")
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.SendText(ctx, "benchmark message"); err != nil {
			b.Fatal(err)
		}
	}
}

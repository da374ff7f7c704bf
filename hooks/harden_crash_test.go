package hooks_test

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/wedesk/wedesk/internal/wechatsim"
)

// process is one running wedesk serve.
type process struct {
	cmd  *exec.Cmd
	base string
}

// startBinary runs `wedesk serve` on dir and waits until it answers.
func startBinary(t *testing.T, bin, dir string) *process {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--dir", dir, "--http", addr)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if os.Getenv("WEDESK_CRASH_VERBOSE") == "" {
		cmd.Stdout, cmd.Stderr = nil, nil
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, base: "http://" + addr}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(p.base + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return p
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("wedesk did not start")
	return nil
}

// kill9 kills the process without letting it clean up.
func (p *process) kill9(t *testing.T) {
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_, _ = p.cmd.Process.Wait()
}

// crashRuns is how many kill -9 runs TestHardenCrashDuringSends makes:
// 10, 3 with -short, or WEDESK_CRASH_RUNS.
func crashRuns() int {
	if n, err := strconv.Atoi(os.Getenv("WEDESK_CRASH_RUNS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return 3
	}
	return 10
}

// TestHardenCrashDuringSends kills the real binary with SIGKILL while
// replies go out to an Official Account and a 微信客服 account at 30–100 ms
// WeChat latency, restarts it, and accounts for every reply: sent exactly
// once, or "unknown" (shown as such) — never twice unnoticed.
func TestHardenCrashDuringSends(t *testing.T) {
	bin := buildWeDesk(t)
	runs := crashRuns()
	totals := map[string]int{}
	for run := range runs {
		latency := 30*time.Millisecond + time.Duration(run)*70*time.Millisecond/time.Duration(max(runs-1, 1))
		t.Run(fmt.Sprintf("run%d_%dms", run, latency.Milliseconds()), func(t *testing.T) {
			for k, v := range crashRun(t, bin, latency) {
				totals[k] += v
			}
		})
	}
	t.Logf("outcomes over %d runs: %v", runs, totals)
}

// crashRun is one run; it returns how many replies ended in each outcome.
func crashRun(t *testing.T, bin string, latency time.Duration) map[string]int {
	h := &harness{t: t}
	h.sim = wechatsim.New(wechatsim.Options{PushTimeout: 10 * time.Second})
	h.sim.AddAccount(testAccount)
	h.sim.AddKFCorp(testKFCorp)
	if err := h.sim.AddKFAccount(testKFCorp.CorpID, testKFAccount, "WeDesk 客服"); err != nil {
		t.Fatal(err)
	}
	h.simSrv = httptest.NewServer(h.sim)
	t.Cleanup(h.simSrv.Close)
	h.app = newTestApp(t)
	h.channel = h.createChannel(h.simSrv.URL)
	k := &kfHarness{harness: h}
	k.kfChannel = k.createKFChannel("")
	lead := h.newRecord("agents", map[string]any{"email": "lead@example.com", "password": "password123",
		"name": "Lead", "role": "supervisor", "status": "online", "max_concurrent": 10})
	token := h.token(lead)
	dir := copyDir(t, h.app.DataDir())

	p := startBinary(t, bin, dir)
	h.sim.SetCallbackURL(testAccount.AppID, p.base+"/callback/"+testChannelID)
	corp := testKFCorp
	corp.CallbackURL = p.base + "/callback/" + testKFChannelID
	h.sim.AddKFCorp(corp)

	api := &crashAPI{t: t, base: p.base, token: token}
	var convs []string
	for i := range 4 {
		if _, err := h.customer(fmt.Sprintf("oUserCrash%05d", i)).SendText(h.ctx(), "hi"); err != nil {
			t.Fatal(err)
		}
		if _, err := k.kfCustomer(fmt.Sprintf("wmCrash%08d", i)).SendText(h.ctx(), "hi"); err != nil {
			t.Fatal(err)
		}
	}
	waitUntil(t, "8 conversations", func() bool { convs = api.ids("conversations", ""); return len(convs) == 8 })

	h.sim.SetLatency(pathCustomSend, latency)
	h.sim.SetKFLatency("/cgi-bin/kf/send_msg", latency)
	var mu sync.Mutex
	var replies []string
	var wg sync.WaitGroup
	for _, c := range convs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 {
				id, ok := api.reply(c, fmt.Sprintf("reply %s %d", c, i))
				if !ok {
					return // the process is gone
				}
				mu.Lock()
				replies = append(replies, id)
				mu.Unlock()
			}
		}()
	}
	// Kill while sends are in flight: after WeChat took some, mid-latency.
	waitUntil(t, "sends in flight", func() bool {
		return len(h.sim.Sent(testAccount.AppID))+len(h.sim.KFSent(testKFCorp.CorpID)) >= 4
	})
	time.Sleep(latency / 2)
	p.kill9(t)
	wg.Wait()

	p = startBinary(t, bin, dir)
	api.base = p.base
	waitUntil(t, "the outbox to settle", func() bool {
		return len(api.ids("messages", "status = 'pending' || status = 'sending'")) == 0
	})
	time.Sleep(300 * time.Millisecond)
	return accountFor(t, h.sim, api, replies)
}

// accountFor checks every reply against what WeChat received.
func accountFor(t *testing.T, sim *wechatsim.Server, api *crashAPI, replies []string) map[string]int {
	copies := map[string]int{}
	for _, s := range sim.Sent(testAccount.AppID) {
		var b struct {
			Text struct{ Content string } `json:"text"`
		}
		_ = json.Unmarshal(s.Body, &b)
		copies[b.Text.Content]++
	}
	for _, s := range sim.KFSent(testKFCorp.CorpID) {
		copies[s.MsgID]++
	}
	out := map[string]int{}
	for _, id := range replies {
		rec := api.message(id)
		n := copies[rec.Text] + copies[id]
		switch {
		case n > 1:
			t.Errorf("reply %s (%s) reached WeChat %d times", id, rec.Status, n)
		case rec.Status == "sent" && n == 1:
			out["sent once"]++
		case rec.Status == "unknown":
			out[fmt.Sprintf("unknown, delivered %d", n)]++
		default:
			t.Errorf("reply %s: status %s with %d copies at WeChat", id, rec.Status, n)
		}
	}
	t.Logf("%d replies: %v", len(replies), out)
	return out
}

package hooks_test

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// rssKB reads a process's resident set (VmRSS) or peak (VmHWM) in KB.
func rssKB(pid int, field string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			n, _ := strconv.Atoi(strings.Fields(line)[1])
			return n
		}
	}
	return 0
}

// TestHardenRSSUnderDeepJSONCallbacks runs the real binary and fires
// signed Official Account callbacks whose decrypted payload is JSON nested
// 9,000 levels deep, 128 at a time, and reports the process's peak RSS.
// Set WEDESK_RSS=1 to run it (it is a measurement, not a CI check).
func TestHardenRSSUnderDeepJSONCallbacks(t *testing.T) {
	if os.Getenv("WEDESK_RSS") == "" {
		t.Skip("set WEDESK_RSS=1 to measure")
	}
	bin := buildWeDesk(t)
	h := &harness{t: t}
	h.app = newTestApp(t)
	h.channel = h.createChannel("http://127.0.0.1:1")
	dir := copyDir(t, h.app.DataDir())
	p := startBinary(t, bin, dir)
	pid := p.cmd.Process.Pid
	time.Sleep(time.Second)
	idle := rssKB(pid, "VmRSS")

	plain := `{"MsgType":"text","x":` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `}`
	push := sealedPush(t, testAccount.Token, testAccount.EncodingAESKey, testAccount.AppID, plain)
	url := p.base + "/callback/" + testChannelID + "?" + push.query.Encode()
	const concurrency, total = 128, 2048
	var peak atomic.Int64
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				if r := int64(rssKB(pid, "VmRSS")); r > peak.Load() {
					peak.Store(r)
				}
			}
		}
	}()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency}}
	var wg sync.WaitGroup
	var next, errs atomic.Int64
	statuses := sync.Map{}
	start := time.Now()
	for range concurrency {
		wg.Go(func() {
			for next.Add(1) <= total {
				res, err := client.Post(url, "text/xml", strings.NewReader(push.body))
				if err != nil {
					errs.Add(1)
					continue
				}
				res.Body.Close()
				n, _ := statuses.LoadOrStore(res.StatusCode, new(atomic.Int64))
				n.(*atomic.Int64).Add(1)
			}
		})
	}
	wg.Wait()
	close(stop)
	elapsed := time.Since(start)
	counts := map[int]int64{}
	statuses.Range(func(k, v any) bool { counts[k.(int)] = v.(*atomic.Int64).Load(); return true })
	t.Logf("%d deep-JSON callbacks, %d concurrent, in %v: statuses %v, transport errors %d", total, concurrency, elapsed, counts, errs.Load())
	t.Logf("RSS idle %d KB, peak sampled %d KB, VmHWM %d KB, after %d KB",
		idle, peak.Load(), rssKB(pid, "VmHWM"), rssKB(pid, "VmRSS"))
}

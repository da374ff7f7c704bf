package liveload

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// topic is the inbox's live topic (internal/live.Topic).
const topic = "wedesk_live"

// Markers the reader looks for in a frame. Frames are scanned, not
// decoded: a team of 200 agents on one machine must cost the measurement
// little, or it measures itself.
var (
	markMsgID   = []byte(`"msgid":"`)
	markResync  = []byte(`"resync":true`)
	markRowMove = [][]byte{[]byte(`"opened":true`), []byte(`"previousAgent":"`), []byte(`"gone":true`)}
)

// agent is one simulated agent's realtime connection.
type agent struct {
	api   *api
	token string
	list  bool

	mu       sync.Mutex
	arrivals map[string]time.Time // msgid → first arrival
	frames   int
	resyncs  int
	lists    int
	dirty    bool         // a list refresh is due
	count    atomic.Int64 // distinct messages received
}

// connect opens the SSE stream, subscribes to the live topic and returns
// once subscribed; the stream is read until ctx ends.
func (g *agent) connect(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", g.api.base+"/api/realtime", nil)
	if err != nil {
		return err
	}
	resp, err := g.api.client.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("liveload: realtime: %d", resp.StatusCode)
	}
	events := make(chan sse, 64)
	go readSSE(resp, events)
	first, ok := <-events
	if !ok || first.name != "PB_CONNECT" {
		return fmt.Errorf("liveload: realtime: no PB_CONNECT")
	}
	var hello struct{ ClientID string }
	if err := json.Unmarshal(first.data, &hello); err != nil {
		return err
	}
	if err := g.api.do(ctx, "POST", "/api/realtime", g.token,
		map[string]any{"clientId": hello.ClientID, "subscriptions": []string{topic}}, nil); err != nil {
		return err
	}
	go g.read(ctx, events)
	if g.list {
		go g.refreshLoop(ctx)
	}
	return nil
}

func (g *agent) read(ctx context.Context, events <-chan sse) {
	for ev := range events {
		if ev.name != topic {
			continue
		}
		g.mu.Lock()
		g.frames++
		if bytes.Contains(ev.data, markResync) {
			g.resyncs++
			g.dirty = true
		}
		// Only customer messages carry a msgid: note each one's first arrival.
		rest := ev.data
		for {
			i := bytes.Index(rest, markMsgID)
			if i < 0 {
				break
			}
			start := i + len(markMsgID)
			end := bytes.IndexByte(rest[start:], '"')
			if end < 0 {
				break
			}
			id := string(rest[start : start+end])
			if _, seen := g.arrivals[id]; !seen {
				g.arrivals[id] = ev.at
				g.count.Add(1)
			}
			rest = rest[start+end:]
		}
		// The page refreshes its list when a row must appear or move.
		for _, m := range markRowMove {
			if bytes.Contains(ev.data, m) {
				g.dirty = true
			}
		}
		g.mu.Unlock()
	}
}

// refreshLoop fetches the list as the page's throttle does: at most once a
// second, only when an event asked for it.
func (g *agent) refreshLoop(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		g.mu.Lock()
		due := g.dirty
		g.dirty = false
		g.mu.Unlock()
		if !due {
			continue
		}
		req, err := http.NewRequestWithContext(ctx, "GET", g.api.base+"/inbox/list?tab=all", nil)
		if err != nil {
			continue
		}
		req.Header.Set("HX-Request", "true")
		req.AddCookie(&http.Cookie{Name: "wd_session", Value: g.token})
		if resp, err := g.api.client.Do(req); err == nil {
			resp.Body.Close()
			g.mu.Lock()
			g.lists++
			g.mu.Unlock()
		}
	}
}

// sse is one server-sent event.
type sse struct {
	name string
	data []byte
	at   time.Time // when its last line was read
}

// readSSE parses a text/event-stream into events until it ends.
func readSSE(resp *http.Response, out chan<- sse) {
	defer close(out)
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var cur sse
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if cur.name != "" || cur.data != nil {
				cur.at = time.Now()
				out <- cur
			}
			cur = sse{}
		case strings.HasPrefix(line, "event:"):
			cur.name = strings.TrimSpace(line[len("event:"):])
		case strings.HasPrefix(line, "data:"):
			cur.data = append(cur.data, strings.TrimSpace(line[len("data:"):])...)
		}
	}
}

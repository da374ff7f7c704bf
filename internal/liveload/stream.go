package liveload

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
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
	resyncFrame = []byte(`{"resync":true}`)
	markRowMove = [][]byte{[]byte(`"opened":true`), []byte(`"previousAgent":"`), []byte(`"gone":true`)}
)

// epoch is the origin of the monotonic nanosecond stamps kept in the
// arrival and acknowledgement arrays (0 there means "not yet").
var epoch = time.Now()

// stamp is now in nanoseconds since epoch, never 0.
func stamp() int64 { return int64(time.Since(epoch)) + 1 }

// agent is one simulated agent's realtime connection. Its arrivals are a
// flat array indexed by msgid-first (see Team.Expect): no map, nothing for
// the garbage collector to scan, whatever the length of the run.
type agent struct {
	api   *api
	token string
	list  bool

	mu       sync.Mutex
	first    uint64  // the run's first msgid
	arrivals []int64 // stamp of each message's first arrival, by msgid-first
	frames   int
	resyncs  int
	lists    int
	dirty    bool         // a list refresh is due
	count    atomic.Int64 // distinct messages of the run received
}

// expect sizes the arrivals for msgids first … first+n-1.
func (g *agent) expect(first uint64, n int) {
	g.mu.Lock()
	g.first, g.arrivals = first, make([]int64, n)
	g.mu.Unlock()
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
	hello := make(chan []byte, 1)
	go g.stream(resp.Body, hello)
	first, ok := <-hello
	if !ok {
		return errors.New("liveload: realtime: no PB_CONNECT")
	}
	var connected struct{ ClientID string }
	if err := json.Unmarshal(first, &connected); err != nil {
		return err
	}
	if err := g.api.do(ctx, "POST", "/api/realtime", g.token,
		map[string]any{"clientId": connected.ClientID, "subscriptions": []string{topic}}, nil); err != nil {
		return err
	}
	if g.list {
		go g.refreshLoop(ctx)
	}
	return nil
}

// stream reads the text/event-stream until it ends: PB_CONNECT's data goes
// to hello, each live frame to frame. Lines are read in place from a large
// buffer; only a line longer than the buffer is copied.
func (g *agent) stream(body io.ReadCloser, hello chan<- []byte) {
	defer body.Close()
	defer func() {
		if hello != nil {
			close(hello)
		}
	}()
	br := bufio.NewReaderSize(body, 256<<10)
	var name string
	var long []byte
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if err != nil {
			return
		}
		line = bytes.TrimRight(line, "\r\n")
		switch {
		case len(line) == 0:
			name = ""
		case bytes.HasPrefix(line, []byte("event:")):
			name = string(bytes.TrimSpace(line[len("event:"):]))
		case bytes.HasPrefix(line, []byte("data:")):
			data := bytes.TrimSpace(line[len("data:"):])
			switch {
			case name == "PB_CONNECT" && hello != nil:
				hello <- bytes.Clone(data)
				close(hello)
				hello = nil
			case name == topic:
				g.frame(data, stamp())
			}
		}
	}
}

// frame notes one live frame that arrived at stamp at.
func (g *agent) frame(data []byte, at int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.frames++
	if bytes.Equal(data, resyncFrame) {
		g.resyncs++
		g.dirty = true
		return
	}
	// Only customer messages carry a msgid: note each one's first arrival.
	for rest := data; ; {
		i := bytes.Index(rest, markMsgID)
		if i < 0 {
			break
		}
		rest = rest[i+len(markMsgID):]
		id, n := parseDigits(rest)
		rest = rest[n:]
		if n == 0 || id < g.first || id-g.first >= uint64(len(g.arrivals)) {
			continue // not one of this run's messages
		}
		if slot := &g.arrivals[id-g.first]; *slot == 0 {
			*slot = at
			g.count.Add(1)
		}
	}
	// The page refreshes its list when a row must appear or move.
	if g.list && !g.dirty {
		for _, m := range markRowMove {
			if bytes.Contains(data, m) {
				g.dirty = true
				break
			}
		}
	}
}

// parseDigits reads the decimal number at the start of b and how many
// bytes it took.
func parseDigits(b []byte) (v uint64, n int) {
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		v = v*10 + uint64(b[n]-'0')
		n++
	}
	return v, n
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
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			g.mu.Lock()
			g.lists++
			g.mu.Unlock()
		}
	}
}

package wechatsim

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// LoadOptions configure RunLoad.
type LoadOptions struct {
	// URL is the account server's full callback URL.
	URL string
	// Account supplies Token, EncodingAESKey, AppID and OriginalID.
	Account Account
	// N is how many pushes to send; Concurrency how many are in flight.
	N, Concurrency int
	// Customers is how many distinct OpenIDs the pushes come from (default 1).
	Customers int
	// Timeout is the per-request deadline (default 5 s, WeChat's).
	Timeout time.Duration
	// Rate paces the pushes at this many per second; zero sends as fast
	// as Concurrency allows.
	Rate float64
	// OnAck, when set, is called with each push's MsgId and the moment
	// WeDesk acknowledged it (answered WeChat), from the sending goroutine.
	OnAck func(msgID string, at time.Time)
	// OnReady, when set, is told the MsgIds the run will carry — first,
	// first+1, … first+n-1 — once they are prepared and before the first
	// push, so a watcher can keep its bookkeeping in flat arrays.
	OnReady func(first uint64, n int)
}

// LoadReport summarises a load run. A request is OK when it got 200 with
// "success", an empty body or an <xml> reply within Timeout.
type LoadReport struct {
	Sent, OK, Failed int
	Elapsed          time.Duration
	// Throughput is completed requests per second of Elapsed.
	Throughput         float64
	P50, P95, P99, Max time.Duration
	// Failures counts the failed requests by what went wrong: the HTTP
	// status, or the error for one that got no answer.
	Failures map[string]int
}

// preparedPush is one pre-encrypted callback request.
type preparedPush struct {
	msgID string
	url   string
	body  []byte
	raw   []byte // the whole HTTP/1.1 request, for http URLs
}

// RunLoad fires N distinct safe-mode text callbacks at o.URL with the given
// concurrency over one shared keep-alive transport and measures each
// request's latency. Encryption happens before the clock starts.
func RunLoad(ctx context.Context, o LoadOptions) (LoadReport, error) {
	if err := o.normalise(); err != nil {
		return LoadReport{}, err
	}
	pushes, first, err := preparePushes(ctx, o)
	if err != nil {
		return LoadReport{}, err
	}
	if o.OnReady != nil {
		o.OnReady(first, len(pushes))
	}
	transport := &http.Transport{MaxIdleConns: o.Concurrency, MaxIdleConnsPerHost: o.Concurrency, IdleConnTimeout: 90 * time.Second}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: o.Timeout}
	addr, rawErr := hostPort(o.URL)

	latencies := make([]time.Duration, len(pushes))
	ok := make([]bool, len(pushes))
	why := make([]string, len(pushes)) // of each failure
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range o.Concurrency {
		wg.Go(func() {
			conn := &rawConn{addr: addr, timeout: o.Timeout}
			defer conn.close()
			for i := range next {
				if rawErr == nil {
					latencies[i], ok[i], why[i] = fireRaw(ctx, conn, pushes[i])
				} else {
					latencies[i], ok[i], why[i] = fire(ctx, client, pushes[i])
				}
				if ok[i] && o.OnAck != nil {
					o.OnAck(pushes[i].msgID, time.Now())
				}
			}
		})
	}
	sent := dispatch(ctx, next, len(pushes), o.Rate)
	wg.Wait()
	report := summarise(latencies[:sent], ok[:sent], time.Since(start))
	for i := range sent {
		if !ok[i] {
			if report.Failures == nil {
				report.Failures = map[string]int{}
			}
			report.Failures[why[i]]++
		}
	}
	if err := ctx.Err(); err != nil {
		return report, fmt.Errorf("wechatsim: load stopped after %d requests: %w", sent, err)
	}
	return report, nil
}

// normalise checks o and fills defaults.
func (o *LoadOptions) normalise() error {
	if o.URL == "" || o.N <= 0 {
		return errors.New("wechatsim: load needs URL and N > 0")
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 1
	}
	if o.Customers <= 0 {
		o.Customers = 1
	}
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	return nil
}

// preparePushes encrypts and signs N text messages with distinct,
// consecutive MsgIds (from first), contents and nonces, spread over
// o.Customers users.
func preparePushes(ctx context.Context, o LoadOptions) (pushes []preparedPush, first uint64, err error) {
	c, err := wxcrypto.NewCrypter(o.Account.Token, o.Account.EncodingAESKey, o.Account.AppID)
	if err != nil {
		return nil, 0, fmt.Errorf("wechatsim: load account: %w", err)
	}
	t := pushTarget{url: o.URL, token: o.Account.Token, appID: o.Account.AppID, originalID: o.Account.OriginalID, crypter: c}
	now := time.Now()
	baseID := 24_000_000_000_000_000 + uint64(now.UnixNano()/1000)
	pushes = make([]preparedPush, o.N)
	for i := range pushes {
		if err := ctx.Err(); err != nil {
			return nil, 0, fmt.Errorf("wechatsim: load preparation: %w", err)
		}
		openID := loadOpenID(i % o.Customers)
		plain := buildXML([]xmlField{
			text("ToUserName", o.Account.OriginalID), text("FromUserName", openID),
			number("CreateTime", now.Unix()), text("MsgType", "text"),
			text("Content", "load message "+strconv.Itoa(i)),
			{name: "MsgId", value: strconv.FormatUint(baseID+uint64(i), 10), bare: true},
		})
		msgID := strconv.FormatUint(baseID+uint64(i), 10)
		u, body, err := signedPush(t, openID, ModeSafe, plain, now)
		if err != nil {
			return nil, 0, err
		}
		pushes[i] = preparedPush{msgID: msgID, url: u, body: body}
		if pu, err := url.Parse(u); err == nil && pu.Scheme == "http" {
			pushes[i].raw = rawRequest(pu, body) // https pushes go through net/http
		}
	}
	return pushes, baseID, nil
}

// loadOpenID makes a 28-character OpenID like WeChat's for customer i.
func loadOpenID(i int) string {
	return fmt.Sprintf("oLoad%023d", i)
}

// dispatch hands out request indexes until all are sent or ctx ends, and
// returns how many were handed out. With rate > 0, push i is handed out
// no earlier than i/rate seconds after the start.
func dispatch(ctx context.Context, next chan<- int, n int, rate float64) int {
	defer close(next)
	start := time.Now()
	for i := 0; i < n; i++ {
		if rate > 0 {
			if d := time.Until(start.Add(time.Duration(float64(i) / rate * float64(time.Second)))); d > 0 {
				time.Sleep(d)
			}
		}
		select {
		case next <- i:
		case <-ctx.Done():
			return i
		}
	}
	return n
}

// fireRaw posts one prepared push on a worker's own connection.
func fireRaw(ctx context.Context, conn *rawConn, p preparedPush) (time.Duration, bool, string) {
	start := time.Now()
	status, body, err := conn.do(ctx, p.raw)
	ok, why := judge(status, body, err)
	return time.Since(start), ok, why
}

// judge says whether WeChat would take the answer as delivered, and if not
// why not.
func judge(status int, body []byte, err error) (bool, string) {
	switch {
	case err != nil:
		return false, err.Error()
	case !acceptedReply(status, body):
		return false, fmt.Sprintf("HTTP %d %.60s", status, body)
	}
	return true, ""
}

// acceptedReply reports whether WeChat would take a reply as delivered.
func acceptedReply(status int, body []byte) bool {
	return status == http.StatusOK &&
		(len(body) == 0 || string(body) == "success" || bytes.HasPrefix(body, []byte("<xml>")))
}

// fire posts one prepared push and reports its latency and success.
func fire(ctx context.Context, client *http.Client, p preparedPush) (time.Duration, bool, string) {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(p.body))
	if err != nil {
		return 0, false, err.Error()
	}
	req.Header.Set("Content-Type", "text/xml")
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(start), false, err.Error()
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes))
	_ = resp.Body.Close()
	ok, why := judge(resp.StatusCode, body, err)
	return time.Since(start), ok, why
}

// summarise computes counts, throughput and latency percentiles.
func summarise(latencies []time.Duration, ok []bool, elapsed time.Duration) LoadReport {
	r := LoadReport{Sent: len(latencies), Elapsed: elapsed}
	for _, good := range ok {
		if good {
			r.OK++
		}
	}
	r.Failed = r.Sent - r.OK
	if elapsed > 0 {
		r.Throughput = float64(r.Sent) / elapsed.Seconds()
	}
	if len(latencies) == 0 {
		return r
	}
	sorted := slices.Clone(latencies)
	slices.Sort(sorted)
	r.P50, r.P95, r.P99 = percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)
	r.Max = sorted[len(sorted)-1]
	return r
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// String renders the report on one line for the CLI.
func (r LoadReport) String() string {
	s := fmt.Sprintf("sent=%d ok=%d failed=%d elapsed=%s throughput=%.1f req/s p50=%s p95=%s p99=%s max=%s",
		r.Sent, r.OK, r.Failed, r.Elapsed.Round(time.Millisecond), r.Throughput,
		r.P50.Round(time.Microsecond), r.P95.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond))
	for _, why := range slices.Sorted(maps.Keys(r.Failures)) {
		s += fmt.Sprintf("\n  failed %d× %s", r.Failures[why], why)
	}
	return s
}

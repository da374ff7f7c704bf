// Package wecomkf is WeDesk's client for WeCom's WeChat Customer Service
// (微信客服, "kf") API: pulling messages with kf/sync_msg, replying with
// kf/send_msg and kf/send_msg_on_event, session state, accounts, customer
// profiles and temporary media, plus the parser for the decrypted
// kf_msg_or_event callback (callback.go).
//
// A Client owns its access-token cache: one token per (CorpID, secret),
// fetched by a single request however many goroutines ask at once, and
// refreshed shortly before it expires. When WeCom rejects a token
// (40001/40014/42001) the call is replayed exactly once with a freshly
// fetched one. Tokens and secrets never appear in returned errors. The base
// URL is injectable so tests and the simulator can stand in for
// qyapi.weixin.qq.com.
package wecomkf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wedesk/wedesk/internal/jsonlimit"
)

// DefaultBaseURL is WeCom's production API host.
const DefaultBaseURL = "https://qyapi.weixin.qq.com"

// DefaultTimeout bounds each HTTP exchange when NewClient gets no http.Client.
const DefaultTimeout = 15 * time.Second

// Response size caps. A sync_msg page holds up to 1000 messages (merged
// chat records can be a few KB each); every other answer is tiny.
const (
	maxJSONBytes = 1 << 20
	maxSyncBytes = 16 << 20
)

// Client calls the kf API for one WeCom app (CorpID + app secret). It is
// safe for concurrent use; set the exported fields before the first call.
type Client struct {
	// BaseURL is the API root without trailing slash.
	BaseURL string
	// CorpID is the WeCom corp id (ww…).
	CorpID string
	// HTTP performs every request; its Timeout bounds each exchange.
	HTTP *http.Client
	// Now is the clock used for token expiry; nil means time.Now.
	Now func() time.Time
	// MaxMediaBytes caps GetMedia downloads; 0 means DefaultMaxMediaBytes.
	MaxMediaBytes int64
	// MediaChunkBytes is the Range size GetMedia asks for; 0 means
	// DefaultMediaChunkBytes.
	MediaChunkBytes int64

	// secret is unexported so it never shows up in a %+v dump of the Client.
	secret string
	tokens tokenCache
}

// NewClient returns a Client for the app identified by corpID and secret.
// An empty baseURL means DefaultBaseURL; a nil httpClient means one with
// DefaultTimeout.
func NewClient(baseURL, corpID, secret string, httpClient *http.Client) *Client {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	if httpClient == nil {
		httpClient = &http.Client{Timeout: DefaultTimeout}
	}
	return &Client{
		BaseURL: strings.TrimRight(baseURL, "/"),
		CorpID:  corpID,
		HTTP:    httpClient,
		secret:  secret,
	}
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: DefaultTimeout}
}

// apiRequest describes one call independently of the token, so it can be
// replayed after a token refresh.
type apiRequest struct {
	path        string // relative to /cgi-bin/, e.g. "kf/send_msg"
	method      string
	query       url.Values
	header      http.Header
	body        []byte
	contentType string
	maxAnswer   int64 // 0 means maxJSONBytes
}

// jsonRequest builds a POST with a JSON body. HTML escaping is off so text
// such as "<a href>" or "&" travels exactly as the agent typed it.
func jsonRequest(path string, payload any) (apiRequest, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(payload); err != nil {
		return apiRequest{}, fmt.Errorf("wecomkf: %s: encode request: %w", path, err)
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return apiRequest{path: path, method: http.MethodPost, body: body, contentType: "application/json"}, nil
}

// apiStatus is the errcode/errmsg pair of every WeCom JSON answer.
type apiStatus struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// err turns a non-zero errcode into *Error, scrubbing the token in case
// WeCom ever echoes it in errmsg.
func (s apiStatus) err(path, token string) error {
	if s.ErrCode == 0 {
		return nil
	}
	msg := s.ErrMsg
	if token != "" {
		msg = strings.ReplaceAll(msg, token, "REDACTED")
	}
	return &Error{Code: s.ErrCode, Msg: msg, Path: path}
}

// call runs r with a cached token and decodes the JSON answer into out
// (which may be nil).
func (c *Client) call(ctx context.Context, r apiRequest, out any) error {
	return c.withToken(ctx, func(token string) error {
		return c.exchange(ctx, r, token, out)
	})
}

// withToken runs attempt with the cached token and, if WeCom rejected that
// token, exactly once more with a freshly fetched one.
func (c *Client) withToken(ctx context.Context, attempt func(token string) error) error {
	token, err := c.accessToken(ctx, "")
	if err != nil {
		return err
	}
	err = attempt(token)
	if !IsTokenError(err) {
		return err
	}
	fresh, ferr := c.accessToken(ctx, token)
	if ferr != nil {
		return ferr
	}
	return attempt(fresh)
}

// exchange performs one round trip and decodes the JSON answer.
func (c *Client) exchange(ctx context.Context, r apiRequest, token string, out any) error {
	resp, err := c.roundTrip(ctx, r, token)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	limit := r.maxAnswer
	if limit <= 0 {
		limit = maxJSONBytes
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return fmt.Errorf("wecomkf: %s: read response: %w", r.path, err)
	}
	if int64(len(raw)) > limit {
		return fmt.Errorf("%w: %s: answer over %d bytes", ErrUnexpectedResponse, r.path, limit)
	}
	return decodeAnswer(r.path, raw, token, out)
}

// maxAnswerDepth bounds the nesting of an API answer.
const maxAnswerDepth = 32

// decodeAnswer checks errcode before filling out, so a failed call never
// leaves half-decoded data behind.
func decodeAnswer(path string, raw []byte, token string, out any) error {
	// WeCom's deepest answer (a sync_msg page) nests a few levels.
	if err := jsonlimit.Check(raw, maxAnswerDepth); err != nil {
		return fmt.Errorf("wecomkf: %s: decode response: %w", path, err)
	}
	var status apiStatus
	if err := json.Unmarshal(raw, &status); err != nil {
		return fmt.Errorf("wecomkf: %s: decode response: %w", path, err)
	}
	if err := status.err(path, token); err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("wecomkf: %s: decode response: %w", path, err)
	}
	return nil
}

// roundTrip sends r (with access_token when token is non-empty) and returns
// a 2xx response; the caller closes its body.
func (c *Client) roundTrip(ctx context.Context, r apiRequest, token string) (*http.Response, error) {
	query := url.Values{}
	for k, v := range r.query {
		query[k] = v
	}
	if token != "" {
		query.Set("access_token", token)
	}
	target := c.BaseURL + "/cgi-bin/" + r.path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		return nil, fmt.Errorf("wecomkf: %s: build request: %w", r.path, redactURLError(err))
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, fmt.Errorf("wecomkf: %s: %w", r.path, redactURLError(err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		return nil, &HTTPError{Path: r.path, StatusCode: resp.StatusCode}
	}
	return resp, nil
}

// redactURLError rewrites the URL inside a *url.Error, which net/http puts
// verbatim into its message, so neither token nor secret can leak.
func redactURLError(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		urlErr.URL = redactURL(urlErr.URL)
	}
	return err
}

// redactURL replaces the access_token and corpsecret query values.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable url)"
	}
	q := u.Query()
	for _, key := range []string{"access_token", "corpsecret"} {
		if q.Has(key) {
			q.Set(key, "REDACTED")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

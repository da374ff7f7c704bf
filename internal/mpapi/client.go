// Package mpapi is WeDesk's client for the WeChat Official Account (公众号)
// server API — customer-service messages, temporary media, template
// messages, the custom menu and user info — plus the parser for decrypted
// inbound callback messages (inbound.go).
//
// Every call takes an access_token from a stable_token cache shared by all
// Clients of one AppID. When WeChat rejects the token (40001/40014/42001) the
// call forces one refresh and is retried exactly once. Tokens and secrets
// never appear in returned errors. The base URL is injectable so tests and
// the built-in simulator can stand in for api.weixin.qq.com.
package mpapi

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
	"sync"
	"time"
)

// DefaultBaseURL is WeChat's production API host.
const DefaultBaseURL = "https://api.weixin.qq.com"

// DefaultTimeout bounds each HTTP exchange when NewClient gets no http.Client.
const DefaultTimeout = 10 * time.Second

// DefaultMaxMediaBytes caps media uploads and downloads; WeChat's own temp
// media limits are at most 10 MB, so anything larger is not a real file.
const DefaultMaxMediaBytes = 25 << 20

// maxJSONBytes caps ordinary JSON answers, which are a few hundred bytes.
const maxJSONBytes = 1 << 20

// Client calls the Official Account API for one AppID. It is safe for
// concurrent use; set the exported fields before the first call.
type Client struct {
	// BaseURL is the API root without trailing slash.
	BaseURL string
	// AppID identifies the Official Account (wx…).
	AppID string
	// HTTP performs every request; its Timeout bounds each exchange.
	HTTP *http.Client
	// Now is the clock used for token expiry; nil means time.Now.
	Now func() time.Time
	// Tokens supplies access tokens; nil means the client's own
	// stable_token cache.
	Tokens TokenSource
	// MaxMediaBytes caps UploadMedia and GetMedia; 0 means DefaultMaxMediaBytes.
	MaxMediaBytes int64

	secret string

	entryOnce sync.Once
	entry     *tokenEntry
}

// NewClient returns a Client for appID. An empty baseURL means
// DefaultBaseURL; a nil httpClient means one with DefaultTimeout.
func NewClient(baseURL, appID, secret string, httpClient *http.Client) *Client {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	if httpClient == nil {
		httpClient = &http.Client{Timeout: DefaultTimeout}
	}
	return &Client{
		BaseURL: strings.TrimRight(baseURL, "/"),
		AppID:   appID,
		HTTP:    httpClient,
		secret:  secret,
	}
}

// AccessToken returns a valid access token, fetching one if the cache has
// none or it is within 5 minutes of expiry.
func (c *Client) AccessToken(ctx context.Context) (string, error) {
	return c.tokens().Token(ctx, "")
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) maxMedia() int64 {
	if c.MaxMediaBytes > 0 {
		return c.MaxMediaBytes
	}
	return DefaultMaxMediaBytes
}

// apiRequest describes one API call independently of the token, so the
// same request can be replayed after a forced token refresh.
type apiRequest struct {
	op          string // error prefix, e.g. "custom/send"
	method      string
	path        string
	query       url.Values
	body        []byte
	contentType string
}

// jsonRequest builds a POST with a JSON body. HTML escaping is off so the
// <a href> links allowed in text messages travel as written.
func jsonRequest(op, path string, payload any) (apiRequest, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(payload); err != nil {
		return apiRequest{}, fmt.Errorf("mpapi: %s: encode request: %w", op, err)
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return apiRequest{op: op, method: http.MethodPost, path: path, body: body, contentType: "application/json"}, nil
}

// apiStatus is the errcode/errmsg pair of every WeChat JSON answer.
type apiStatus struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// err converts a non-zero errcode into *Error, scrubbing the token in case
// WeChat ever echoes it in errmsg.
func (s apiStatus) err(op, token string) error {
	if s.ErrCode == 0 {
		return nil
	}
	msg := s.ErrMsg
	if token != "" {
		msg = strings.ReplaceAll(msg, token, "REDACTED")
	}
	return &Error{Op: op, Code: s.ErrCode, Msg: msg}
}

// call runs r with a cached token and decodes the JSON answer into out
// (which may be nil). A rejected token triggers one forced refresh and
// exactly one replay.
func (c *Client) call(ctx context.Context, r apiRequest, out any) error {
	return c.withToken(ctx, func(token string) error {
		return c.exchange(ctx, r, token, out)
	})
}

// withToken runs attempt with the cached token and, if WeChat rejected that
// token, once more with a forced fresh one.
func (c *Client) withToken(ctx context.Context, attempt func(token string) error) error {
	token, err := c.tokens().Token(ctx, "")
	if err != nil {
		return err
	}
	err = attempt(token)
	var apiErr *Error
	if !errors.As(err, &apiErr) || !apiErr.tokenRejected() {
		return err
	}
	token, err = c.tokens().Token(ctx, token)
	if err != nil {
		return err
	}
	return attempt(token)
}

// exchange performs one round trip and decodes the JSON answer.
func (c *Client) exchange(ctx context.Context, r apiRequest, token string, out any) error {
	resp, err := c.roundTrip(ctx, r, token)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxJSONBytes))
	if err != nil {
		return fmt.Errorf("mpapi: %s: read response: %w", r.op, err)
	}
	return decodeAnswer(r.op, raw, token, out)
}

// decodeAnswer checks errcode first, so a stale errcode can never leak into
// out, then fills out.
func decodeAnswer(op string, raw []byte, token string, out any) error {
	var status apiStatus
	if err := json.Unmarshal(raw, &status); err != nil {
		return fmt.Errorf("mpapi: %s: decode response: %w", op, err)
	}
	if err := status.err(op, token); err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("mpapi: %s: decode response: %w", op, err)
	}
	return nil
}

// roundTrip sends r with access_token (when token is non-empty) and returns
// the response if its status is 2xx. The caller closes the body.
func (c *Client) roundTrip(ctx context.Context, r apiRequest, token string) (*http.Response, error) {
	query := url.Values{}
	for k, v := range r.query {
		query[k] = v
	}
	if token != "" {
		query.Set("access_token", token)
	}
	target := c.BaseURL + r.path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		return nil, fmt.Errorf("mpapi: %s: build request: %w", r.op, redactURLError(err))
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	return c.do(r.op, req)
}

// do sends req and turns transport failures and non-2xx statuses into
// errors with the access token stripped from any URL.
func (c *Client) do(op string, req *http.Request) (*http.Response, error) {
	httpClient := c.HTTP
	if httpClient == nil { // a Client built without NewClient
		httpClient = &http.Client{Timeout: DefaultTimeout}
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("mpapi: %s: %w", op, redactURLError(err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		return nil, &HTTPError{Op: op, StatusCode: resp.StatusCode}
	}
	return resp, nil
}

// redactURLError rewrites the URL inside a *url.Error, which net/http
// includes verbatim in its message, so the access token cannot leak.
func redactURLError(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		urlErr.URL = redactURL(urlErr.URL)
	}
	return err
}

// redactURL replaces the access_token query value with "REDACTED".
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable url)"
	}
	q := u.Query()
	if q.Has("access_token") {
		q.Set("access_token", "REDACTED")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

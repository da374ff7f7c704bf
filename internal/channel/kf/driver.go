// Package kf is the 微信客服 channel driver (WeCom's kf API): callbacks only
// announce that messages wait (kf_msg_or_event), so the core pulls them
// with sync_msg; replies go out with send_msg under a caller-chosen msgid.
package kf

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/channel/mp"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wecomkf"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// PageSize is how many messages one sync_msg call asks for (WeCom's maximum).
const PageSize = 1000

// Driver connects one 微信客服 channel (one WeCom corp and its kf secret).
type Driver struct {
	crypter *wxcrypto.Crypter
	api     *wecomkf.Client
}

// New builds the driver of a 微信客服 channel record: app_id is the CorpID
// (the callbacks' receive id), secret the kf API secret.
func New(ch *store.Channel, hc *http.Client) (channel.Driver, error) {
	d := &Driver{api: wecomkf.NewClient(ch.APIBase(), ch.AppID(), ch.Secret(), hc)}
	c, err := channel.Crypter(ch)
	if err != nil {
		return nil, err
	}
	d.crypter = c
	return d, nil
}

// Client is the driver's API client (contact links, accounts, tests).
func (d *Driver) Client() *wecomkf.Client { return d.api }

// Forget drops the cached access token.
func (d *Driver) Forget() { d.api.ForgetToken() }

// VerifyURL answers WeCom's URL check: the echostr is encrypted and signed
// with msg_signature; the answer is its bare plaintext.
func (d *Driver) VerifyURL(q url.Values) (string, error) {
	if d.crypter == nil {
		return "", channel.Forbidden("This channel has no EncodingAESKey.")
	}
	plain, err := d.crypter.VerifyAndDecrypt(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), q.Get("echostr"))
	if err != nil {
		return "", mp.CryptoError(err)
	}
	return string(plain), nil
}

// ReceiveCallback verifies and decrypts a kf_msg_or_event notice and asks
// the core to pull: the notice carries no message, only a short-lived Token
// that gives the pull a higher rate limit.
func (d *Driver) ReceiveCallback(q url.Values, body []byte) (*channel.Callback, error) {
	if d.crypter == nil {
		return nil, channel.Forbidden("This channel has no EncodingAESKey.")
	}
	env, err := wxcrypto.ParseEnvelope(body)
	if err != nil {
		return nil, mp.CryptoError(err)
	}
	plain, err := d.crypter.VerifyAndDecrypt(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), env.Encrypt)
	if err != nil {
		return nil, mp.CryptoError(err)
	}
	ev, err := wecomkf.ParseCallbackEvent(plain)
	if err != nil {
		return nil, channel.BadRequest("The decrypted event is not a 微信客服 kf_msg_or_event.")
	}
	return &channel.Callback{Pull: &channel.PullRequest{Token: ev.Token, Account: ev.OpenKfID}}, nil
}

// Pull fetches the page after cursor for the request's kf account. A
// callback Token that expired (95007) is dropped and the page asked again
// without it, at WeCom's stricter rate limit.
func (d *Driver) Pull(ctx context.Context, cursor string, req channel.PullRequest) (*channel.Page, error) {
	sr := wecomkf.SyncRequest{Cursor: cursor, Token: req.Token, Limit: PageSize, OpenKfID: req.Account}
	page, err := d.api.SyncMsg(ctx, sr)
	var apiErr *wecomkf.Error
	if errors.As(err, &apiErr) && apiErr.Code == wecomkf.CodeInvalidSyncToken && sr.Token != "" {
		sr.Token = ""
		page, err = d.api.SyncMsg(ctx, sr)
	}
	if err != nil {
		return nil, classify(err)
	}
	out := &channel.Page{NextCursor: page.NextCursor, HasMore: page.HasMore}
	for i := range page.Messages {
		out.Messages = append(out.Messages, Inbound(&page.Messages[i]))
	}
	return out, nil
}

// FetchMedia downloads a customer's media (in Range chunks for large files).
func (d *Driver) FetchMedia(ctx context.Context, mediaID string) (*channel.Media, error) {
	got, err := d.api.GetMedia(ctx, mediaID)
	if err != nil {
		return nil, classify(err)
	}
	return &channel.Media{Body: got.Body, Filename: got.Filename}, nil
}

// Profile reads the customer's nickname, avatar, gender and unionid, and the
// context of the session they entered (customer/batchget).
func (d *Driver) Profile(ctx context.Context, externalUserID string) (*channel.Profile, error) {
	custs, _, err := d.api.BatchGetCustomers(ctx, []string{externalUserID}, true)
	if err != nil {
		return nil, classify(err)
	}
	if len(custs) == 0 {
		return nil, channel.Permanent("WeCom does not know this customer")
	}
	c := custs[0]
	p := &channel.Profile{Nickname: c.Nickname, Avatar: c.Avatar, UnionID: c.UnionID, Gender: c.Gender}
	if c.EnterSessionContext != nil {
		p.Scene = entryScene(c.EnterSessionContext.Scene, c.EnterSessionContext.SceneParam)
	}
	return p, nil
}

// classify wraps a wecomkf error in the channel's error classes.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case wecomkf.IsWindowClosed(err):
		return fmt.Errorf("%w: %w", channel.ErrWindowClosed, err)
	case wecomkf.IsTokenError(err):
		return fmt.Errorf("%w: %w", channel.ErrTokenExpired, err)
	case wecomkf.IsRetryable(err):
		return fmt.Errorf("%w: %w", channel.ErrRetryLater, err)
	}
	return &channel.PermanentError{Reason: channel.Describe(err), Err: err}
}

// Package mp is the Official Account (公众号) channel driver: callbacks in
// safe mode through wxcrypto, customer-service messages through mpapi's
// custom/send, media through the temporary-media API.
package mp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// Driver connects one Official Account channel to WeChat.
type Driver struct {
	token   string
	crypter *wxcrypto.Crypter // nil until the channel has an EncodingAESKey
	api     *mpapi.Client
}

// New builds the driver of an Official Account channel record.
func New(ch *store.Channel, hc *http.Client) (channel.Driver, error) {
	d := &Driver{token: ch.Token(), api: mpapi.NewClient(ch.APIBase(), ch.AppID(), ch.Secret(), hc)}
	c, err := channel.Crypter(ch)
	if err != nil {
		return nil, err
	}
	d.crypter = c
	return d, nil
}

// Client is the driver's API client (tests and the demo use it).
func (d *Driver) Client() *mpapi.Client { return d.api }

// Forget drops the cached access token.
func (d *Driver) Forget() { d.api.ForgetToken() }

// VerifyURL answers the console's URL check: signature over the Token, and
// echostr echoed back verbatim.
func (d *Driver) VerifyURL(q url.Values) (string, error) {
	if !wxcrypto.VerifySignature(q.Get("signature"), d.token, q.Get("timestamp"), q.Get("nonce")) {
		return "", channel.Forbidden("Signature mismatch: check the Token configured for this channel.")
	}
	return q.Get("echostr"), nil
}

// ReceiveCallback takes a push in safe mode: verify, decrypt, parse.
func (d *Driver) ReceiveCallback(q url.Values, body []byte) (*channel.Callback, error) {
	if d.crypter == nil {
		return nil, channel.Forbidden("This channel has no EncodingAESKey.")
	}
	// Compatible mode (兼容模式) also carries encrypt_type=aes: the clear
	// copy of its body is ignored, only the signed <Encrypt> is read.
	if q.Get("encrypt_type") != "aes" || q.Get("msg_signature") == "" {
		return nil, channel.BadRequest("WeDesk does not accept plaintext mode: set 消息加解密方式 to 安全模式 (safe mode); compatible mode also works.")
	}
	env, err := wxcrypto.ParseEnvelope(body)
	if err != nil {
		return nil, CryptoError(err)
	}
	plain, err := d.crypter.VerifyAndDecrypt(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), env.Encrypt)
	if err != nil {
		return nil, CryptoError(err)
	}
	msg, err := mpapi.ParseInbound(plain)
	if err != nil {
		return nil, channel.BadRequest("The decrypted message is not valid WeChat XML.")
	}
	if msg.FromUserName == "" || (q.Get("openid") != "" && q.Get("openid") != msg.FromUserName) {
		return nil, channel.BadRequest("The message's sender does not match the openid of the request.")
	}
	return &channel.Callback{Messages: []channel.Inbound{Inbound(msg)}}, nil
}

// CryptoError maps a wxcrypto failure to a clear refusal without echoing input.
func CryptoError(err error) error {
	switch {
	case errors.Is(err, wxcrypto.ErrSignature):
		return channel.Forbidden("Signature mismatch (msg_signature): check the Token configured for this channel.")
	case errors.Is(err, wxcrypto.ErrReceiveID):
		return channel.Forbidden("The message was encrypted for another AppID.")
	case errors.Is(err, wxcrypto.ErrParse):
		return channel.BadRequest("Malformed callback body: expected <xml> with <Encrypt>.")
	default:
		return channel.BadRequest("Could not decrypt the message: check the EncodingAESKey configured for this channel.")
	}
}

// FetchMedia downloads temporary media.
func (d *Driver) FetchMedia(ctx context.Context, mediaID string) (*channel.Media, error) {
	got, err := d.api.GetMedia(ctx, mediaID)
	if err != nil {
		return nil, classify(err)
	}
	return &channel.Media{Body: got.Body, Filename: got.Filename}, nil
}

// Profile reads the follower's unionid, subscribe scene and the account's
// remark name (user/info), and the nickname and avatar where WeChat still
// returns them (it stopped for most accounts in 2021).
func (d *Driver) Profile(ctx context.Context, openid string) (*channel.Profile, error) {
	info, err := d.api.UserInfo(ctx, openid)
	if err != nil {
		return nil, classify(err)
	}
	return &channel.Profile{Nickname: info.Nickname, Avatar: info.HeadImgURL, UnionID: info.UnionID, Scene: info.SubscribeScene,
		Remark: info.Remark}, nil
}

// classify wraps an mpapi error in the channel's error classes.
func classify(err error) error {
	var apiErr *mpapi.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &apiErr) && (apiErr.Code == mpapi.CodeWindowClosed || apiErr.Code == mpapi.CodeReplyQuota ||
		apiErr.Code == mpapi.CodeRequireSubscribe): // an unfollowed user is reopened only by a new follow
		return fmt.Errorf("%w: %w", channel.ErrWindowClosed, err)
	case errors.Is(err, mpapi.ErrTokenRejected),
		errors.As(err, &apiErr) && (apiErr.Code == mpapi.CodeInvalidCredential || apiErr.Code == mpapi.CodeInvalidToken || apiErr.Code == mpapi.CodeTokenExpired):
		return fmt.Errorf("%w: %w", channel.ErrTokenExpired, err)
	case mpapi.IsRetryable(err):
		return fmt.Errorf("%w: %w", channel.ErrRetryLater, err)
	}
	return &channel.PermanentError{Reason: channel.Describe(err), Err: err}
}

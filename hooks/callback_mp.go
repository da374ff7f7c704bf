package hooks

import (
	"errors"
	"io"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// MaxCallbackBody caps a callback body. WeChat's pushes are a few KB; the
// cap keeps a hostile client from making us buffer megabytes per request.
const MaxCallbackBody = 64 << 10

// verifyCallback answers WeChat's GET URL check for a channel.
func (d *Desk) verifyCallback(e *core.RequestEvent) error {
	rt, err := d.callbackChannel(e)
	if err != nil {
		return err
	}
	q := e.Request.URL.Query()
	if rt.channel.Kind() == store.KindWecomKF {
		return d.verifyKFCallback(e, rt)
	}
	if !wxcrypto.VerifySignature(q.Get("signature"), rt.channel.Token(), q.Get("timestamp"), q.Get("nonce")) {
		return e.ForbiddenError("Signature mismatch: check the Token configured for this channel.", nil)
	}
	return e.String(http.StatusOK, q.Get("echostr"))
}

// verifyKFCallback answers WeCom's GET URL check: the echostr is encrypted
// and signed with msg_signature; the answer is its plaintext.
func (d *Desk) verifyKFCallback(e *core.RequestEvent, rt *channelRuntime) error {
	q := e.Request.URL.Query()
	if rt.crypter == nil {
		return e.BadRequestError("The channel has no EncodingAESKey.", nil)
	}
	plain, err := rt.crypter.VerifyAndDecrypt(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), q.Get("echostr"))
	if err != nil {
		return cryptoError(e, err)
	}
	return e.String(http.StatusOK, string(plain))
}

// receiveCallback takes an Official Account push in safe mode: verify,
// decrypt, parse, persist (exactly once), then answer "success".
func (d *Desk) receiveCallback(e *core.RequestEvent) error {
	rt, err := d.callbackChannel(e)
	if err != nil {
		return err
	}
	if rt.channel.Kind() != store.KindWechatMP {
		return e.BadRequestError("This channel is not an Official Account.", nil)
	}
	q := e.Request.URL.Query()
	if q.Get("encrypt_type") != "aes" || q.Get("msg_signature") == "" {
		return e.BadRequestError("WeDesk only accepts safe mode (消息加解密方式 = 安全模式): plaintext and compatible-mode pushes are refused.", nil)
	}
	body, err := io.ReadAll(io.LimitReader(e.Request.Body, MaxCallbackBody+1))
	if err != nil {
		return e.BadRequestError("Could not read the body.", nil)
	}
	if len(body) > MaxCallbackBody {
		return e.Error(http.StatusRequestEntityTooLarge, "Callback body too large.", nil)
	}
	env, err := wxcrypto.ParseEnvelope(body)
	if err != nil {
		return cryptoError(e, err)
	}
	plain, err := rt.crypter.VerifyAndDecrypt(q.Get("msg_signature"), q.Get("timestamp"), q.Get("nonce"), env.Encrypt)
	if err != nil {
		return cryptoError(e, err)
	}
	msg, err := mpapi.ParseInbound(plain)
	if err != nil {
		return e.BadRequestError("The decrypted message is not valid WeChat XML.", nil)
	}
	if msg.FromUserName == "" || (q.Get("openid") != "" && q.Get("openid") != msg.FromUserName) {
		return e.BadRequestError("The message's sender does not match the openid of the request.", nil)
	}
	if err := d.ingest.submit(e.Request.Context(), rt.channel, msg); err != nil {
		// Not stored: answer an error so that WeChat retries the push.
		e.App.Logger().Error("callback: ingest failed", "channel", rt.channel.Id, "error", err)
		return e.Error(http.StatusServiceUnavailable, "Not stored, please retry.", nil)
	}
	return e.String(http.StatusOK, "success")
}

// callbackChannel finds the enabled channel named in the URL.
func (d *Desk) callbackChannel(e *core.RequestEvent) (*channelRuntime, error) {
	rt, err := d.channels.get(e.Request.PathValue("channelId"))
	if err != nil {
		return nil, e.NotFoundError("Unknown channel.", nil)
	}
	if !rt.channel.Enabled() || rt.crypter == nil {
		return nil, e.ForbiddenError("This channel is disabled or has no callback keys.", nil)
	}
	return rt, nil
}

// cryptoError maps a wxcrypto failure to a clear 4xx without echoing input.
func cryptoError(e *core.RequestEvent, err error) error {
	switch {
	case errors.Is(err, wxcrypto.ErrSignature):
		return e.ForbiddenError("Signature mismatch (msg_signature): check the Token configured for this channel.", nil)
	case errors.Is(err, wxcrypto.ErrReceiveID):
		return e.ForbiddenError("The message was encrypted for another AppID.", nil)
	case errors.Is(err, wxcrypto.ErrParse):
		return e.BadRequestError("Malformed callback body: expected <xml> with <Encrypt>.", nil)
	default:
		return e.BadRequestError("Could not decrypt the message: check the EncodingAESKey configured for this channel.", nil)
	}
}

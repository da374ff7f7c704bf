package ingest

import (
	"errors"
	"io"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
)

// MaxCallbackBody caps a callback body. WeChat's pushes are a few KB; the
// cap keeps a hostile client from making us buffer megabytes per request.
const MaxCallbackBody = 64 << 10

// VerifyCallback is GET /callback/{channelId}: the console's URL check,
// answered by the channel's driver.
func (s *Service) VerifyCallback(e *core.RequestEvent) error {
	rt, err := s.callbackChannel(e)
	if err != nil {
		return err
	}
	body, err := rt.Driver.VerifyURL(e.Request.URL.Query())
	if err != nil {
		s.status.note(rt.Channel.Id, statusError, "URL verification refused: "+err.Error())
		return callbackError(e, err)
	}
	s.status.note(rt.Channel.Id, statusVerified, "")
	return e.String(http.StatusOK, body)
}

// ReceiveCallback is POST /callback/{channelId}: verify, decrypt and parse
// through the driver, persist (exactly once), then answer. A kind that
// announces messages instead of pushing them is answered at once and pulled
// in the background.
func (s *Service) ReceiveCallback(e *core.RequestEvent) error {
	rt, err := s.callbackChannel(e)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(io.LimitReader(e.Request.Body, MaxCallbackBody+1))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge), errors.Is(err, apis.ErrRequestEntityTooLarge):
		// A chunked body has no Content-Length: the limit is met while reading.
		return e.Error(http.StatusRequestEntityTooLarge, "Callback body too large.", nil)
	case err != nil:
		return e.BadRequestError("Could not read the body.", nil)
	}
	if len(body) > MaxCallbackBody {
		return e.Error(http.StatusRequestEntityTooLarge, "Callback body too large.", nil)
	}
	cb, err := rt.Driver.ReceiveCallback(e.Request.URL.Query(), body)
	if err != nil {
		s.status.note(rt.Channel.Id, statusError, "Callback refused: "+err.Error())
		return callbackError(e, err)
	}
	for i := range cb.Messages {
		if err := channel.CheckInbound(&cb.Messages[i]); err != nil {
			return callbackError(e, err)
		}
	}
	if len(cb.Messages) > 0 {
		if err := s.Submit(e.Request.Context(), rt.Channel, cb.Messages); err != nil {
			// Not stored: answer an error so that WeChat retries the push.
			e.App.Logger().Error("callback: ingest failed", "channel", rt.Channel.Id, "error", err)
			s.status.note(rt.Channel.Id, statusError, "Callback not stored, WeChat will retry: "+err.Error())
			return e.Error(http.StatusServiceUnavailable, "Not stored, please retry.", nil)
		}
	}
	if cb.Pull != nil {
		s.RequestPull(rt.Channel.Id, *cb.Pull)
	}
	s.status.note(rt.Channel.Id, statusCallback, "")
	reply := cb.Reply
	if reply == "" {
		reply = "success"
	}
	return e.String(http.StatusOK, reply)
}

// callbackChannel finds the enabled channel named in the URL.
func (s *Service) callbackChannel(e *core.RequestEvent) (*channel.Runtime, error) {
	rt, err := s.channels.Get(e.Request.PathValue("channelId"))
	if err != nil {
		return nil, e.NotFoundError("Unknown channel.", nil)
	}
	if !rt.Channel.Enabled() || rt.Channel.AESKey() == "" {
		s.status.note(rt.Channel.Id, statusError, "Callback refused: the channel is disabled or has no EncodingAESKey.")
		return nil, e.ForbiddenError("This channel is disabled or has no callback keys.", nil)
	}
	return rt, nil
}

// callbackError answers a driver's refusal with its status and words.
func callbackError(e *core.RequestEvent, err error) error {
	var ce *channel.CallbackError
	if errors.As(err, &ce) {
		return e.Error(ce.Status, ce.Message, nil)
	}
	e.App.Logger().Error("callback: driver failed", "error", err)
	return e.InternalServerError("Could not handle the callback.", nil)
}

// withinLimits drops the pulled messages whose identifiers break the
// stored fields' limits (there is no callback to refuse: the page's cursor
// must still advance) and cuts over-long text; each drop is reported.
func withinLimits(s *Service, channelID string, msgs []channel.Inbound) []channel.Inbound {
	out := msgs[:0]
	for i := range msgs {
		if err := channel.CheckInbound(&msgs[i]); err != nil {
			s.app.Logger().Error("pull: message dropped, it breaks the field limits", "channel", channelID, "error", err)
			continue
		}
		out = append(out, msgs[i])
	}
	return out
}

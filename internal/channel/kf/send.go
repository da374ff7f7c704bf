package kf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/wecomkf"
)

// OutboundTypes are the message types an agent may send on 微信客服.
var OutboundTypes = map[string]bool{
	"text": true, "image": true, "voice": true, "video": true, "file": true, "link": true,
	"miniprogram": true, "msgmenu": true, "location": true, "business_card": true, "ca_link": true,
}

// Send delivers one message with send_msg. The message's record id is
// WeCom's msgid, so a resend after an unknown outcome cannot deliver twice,
// and msg_send_fail events name the message they are about.
//
// Session state: WeDesk's agents reply through the API, which WeCom allows
// only while the session is new (0) or with the API (1, 智能助手); in the
// queued (2) or human (3) states it answers 95018. So WeDesk never moves a
// session to 2 or 3 itself, and when it finds one there — a servicer took
// it in WeCom's own client, or the account auto-assigns servicers — it moves
// it back to 1 with service_state/trans and sends once more. Ending a
// session is left to WeCom's 48 h expiry, which keeps send_msg working for
// the closing message.
func (d *Driver) Send(ctx context.Context, m *channel.Outbound) (*channel.SendResult, error) {
	out, err := d.outMessage(ctx, m)
	if err != nil {
		return nil, err
	}
	id, err := d.api.SendMsg(ctx, out)
	var apiErr *wecomkf.Error
	if errors.As(err, &apiErr) && apiErr.Code == wecomkf.CodeSessionStateInvalid {
		if _, terr := d.api.TransServiceState(ctx, m.Account, m.ExternalID, wecomkf.StateAssistant, ""); terr == nil {
			id, err = d.api.SendMsg(ctx, out)
		}
	}
	switch {
	case err == nil:
	case m.Resend && errors.As(err, &apiErr) && apiErr.Code == wecomkf.CodeInvalidParam:
		// The msgid (the record id) is already used by this account: the
		// earlier attempt whose answer was lost did deliver. WeCom refuses
		// a used msgid without sending again (kf/send_msg §5).
		return &channel.SendResult{MsgID: m.ID, Payload: out}, nil
	case errors.As(err, &apiErr) || isHTTPError(err):
		return nil, classify(err)
	default:
		// No answer: harmless to repeat with the same msgid.
		return nil, channel.Uncertain(err, classify(err))
	}
	return &channel.SendResult{MsgID: id, Payload: out}, nil
}

// IdempotentSend reports that send_msg takes the record id as msgid, so
// repeating a send whose outcome is unknown cannot deliver twice.
func (d *Driver) IdempotentSend() bool { return true }

// isHTTPError reports whether WeCom answered with an HTTP error status.
func isHTTPError(err error) bool {
	var httpErr *wecomkf.HTTPError
	return errors.As(err, &httpErr)
}

// SendOnEvent answers a session event (the welcome) with send_msg_on_event.
func (d *Driver) SendOnEvent(ctx context.Context, code string, m *channel.Outbound) (*channel.SendResult, error) {
	out, err := d.outMessage(ctx, m)
	if err != nil {
		return nil, err
	}
	id, err := d.api.SendMsgOnEvent(ctx, code, out)
	if err != nil {
		return nil, classify(err)
	}
	return &channel.SendResult{MsgID: id, Payload: out}, nil
}

// outMessage maps an outbound message to send_msg's shape, uploading its
// media first when it has some.
func (d *Driver) outMessage(ctx context.Context, m *channel.Outbound) (wecomkf.OutMessage, error) {
	out := wecomkf.OutMessage{Touser: m.ExternalID, OpenKfID: m.Account, MsgID: m.ID}
	switch m.Type {
	case "text":
		out.Text = &wecomkf.Text{Content: m.Text}
		return out, nil
	case "image", "voice", "video", "file":
		id, err := d.upload(ctx, m)
		if err != nil {
			return out, err
		}
		ref := &wecomkf.MediaRef{MediaID: id}
		switch m.Type {
		case "image":
			out.Image = ref
		case "voice":
			out.Voice = ref
		case "video":
			out.Video = ref
		default:
			out.File = ref
		}
		return out, nil
	}
	return out, structured(&out, m)
}

// structured fills the types whose body the agent's payload already holds
// in WeCom's shape.
func structured(out *wecomkf.OutMessage, m *channel.Outbound) error {
	// The payload is the body itself, or wrapped under its type's key as
	// in the Official Account's custom/send shape.
	body := any(m.Payload)
	if sub, ok := m.Payload[m.Type]; ok {
		body = sub
	}
	raw, _ := json.Marshal(body)
	var target any
	switch m.Type {
	case "link":
		out.Link = &wecomkf.Link{}
		target = out.Link
	case "miniprogram":
		out.MiniProgram = &wecomkf.MiniProgram{}
		target = out.MiniProgram
	case "msgmenu":
		out.MsgMenu = &wecomkf.Menu{}
		target = out.MsgMenu
	case "location":
		out.Location = &wecomkf.Location{}
		target = out.Location
	case "business_card":
		out.BusinessCard = &wecomkf.BusinessCard{}
		target = out.BusinessCard
	case "ca_link":
		out.CALink = &wecomkf.CALink{}
		target = out.CALink
	default:
		return &channel.PermanentError{Reason: "messages of type " + m.Type + " cannot be sent on 微信客服", Err: channel.ErrUnsupported}
	}
	if err := json.Unmarshal(raw, target); err != nil {
		return channel.Permanent("the %s payload is not valid: %v", m.Type, err)
	}
	return nil
}

// upload sends the message's file to WeCom as temporary media.
func (d *Driver) upload(ctx context.Context, m *channel.Outbound) (string, error) {
	if m.Media == nil {
		return "", channel.Permanent("the message has no file")
	}
	data, name, err := m.Media()
	if err != nil {
		return "", err
	}
	id, err := d.api.UploadMedia(ctx, m.Type, name, bytes.NewReader(data))
	if err != nil {
		return "", classify(err)
	}
	return id, nil
}

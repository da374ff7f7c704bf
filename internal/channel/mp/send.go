package mp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/jpeg"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/mpapi"
)

// OutboundTypes are the message types an agent may send to an Official Account.
var OutboundTypes = map[string]bool{"text": true, "image": true, "voice": true, "video": true, "news": true, "msgmenu": true, "miniprogrampage": true}

// Send builds the customer-service message and sends it with custom/send.
// Official Accounts take no idempotency key: the outbox decides whether a
// send whose outcome is unknown may be repeated.
func (d *Driver) Send(ctx context.Context, m *channel.Outbound) (*channel.SendResult, error) {
	if m.Type == TemplateType {
		return d.sendTemplate(ctx, m)
	}
	cm, err := d.customMessage(ctx, m)
	if err != nil {
		return nil, err
	}
	if err := d.api.SendCustom(ctx, cm); err != nil {
		if answered(err) {
			return nil, classify(err)
		}
		// No answer: custom/send may have delivered it.
		return nil, channel.Uncertain(err, classify(err))
	}
	return &channel.SendResult{Payload: cm}, nil
}

// customMessage maps an outbound message to WeChat's JSON shape, uploading
// its media first when it has some.
// answered reports whether WeChat answered the call (an errcode or an HTTP
// status), so the message was certainly not delivered.
func answered(err error) bool {
	var apiErr *mpapi.Error
	var httpErr *mpapi.HTTPError
	return errors.As(err, &apiErr) || errors.As(err, &httpErr)
}

func (d *Driver) customMessage(ctx context.Context, m *channel.Outbound) (mpapi.CustomMessage, error) {
	cm := mpapi.CustomMessage{ToUser: m.ExternalID, MsgType: m.Type}
	switch m.Type {
	case "text":
		cm.Text = &mpapi.Text{Content: m.Text}
	case "image", "voice":
		id, err := d.upload(ctx, m)
		if err != nil {
			return cm, err
		}
		if m.Type == "image" {
			cm.Image = &mpapi.MediaRef{MediaID: id}
		} else {
			cm.Voice = &mpapi.MediaRef{MediaID: id}
		}
	case "video":
		id, err := d.upload(ctx, m)
		if err != nil {
			return cm, err
		}
		thumb, err := d.api.UploadMedia(ctx, "thumb", "thumb.jpg", bytes.NewReader(defaultThumb()))
		if err != nil {
			return cm, classify(err)
		}
		cm.Video = &mpapi.Video{MediaID: id, ThumbMediaID: thumb.MediaID, Title: m.Text}
	case "news", "msgmenu", "miniprogrampage":
		// The agent's payload already has WeChat's shape for these types.
		raw, _ := json.Marshal(m.Payload)
		if err := json.Unmarshal(raw, &cm); err != nil {
			return cm, channel.Permanent("the %s payload is not valid: %v", m.Type, err)
		}
		cm.ToUser, cm.MsgType = m.ExternalID, m.Type
	default:
		return cm, &channel.PermanentError{Reason: "messages of type " + m.Type + " cannot be sent to an Official Account", Err: channel.ErrUnsupported}
	}
	return cm, nil
}

// upload sends the message's file to WeChat as temporary media.
func (d *Driver) upload(ctx context.Context, m *channel.Outbound) (string, error) {
	if m.Media == nil {
		return "", channel.Permanent("the message has no file")
	}
	data, name, err := m.Media()
	if err != nil {
		return "", err
	}
	up, err := d.api.UploadMedia(ctx, m.Type, name, bytes.NewReader(data))
	if err != nil {
		return "", classify(err)
	}
	return up.MediaID, nil
}

// defaultThumb is the cover WeDesk sends with a video (WeChat wants one).
func defaultThumb() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for x := 0; x < 64; x++ {
		for y := 0; y < 64; y++ {
			img.Set(x, y, color.RGBA{R: 40, G: 160, B: 90, A: 255})
		}
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 70})
	return buf.Bytes()
}

package hooks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
)

// sendToWeChat builds the customer-service message for m and sends it.
func (d *Desk) sendToWeChat(ctx context.Context, m *store.Message) error {
	conv, err := store.FindConversation(d.app, m.ConversationID())
	if err != nil {
		return permanent("conversation is gone")
	}
	cust, err := d.app.FindRecordById(store.CollectionCustomers, conv.CustomerID())
	if err != nil {
		return permanent("customer is gone")
	}
	rt, err := d.channels.get(conv.ChannelID())
	if err != nil || rt.mp == nil {
		return permanent("the channel is missing or is not an Official Account")
	}
	if !rt.channel.Enabled() {
		return permanent("the channel is disabled")
	}
	cm, err := d.customMessage(ctx, rt.mp, m, cust.GetString("external_id"))
	if err != nil {
		return err
	}
	if err := rt.mp.SendCustom(ctx, cm); err != nil {
		return err
	}
	m.Set("payload", cm)
	return nil
}

// customMessage maps a stored message to WeChat's JSON shape, uploading its
// media first when it has some.
func (d *Desk) customMessage(ctx context.Context, c *mpapi.Client, m *store.Message, openid string) (mpapi.CustomMessage, error) {
	cm := mpapi.CustomMessage{ToUser: openid, MsgType: m.Type()}
	switch m.Type() {
	case "text":
		cm.Text = &mpapi.Text{Content: m.Text()}
	case "image", "voice":
		id, err := d.uploadMessageMedia(ctx, c, m)
		if err != nil {
			return cm, err
		}
		if m.Type() == "image" {
			cm.Image = &mpapi.MediaRef{MediaID: id}
		} else {
			cm.Voice = &mpapi.MediaRef{MediaID: id}
		}
	case "video":
		id, err := d.uploadMessageMedia(ctx, c, m)
		if err != nil {
			return cm, err
		}
		thumb, err := c.UploadMedia(ctx, "thumb", "thumb.jpg", bytes.NewReader(defaultThumb()))
		if err != nil {
			return cm, err
		}
		cm.Video = &mpapi.Video{MediaID: id, ThumbMediaID: thumb.MediaID, Title: m.Text()}
	case "news", "msgmenu", "miniprogrampage":
		// The agent's payload already has WeChat's shape for these types.
		raw, _ := json.Marshal(m.Get("payload"))
		if err := json.Unmarshal(raw, &cm); err != nil {
			return cm, permanent("the %s payload is not valid: %v", m.Type(), err)
		}
		cm.ToUser, cm.MsgType = openid, m.Type()
	default:
		return cm, permanent("messages of type %s cannot be sent to an Official Account", m.Type())
	}
	return cm, nil
}

// uploadMessageMedia uploads the message's stored file as temporary media.
func (d *Desk) uploadMessageMedia(ctx context.Context, c *mpapi.Client, m *store.Message) (string, error) {
	name := m.GetString("media")
	if name == "" {
		return "", permanent("the message has no file")
	}
	data, err := readStoredFile(d.app, m.Record, name)
	if err != nil {
		return "", fmt.Errorf("hooks: read media: %w", err)
	}
	up, err := c.UploadMedia(ctx, m.Type(), name, bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	return up.MediaID, nil
}

// readStoredFile reads a file of a record from PocketBase's storage.
func readStoredFile(app core.App, rec *core.Record, name string) ([]byte, error) {
	fsys, err := app.NewFilesystem()
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	r, err := fsys.GetReader(rec.BaseFilesPath() + "/" + name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
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

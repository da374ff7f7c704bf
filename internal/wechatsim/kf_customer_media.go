package wechatsim

import (
	"context"
	"fmt"
)

// kfInboundCaps are the sizes above which WeCom delivers a customer's media
// as a text notice instead (§4).
var kfInboundCaps = map[string]int{"image": 2 << 20, "voice": 2 << 20, "video": 10 << 20, "file": 20 << 20}

// KFOversizeNotice is the text the simulator delivers in place of media over
// the inbound caps; WeCom does not document its wording.
const KFOversizeNotice = "[文件过大，请在手机上查看]"

// silkHeader starts SILK v3 voice, what voice_format=1 downloads.
const silkHeader = "#!SILK_V3"

// SendImage sends a picture; media/get serves it for 3 days.
func (c *KFCustomer) SendImage(ctx context.Context, data []byte) (*Delivery, error) {
	return c.sendMedia(ctx, "image", data, "")
}

// SendVoice sends an AMR voice message; sync_msg with voice_format=1 hands
// out the id of a SILK copy instead.
func (c *KFCustomer) SendVoice(ctx context.Context, amr []byte) (*Delivery, error) {
	return c.sendMedia(ctx, "voice", amr, "")
}

// SendVideo sends an MP4 video.
func (c *KFCustomer) SendVideo(ctx context.Context, mp4 []byte) (*Delivery, error) {
	return c.sendMedia(ctx, "video", mp4, "")
}

// SendFile sends a file; media/get names it filename.
func (c *KFCustomer) SendFile(ctx context.Context, data []byte, filename string) (*Delivery, error) {
	return c.sendMedia(ctx, "file", data, filename)
}

func (c *KFCustomer) sendMedia(ctx context.Context, kind string, data []byte, filename string) (*Delivery, error) {
	if len(data) > kfInboundCaps[kind] {
		return c.SendText(ctx, KFOversizeNotice)
	}
	e, err := c.storeInbound(kind, data, filename)
	if err != nil {
		return nil, err
	}
	return c.send(ctx, e)
}

// storeInbound keeps the customer's file as corp media and builds the entry.
func (c *KFCustomer) storeInbound(kind string, data []byte, filename string) (kfEntry, error) {
	now := c.s.opts.Now()
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	corp, ok := c.s.kfCorps[c.corpID]
	if !ok {
		return kfEntry{}, fmt.Errorf("%w: %s", ErrUnknownKFCorp, c.corpID)
	}
	item := c.s.storeMedia(c.corpID, kind, data, now)
	if filename != "" {
		corp.mediaNames[item.id] = filename
	}
	e := kfEntry{origin: KFOriginCustomer, msgType: kind, payload: kfMediaPayload{MediaID: item.id}}
	if kind == "voice" {
		silk := c.s.storeMedia(c.corpID, kind, append([]byte(silkHeader), data...), now)
		e.silk = kfMediaPayload{MediaID: silk.id}
	}
	return e, nil
}

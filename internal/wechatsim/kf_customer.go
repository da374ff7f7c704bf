package wechatsim

import (
	"context"
	"fmt"
)

// KFCustomer is a simulated WeChat user talking to one 微信客服 account.
// Send methods log the message for sync_msg, then fire the callback, as
// WeCom does; Enqueue methods only log, for paging and load tests.
type KFCustomer struct {
	s                        *Server
	corpID, openKfID, userID string
}

// KFCustomer returns the customer externalUserID (wm…) of account openKfID.
// A customer the corp has never seen starts in state 4 (未开始).
func (s *Server) KFCustomer(corpID, openKfID, externalUserID string) *KFCustomer {
	s.mu.Lock()
	defer s.mu.Unlock()
	if corp, ok := s.kfCorps[corpID]; ok {
		if _, ok := corp.accounts[openKfID]; ok {
			corp.session(kfKey{openKfID, externalUserID})
		}
	}
	return &KFCustomer{s: s, corpID: corpID, openKfID: openKfID, userID: externalUserID}
}

// ExternalUserID is the customer's id in the corp.
func (c *KFCustomer) ExternalUserID() string { return c.userID }

// SetProfile sets what customer/batchget reports for the customer.
func (c *KFCustomer) SetProfile(p KFProfile) error {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	corp, ok := c.s.kfCorps[c.corpID]
	if !ok {
		return fmt.Errorf("%w: %s", ErrUnknownKFCorp, c.corpID)
	}
	corp.customers[c.userID] = &p
	return nil
}

// Enqueue logs a customer message of msgType (any §4 type but event) with
// payload as its object, without firing the callback; it returns the msgid.
func (c *KFCustomer) Enqueue(msgType string, payload any) (string, error) {
	return c.enqueue(kfEntry{origin: KFOriginCustomer, msgType: msgType, payload: payload})
}

// EnqueueTexts logs n text messages ("message 1" …) without firing the
// callback and returns their msgids.
func (c *KFCustomer) EnqueueTexts(n int) ([]string, error) {
	ids := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		id, err := c.Enqueue("text", kfText{Content: fmt.Sprintf("message %d", i)})
		if err != nil {
			return ids, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// Fire posts one kf_msg_or_event callback for the customer's account.
func (c *KFCustomer) Fire(ctx context.Context) (*Delivery, error) {
	return c.s.KFFire(ctx, c.corpID, c.openKfID)
}

// Send logs a customer message and fires the callback; Delivery.MsgID is
// the message's msgid.
func (c *KFCustomer) Send(ctx context.Context, msgType string, payload any) (*Delivery, error) {
	return c.send(ctx, kfEntry{origin: KFOriginCustomer, msgType: msgType, payload: payload})
}

// ServicerSend logs a message a servicer typed in the WeCom client (origin
// 5, which sync_msg returns) and fires the callback.
func (c *KFCustomer) ServicerSend(ctx context.Context, servicerUserID, msgType string, payload any) (*Delivery, error) {
	return c.send(ctx, kfEntry{origin: KFOriginServicer, servicer: servicerUserID, msgType: msgType, payload: payload})
}

// SystemSend logs a system message (origin 4) and fires the callback.
func (c *KFCustomer) SystemSend(ctx context.Context, msgType string, payload any) (*Delivery, error) {
	return c.send(ctx, kfEntry{origin: KFOriginSystem, msgType: msgType, payload: payload})
}

func (c *KFCustomer) enqueue(e kfEntry) (string, error) {
	e.openKfID, e.userID = c.openKfID, c.userID
	return c.s.kfLogEnqueue(c.corpID, e)
}

func (c *KFCustomer) send(ctx context.Context, e kfEntry) (*Delivery, error) {
	id, err := c.enqueue(e)
	if err != nil {
		return nil, err
	}
	d, err := c.Fire(ctx)
	if d != nil {
		d.MsgID = id
	}
	return d, err
}

// SendText sends a text message.
func (c *KFCustomer) SendText(ctx context.Context, content string) (*Delivery, error) {
	return c.Send(ctx, "text", kfText{Content: content})
}

// SendMenuClick sends the text WeCom delivers when the customer taps click
// item menuID of a msgmenu; it does not reopen the send quota.
func (c *KFCustomer) SendMenuClick(ctx context.Context, menuID, content string) (*Delivery, error) {
	return c.Send(ctx, "text", kfText{Content: content, MenuID: menuID})
}

// SendLocation sends a location.
func (c *KFCustomer) SendLocation(ctx context.Context, l KFLocation) (*Delivery, error) {
	return c.Send(ctx, "location", l)
}

// SendLink sends a shared link.
func (c *KFCustomer) SendLink(ctx context.Context, l KFLink) (*Delivery, error) {
	return c.Send(ctx, "link", l)
}

// SendBusinessCard sends a WeCom member's card.
func (c *KFCustomer) SendBusinessCard(ctx context.Context, userID string) (*Delivery, error) {
	return c.Send(ctx, "business_card", kfBusinessCard{UserID: userID})
}

// SendMiniProgram sends a mini program card.
func (c *KFCustomer) SendMiniProgram(ctx context.Context, m KFMiniProgram) (*Delivery, error) {
	return c.Send(ctx, "miniprogram", m)
}

// SendMsgMenu sends a msgmenu message (as forwarded by the customer).
func (c *KFCustomer) SendMsgMenu(ctx context.Context, m KFMsgMenu) (*Delivery, error) {
	return c.Send(ctx, "msgmenu", m)
}

// SendShopProduct sends a 视频号 shop product card.
func (c *KFCustomer) SendShopProduct(ctx context.Context, p KFShopProduct) (*Delivery, error) {
	return c.Send(ctx, "channels_shop_product", p)
}

// SendShopOrder sends a 视频号 shop order card.
func (c *KFCustomer) SendShopOrder(ctx context.Context, o KFShopOrder) (*Delivery, error) {
	return c.Send(ctx, "channels_shop_order", o)
}

// SendMergedMsg sends a forwarded chat history.
func (c *KFCustomer) SendMergedMsg(ctx context.Context, m KFMergedMsg) (*Delivery, error) {
	return c.Send(ctx, "merged_msg", m)
}

// SendChannels sends a 视频号 feed, live or card.
func (c *KFCustomer) SendChannels(ctx context.Context, ch KFChannels) (*Delivery, error) {
	return c.Send(ctx, "channels", ch)
}

package mp

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/mpapi"
)

// TemplateType is the outbound type of a template message (模板消息): the
// desk's automatic messages use it where an account has a template
// configured (the satisfaction invitation). It is not a customer-service
// message, so WeChat's 48 h budget does not apply; agents cannot create
// it through the messages API.
const TemplateType = "template"

// templatePayload is the stored payload of a template message.
type templatePayload struct {
	TemplateID string            `json:"template_id"`
	URL        string            `json:"url,omitempty"`
	Data       map[string]string `json:"data"`
}

// sendTemplate sends a template message; the record id makes it
// idempotent for WeChat's 10 minutes.
func (d *Driver) sendTemplate(ctx context.Context, m *channel.Outbound) (*channel.SendResult, error) {
	var p templatePayload
	raw, _ := json.Marshal(m.Payload)
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, channel.Permanent("the template payload is not valid: %v", err)
	}
	tm := mpapi.TemplateMessage{ToUser: m.ExternalID, TemplateID: p.TemplateID, URL: p.URL,
		ClientMsgID: m.ID, Data: map[string]mpapi.TemplateValue{}}
	for k, v := range p.Data {
		tm.Data[k] = mpapi.TemplateValue{Value: v}
	}
	id, err := d.api.SendTemplate(ctx, tm)
	if err != nil {
		return nil, classify(err)
	}
	return &channel.SendResult{MsgID: strconv.FormatInt(id, 10), Payload: tm}, nil
}

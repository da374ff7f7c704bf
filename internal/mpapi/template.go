package mpapi

import "context"

// TemplateMessage is a template (模板) message, the notification channel
// outside the 48-hour window (服务号 only).
type TemplateMessage struct {
	ToUser     string `json:"touser"`
	TemplateID string `json:"template_id"`
	// URL is the jump link; MiniProgram wins when both are set.
	URL         string               `json:"url,omitempty"`
	MiniProgram *TemplateMiniProgram `json:"miniprogram,omitempty"`
	// ClientMsgID makes the send idempotent per openid for 10 minutes.
	ClientMsgID string                   `json:"client_msg_id,omitempty"`
	Data        map[string]TemplateValue `json:"data"`
}

// TemplateMiniProgram is the mini-program a template message opens.
type TemplateMiniProgram struct {
	AppID    string `json:"appid"`
	PagePath string `json:"pagepath,omitempty"`
}

// TemplateValue fills one keyword of the template.
type TemplateValue struct {
	Value string `json:"value"`
}

type templateAnswer struct {
	MsgID int64 `json:"msgid"`
}

// SendTemplate sends a template message (POST /cgi-bin/message/template/send)
// and returns its msgid, which the later TEMPLATESENDJOBFINISH event echoes.
func (c *Client) SendTemplate(ctx context.Context, m TemplateMessage) (int64, error) {
	const op = "template/send"
	switch {
	case m.ToUser == "":
		return 0, withOp(op, invalid("touser is empty"))
	case m.TemplateID == "":
		return 0, withOp(op, invalid("template_id is empty"))
	case len(m.Data) == 0:
		return 0, withOp(op, invalid("data is empty"))
	case m.MiniProgram != nil && m.MiniProgram.AppID == "":
		return 0, withOp(op, invalid("miniprogram.appid is empty"))
	}
	r, err := jsonRequest(op, "/cgi-bin/message/template/send", m)
	if err != nil {
		return 0, err
	}
	var ans templateAnswer
	if err := c.call(ctx, r, &ans); err != nil {
		return 0, err
	}
	return ans.MsgID, nil
}

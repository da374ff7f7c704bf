package mpapi

import (
	"context"
	"fmt"
)

// Menu button types (wechat-mp.md §8).
const (
	ButtonClick              = "click"
	ButtonView               = "view"
	ButtonMiniProgram        = "miniprogram"
	ButtonScanCodePush       = "scancode_push"
	ButtonScanCodeWaitMsg    = "scancode_waitmsg"
	ButtonPicSysPhoto        = "pic_sysphoto"
	ButtonPicPhotoOrAlbum    = "pic_photo_or_album"
	ButtonPicWeixin          = "pic_weixin"
	ButtonLocationSelect     = "location_select"
	ButtonMediaID            = "media_id"
	ButtonViewLimited        = "view_limited"
	ButtonArticleID          = "article_id"
	ButtonArticleViewLimited = "article_view_limited"
)

// Menu limits, in bytes of UTF-8 (a CJK character is 3 bytes).
const (
	maxTopButtons     = 3
	maxSubButtons     = 5
	maxTopNameBytes   = 16
	maxSubNameBytes   = 60
	maxButtonKeyBytes = 128
	maxButtonURLBytes = 1024
)

// Menu is the Official Account's custom menu.
type Menu struct {
	Buttons []Button `json:"button"`
}

// Button is a menu entry. A top-level button either has SubButtons (and no
// Type) or is itself actionable.
type Button struct {
	Type       string   `json:"type,omitempty"`
	Name       string   `json:"name"`
	Key        string   `json:"key,omitempty"`
	URL        string   `json:"url,omitempty"`
	AppID      string   `json:"appid,omitempty"`
	PagePath   string   `json:"pagepath,omitempty"`
	MediaID    string   `json:"media_id,omitempty"`
	ArticleID  string   `json:"article_id,omitempty"`
	SubButtons []Button `json:"sub_button,omitempty"`
}

// CreateMenu replaces the custom menu (POST /cgi-bin/menu/create).
func (c *Client) CreateMenu(ctx context.Context, m Menu) error {
	const op = "menu/create"
	if err := m.Validate(); err != nil {
		return withOp(op, err)
	}
	r, err := jsonRequest(op, "/cgi-bin/menu/create", m)
	if err != nil {
		return err
	}
	return c.call(ctx, r, nil)
}

// Validate applies WeChat's menu limits locally: 1–3 top-level buttons,
// 1–5 sub-buttons, name/key/url byte lengths and per-type required fields.
func (m Menu) Validate() error {
	if n := len(m.Buttons); n < 1 || n > maxTopButtons {
		return invalid("menu needs 1-%d buttons, got %d", maxTopButtons, n)
	}
	for i, b := range m.Buttons {
		if err := b.validateTop(); err != nil {
			return within(fmt.Sprintf("button[%d]", i), err)
		}
	}
	return nil
}

func (b Button) validateTop() error {
	if err := checkName(b.Name, maxTopNameBytes); err != nil {
		return err
	}
	if b.SubButtons == nil {
		return b.validateAction()
	}
	if b.Type != "" {
		return invalid("a button with sub_button must not have a type")
	}
	if n := len(b.SubButtons); n < 1 || n > maxSubButtons {
		return invalid("sub_button needs 1-%d buttons, got %d", maxSubButtons, n)
	}
	for i, sub := range b.SubButtons {
		if sub.SubButtons != nil {
			return invalid("sub_button[%d]: menus nest only two levels", i)
		}
		if err := checkName(sub.Name, maxSubNameBytes); err != nil {
			return within(fmt.Sprintf("sub_button[%d]", i), err)
		}
		if err := sub.validateAction(); err != nil {
			return within(fmt.Sprintf("sub_button[%d]", i), err)
		}
	}
	return nil
}

func checkName(name string, limit int) error {
	if name == "" || len(name) > limit {
		return invalid("name must be 1-%d bytes, got %d", limit, len(name))
	}
	return nil
}

// validateAction checks the fields a button's type requires.
func (b Button) validateAction() error {
	if len(b.Key) > maxButtonKeyBytes {
		return invalid("key longer than %d bytes", maxButtonKeyBytes)
	}
	if len(b.URL) > maxButtonURLBytes {
		return invalid("url longer than %d bytes", maxButtonURLBytes)
	}
	switch b.Type {
	case ButtonClick, ButtonScanCodePush, ButtonScanCodeWaitMsg, ButtonPicSysPhoto,
		ButtonPicPhotoOrAlbum, ButtonPicWeixin, ButtonLocationSelect:
		return require(b.Type, "key", b.Key)
	case ButtonView:
		return require(b.Type, "url", b.URL)
	case ButtonMiniProgram:
		// url is the fallback for clients that cannot open mini-programs.
		return require(b.Type, "appid, pagepath and url", b.AppID, b.PagePath, b.URL)
	case ButtonMediaID, ButtonViewLimited:
		return require(b.Type, "media_id", b.MediaID)
	case ButtonArticleID, ButtonArticleViewLimited:
		return require(b.Type, "article_id", b.ArticleID)
	case "":
		return invalid("type is empty and there are no sub buttons")
	}
	return invalid("unknown button type %q", b.Type)
}

func require(buttonType, what string, values ...string) error {
	for _, v := range values {
		if v == "" {
			return invalid("%s button needs %s", buttonType, what)
		}
	}
	return nil
}

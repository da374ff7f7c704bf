package inbox

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// fillKF renders a message pulled from 微信客服, whose payload keeps
// WeCom's JSON (with "origin") and the content under the key named by its
// msgtype (an event under "event"). It reports false for messages of
// another shape and for media, which fillKind renders the same for every
// channel.
func (mv *messageViewer) fillKF(v *views.MessageView, m *store.Message, p map[string]any) bool {
	typ := m.Type()
	body, ok := p[typ].(map[string]any)
	if _, pulled := p["origin"]; !ok || !pulled {
		return false
	}
	k := mv.t.KF
	label := k.Labels[typ]
	switch typ {
	case "text":
		v.Kind = "text"
		v.Text = firstString(body, "content")
		if !v.Out {
			v.Text = views.WeChatEmoji(v.Text)
		}
		if id := firstString(body, "menu_id"); id != "" {
			v.Text += " · " + k.MenuClick + " " + id
		}
	case "location":
		lat, lon := firstFloat(body, "latitude"), firstFloat(body, "longitude")
		v.Kind = "location"
		v.Title = joinNonEmpty(" ", firstString(body, "name"), firstString(body, "address"))
		v.Lat, v.Lon = strconv.FormatFloat(lat, 'f', 5, 64), strconv.FormatFloat(lon, 'f', 5, 64)
		v.MapURL = amapURL(lat, lon, firstString(body, "name"))
	case "link":
		v.Kind = "link"
		v.Title, v.Description, v.LinkURL = firstString(body, "title"), firstString(body, "desc"), firstString(body, "url")
	case "miniprogram":
		v.Kind = "miniprogram"
		v.Title = firstString(body, "title")
		v.Description = joinNonEmpty(" · ", firstString(body, "pagepath"), firstString(body, "appid"))
	case "event":
		v.Kind = "event"
		v.Text = mv.kfEvent(body)
	case "image", "voice", "video", "file":
		v.Text = "" // the stored text is only a label; kf gives no voice recognition
		return false
	default:
		v.Kind = "card"
		v.Title, v.Description = kfCard(mv.t, typ, body)
		v.Title = joinNonEmpty(" · ", label, v.Title)
	}
	return true
}

// kfCard summarises the card-like kf messages.
func kfCard(t *views.Text, typ string, b map[string]any) (title, desc string) {
	switch typ {
	case "business_card":
		return firstString(b, "userid"), ""
	case "msgmenu":
		var items []string
		if list, ok := b["list"].([]any); ok {
			for _, it := range list {
				if item, ok := it.(map[string]any); ok {
					items = append(items, menuItemText(item))
				}
			}
		}
		return firstString(b, "head_content"), joinNonEmpty(" / ", append(items, firstString(b, "tail_content"))...)
	case "channels_shop_product":
		price := ""
		if fen, err := strconv.ParseFloat(firstString(b, "sales_price"), 64); err == nil {
			price = "¥" + strconv.FormatFloat(fen/100, 'f', 2, 64)
		}
		return firstString(b, "title"), joinNonEmpty(" · ", price, firstString(b, "shop_nickname"))
	case "channels_shop_order":
		return firstString(b, "product_titles"), joinNonEmpty(" · ", firstString(b, "price_wording"),
			firstString(b, "state"), firstString(b, "shop_nickname"), firstString(b, "order_id"))
	case "merged_msg":
		var lines []string
		if items, ok := b["item"].([]any); ok {
			for _, it := range items {
				if item, ok := it.(map[string]any); ok {
					lines = append(lines, firstString(item, "sender_name")+": "+mergedItemText(t, item))
				}
			}
		}
		return firstString(b, "title"), strings.Join(lines, " / ")
	case "channels":
		return joinNonEmpty(" · ", t.KF.ChannelsSub[firstString(b, "sub_type")], firstString(b, "nickname")), firstString(b, "title")
	}
	return "", ""
}

// menuItemText is a menu line's visible text, whatever its type.
func menuItemText(item map[string]any) string {
	for _, key := range []string{"click", "view", "miniprogram", "text"} {
		if inner, ok := item[key].(map[string]any); ok {
			return firstString(inner, "content")
		}
	}
	return firstString(item, "content")
}

// mergedItemText is one line of a forwarded chat record: its text, or the
// label of its type.
func mergedItemText(t *views.Text, item map[string]any) string {
	typ := firstString(item, "msgtype")
	var content map[string]any
	if s := firstString(item, "msg_content"); s != "" && decodeJSON(s, &content) == nil {
		if inner, ok := content[typ].(map[string]any); ok {
			if text := firstString(inner, "content", "title", "name"); text != "" {
				return text
			}
		}
	}
	if label := t.KF.Labels[typ]; label != "" {
		return "[" + label + "]"
	}
	return t.PreviewOf("[" + typ + "]")
}

// kfEvent words an event's system line with what matters of its details.
func (mv *messageViewer) kfEvent(ev map[string]any) string {
	typ := firstString(ev, "event_type")
	line := mv.t.KF.EventOf(typ)
	switch typ {
	case "enter_session":
		scene := firstString(ev, "scene")
		if param := firstString(ev, "scene_param"); param != "" {
			scene += "#" + param
		}
		if scene != "" {
			line += " · " + mv.t.SceneOf(scene)
		}
		if ch, ok := ev["wechat_channels"].(map[string]any); ok {
			line += " · " + joinNonEmpty(" ", firstString(ch, "nickname"), firstString(ch, "shop_nickname"))
		}
	case "msg_send_fail":
		ft := firstString(ev, "fail_type")
		line += " · " + firstNonEmpty(mv.t.KF.FailTypes[ft], "fail_type "+ft)
	case "session_status_change":
		line = joinNonEmpty(" · ", line, mv.t.KF.SessionChanges[firstString(ev, "change_type")])
	case "reject_customer_msg_switch_change":
		line = mv.t.KF.RejectOff
		if firstString(ev, "reject_switch") == "1" {
			line = mv.t.KF.RejectOn
		}
	}
	if who := firstString(ev, "servicer_userid", "new_servicer_userid", "old_servicer_userid"); who != "" {
		line += " · " + who
	}
	return line
}

func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

func decodeJSON(s string, v any) error { return json.Unmarshal([]byte(s), v) }

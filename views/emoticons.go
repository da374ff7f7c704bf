package views

import "strings"

// wechatFaces maps WeChat's built-in face codes, which its clients send as
// text ("/::)" or "[微笑]"), to the closest Unicode emoji so the inbox shows
// what the customer saw. Longer codes come first so that "/::-|" is not
// read as "/::-" followed by "|".
var wechatFaces = strings.NewReplacer(
	"/::-|", "😅", "/::'(", "😢", "/:8-)", "😎", "/:strong", "👍", "/:weak", "👎", "/:handclap", "👏",
	"/:rose", "🌹", "/:heart", "❤️", "/:break", "💔", "/:ok", "👌", "/:coffee", "☕", "/:gift", "🎁",
	"/::)", "🙂", "/::~", "😖", "/::B", "😍", "/::|", "😳", "/::<", "😭", "/::$", "😊", "/::X", "🤐",
	"/::Z", "😴", "/::@", "😠", "/::P", "😛", "/::D", "😁", "/::O", "😮", "/::(", "🙁",
	"[微笑]", "🙂", "[撇嘴]", "😖", "[色]", "😍", "[发呆]", "😳", "[得意]", "😎", "[流泪]", "😭", "[害羞]", "😊",
	"[闭嘴]", "🤐", "[睡]", "😴", "[大哭]", "😢", "[尴尬]", "😅", "[发怒]", "😠", "[调皮]", "😛", "[呲牙]", "😁",
	"[惊讶]", "😮", "[难过]", "🙁", "[强]", "👍", "[弱]", "👎", "[握手]", "🤝", "[胜利]", "✌️", "[抱拳]", "🙏",
	"[OK]", "👌", "[玫瑰]", "🌹", "[爱心]", "❤️", "[心碎]", "💔", "[咖啡]", "☕", "[礼物]", "🎁", "[捂脸]", "🤦",
	"[奸笑]", "😏", "[机智]", "🤓", "[皱眉]", "😟", "[耶]", "✌️", "[红包]", "🧧", "[發]", "🀅", "[福]", "🧧",
)

// WeChatEmoji replaces WeChat face codes in a customer's text with emoji.
func WeChatEmoji(text string) string {
	if !strings.ContainsAny(text, "/[") {
		return text
	}
	return wechatFaces.Replace(text)
}

package mpapi

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const (
	testAccount = "gh_97417a04a28d"
	testOpenID  = "o9AgO5Kd5ggOC-bXrbNODIiE3bGY"
)

// header fills the common elements every testdata file carries.
func header(created int64, msgType string) InboundMessage {
	return InboundMessage{ToUserName: testAccount, FromUserName: testOpenID, CreateTime: created, MsgType: msgType}
}

func with(m InboundMessage, fill func(*InboundMessage)) InboundMessage {
	fill(&m)
	return m
}

func TestParseInboundGolden(t *testing.T) {
	tests := []struct {
		file   string
		want   InboundMessage // compared without Fields
		dedup  string
		nested map[string]any // expected values of nested elements in Fields
	}{
		{"text.xml", with(header(1714112445, "text"), func(m *InboundMessage) {
			m.MsgID = "24602305049446655"
			m.Content = "你好，我的订单还没发货\n请帮忙查一下 <订单号> & 物流"
		}), "msg:24602305049446655", nil},
		{"text_bizmsgmenu.xml", with(header(1714112500, "text"), func(m *InboundMessage) {
			m.MsgID, m.Content, m.BizMsgMenuID = "24602305049446700", "满意", "101"
		}), "msg:24602305049446700", nil},
		{"text_from_article.xml", with(header(1714112510, "text"), func(m *InboundMessage) {
			m.MsgID, m.Content = "24602305049446711", "文章留言"
		}), "msg:24602305049446711", map[string]any{"MsgDataId": "2247483649", "Idx": "1"}},
		{"image.xml", with(header(1714112600, "image"), func(m *InboundMessage) {
			m.MsgID = "24602305049446800"
			m.PicURL = "http://mmbiz.qpic.cn/mmbiz_jpg/abc123/0"
			m.MediaID = "kc5OYY3l0eH2lqRAd8VJqRwP4YxVhkX5Yl2mYwcDQNRzGg6YbUTuJK6bVsc9tvBu"
		}), "msg:24602305049446800", nil},
		{"voice.xml", with(header(1714112700, "voice"), func(m *InboundMessage) {
			m.MsgID, m.Format = "24602305049446900", "amr"
			m.MediaID = "Ud4pwDYyN1vC0Bx6ik8NbDq3jXtBUhzCl_uNB-0oL7ZvhAoBLpQo5LTwzQ-Gc1AM"
		}), "msg:24602305049446900", nil},
		{"voice_recognition.xml", with(header(1714112710, "voice"), func(m *InboundMessage) {
			m.MsgID, m.Format, m.Recognition = "24602305049446901", "speex", "我要退货。"
			m.MediaID = "Ud4pwDYyN1vC0Bx6ik8NbDq3jXtBUhzCl_uNB-0oL7ZvhAoBLpQo5LTwzQ-Gc1AN"
		}), "msg:24602305049446901", nil},
		{"video.xml", with(header(1714112800, "video"), func(m *InboundMessage) {
			m.MsgID, m.MediaID, m.ThumbMediaID = "24602305049447000", "8R9ZVGuJ2hQv-video-media-id", "8R9ZVGuJ2hQv-thumb-media-id"
		}), "msg:24602305049447000", nil},
		{"shortvideo.xml", with(header(1714112900, "shortvideo"), func(m *InboundMessage) {
			m.MsgID, m.MediaID, m.ThumbMediaID = "24602305049447100", "short-video-media-id", "short-video-thumb-id"
		}), "msg:24602305049447100", nil},
		{"location.xml", with(header(1714113000, "location"), func(m *InboundMessage) {
			m.MsgID, m.LocationX, m.LocationY, m.Scale = "24602305049447200", 23.134521, 113.358803, 20
			m.Label = "广州市天河区天河路 385 号"
		}), "msg:24602305049447200", nil},
		{"link.xml", with(header(1714113100, "link"), func(m *InboundMessage) {
			m.MsgID, m.Title, m.Description = "24602305049447300", "退换货政策", "七天无理由退换货说明"
			m.URL = "https://mp.weixin.qq.com/s/AbCdEf?a=1&b=2"
		}), "msg:24602305049447300", nil},
		{"event_subscribe.xml", with(header(1714113200, "event"), func(m *InboundMessage) {
			m.Event = "subscribe"
		}), "evt:" + testOpenID + ":1714113200:subscribe:", nil},
		{"event_subscribe_qrscene.xml", with(header(1714113210, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "subscribe", "qrscene_store_042"
			m.Ticket = "gQHi8DwAAAAAAAAAAS5odHRwOi8vd2VpeGluLnFxLmNvbS9xLzAyM"
		}), "evt:" + testOpenID + ":1714113210:subscribe:qrscene_store_042", nil},
		{"event_unsubscribe.xml", with(header(1714113300, "event"), func(m *InboundMessage) {
			m.Event = "unsubscribe"
		}), "evt:" + testOpenID + ":1714113300:unsubscribe:", nil},
		{"event_scan.xml", with(header(1714113400, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "SCAN", "store_042"
			m.Ticket = "gQHi8DwAAAAAAAAAAS5odHRwOi8vd2VpeGluLnFxLmNvbS9xLzAyM"
		}), "evt:" + testOpenID + ":1714113400:SCAN:store_042", nil},
		{"event_location.xml", with(header(1714113500, "event"), func(m *InboundMessage) {
			m.Event, m.Latitude, m.Longitude, m.Precision = "LOCATION", 23.137466, 113.352425, 119.385040
		}), "evt:" + testOpenID + ":1714113500:LOCATION:", nil},
		{"event_click.xml", with(header(1714113600, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "CLICK", "CONTACT_AGENT"
		}), "evt:" + testOpenID + ":1714113600:CLICK:CONTACT_AGENT", nil},
		{"event_view.xml", with(header(1714113700, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey, m.MenuID = "VIEW", "https://shop.example.com/orders", "438297546"
		}), "evt:" + testOpenID + ":1714113700:VIEW:https://shop.example.com/orders", nil},
		{"event_view_miniprogram.xml", with(header(1714113710, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey, m.MenuID = "view_miniprogram", "pages/index/index", "438297547"
		}), "evt:" + testOpenID + ":1714113710:view_miniprogram:pages/index/index", nil},
		{"event_scancode_push.xml", with(header(1714113800, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "scancode_push", "SCAN_ORDER"
		}), "evt:" + testOpenID + ":1714113800:scancode_push:SCAN_ORDER", map[string]any{
			"ScanCodeInfo": map[string]any{"ScanType": "qrcode", "ScanResult": "https://shop.example.com/o/123"},
		}},
		{"event_scancode_waitmsg.xml", with(header(1714113810, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "scancode_waitmsg", "SCAN_WAIT"
		}), "evt:" + testOpenID + ":1714113810:scancode_waitmsg:SCAN_WAIT", map[string]any{
			"ScanCodeInfo": map[string]any{"ScanType": "barcode", "ScanResult": "EAN_13,6901234567892"},
		}},
		{"event_pic_sysphoto.xml", with(header(1714113900, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "pic_sysphoto", "PHOTO"
		}), "evt:" + testOpenID + ":1714113900:pic_sysphoto:PHOTO", map[string]any{
			"SendPicsInfo": map[string]any{"Count": "1", "PicList": map[string]any{
				"item": map[string]any{"PicMd5Sum": "1b5f7c23b5bf75682a53e7b6d163e185"}}},
		}},
		{"event_pic_photo_or_album.xml", with(header(1714113910, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "pic_photo_or_album", "ALBUM"
		}), "evt:" + testOpenID + ":1714113910:pic_photo_or_album:ALBUM", map[string]any{
			"SendPicsInfo": map[string]any{"Count": "1", "PicList": map[string]any{
				"item": map[string]any{"PicMd5Sum": "5a75aaca956d97be686719218f275c6b"}}},
		}},
		{"event_pic_weixin.xml", with(header(1714113920, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "pic_weixin", "WX_PICS"
		}), "evt:" + testOpenID + ":1714113920:pic_weixin:WX_PICS", map[string]any{
			"SendPicsInfo": map[string]any{"Count": "2", "PicList": map[string]any{"item": []any{
				map[string]any{"PicMd5Sum": "5a75aaca956d97be686719218f275c6b"},
				map[string]any{"PicMd5Sum": "1b5f7c23b5bf75682a53e7b6d163e185"},
			}}},
		}},
		{"event_location_select.xml", with(header(1714114000, "event"), func(m *InboundMessage) {
			m.Event, m.EventKey = "location_select", "SEND_LOCATION"
		}), "evt:" + testOpenID + ":1714114000:location_select:SEND_LOCATION", map[string]any{
			"SendLocationInfo": map[string]any{"Location_X": "23", "Location_Y": "113", "Scale": "15",
				"Label": " 广州市海珠区客村艺苑路 106号", "Poiname": ""},
		}},
		{"event_templatesendjobfinish.xml", with(header(1714114100, "event"), func(m *InboundMessage) {
			m.Event, m.MsgID, m.Status = "TEMPLATESENDJOBFINISH", "200163836", "failed: system failed"
		}), "evt:" + testOpenID + ":1714114100:TEMPLATESENDJOBFINISH::200163836", nil},
		{"text.json", with(header(1714112445, "text"), func(m *InboundMessage) {
			m.MsgID, m.Content = "24602305049446655", "hello from JSON"
		}), "msg:24602305049446655", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseInbound(raw)
			if err != nil {
				t.Fatalf("ParseInbound: %v", err)
			}
			typed := *got
			typed.Fields = nil
			if !reflect.DeepEqual(typed, tt.want) {
				t.Errorf("typed fields\n got %+v\nwant %+v", typed, tt.want)
			}
			if k := got.DedupKey(); k != tt.dedup {
				t.Errorf("DedupKey = %q, want %q", k, tt.dedup)
			}
			if got.IsEvent() != (tt.want.MsgType == "event") {
				t.Errorf("IsEvent = %v for MsgType %q", got.IsEvent(), got.MsgType)
			}
			for name, want := range tt.nested {
				if !reflect.DeepEqual(got.Fields[name], want) {
					t.Errorf("Fields[%q] = %#v, want %#v", name, got.Fields[name], want)
				}
			}
			assertEveryElementKept(t, raw, got.Fields)
		})
	}
}

// assertEveryElementKept checks, with an independent decoder, that every
// top-level element of the file shows up in Fields and survives JSON.
func assertEveryElementKept(t *testing.T, raw []byte, fields map[string]any) {
	t.Helper()
	var names []string
	if strings.HasPrefix(string(raw), "{") {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			t.Fatal(err)
		}
		for k := range obj {
			names = append(names, k)
		}
	} else {
		var doc struct {
			Elems []struct{ XMLName xml.Name } `xml:",any"`
		}
		if err := xml.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		for _, e := range doc.Elems {
			names = append(names, e.XMLName.Local)
		}
	}
	if len(names) == 0 || len(fields) != len(names) {
		t.Errorf("Fields has %d keys, document has %d elements %v", len(fields), len(names), names)
	}
	for _, n := range names {
		if _, ok := fields[n]; !ok {
			t.Errorf("Fields lacks element %q", n)
		}
	}
	if _, err := json.Marshal(fields); err != nil {
		t.Errorf("Fields not storable as JSON: %v", err)
	}
}

func TestParseInboundRejects(t *testing.T) {
	deep := "<xml><MsgType>text</MsgType>" + strings.Repeat("<a>", 20) + strings.Repeat("</a>", 20) + "</xml>"
	tests := []struct {
		name string
		body string
	}{
		{"empty", "  \n"},
		{"plain text", "success"},
		{"doctype", `<!DOCTYPE xml [<!ENTITY x "boom">]><xml><MsgType>text</MsgType><Content>&x;</Content></xml>`},
		{"harmless doctype", `<!DOCTYPE xml><xml><MsgType>text</MsgType></xml>`},
		{"doctype inside", `<xml><!DOCTYPE x><MsgType>text</MsgType></xml>`},
		{"unclosed", "<xml><MsgType>text</MsgType>"},
		{"mismatched", "<xml><MsgType>text</Msgtype></xml>"},
		{"wrong root", "<message><MsgType>text</MsgType></message>"},
		{"two roots", "<xml><MsgType>text</MsgType></xml><xml><MsgType>text</MsgType></xml>"},
		{"trailing text", "<xml><MsgType>text</MsgType></xml>junk"},
		{"unknown entity", "<xml><MsgType>text</MsgType><Content>&nbsp;</Content></xml>"},
		{"too deep", deep},
		{"no MsgType", "<xml><ToUserName>gh_1</ToUserName><MsgId>1</MsgId></xml>"},
		{"empty root", "<xml></xml>"},
		{"bad CreateTime", "<xml><MsgType>text</MsgType><CreateTime>yesterday</CreateTime></xml>"},
		{"bad Location_X", "<xml><MsgType>location</MsgType><Location_X>north</Location_X></xml>"},
		{"bad Scale", "<xml><MsgType>location</MsgType><Scale>1.5</Scale></xml>"},
		{"json array", `[{"MsgType":"text"}]`},
		{"json trailing", `{"MsgType":"text"} {"MsgType":"text"}`},
		{"json no MsgType", `{"Content":"hi"}`},
		{"json broken", `{"MsgType":"text"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseInbound([]byte(tt.body))
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
			if m != nil {
				t.Errorf("message = %+v, want nil", m)
			}
			if strings.Contains(err.Error(), "boom") {
				t.Errorf("error quotes the body: %v", err)
			}
		})
	}
}

func TestDedupKeyFallbackAndQRScene(t *testing.T) {
	tests := []struct {
		name  string
		msg   InboundMessage
		dedup string
		scene string
	}{
		{"message without MsgId", InboundMessage{FromUserName: "o1", CreateTime: 5, MsgType: "text"}, "msg:o1:5:text", ""},
		{"subscribe via QR", InboundMessage{FromUserName: "o1", CreateTime: 5, MsgType: "event", Event: "subscribe", EventKey: "qrscene_42"}, "evt:o1:5:subscribe:qrscene_42", "42"},
		{"plain subscribe", InboundMessage{FromUserName: "o1", CreateTime: 5, MsgType: "event", Event: "subscribe"}, "evt:o1:5:subscribe:", ""},
		{"SCAN", InboundMessage{FromUserName: "o1", CreateTime: 6, MsgType: "event", Event: "SCAN", EventKey: "42"}, "evt:o1:6:SCAN:42", "42"},
		{"CLICK is no scene", InboundMessage{FromUserName: "o1", CreateTime: 7, MsgType: "event", Event: "CLICK", EventKey: "qrscene_x"}, "evt:o1:7:CLICK:qrscene_x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.msg.DedupKey(); got != tt.dedup {
				t.Errorf("DedupKey = %q, want %q", got, tt.dedup)
			}
			if got := tt.msg.QRScene(); got != tt.scene {
				t.Errorf("QRScene = %q, want %q", got, tt.scene)
			}
		})
	}
}

func TestParseInboundJSONKeepsBigMsgID(t *testing.T) {
	m, err := ParseInbound([]byte(`{"MsgType":"text","MsgId":9223372036854775807,"CreateTime":1714112445,"Scale":3}`))
	if err != nil {
		t.Fatal(err)
	}
	if m.MsgID != "9223372036854775807" || m.CreateTime != 1714112445 || m.Scale != 3 {
		t.Errorf("got MsgID %q CreateTime %d Scale %d", m.MsgID, m.CreateTime, m.Scale)
	}
}

func BenchmarkParseInboundXML(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "text.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseInbound(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseInboundJSON(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "text.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseInbound(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseInboundRepeatedElementsBecomeLists(t *testing.T) {
	body := `<xml><MsgType>event</MsgType><SendPicsInfo><Count>3</Count><PicList>` +
		`<item><PicMd5Sum>a</PicMd5Sum></item><item><PicMd5Sum>b</PicMd5Sum></item><item><PicMd5Sum>c</PicMd5Sum></item>` +
		`</PicList></SendPicsInfo></xml>`
	m, err := ParseInbound([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := []any{map[string]any{"PicMd5Sum": "a"}, map[string]any{"PicMd5Sum": "b"}, map[string]any{"PicMd5Sum": "c"}}
	got := m.Fields["SendPicsInfo"].(map[string]any)["PicList"].(map[string]any)["item"]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items = %#v", got)
	}
}

package views

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestTextHelpers(t *testing.T) {
	zhT, enT := Language("zh"), Language("en")
	cases := []struct{ name, got, want string }{
		{"budget zh", zhT.Budget(3, 41), "还可发送 3 条 · 剩余 41 小时"},
		{"budget en", enT.Budget(3, 41), "3 more messages · 41 hours left"},
		{"preview image", zhT.PreviewOf("[image]"), "[图片]"},
		{"preview text kept", zhT.PreviewOf("[不是类型]"), "[不是类型]"},
		{"preview plain", zhT.PreviewOf("你好"), "你好"},
		{"scene constant", zhT.SceneOf("ADD_SCENE_QR_CODE"), "扫描二维码"},
		{"scene qr", enT.SceneOf("qrscene_poster"), "QR code poster"},
		{"scene unknown", zhT.SceneOf("ADD_SCENE_NEW"), "ADD_SCENE_NEW"},
		{"just now", enT.Duration(20 * time.Second), "under a minute"},
		{"minutes", zhT.Duration(25 * time.Minute), "25 分钟"},
		{"hours", enT.Duration(30 * time.Hour), "30 h"},
		{"days", zhT.Duration(72 * time.Hour), "3 天"},
		{"event", zhT.EventOf("subscribe"), "客户关注了公众号"},
		{"unknown event", enT.EventOf("weird"), "Event weird"},
		{"default language", Language("fr").Lang, "zh"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
}

// TestLanguagesComplete fails when a text is missing in one language, so
// neither UI shows an empty label.
func TestLanguagesComplete(t *testing.T) {
	for _, lang := range []*Text{&zh, &en} {
		v := reflect.ValueOf(*lang)
		for i := 0; i < v.NumField(); i++ {
			f, name := v.Field(i), v.Type().Field(i).Name
			switch f.Kind() {
			case reflect.String:
				if strings.TrimSpace(f.String()) == "" {
					t.Errorf("%s: %s is empty", lang.Lang, name)
				}
			case reflect.Map:
				other := reflect.ValueOf(map[bool]Text{true: en, false: zh}[lang == &zh]).Field(i)
				for _, k := range other.MapKeys() {
					if !f.MapIndex(k).IsValid() {
						t.Errorf("%s: %s[%v] is missing", lang.Lang, name, k)
					}
				}
			}
		}
	}
}

func TestWeChatEmoji(t *testing.T) {
	cases := map[string]string{
		"你好/::)":        "你好🙂",
		"[强][强]谢谢":      "👍👍谢谢",
		"/::-|尴尬":       "😅尴尬",
		"path /a/b [x]": "path /a/b [x]",
		"plain":         "plain",
	}
	for in, want := range cases {
		if got := WeChatEmoji(in); got != want {
			t.Errorf("WeChatEmoji(%q) = %q, want %q", in, got, want)
		}
	}
}

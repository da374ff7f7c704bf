package views

import (
	"reflect"
	"strings"
	"testing"
)

// TestKFTextComplete: every KF text exists in both languages, with the
// same map keys and the same format verbs.
func TestKFTextComplete(t *testing.T) {
	z, e := reflect.ValueOf(kfZH), reflect.ValueOf(kfEN)
	for i := 0; i < z.NumField(); i++ {
		name := z.Type().Field(i).Name
		switch zf, ef := z.Field(i), e.Field(i); zf.Kind() {
		case reflect.String:
			if strings.TrimSpace(zf.String()) == "" || strings.TrimSpace(ef.String()) == "" {
				t.Errorf("%s is empty in a language", name)
			}
			if verbs(zf.String()) != verbs(ef.String()) {
				t.Errorf("%s: format verbs differ: %q vs %q", name, zf.String(), ef.String())
			}
		case reflect.Map:
			if zf.Len() != ef.Len() {
				t.Errorf("%s: %d keys in zh, %d in en", name, zf.Len(), ef.Len())
			}
			for _, k := range zf.MapKeys() {
				if !ef.MapIndex(k).IsValid() {
					t.Errorf("%s[%v] is missing in en", name, k)
				}
			}
		}
	}
}

// verbs lists a format string's verbs in order.
func verbs(s string) string {
	var out []string
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			out = append(out, s[i:i+2])
			i++
		}
	}
	return strings.Join(out, "")
}

func TestKFTextHelpers(t *testing.T) {
	zhT, enT := Language("zh"), Language("en")
	cases := []struct{ name, got, want string }{
		{"contact scene", zhT.SceneOf("channels"), "视频号"},
		{"contact scene with param", enT.SceneOf("web#pricing"), "Website · param pricing"},
		{"unknown scene kept", zhT.SceneOf("lobby#1"), "lobby#1"},
		{"kf event", enT.KF.EventOf("enter_session"), "The customer entered the session"},
		{"unknown kf event", zhT.KF.EventOf("new_thing"), "事件 new_thing"},
		{"expiring", zhT.KF.Expiring(7, "2027-01-31"), "许可即将到期：还剩 7 天（最后一天 2027-01-31）。请尽快续订，到期后将无法回复客户。"},
		{"expired", enT.KF.Expired("2027-02-01"), "License expired on 2027-02-01: replies are refused until a license is active (customers' messages are still received)."},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

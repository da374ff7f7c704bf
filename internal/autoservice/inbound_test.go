package autoservice

import (
	"testing"

	"github.com/wedesk/wedesk/internal/automation"
)

func TestWantsHuman(t *testing.T) {
	bot := automation.Default().Bot
	for text, want := range map[string]bool{"人工": true, " 转人工 ": true, "我要人工客服": true, "退货": false, "": false} {
		if got := wantsHuman(bot, text); got != want {
			t.Errorf("wantsHuman(%q) = %v, want %v", text, got, want)
		}
	}
	if wantsHuman(automation.Bot{HandoverWords: []string{""}}, "anything") {
		t.Error("an empty hand-over word matches everything")
	}
}

func TestMenuID(t *testing.T) {
	if got := menuID(map[string]any{"text": map[string]any{"content": "5 非常满意", "menu_id": "sat_rate_5"}}); got != "sat_rate_5" {
		t.Fatalf("menuID = %q", got)
	}
	if got := menuID(map[string]any{"Content": "5"}); got != "" {
		t.Fatalf("an Official Account text has no menu id: %q", got)
	}
}

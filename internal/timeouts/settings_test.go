package timeouts

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDefaultSettings(t *testing.T) {
	s := DefaultSettings()
	if err := s.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	tests := []struct {
		kind    Kind
		enabled bool
		after   time.Duration
	}{
		{AgentComfort, false, time.Minute},
		{AgentReminder, true, 30 * time.Second},
		{AgentTransfer, false, time.Minute},
		{CustomerPromptBot, false, time.Minute},
		{CustomerPromptHuman, false, time.Minute},
		{CustomerClose, true, 5 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			r := s.Rule(tt.kind)
			if r.Enabled != tt.enabled || r.After != tt.after || r.Text == "" {
				t.Fatalf("got %+v, want enabled=%v after=%v and a text", r, tt.enabled, tt.after)
			}
		})
	}
}

// setAfter changes one rule's After in a copy of the defaults.
func setAfter(k Kind, d time.Duration) Settings {
	s := DefaultSettings()
	switch k {
	case AgentComfort:
		s.AgentComfort.After = d
	case AgentReminder:
		s.AgentReminder.After = d
	case AgentTransfer:
		s.AgentTransfer.After = d
	case CustomerPromptBot:
		s.CustomerPromptBot.After = d
	case CustomerPromptHuman:
		s.CustomerPromptHuman.After = d
	case CustomerClose:
		s.CustomerClose.After = d
	}
	return s
}

func TestValidateRangeEdges(t *testing.T) {
	sec, min := time.Second, time.Minute
	tests := []struct {
		kind  Kind
		after time.Duration
		ok    bool
		en    string
		zh    string
	}{
		{AgentComfort, 1 * min, true, "", ""},
		{AgentComfort, 30 * min, true, "", ""},
		{AgentComfort, 59 * sec, false, "agent_comfort.after_seconds: must be between 1 min and 30 min (got 59 s)", "座席超时未回复·安抚访客：时间须在 1–30 分钟之间（当前 59 秒）"},
		{AgentComfort, 31 * min, false, "agent_comfort.after_seconds: must be between 1 min and 30 min (got 31 min)", "座席超时未回复·安抚访客：时间须在 1–30 分钟之间（当前 31 分钟）"},
		{AgentReminder, 10 * sec, true, "", ""},
		{AgentReminder, 600 * sec, true, "", ""},
		{AgentReminder, 9 * sec, false, "agent_reminder.after_seconds: must be between 10 s and 10 min (got 9 s)", "座席超时未回复·提醒座席：时间须在 10–600 秒之间（当前 9 秒）"},
		{AgentReminder, 601 * sec, false, "agent_reminder.after_seconds: must be between 10 s and 10 min (got 601 s)", "座席超时未回复·提醒座席：时间须在 10–600 秒之间（当前 601 秒）"},
		{AgentTransfer, 1 * min, true, "", ""},
		{AgentTransfer, 9 * min, true, "", ""},
		{AgentTransfer, 10 * min, false, "agent_transfer.after_seconds: must be between 1 min and 9 min (got 10 min)", "座席超时未回复·自动转接：时间须在 1–9 分钟之间（当前 10 分钟）"},
		{CustomerPromptBot, 20 * min, true, "", ""},
		{CustomerPromptBot, 0, false, "customer_prompt_bot.after_seconds: must be between 1 min and 20 min (got 0 s)", "访客超时未回复·提示访客（机器人接待）：时间须在 1–20 分钟之间（当前 0 秒）"},
		{CustomerPromptHuman, 1 * min, true, "", ""},
		{CustomerPromptHuman, 21 * min, false, "customer_prompt_human.after_seconds: must be between 1 min and 20 min (got 21 min)", "访客超时未回复·提示访客（人工接待）：时间须在 1–20 分钟之间（当前 21 分钟）"},
		{CustomerClose, 2 * min, true, "", ""},
		{CustomerClose, 120 * min, true, "", ""},
		{CustomerClose, 1 * min, false, "customer_close.after_seconds: must be between 2 min and 120 min (got 1 min)", "访客超时未回复·关闭会话：时间须在 2–120 分钟之间（当前 1 分钟）"},
		{CustomerClose, 121 * min, false, "customer_close.after_seconds: must be between 2 min and 120 min (got 121 min)", "访客超时未回复·关闭会话：时间须在 2–120 分钟之间（当前 121 分钟）"},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String()+"/"+tt.after.String(), func(t *testing.T) {
			err := setAfter(tt.kind, tt.after).Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if tt.ok {
				return
			}
			var es Errors
			if !errors.As(err, &es) || len(es) != 1 {
				t.Fatalf("Validate() = %#v, want one FieldError", err)
			}
			if got := es.Message("en"); got != tt.en {
				t.Errorf("en = %q, want %q", got, tt.en)
			}
			if got := es.Message("zh"); got != tt.zh {
				t.Errorf("zh = %q, want %q", got, tt.zh)
			}
		})
	}
}

func TestValidateTexts(t *testing.T) {
	long := strings.Repeat("好", MaxTextBytes/3+1)
	tests := []struct {
		name   string
		change func(*Settings)
		fields []string
	}{
		{"disabled rule may have no text", func(s *Settings) { s.AgentComfort.Text = "" }, nil},
		{"enabled rule needs a text", func(s *Settings) { s.AgentComfort.Enabled, s.AgentComfort.Text = true, " " }, []string{"agent_comfort.text"}},
		{"transfer needs no text", func(s *Settings) { s.AgentTransfer.Enabled, s.AgentTransfer.Text = true, "" }, nil},
		{"close needs the agent text", func(s *Settings) { s.CustomerClose.AgentText = "" }, []string{"customer_close.agent_text"}},
		{"too long", func(s *Settings) { s.CustomerPromptBot.Text = long }, []string{"customer_prompt_bot.text"}},
		{"agent text too long", func(s *Settings) { s.CustomerClose.AgentText = long }, []string{"customer_close.agent_text"}},
		{"all problems at once", func(s *Settings) {
			s.AgentReminder.Text = ""
			s.CustomerClose.After = 0
		}, []string{"agent_reminder.text", "customer_close.after_seconds"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.change(&s)
			var es Errors
			if err := s.Validate(); err != nil && !errors.As(err, &es) {
				t.Fatalf("Validate() = %T, want Errors", err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.Field)
				if e.Message("zh") == "" || e.Error() == "" {
					t.Errorf("%s: empty message", e.Field)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Fatalf("fields = %v, want %v", got, tt.fields)
			}
		})
	}
}

func TestSettingsJSON(t *testing.T) {
	s := DefaultSettings()
	s.AgentTransfer.TargetQueue = "q_after_sales"
	s.AgentReminder.After = 45 * time.Second
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		want func() Settings
	}{
		{"round trip", string(b), func() Settings { return s }},
		{"missing rules keep defaults", `{"agent_comfort":{"enabled":true,"after_seconds":120}}`, func() Settings {
			d := DefaultSettings()
			d.AgentComfort.Enabled, d.AgentComfort.After = true, 2*time.Minute
			return d
		}},
		{"empty object is the defaults", `{}`, DefaultSettings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Settings
			if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want() {
				t.Fatalf("got %+v\nwant %+v", got, tt.want())
			}
		})
	}
	if !strings.Contains(string(b), `"agent_reminder":{"enabled":true,"after_seconds":45,`) ||
		!strings.Contains(string(b), `"target_queue":"q_after_sales"`) {
		t.Fatalf("durations not in seconds or queue missing: %s", b)
	}
	var bad Settings
	if err := json.Unmarshal([]byte(`{"agent_comfort":{"after_seconds":"60"}}`), &bad); err == nil {
		t.Fatal("a string duration was accepted")
	}
}

func TestKindJSON(t *testing.T) {
	f := Fired{For: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC), Kinds: KindSet(0).With(AgentReminder).With(CustomerClose)}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"for":"2026-11-21T12:00:00Z","kinds":["agent_reminder","customer_close"]}`; string(b) != want {
		t.Fatalf("got %s, want %s", b, want)
	}
	var back Fired
	if err := json.Unmarshal(b, &back); err != nil || back != f {
		t.Fatalf("round trip = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"kinds":["agent_nap"]}`), &back); err == nil {
		t.Fatal("unknown kind accepted")
	}
	empty, _ := json.Marshal(KindSet(0))
	if string(empty) != "[]" {
		t.Fatalf("empty set = %s", empty)
	}
}

package automation

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDefaultsAndOverrides(t *testing.T) {
	s, err := Parse(nil)
	if err != nil || s.Reception != ReceptionHuman || !s.Timeouts.CustomerClose.Enabled {
		t.Fatalf("defaults: %+v %v", s, err)
	}
	s, err = Parse([]byte(`{"reception":"bot+human","timeouts":{"agent_comfort":{"enabled":true,"after_seconds":120,"text":"稍等"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Reception != ReceptionBotHuman || !s.Timeouts.AgentComfort.Enabled || s.Timeouts.AgentComfort.After != 2*time.Minute {
		t.Fatalf("override: %+v", s)
	}
	if s.Bot.MaxMisses != 2 || !s.Timeouts.AgentReminder.Enabled {
		t.Fatalf("defaults lost under an override: %+v", s)
	}
}

func TestValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	tests := []struct {
		name, field string
		edit        func(*Settings)
	}{
		{"comfort below 1 min", "timeouts.agent_comfort.after_seconds", func(s *Settings) { s.Timeouts.AgentComfort.After = 59 * time.Second }},
		{"close above 120 min", "timeouts.customer_close.after_seconds", func(s *Settings) { s.Timeouts.CustomerClose.After = 121 * time.Minute }},
		{"reception", "reception", func(s *Settings) { s.Reception = "robot" }},
		{"misses", "bot.max_misses", func(s *Settings) { s.Bot.MaxMisses = 11 }},
		{"hours span", "hours.weekly.1.0", func(s *Settings) { s.Hours.Weekly[1] = []Span{{"18:00", "09:00"}} }},
		{"holiday", "hours.holidays.0", func(s *Settings) { s.Hours.Holidays = []string{"10/01"} }},
		{"required resolved", "satisfaction.require_resolved", func(s *Settings) { s.Satisfaction.AskResolved = false; s.Satisfaction.RequireResolved = true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Default()
			tt.edit(&s)
			var es Errors
			if err := s.Validate(); !errors.As(err, &es) || len(es) != 1 || !strings.HasPrefix(es[0].Field, tt.field) || es[0].ZH == "" || es[0].EN == "" {
				t.Fatalf("Validate() = %v, want one error on %s", err, tt.field)
			}
		})
	}
}

func TestHoursOpen(t *testing.T) {
	h := Hours{Enabled: true, Weekly: OfficeHours("09:00", "18:00"), Holidays: []string{"2026-10-01"}}
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 11, 23, 9, 0, 0, 0, cst), true},       // Monday, opening minute
		{time.Date(2026, 11, 23, 8, 59, 0, 0, cst), false},     // a minute early
		{time.Date(2026, 11, 23, 18, 0, 0, 0, cst), false},     // closing minute
		{time.Date(2026, 11, 22, 10, 0, 0, 0, cst), false},     // Sunday
		{time.Date(2026, 10, 1, 10, 0, 0, 0, cst), false},      // holiday (Thursday)
		{time.Date(2026, 11, 23, 1, 30, 0, 0, time.UTC), true}, // 09:30 in Shanghai
	}
	for _, tt := range tests {
		if got := h.Open(tt.at); got != tt.want {
			t.Errorf("Open(%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
	if !(Hours{}).Open(time.Time{}) {
		t.Error("no hours configured must mean always open")
	}
}

func TestBotActive(t *testing.T) {
	s := Default()
	if s.BotActive(true) || s.BotActive(false) {
		t.Fatal("human only: never the bot")
	}
	s.Reception = ReceptionBotHuman
	if !s.BotActive(true) || s.BotActive(false) {
		t.Fatal("all day, out of hours waits: bot in hours only")
	}
	s.Hours.OutOfHours = OutOfHoursBot
	if !s.BotActive(false) {
		t.Fatal("out of hours to the bot")
	}
	s.Bot.When, s.Hours.OutOfHours = BotOutOfHours, OutOfHoursWait
	if s.BotActive(true) || !s.BotActive(false) {
		t.Fatal("bot only out of hours")
	}
}

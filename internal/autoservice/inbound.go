package autoservice

import (
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/kb"
	"github.com/wedesk/wedesk/internal/store"
)

// Observe is the ingest observer: survey answers, session start (welcome,
// business hours, reception mode) and the bot's answers. Each customer
// message is handled in its own transaction.
func (s *Service) Observe(app core.App, b *ingest.Batch) error {
	opened := map[string]bool{}
	for _, cc := range b.Conversations {
		if cc.Opened {
			opened[cc.ID] = true
		}
	}
	view := newBatchView(app, b, s.now())
	queued := false
	settings := map[string]automation.Settings{} // by channel and account, for this batch
	for _, st := range b.Stored {
		in := st.Inbound
		if in.Event || in.FromServicer {
			continue
		}
		first := opened[st.ConversationID]
		delete(opened, st.ConversationID)
		key := st.ChannelID + "\x00" + in.Account
		cfg, ok := settings[key]
		if !ok {
			cfg = SettingsFor(app, st.ChannelID, in.Account)
			settings[key] = cfg
		}
		if !view.concerns(st, first && greets(cfg)) {
			continue
		}
		var sent bool
		err := app.RunInTransaction(func(tx core.App) error {
			var err error
			sent, err = s.customerMessage(tx, st, first)
			return err
		})
		if err != nil {
			app.Logger().Error("automation: inbound", "conversation", st.ConversationID, "error", err)
		}
		queued = queued || sent
	}
	if queued {
		s.actions.WakeOutbox()
	}
	return nil
}

// greets reports whether settings do anything when a session starts.
func greets(cfg automation.Settings) bool {
	return cfg.Welcome.Enabled || cfg.Hours.Enabled || cfg.Reception == automation.ReceptionBotHuman
}

// customerMessage handles one customer message; first says the message
// opened its conversation.
func (s *Service) customerMessage(tx core.App, st ingest.Stored, first bool) (bool, error) {
	conv, err := store.FindConversation(tx, st.ConversationID)
	if err != nil || conv.IsClosed() {
		return false, err
	}
	in := st.Inbound
	if in.Type == "text" {
		surveyConv, answered, err := s.answerSurvey(tx, conv.CustomerID(), in.Text, menuID(in.Payload))
		if err != nil || answered {
			if answered && first && surveyConv.Id != conv.Id {
				// The answer to an ended session's survey opened a new
				// conversation: it is not a new request.
				conv.Set("state", store.StateClosed)
				conv.Set("closed_at", s.now())
				conv.Set("close_reason", "survey_answer")
				return true, store.SaveChanges(tx, conv.Record)
			}
			return answered, err
		}
	}
	cfg := SettingsFor(tx, conv.ChannelID(), conv.Account())
	sent := false
	if first {
		if sent, err = s.sessionStart(tx, conv, cfg); err != nil {
			return false, err
		}
	}
	// State bot without bot reception is routing's navigation menu: the
	// customer's reply is a menu choice, not a question for the bot.
	if conv.State() != store.StateBot || in.Type != "text" || cfg.Reception != automation.ReceptionBotHuman {
		return sent, nil
	}
	answered, err := s.botAnswer(tx, conv, cfg.Bot, in.Text)
	return sent || answered, err
}

// menuID is the msgmenu click a 微信客服 text answers, if any.
func menuID(payload map[string]any) string {
	if t, ok := payload["text"].(map[string]any); ok {
		id, _ := t["menu_id"].(string)
		return id
	}
	return ""
}

// sessionStart greets a new conversation — the welcome, or the
// out-of-hours message — and gives it to the bot when the reception mode
// and the hours say so.
func (s *Service) sessionStart(tx core.App, conv *store.Conversation, cfg automation.Settings) (bool, error) {
	inHours := cfg.Hours.Open(s.now())
	sent := false
	if !s.welcomesByEvent(tx, conv) {
		m := desk.Automatic{Sender: store.SenderBot, Reason: "welcome"}
		if !inHours {
			m.Sender, m.Text, m.Reason = store.SenderSystem, cfg.Hours.OutOfHoursText, "out of hours"
		} else if cfg.Welcome.Enabled {
			m.Text = cfg.Welcome.Text
		}
		var err error
		if sent, err = s.send(tx, conv, m); err != nil {
			return false, err
		}
	}
	if cfg.BotActive(inHours) && conv.State() == store.StateQueued {
		conv.Set("state", store.StateBot)
		if err := store.SaveChanges(tx, conv.Record); err != nil {
			return false, err
		}
	}
	return sent, nil
}

// welcomesByEvent reports whether the conversation's channel kind sends
// the welcome with a session event's code (see WelcomeText).
func (s *Service) welcomesByEvent(tx core.App, conv *store.Conversation) bool {
	if s.eventWelcome == nil {
		return false
	}
	ch, err := store.FindChannel(tx, conv.ChannelID())
	return err == nil && s.eventWelcome(ch.Kind())
}

// WelcomeText is the text for a session event's welcome code: the
// out-of-hours message out of hours, the configured welcome in hours;
// ok false means the channel's own welcome_text applies.
func (s *Service) WelcomeText(channelID, account string) (string, bool) {
	cfg := SettingsFor(s.app, channelID, account)
	switch {
	case !cfg.Hours.Open(s.now()) && cfg.Hours.OutOfHoursText != "":
		return cfg.Hours.OutOfHoursText, true
	case cfg.Welcome.Enabled:
		return cfg.Welcome.Text, true
	}
	return "", false
}

// botAnswer answers a customer's question in the bot phase, or hands the
// conversation to a human on request or after too many misses.
func (s *Service) botAnswer(tx core.App, conv *store.Conversation, bot automation.Bot, text string) (bool, error) {
	if wantsHuman(bot, text) {
		return s.handOver(tx, conv, bot, "customer asked")
	}
	matches, err := kb.Lookup(tx, conv.ChannelID(), text, 1, kb.MinBotScore)
	if err != nil {
		return false, err
	}
	if len(matches) > 0 {
		conv.Set("bot_misses", 0)
		if err := store.SaveChanges(tx, conv.Record); err != nil {
			return false, err
		}
		return s.send(tx, conv, desk.Automatic{Sender: store.SenderBot, Text: matches[0].Answer, Reason: "bot answer"})
	}
	misses := conv.GetInt("bot_misses") + 1
	conv.Set("bot_misses", misses)
	if err := store.SaveChanges(tx, conv.Record); err != nil {
		return false, err
	}
	if bot.MaxMisses > 0 && misses >= bot.MaxMisses {
		return s.handOver(tx, conv, bot, "unanswered questions")
	}
	return s.send(tx, conv, desk.Automatic{Sender: store.SenderBot, Text: bot.MissText, Reason: "bot miss"})
}

// wantsHuman reports whether the message asks for a human.
func wantsHuman(bot automation.Bot, text string) bool {
	text = strings.TrimSpace(text)
	return slices.ContainsFunc(bot.HandoverWords, func(w string) bool {
		return w != "" && (text == w || strings.Contains(text, w))
	})
}

// handOver moves a bot conversation to the human queue.
func (s *Service) handOver(tx core.App, conv *store.Conversation, bot automation.Bot, reason string) (bool, error) {
	if err := s.transfer.TransferToQueue(tx, conv.Id, "", "bot handover: "+reason); err != nil {
		return false, err
	}
	fresh, err := store.FindConversation(tx, conv.Id)
	if err != nil {
		return false, err
	}
	fresh.Set("bot_misses", 0)
	if err := store.SaveChanges(tx, fresh.Record); err != nil {
		return false, err
	}
	return s.send(tx, fresh, desk.Automatic{Sender: store.SenderBot, Text: bot.HandoverText, Reason: "bot handover"})
}

package autoservice

import (
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/timeouts"
)

// scanBatch bounds one scan; the rest waits for the next tick.
const scanBatch = 500

// ScanTimeouts fires every timeout due now, once: each conversation is
// evaluated in its own transaction, which records what fired for the
// current silence and when the next one is due. A timeout that fell due
// while WeDesk was down fires on the first scan after start; one that
// fired is never fired again for the same silence, across restarts.
func (s *Service) ScanTimeouts() (fired int, err error) {
	now := s.now()
	ids, err := store.FindTimeoutCandidates(s.app, now, scanBatch)
	if err != nil {
		return 0, err
	}
	queued := false
	for _, id := range ids {
		n, sent, err := s.evaluate(id, now)
		if err != nil {
			s.app.Logger().Error("timeouts: evaluate", "conversation", id, "error", err)
			continue
		}
		fired += n
		queued = queued || sent
	}
	if queued {
		s.actions.WakeOutbox()
	}
	return fired, nil
}

// snapshot is the pure package's view of a conversation.
func snapshot(c *store.Conversation) timeouts.Conversation {
	tc := timeouts.Conversation{ID: c.Id, State: timeouts.State(c.State()),
		LastCustomerAt: c.LastCustomerAt(), LastAgentAt: c.LastAgentAt(), AssignedAt: c.AssignedAt()}
	_ = c.UnmarshalJSONField("timeouts_fired", &tc.Fired)
	return tc
}

// withFired is c with what fired recorded.
func withFired(c timeouts.Conversation, f timeouts.Fired) timeouts.Conversation {
	c.Fired = f
	return c
}

// evaluate fires what is due for one conversation.
func (s *Service) evaluate(id string, now time.Time) (fired int, sent bool, err error) {
	err = s.app.RunInTransaction(func(tx core.App) error {
		fired, sent = 0, false
		conv, err := store.FindConversation(tx, id)
		if err != nil {
			return err
		}
		settings := SettingsFor(tx, conv.ChannelID(), conv.Account()).Timeouts
		tc := snapshot(conv)
		for _, a := range timeouts.Due(settings, tc, now) {
			ok, err := s.fire(tx, conv, settings, a.Kind)
			if err != nil {
				return fmt.Errorf("%s: %w", a.Kind, err)
			}
			sent = sent || ok
			tc = timeouts.MarkFired(tc, a.Kind)
			fired++
		}
		if fired > 0 {
			// What fired may have moved the conversation (transfer, close):
			// the next due time is the fresh record's.
			fresh, err := store.FindConversation(tx, id)
			if err != nil {
				return err
			}
			conv, tc = fresh, withFired(snapshot(fresh), tc.Fired)
		}
		next := time.Time{}
		if conv.State() == store.StateActive || conv.State() == store.StateBot {
			next = timeouts.NextDue(settings, tc)
		}
		return store.SetTimeoutState(tx, conv.Id, tc.Fired, next)
	})
	return fired, sent, err
}

// fire performs one timeout; it reports whether a message was queued.
func (s *Service) fire(tx core.App, conv *store.Conversation, st timeouts.Settings, k timeouts.Kind) (bool, error) {
	auto := func(text string) desk.Automatic {
		return desk.Automatic{Sender: store.SenderSystem, Text: text, Reason: "timeout " + k.String()}
	}
	switch k {
	case timeouts.AgentComfort, timeouts.CustomerPromptBot, timeouts.CustomerPromptHuman:
		return s.send(tx, conv, auto(st.Rule(k).Text))
	case timeouts.AgentReminder:
		return false, s.actions.AddNote(tx, conv, st.AgentReminder.Text)
	case timeouts.AgentTransfer:
		if err := s.transfer.TransferToQueue(tx, conv.Id, st.AgentTransfer.TargetQueue, "timeout"); err != nil {
			return false, err
		}
		fresh, err := store.FindConversation(tx, conv.Id)
		if err != nil {
			return false, err
		}
		*conv = *fresh
		return s.send(tx, conv, auto(st.AgentTransfer.Text))
	case timeouts.CustomerClose:
		return s.closeSilent(tx, conv, st.CustomerClose)
	}
	return false, errors.New("unknown timeout kind")
}

// closeSilent ends a conversation the customer left: a goodbye to the
// customer, a note to the agent, the survey when it is automatic.
func (s *Service) closeSilent(tx core.App, conv *store.Conversation, rule timeouts.CloseRule) (bool, error) {
	sent, err := s.send(tx, conv, desk.Automatic{Sender: store.SenderSystem, Text: rule.Text, Reason: "timeout close"})
	if err != nil {
		return false, err
	}
	if rule.AgentText != "" {
		if err := s.actions.AddNote(tx, conv, rule.AgentText); err != nil {
			return false, err
		}
	}
	invited, err := s.inviteOnClose(tx, conv)
	if err != nil {
		return false, err
	}
	conv.Set("state", store.StateClosed)
	conv.Set("closed_at", s.now())
	conv.Set("close_reason", "timeout")
	return sent || invited, store.SaveChanges(tx, conv.Record)
}

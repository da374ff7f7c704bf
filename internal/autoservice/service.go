// Package autoservice runs the desk's service automation on conversations:
// the session timeouts on the desk's scheduler, the reception bot and
// business hours on inbound messages, the welcome, and the satisfaction
// survey. Every message it sends goes through desk.Actions.QueueAutomatic,
// which keeps the agent's share of WeChat's send budget.
package autoservice

import (
	"database/sql"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/desk"
	"github.com/wedesk/wedesk/internal/store"
)

// Transferer moves a conversation to a queue: the auto-transfer timeout
// and the bot's hand-over call it. Routing plugs its own in; until then
// QueueTransfer puts the conversation back in the waiting list.
type Transferer interface {
	// TransferToQueue hands convID to queueID ("" = its own queue), inside
	// app (a transaction when the caller holds one).
	TransferToQueue(app core.App, convID, queueID, reason string) error
}

// QueueTransfer is the Transferer before routing exists: the conversation
// goes back to state queued, unassigned.
type QueueTransfer struct{}

// TransferToQueue sets the conversation queued and unassigned.
func (QueueTransfer) TransferToQueue(app core.App, convID, _, _ string) error {
	conv, err := store.FindConversation(app, convID)
	if err != nil {
		return err
	}
	conv.Set("state", store.StateQueued)
	conv.Set("agent", "")
	return store.SaveChanges(app, conv.Record)
}

// Service is the automation of one app.
type Service struct {
	app      core.App
	actions  *desk.Actions
	now      func() time.Time
	transfer Transferer
	// surveyMenu says whether a channel kind takes the survey as a
	// msgmenu (微信客服) rather than a numbered text.
	surveyMenu func(kind string) bool
	// eventWelcome says whether a channel kind welcomes through a session
	// event's code (微信客服) rather than an ordinary message.
	eventWelcome func(kind string) bool
}

// Kinds tells the automation what each channel kind can do, without it
// naming any kind.
type Kinds struct {
	// SurveyMenu: the kind takes the survey as a msgmenu.
	SurveyMenu func(kind string) bool
	// EventWelcome: the kind welcomes with a session event's code.
	EventWelcome func(kind string) bool
}

// New returns the automation of app; transfer nil means QueueTransfer.
func New(app core.App, actions *desk.Actions, now func() time.Time, transfer Transferer, kinds Kinds) *Service {
	if transfer == nil {
		transfer = QueueTransfer{}
	}
	return &Service{app: app, actions: actions, now: now, transfer: transfer,
		surveyMenu: kinds.SurveyMenu, eventWelcome: kinds.EventWelcome}
}

// SettingsFor returns the automation settings of a conversation's channel
// and 微信客服 account: the account's own when it has any, else the
// channel's, else the defaults. Unreadable settings fall back to the
// defaults (the record hooks refuse to store invalid ones).
func SettingsFor(app core.App, channelID, account string) automation.Settings {
	if account != "" {
		raw := settingsJSON(app, sqlAccountSettings, channelID, account)
		if raw != "" && raw != "null" {
			if s, err := automation.Parse([]byte(raw)); err == nil {
				return s
			}
		}
	}
	if s, err := automation.Parse([]byte(settingsJSON(app, sqlChannelSettings, channelID))); err == nil {
		return s
	}
	return automation.Default()
}

// The settings lookups, read for every ingest batch: fixed SQL, prepared
// once (store.QueryRows).
const (
	sqlAccountSettings = "SELECT automation FROM " + store.CollectionKFAccounts + " WHERE channel = ? AND open_kfid = ? LIMIT 1"
	sqlChannelSettings = "SELECT automation FROM " + store.CollectionChannels + " WHERE id = ? LIMIT 1"
)

// settingsJSON reads one automation field; "" when there is none.
func settingsJSON(app core.App, query string, args ...any) string {
	var raw sql.NullString
	_ = store.QueryRows(app, query, func(rows *sql.Rows) error { return rows.Scan(&raw) }, args...)
	return raw.String
}

// send queues an automatic message; a skipped one (budget) is not an error.
func (s *Service) send(tx core.App, conv *store.Conversation, m desk.Automatic) (bool, error) {
	if m.Text == "" && m.Payload == nil {
		return false, nil
	}
	switch err := s.actions.QueueAutomatic(tx, conv, m); err {
	case nil:
		return true, nil
	case desk.ErrAutomaticSkipped:
		return false, nil
	default:
		return false, err
	}
}

package desk

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/sendlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// BindBudgetState keeps every conversation's budget columns current as
// outbound messages come and go: in the transaction that creates an
// outbound message (an agent's reply, a queue notice, a comfort message, a
// rating invitation — whoever creates it), and when one changes status (a
// failed send no longer counts). Inbound messages are handled by ingest in
// its own bulk transaction.
func (a *Actions) BindBudgetState(app core.App) {
	app.OnRecordCreateExecute(store.CollectionMessages).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if !store.IsQuotaSend(e.Record) {
			return nil
		}
		_, err := store.RefreshBudget(e.App, e.Record.GetString("conversation"), a.now())
		return err
	})
	app.OnRecordUpdateExecute(store.CollectionMessages).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if !store.IsQuotaSend(e.Record) || store.CountsAgainstQuota(e.Record.Original()) == store.CountsAgainstQuota(e.Record) {
			return nil
		}
		_, err := store.RefreshBudget(e.App, e.Record.GetString("conversation"), a.now())
		return err
	})
}

// LockOnRefusal locks a conversation whose send WeChat refused for window
// or quota reasons (45015/45047/43004, 95001/95002/95024/95031): the desk
// stops sending, with that reason, until the customer interacts again. The
// outbox has already failed the message without retrying. Other codes
// (95018: the session is with a servicer) do not lock.
func (a *Actions) LockOnRefusal(m *store.Message, err error) {
	code := channel.WeChatCode(err)
	if code == 0 {
		return
	}
	txErr := a.app.RunInTransaction(func(tx core.App) error {
		conv, err := store.FindConversation(tx, m.ConversationID())
		if err != nil {
			return err
		}
		ch, err := store.FindChannel(tx, conv.ChannelID())
		if err != nil {
			return err
		}
		if _, lock := sendlimit.LockReasonForWeChatError(store.SendKind(ch.Kind()), code); !lock {
			return nil
		}
		return a.lock(tx, conv.Id, code)
	})
	if txErr != nil {
		a.app.Logger().Error("desk: lock after WeChat refused", "message", m.Id, "error", txErr)
		return
	}
	announceConversation(a.app, m.ConversationID())
}

// announceConversation tells realtime subscribers (the inbox) that a
// conversation's row changed after a targeted write, so the lock shows at
// once rather than at the next poll.
func announceConversation(app core.App, convID string) {
	r, err := app.FindRecordById(store.CollectionConversations, convID)
	if err != nil {
		return
	}
	store.Announce(app, []*core.Record{r}, false)
}

// lock records WeChat's refusal on a conversation and rewrites its budget.
func (a *Actions) lock(tx core.App, convID string, code int) error {
	if err := store.SetRefusal(tx, convID, a.now(), code); err != nil {
		return err
	}
	_, err := store.RefreshBudget(tx, convID, a.now())
	return err
}

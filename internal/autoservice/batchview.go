package autoservice

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/list"

	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/store"
)

// batchView is what the automation needs to know of a batch's
// conversations to tell which messages concern it, read once per batch:
// their state as the batch left them (no second read of the rows) and
// which of their customers have a survey awaiting an answer (one query).
// Most messages — a customer talking to an agent — then cost nothing.
type batchView struct {
	state    map[string]string // conversation id → state
	customer map[string]string // conversation id → customer id
	surveyed map[string]bool   // customer id → a survey awaits an answer
}

func newBatchView(app core.App, b *ingest.Batch, now time.Time) batchView {
	v := batchView{state: map[string]string{}, customer: map[string]string{}, surveyed: map[string]bool{}}
	var customers []string
	for _, cc := range b.Conversations {
		v.state[cc.ID], _ = cc.StateAndAgent()
		v.customer[cc.ID] = cc.CustomerID
		customers = append(customers, cc.CustomerID)
	}
	if len(customers) == 0 {
		return v
	}
	var ids []string
	err := app.DB().Select("customer").From(store.CollectionConversations).
		Where(dbx.In("customer", list.ToInterfaceSlice(customers)...)).
		AndWhere(surveyAwaitsAnswer(now)).
		Column(&ids)
	if err != nil {
		app.Logger().Warn("automation: pending surveys", "error", err)
		// Unknown: let every message be looked at, as before.
		for _, c := range customers {
			v.surveyed[c] = true
		}
	}
	for _, id := range ids {
		v.surveyed[id] = true
	}
	return v
}

// concerns reports whether a customer message needs the automation: it
// opened its conversation and the settings greet, the bot has the
// conversation, or the customer has a survey to answer.
func (v batchView) concerns(st ingest.Stored, first bool) bool {
	if first {
		return true
	}
	switch v.state[st.ConversationID] {
	case store.StateClosed:
		return false
	case store.StateBot:
		return true
	}
	return v.surveyed[v.customer[st.ConversationID]]
}

package autoservice

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

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
		v.state[cc.ID] = cc.Left().State
		v.customer[cc.ID] = cc.CustomerID
		customers = append(customers, cc.CustomerID)
	}
	if len(customers) == 0 {
		return v
	}
	err := store.QueryRows(app, sqlPendingSurveys, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		v.surveyed[id] = true
		return nil
	}, store.JSONList(customers), surveySince(now))
	if err != nil {
		app.Logger().Warn("automation: pending surveys", "error", err)
		// Unknown: let every message be looked at, as before.
		for _, c := range customers {
			v.surveyed[c] = true
		}
	}
	return v
}

// sqlPendingSurveys: which of a JSON list of customers have a survey
// awaiting an answer. One SQL text for every batch: prepared once.
var sqlPendingSurveys = "SELECT customer FROM " + store.CollectionConversations +
	" WHERE customer IN (SELECT value FROM json_each(?)) AND " + fmt.Sprintf(surveyPendingCond, "?")

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

package inbox

import (
	"encoding/json"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"github.com/wedesk/wedesk/internal/store"
)

// inboxTopic is the realtime topic on which an agent's inbox hears what the
// collection subscriptions cannot tell it: a conversation that was theirs
// and was reassigned no longer passes their list rule, so PocketBase sends
// them no event for it.
const inboxTopic = "wedesk_inbox"

// inboxLiveHookID makes binding idempotent: a second bind replaces the first.
const inboxLiveHookID = "wedeskInboxLive"

// BindLive tells the previous agent when a conversation leaves them.
func (h *Handler) BindLive(app core.App) {
	app.OnRecordAfterUpdateSuccess(store.CollectionConversations).Bind(&hook.Handler[*core.RecordEvent]{
		Id: inboxLiveHookID,
		Func: func(e *core.RecordEvent) error {
			before := e.Record.Original().GetString("agent")
			if before != "" && before != e.Record.GetString("agent") {
				notifyAgent(e.App, before, map[string]string{"conversation": e.Record.Id, "action": "reassigned"})
			}
			return e.Next()
		},
	})
}

// notifyAgent sends data on inboxTopic to the realtime clients signed in as
// agentID. The data carries ids only: the page fetches what it may see.
func notifyAgent(app core.App, agentID string, data any) {
	raw, err := json.Marshal(data)
	if err != nil {
		return
	}
	msg := subscriptions.Message{Name: inboxTopic, Data: raw}
	for _, chunk := range app.SubscriptionsBroker().ChunkedClients(300) {
		for _, c := range chunk {
			if !c.HasSubscription(inboxTopic) {
				continue
			}
			if auth, _ := c.Get(apis.RealtimeClientAuthKey).(*core.Record); auth != nil && auth.Id == agentID {
				c.Send(msg)
			}
		}
	}
}

package live

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/wedesk/wedesk/internal/ingest"
	"github.com/wedesk/wedesk/internal/store"
)

// Hook ids make binding idempotent: binding twice replaces, never doubles.
const (
	hookConnect      = "wedeskLiveConnect"
	hookConversation = "wedeskLiveConversation"
	hookMessage      = "wedeskLiveMessage"
)

// Bind attaches the hub to app: record saves made outside ingest (claims,
// transfers, closes, replies and their delivery status) are published as
// they succeed, and a client's mailbox goes when its connection does.
// Ingest's batches come through Observe, attached with OnInbound.
func (h *Hub) Bind(app core.App) {
	app.OnRealtimeConnectRequest().Bind(&hook.Handler[*core.RealtimeConnectRequestEvent]{
		Id: hookConnect,
		Func: func(e *core.RealtimeConnectRequestEvent) error {
			err := e.Next() // returns when the connection ends
			h.forget(e.Client.Id())
			return err
		},
	})
	store.WatchSubscriptions(app) // the census the viewer list comes from
	conversationSaved := func(created bool) func(e *core.RecordEvent) error {
		return func(e *core.RecordEvent) error {
			if !store.IsBulkAnnounce(e.Context) {
				previous := e.Record.GetString("agent")
				if !created {
					previous = e.Record.Original().GetString("agent")
				}
				h.Publish(ConversationEvent(e.Record, previous, created))
			}
			return e.Next()
		}
	}
	app.OnRecordAfterCreateSuccess(store.CollectionConversations).Bind(&hook.Handler[*core.RecordEvent]{Id: hookConversation, Func: conversationSaved(true)})
	app.OnRecordAfterUpdateSuccess(store.CollectionConversations).Bind(&hook.Handler[*core.RecordEvent]{Id: hookConversation, Func: conversationSaved(false)})
	messageSaved := func(created bool) func(e *core.RecordEvent) error {
		return func(e *core.RecordEvent) error {
			if !store.IsBulkAnnounce(e.Context) {
				h.Publish(MessageEvent(e.Record, conversationAgent(e.App, e.Record.GetString("conversation")), created))
			}
			return e.Next()
		}
	}
	app.OnRecordAfterCreateSuccess(store.CollectionMessages).Bind(&hook.Handler[*core.RecordEvent]{Id: hookMessage, Func: messageSaved(true)})
	app.OnRecordAfterUpdateSuccess(store.CollectionMessages).Bind(&hook.Handler[*core.RecordEvent]{Id: hookMessage, Func: messageSaved(false)})
}

// conversationAgent reads the agent of a conversation, the audience of its
// messages' events. On a failed read the event goes to supervisors only:
// an agent never hears of a conversation that may not be theirs.
func conversationAgent(app core.App, conversationID string) string {
	var agent string
	err := app.DB().Select("agent").From(store.CollectionConversations).
		Where(dbx.HashExp{"id": conversationID}).Row(&agent)
	if err != nil {
		return supervisorsOnly
	}
	return agent
}

// supervisorsOnly is an audience no agent id can match.
const supervisorsOnly = "\x00supervisors"

// Observe publishes a committed ingest batch as one frame per client: the
// conversations it opened or touched, then its messages, in order.
func (h *Hub) Observe(_ core.App, b *ingest.Batch) error {
	viewers := len(h.currentViewers())
	if viewers == 0 {
		return nil // nobody watches: nothing to build (it runs on the writer)
	}
	events := make([]*Event, 0, len(b.Conversations)+len(b.Stored))
	agents := make(map[string]string, len(b.Conversations))
	for _, c := range b.Conversations {
		var e *Event
		if c.Record != nil {
			e = ConversationEvent(c.Record, c.Record.GetString("agent"), c.Opened)
		} else {
			ref, touch := c.Snapshot()
			e = TouchedConversationEvent(&ref, touch)
		}
		agents[c.ID] = e.agent
		events = append(events, e)
	}
	for _, s := range b.Stored {
		agent, ok := agents[s.ConversationID]
		if !ok {
			agent = supervisorsOnly
		}
		events = append(events, MessageEvent(s.Record, agent, true))
	}
	h.queue(viewers, events)
	return nil
}

// Assigned publishes a conversation that routing gave to agentID with a
// targeted UPDATE (which fires no record hooks): it left the queue every
// agent could see, so the others are told it is gone.
func (h *Hub) Assigned(convID, agentID string) {
	rec, err := h.app.FindRecordById(store.CollectionConversations, convID)
	if err != nil {
		h.app.Logger().Warn("live: load assigned conversation", "conversation", convID, "error", err)
		return
	}
	h.Publish(ConversationEvent(rec, "", false))
}

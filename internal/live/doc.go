// Package live sends the inbox its live updates. Every change an agent's
// page must show (a message stored or sent, a conversation opened, touched,
// claimed, transferred or closed) becomes an Event; the Hub decides once
// per event who may see it (from the conversation's agent and the viewer's
// role, the same rule the collections' API rules state), encodes it once,
// and hands each signed-in agent one frame per batch on the realtime topic
// Topic.
//
// Why not PocketBase's collection subscriptions: they check each client's
// view rule with an SQL query for every event and encode the record again
// per client, so their cost grows with messages × agents online. They keep
// working, with their rules, for integrations that use them; the inbox
// itself listens only to Topic.
//
// A slow or stuck client never holds anyone up: each client has a bounded
// mailbox, and a client whose mailbox is full loses frames and is told to
// resynchronise (the page then catches up by seq and reloads its list).
package live

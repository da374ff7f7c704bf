package views

// MessageRules is what the sending and media rules add to a message view.
type MessageRules struct {
	// Blocked: the customer was blocked (拒收) when they sent it.
	Blocked bool
	// Flag is why the media failed the inbound checks ("" when it passed):
	// such media is offered for download only, never shown inline.
	Flag string
	// AMR: voice the inbox plays with the vendored AMR decoder.
	AMR bool
	// Duration is a voice clip's length for people ("12″"); "" if unknown.
	Duration string
}

// ConversationRules is what the sending rules add to the conversation
// header: the block (拒收) controls and state.
type ConversationRules struct {
	ID         string
	CanBlock   bool   // the agent may block the customer (not blocked yet)
	CanUnblock bool   // a supervisor, and the customer is blocked
	Blocked    string // "blocked until …" when blocked, else ""
}

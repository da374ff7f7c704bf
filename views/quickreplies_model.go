package views

// QuickReplyView is one quick reply in the popover.
type QuickReplyView struct {
	ID, Keyword, Text, Scope string
	CanDelete                bool
}

// QuickReplyList is the popover's list with what the agent may add.
type QuickReplyList struct {
	T              *Text
	CSRF           string
	ConversationID string
	Query          string
	Replies        []QuickReplyView
	// CanManageTeam offers the team and channel scopes (supervisors).
	CanManageTeam bool
	Error         string
}

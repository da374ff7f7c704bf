package channel

import "context"

// ContactLinker is implemented by kinds whose accounts have contact links
// customers open to start a conversation (微信客服's add_contact_way). The
// scene comes back with the customer's entry, so the desk knows where they
// came from.
type ContactLinker interface {
	// ContactLink returns the link to account for scene. WeChat answers the
	// same link for the same account and scene, but each call costs an API
	// request: callers keep it.
	ContactLink(ctx context.Context, account, scene string) (string, error)
}

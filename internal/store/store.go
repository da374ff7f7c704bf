// Package store holds WeDesk's typed record proxies and queries over
// PocketBase. It is the one internal package that imports PocketBase: hooks
// read and write records through it so that collection and field names live
// in one place.
package store

import "errors"

// Collection names (a contract with external tools).
const (
	CollectionAgents        = "agents"
	CollectionChannels      = "channels"
	CollectionCustomers     = "customers"
	CollectionConversations = "conversations"
	CollectionMessages      = "messages"
)

// ErrNotFound is returned by the Find* queries when no record matches.
var ErrNotFound = errors.New("store: not found")

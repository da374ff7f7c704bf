// Package store holds WeDesk's typed record proxies and queries over
// PocketBase. It is the one internal package that imports PocketBase: hooks
// read and write records through it so that collection and field names live
// in one place.
package store

import (
	"errors"
	"strings"
)

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

// IsUniqueViolation reports whether err came from a unique index, either as
// PocketBase's pre-insert validation or as SQLite's constraint error when
// two writers raced past the validation.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "validation_not_unique") ||
		strings.Contains(s, "Value must be unique")
}

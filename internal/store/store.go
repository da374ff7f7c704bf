// Package store holds WeDesk's typed record proxies and queries over
// PocketBase. It is the one internal package that imports PocketBase: hooks
// read and write records through it so that collection and field names live
// in one place.
package store

import (
	"database/sql"
	"errors"
	"fmt"
)

// Collection names (a contract with external tools).
const (
	CollectionAgents        = "agents"
	CollectionChannels      = "channels"
	CollectionCustomers     = "customers"
	CollectionConversations = "conversations"
	CollectionMessages      = "messages"
	CollectionKFAccounts    = "kf_accounts"
)

// ErrNotFound is returned by the Find* queries when no record matches.
// Any other failure (a busy or broken database) keeps its own cause, so
// that workers retry it instead of treating the record as gone.
var ErrNotFound = errors.New("store: not found")

// lookupError words a failed lookup: ErrNotFound when no row matched,
// the database's own error otherwise.
func lookupError(what string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

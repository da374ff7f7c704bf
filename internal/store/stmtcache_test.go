package store

import (
	"context"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// A statement a transaction asks for is prepared for that transaction,
// then once for all by PrepareWriter; later transactions reuse it and
// get the same answers.
func TestStatementCacheAcrossTransactions(t *testing.T) {
	app := newInboxTestApp(t)
	seedInbox(t, app)
	var customers []string
	if err := app.DB().Select("customer").From(CollectionConversations).
		AndWhere(dbx.NewExp("state != 'closed'")).Column(&customers); err != nil || len(customers) == 0 {
		t.Fatalf("seeded open conversations: %v %v", customers, err)
	}
	lookup := func() int {
		n := 0
		if err := app.RunInTransaction(func(tx core.App) error {
			refs, err := FindOpenConversationRefs(tx, customers)
			n = len(refs)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	want := lookup()
	c := cacheOf(app)
	if !c.wanted[sqlOpenConversationRefs] || c.stmts[sqlOpenConversationRefs] != nil {
		t.Fatal("the first transaction's statement was not noted for preparing")
	}
	if err := PrepareWriter(app); err != nil {
		t.Fatal(err)
	}
	if c.stmts[sqlOpenConversationRefs] == nil || len(c.wanted) != 0 {
		t.Fatal("PrepareWriter did not prepare what was wanted")
	}
	for range 3 {
		if got := lookup(); got != want {
			t.Fatalf("with the cached statement: %d conversations, want %d", got, want)
		}
	}
	if len(c.wanted) != 0 {
		t.Fatalf("a cached statement was asked for again: %v", c.wanted)
	}
	// Outside a transaction the read pool answers.
	if refs, err := FindOpenConversationRefs(app, customers); err != nil || len(refs) != want {
		t.Fatalf("outside a transaction: %d, %v", len(refs), err)
	}
	// The app reopens its database (as a backup restore does): the
	// statements of the closed one are never used.
	if err := app.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if got := lookup(); got != want {
		t.Fatalf("after reopening: %d conversations, want %d", got, want)
	}
	if err := PrepareWriter(app); err != nil {
		t.Fatal(err)
	}
	if got := lookup(); got != want {
		t.Fatalf("after reopening and preparing again: %d conversations, want %d", got, want)
	}
	if refs, err := FindOpenConversationRefs(app, customers); err != nil || len(refs) != want {
		t.Fatalf("reading after reopening: %d, %v", len(refs), err)
	}
}

// TakeWriteLock holds the write lock from the transaction's first
// statement: another connection cannot begin writing meanwhile.
func TestTakeWriteLockHoldsTheLockAtOnce(t *testing.T) {
	app := newInboxTestApp(t)
	other, err := app.ConcurrentDB().(*dbx.DB).DB().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(context.Background(), "PRAGMA busy_timeout = 50"); err != nil {
		t.Fatal(err)
	}
	defer other.ExecContext(context.Background(), "PRAGMA busy_timeout = 10000")
	tryWrite := func() error {
		_, err := other.ExecContext(context.Background(), "UPDATE _params SET id = id WHERE 0")
		return err
	}
	err = app.RunInTransaction(func(tx core.App) error {
		if err := TakeWriteLock(tx); err != nil {
			return err
		}
		if err := tryWrite(); !IsBusy(err) {
			t.Errorf("another connection wrote while the lock was held: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tryWrite(); err != nil {
		t.Fatalf("after the transaction: %v", err)
	}
}

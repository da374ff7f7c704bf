package store

import (
	"fmt"
	"io"

	"github.com/pocketbase/pocketbase/core"
)

// SaveChanges saves only the fields of r that changed since it was loaded.
//
// Ingest writes conversations (unread, last_customer_at, the preview) with
// targeted SQL while handlers elsewhere load a record, change a field or two
// and save it. A whole-record save would write back the stale copy of every
// other field — a customer message arriving between load and save would
// vanish from the preview and close the send window. Every write to a row
// that ingest also writes goes through here (or a targeted UPDATE).
func SaveChanges(app core.App, r *core.Record) error {
	r.IgnoreUnchangedFields(true)
	return app.Save(r)
}

// SaveChangesNoValidate is SaveChanges without the collection's validation,
// for a worker recording its own bookkeeping (attempts, error, next attempt)
// on a record it loaded: validation re-checks every relation, so while the
// database is failing the outcome of the failed attempt could not be
// recorded and the worker would retry at once, without backoff.
func SaveChangesNoValidate(app core.App, r *core.Record) error {
	r.IgnoreUnchangedFields(true)
	return app.SaveNoValidate(r)
}

// ReadFile reads a file of a record from PocketBase's storage.
func ReadFile(app core.App, rec *core.Record, name string) ([]byte, error) {
	fsys, err := app.NewFilesystem()
	if err != nil {
		return nil, fmt.Errorf("store: filesystem: %w", err)
	}
	defer fsys.Close()
	r, err := fsys.GetReader(rec.BaseFilesPath() + "/" + name)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", name, err)
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", name, err)
	}
	return data, nil
}

package store

import (
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// IsInvalid reports whether a save failed the collection's validation:
// the record itself breaks a field's limits, so saving it again the same
// way can never succeed. Workers then stop retrying it and report it.
func IsInvalid(err error) bool {
	var ve validation.Errors
	return errors.As(err, &ve)
}

// MarkDone writes fields (a worker's own bookkeeping: done markers,
// states) to a record with one targeted UPDATE, without validating the
// rest of a record that cannot pass validation.
func MarkDone(app core.App, collection, id string, fields map[string]any) error {
	_, err := app.NonconcurrentDB().Update(collection, dbx.Params(fields), dbx.HashExp{"id": id}).Execute()
	if err != nil {
		return fmt.Errorf("store: mark %s %s: %w", collection, id, err)
	}
	return nil
}

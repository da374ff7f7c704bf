package store

import (
	"errors"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// IsBusy reports whether err is SQLite's SQLITE_BUSY ("database is
// locked"): in WAL mode a transaction that read first and then writes is
// refused at once when another connection wrote in between, and is worth
// running again from the start.
func IsBusy(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()&0xff == sqlite3.SQLITE_BUSY
	}
	return err != nil && strings.Contains(err.Error(), "SQLITE_BUSY")
}

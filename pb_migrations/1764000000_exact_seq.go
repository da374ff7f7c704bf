package pb_migrations

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

func init() {
	m.Register(upExactSeq, nil)
}

// upExactSeq renumbers messages.seq from unix nanoseconds, which a float64
// rounds to 256 ns (so messages of one batch shared a seq), to distinct unix
// microseconds in the same order: the rounded values keep their order, ties
// are broken by insertion order (rowid), and every value stays below 2^53.
func upExactSeq(app core.App) error {
	var rows []struct {
		ID  string  `db:"id"`
		Seq float64 `db:"seq"`
	}
	err := app.DB().Select("id", "seq").From("messages").OrderBy("seq ASC", "rowid ASC").All(&rows)
	if err != nil {
		return err
	}
	q := app.DB().NewQuery("UPDATE messages SET seq = {:seq} WHERE id = {:id}").Prepare()
	defer q.Close()
	var last int64
	for _, r := range rows {
		n := int64(r.Seq)
		if n > 1<<53 { // a nanosecond value: make it microseconds
			n /= 1000
		}
		n = max(n, last+1)
		last = n
		if _, err := q.Bind(dbx.Params{"seq": n, "id": r.ID}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

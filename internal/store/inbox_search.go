package store

import "github.com/pocketbase/dbx"

// textSearch narrows a list to conversations whose customer or messages
// match text.
func textSearch(sel *dbx.SelectQuery, text string) {
	if text != "" {
		like := "%" + escapeLike(text) + "%"
		// Remark name, nickname, any part of the id, a tag (tags is a JSON
		// list, so its text contains each tag) or the text of a message.
		sel.AndWhere(dbx.NewExp(`(cu.remark LIKE {:like} ESCAPE '\' OR cu.nickname LIKE {:like} ESCAPE '\'
			OR cu.external_id LIKE {:like} ESCAPE '\' OR cu.tags LIKE {:like} ESCAPE '\'
			OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation = c.id AND m.text LIKE {:like} ESCAPE '\'))`,
			dbx.Params{"like": like}))
	}
}

func escapeLike(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '%' || r == '_' || r == '\\' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(out)
}

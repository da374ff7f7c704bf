package kb

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// CollectionAnswers holds the knowledge base (kb_answers).
const CollectionAnswers = "kb_answers"

// MinBotScore is the score from which the bot sends an answer; below it the
// question counts as unanswered. Suggestions to agents show weaker matches.
const MinBotScore = 0.5

// candidates is how many FTS5 hits are scored in Go.
const candidates = 20

// Match is an answer and how well it matches a message (0–1).
type Match struct {
	ID       string
	Question string
	Answer   string
	Score    float64
}

// Bind keeps the FTS5 index in step with kb_answers, inside the same
// transaction as each write.
func Bind(app core.App) {
	app.OnRecordCreateExecute(CollectionAnswers).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return Index(e.App, e.Record)
	})
	app.OnRecordUpdateExecute(CollectionAnswers).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return Index(e.App, e.Record)
	})
	app.OnRecordDeleteExecute(CollectionAnswers).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return unindex(e.App, e.Record.Id)
	})
}

// Index writes an answer's terms to the FTS5 table (and removes a
// disabled one).
func Index(app core.App, rec *core.Record) error {
	if err := unindex(app, rec.Id); err != nil {
		return err
	}
	if !rec.GetBool("enabled") {
		return nil
	}
	text := rec.GetString("question") + "\n" + rec.GetString("similar_questions") + "\n" + rec.GetString("keywords")
	terms := Terms(text)
	_, err := app.NonconcurrentDB().NewQuery("INSERT INTO kb_terms (rowid, answer_id, channel, terms) VALUES ({:row}, {:id}, {:ch}, {:t})").
		Bind(dbx.Params{"row": rowID(rec.Id), "id": rec.Id, "ch": rec.GetString("channel"), "t": strings.Join(terms, " ")}).Execute()
	if err != nil {
		return fmt.Errorf("kb: index %s: %w", rec.Id, err)
	}
	return nil
}

// rowID is the FTS5 rowid of an answer: a 63-bit hash of its record id,
// so an answer's row is found without a scan (PocketBase ids are text).
func rowID(id string) int64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int64(h.Sum64() >> 1)
}

func unindex(app core.App, id string) error {
	if _, err := app.NonconcurrentDB().NewQuery("DELETE FROM kb_terms WHERE rowid = {:row}").Bind(dbx.Params{"row": rowID(id)}).Execute(); err != nil {
		return fmt.Errorf("kb: unindex %s: %w", id, err)
	}
	return nil
}

// Lookup returns the answers of channelID (and those for every channel)
// matching text, best first, at most limit, scored at least minScore.
func Lookup(app core.App, channelID, text string, limit int, minScore float64) ([]Match, error) {
	terms := Terms(text)
	if len(terms) == 0 {
		return nil, nil
	}
	selective, err := selectiveTerms(app, terms)
	if err != nil || len(selective) == 0 {
		return nil, err
	}
	ids, err := rankCandidates(app, selective, channelID)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	var rows []answerRow
	in := make([]any, len(ids))
	for i, id := range ids {
		in[i] = id
	}
	err = app.DB().Select("id", "question", "similar_questions", "keywords", "answer").From(CollectionAnswers).
		Where(dbx.In("id", in...)).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("kb: load answers: %w", err)
	}
	have := make(map[string]bool, len(terms))
	for _, t := range terms {
		have[t] = true
	}
	var out []Match
	for _, r := range rows {
		if s := r.score(terms, have); s >= minScore {
			out = append(out, Match{ID: r.ID, Question: r.Question, Answer: r.Answer, Score: s})
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// answerRow is the part of an answer a lookup reads.
type answerRow struct {
	ID       string `db:"id"`
	Question string `db:"question"`
	Similar  string `db:"similar_questions"`
	Keywords string `db:"keywords"`
	Answer   string `db:"answer"`
}

// score rates an answer for a message: 1 when the message holds one of
// its keywords whole; otherwise the best question or similar question,
// weighing how much of the question the message covers (0.7) and how much
// of the message the question covers (0.3).
func (r answerRow) score(msg []string, have map[string]bool) float64 {
	for _, kw := range splitList(r.Keywords) {
		if coverage(Terms(kw), have) == 1 {
			return 1
		}
	}
	best := 0.0
	for _, q := range append([]string{r.Question}, splitList(r.Similar)...) {
		qt := Terms(q)
		qset := make(map[string]bool, len(qt))
		for _, t := range qt {
			qset[t] = true
		}
		if s := 0.7*coverage(qt, have) + 0.3*coverage(msg, qset); s > best {
			best = s
		}
	}
	return best
}

package kb

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// maxQueryTerms is how many of a message's terms go into the MATCH.
const maxQueryTerms = 4

// commonShare drops terms found in more than this share of the answers
// ("怎么", "请问"): they say nothing about which answer is meant, and
// ranking every answer that holds them is what makes a lookup slow.
const commonShare = 0.05

type termFreq struct {
	term string
	doc  int
}

// selectiveTerms keeps the message's terms that the index holds and that
// are not common, rarest first, at most maxQueryTerms. Document
// frequencies come from an fts5vocab view of the index (one seek per
// term), the number of answers from the index's docsize table.
func selectiveTerms(app core.App, terms []string) ([]termFreq, error) {
	var total int
	if err := app.DB().NewQuery("SELECT count(*) FROM kb_terms_docsize").Row(&total); err != nil {
		return nil, fmt.Errorf("kb: count: %w", err)
	}
	if total == 0 {
		return nil, nil
	}
	q := app.DB().NewQuery("SELECT doc FROM kb_terms_vocab WHERE term = {:t}").Prepare()
	defer q.Close()
	var freqs []termFreq
	for _, t := range terms {
		var doc int
		err := q.Bind(dbx.Params{"t": t}).Row(&doc)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("kb: term frequency: %w", err)
		}
		freqs = append(freqs, termFreq{t, doc})
	}
	slices.SortStableFunc(freqs, func(a, b termFreq) int { return a.doc - b.doc })
	limit := max(int(float64(total)*commonShare), 20)
	var out []termFreq
	for _, f := range freqs {
		if f.doc <= limit && len(out) < maxQueryTerms {
			out = append(out, f)
		}
	}
	if len(out) == 0 && len(freqs) > 0 {
		out = append(out, freqs[0]) // only common terms: the rarest still ranks
	}
	return out, nil
}

package kb

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// rankCandidates picks the candidates to score: the answers of the channel
// (or of every channel) holding the most selective of the message's terms,
// ranked by the sum of their terms' inverse document frequency, from one
// posting-list query per term. FTS5's bm25 ranking is what cost most of a lookup (about 4 ms over
// 10,000 answers on this machine against 0.3 ms per term here).
func rankCandidates(app core.App, terms []termFreq, channelID string) ([]string, error) {
	var total float64
	if err := app.DB().NewQuery("SELECT count(*) FROM kb_terms_docsize").Row(&total); err != nil {
		return nil, fmt.Errorf("kb: count: %w", err)
	}
	q := app.DB().NewQuery("SELECT rowid FROM kb_terms WHERE kb_terms MATCH {:q}").Prepare()
	defer q.Close()
	score := map[int64]float64{}
	for _, t := range terms {
		var rows []int64
		if err := q.Bind(dbx.Params{"q": matchQuery([]string{t.term})}).Column(&rows); err != nil {
			return nil, fmt.Errorf("kb: match %q: %w", t.term, err)
		}
		idf := math.Log(1 + total/float64(max(t.doc, 1)))
		for _, r := range rows {
			score[r] += idf
		}
	}
	if len(score) == 0 {
		return nil, nil
	}
	type scored struct {
		row   int64
		score float64
	}
	all := make([]scored, 0, len(score))
	for r, v := range score {
		all = append(all, scored{r, v})
	}
	slices.SortFunc(all, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.row, b.row)
	})
	best := make([]int64, len(all))
	for i, s := range all {
		best[i] = s.row
	}
	return inScope(app, best, channelID)
}

// scopeChunk is how many ranked candidates are checked for their channel
// at a time.
const scopeChunk = 2 * candidates

// inScope keeps, in rank order, the first candidates whose answer serves
// channelID (or every channel), and returns their answer ids.
func inScope(app core.App, ranked []int64, channelID string) ([]string, error) {
	var ids []string
	for start := 0; start < len(ranked) && len(ids) < candidates; start += scopeChunk {
		chunk := ranked[start:min(start+scopeChunk, len(ranked))]
		in := make([]any, len(chunk))
		for i, r := range chunk {
			in[i] = r
		}
		var rows []struct {
			Row     int64  `db:"rowid"`
			ID      string `db:"answer_id"`
			Channel string `db:"channel"`
		}
		err := app.DB().Select("rowid", "answer_id", "channel").From("kb_terms").Where(dbx.In("rowid", in...)).All(&rows)
		if err != nil {
			return nil, fmt.Errorf("kb: candidates: %w", err)
		}
		byRow := make(map[int64]string, len(rows))
		for _, r := range rows {
			if r.Channel == "" || r.Channel == channelID {
				byRow[r.Row] = r.ID
			}
		}
		for _, r := range chunk {
			if id, ok := byRow[r]; ok && len(ids) < candidates {
				ids = append(ids, id)
			}
		}
	}
	return ids, nil
}

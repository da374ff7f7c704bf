// Package kb is the knowledge base the bot answers from and the inbox
// suggests to agents: answers with a question, similar questions and
// keywords, indexed in an SQLite FTS5 table and looked up by meaning of
// overlapping terms rather than by substring.
//
// Chinese has no spaces, and FTS5's unicode61 tokenizer would take a whole
// run of Han characters as one token; its trigram tokenizer cannot match
// the two-character words most Chinese keywords are (退货, 发票). So the
// desk segments text itself, the way Lucene's CJK analyzer does: each run
// of Han (and kana/hangul) characters becomes its overlapping bigrams (a
// single character stays a unigram), Latin letters and digits become
// lower-cased words. The terms are stored space-separated in the FTS5
// table, whose unicode61 tokenizer then indexes each as one token. A
// customer's message becomes the same terms; the most selective of them
// (by document frequency, from an fts5vocab view) pick candidates through
// their posting lists, ranked by summed inverse document frequency, and
// the best candidates are scored in Go by how much of a question or
// keyword the message covers.
package kb

import (
	"strings"
	"unicode"
)

// isCJK reports whether r is written without spaces between words.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// Terms segments text into search terms: bigrams of CJK runs, lower-cased
// Latin words and numbers. Duplicates are kept out; order is first seen.
func Terms(text string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	var cjk []rune
	var word strings.Builder
	flushCJK := func() {
		switch {
		case len(cjk) == 1:
			add(string(cjk))
		case len(cjk) > 1:
			for i := 0; i+1 < len(cjk); i++ {
				add(string(cjk[i : i+2]))
			}
		}
		cjk = cjk[:0]
	}
	flushWord := func() {
		add(word.String())
		word.Reset()
	}
	for _, r := range text {
		switch {
		case isCJK(r):
			flushWord()
			cjk = append(cjk, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushCJK()
			word.WriteRune(unicode.ToLower(r))
		default:
			flushCJK()
			flushWord()
		}
	}
	flushCJK()
	flushWord()
	return out
}

// coverage is the share of want's terms found in have.
func coverage(want []string, have map[string]bool) float64 {
	if len(want) == 0 {
		return 0
	}
	n := 0
	for _, t := range want {
		if have[t] {
			n++
		}
	}
	return float64(n) / float64(len(want))
}

// matchQuery is the FTS5 MATCH expression for terms: each quoted (so no
// term is read as an operator), OR-ed.
func matchQuery(terms []string) string {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(q, " OR ")
}

// splitList splits keywords or similar questions on commas, semicolons
// and new lines (ASCII or full-width).
func splitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == ',' || r == '，' || r == ';' || r == '；' || r == '、'
	})
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

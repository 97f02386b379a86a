package graph

import (
	"context"
	"strings"
)

// Result is the table a query returns: named columns and rows of values
// (strings, int64, float64, bool, nil, []any and map[string]any).
type Result struct {
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
}

// Querier is the capability of a store that runs read-only Cypher; both
// stores have it. A query that writes fails, as in a read transaction.
type Querier interface {
	Query(ctx context.Context, cypher string, params map[string]any) (*Result, error)
}

// FullTextIndex is the full-text index both stores keep over the title and
// text of talks, for db.index.fulltext.queryNodes(FullTextIndex, q).
const FullTextIndex = "talk_text"

// FullTextProps are the properties of a Talk FullTextIndex covers.
var FullTextProps = []string{"title", "text"}

// MaxFullTextWords bounds the words of a full-text query: Lucene refuses a
// query of more than 1,024 clauses.
const MaxFullTextWords = 256

// FullTextWords turns text as a person typed it into a full-text query
// that both stores parse: every character Lucene's query syntax gives a
// meaning to is escaped with a backslash, and the operator words AND, OR,
// NOT and TO are written in lower case (the index folds case, so they
// search for the words). Searching for "async/await", "(", "C++" or
// "a AND" then finds those words instead of failing to parse.
func FullTextWords(text string) string {
	var b strings.Builder
	for i, w := range strings.Fields(text) {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch w {
		case "AND", "OR", "NOT", "TO":
			w = strings.ToLower(w)
		}
		for _, r := range w {
			if strings.ContainsRune(`\+-!():^[]"{}~*?|&/`, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

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

// CappedQuerier is the capability of a querier that stops reading a result
// at a number of rows, so that a query of a million rows costs a client
// what it keeps; both stores have it.
type CappedQuerier interface {
	// QueryCapped runs the query and returns at most max rows, and whether
	// there were more.
	QueryCapped(ctx context.Context, cypher string, params map[string]any, max int) (res *Result, truncated bool, err error)
}

// QueryCapped runs a query on q and keeps at most max rows (every row when
// max < 1): with q's CappedQuerier when it has one, else by cutting the
// whole result.
func QueryCapped(ctx context.Context, q Querier, cypher string, params map[string]any, max int) (*Result, bool, error) {
	if c, ok := q.(CappedQuerier); ok && max > 0 {
		return c.QueryCapped(ctx, cypher, params, max)
	}
	res, err := q.Query(ctx, cypher, params)
	if err != nil || max < 1 || len(res.Rows) <= max {
		return res, false, err
	}
	res.Rows = res.Rows[:max]
	return res, true, nil
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

package graph

import "context"

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

package graph

// Result is the table a query returns: named columns and rows of values
// (strings, int64, float64, bool, nil, []any and map[string]any).
type Result struct {
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
}

package memstore

import (
	"context"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/cypher"
)

var _ graph.Querier = (*Store)(nil)

// Query runs a read-only Cypher query on the store's graph with the
// embedded engine (internal/cypher). The engine's graph is built from the
// merged graph on the first query after a change, with the properties
// Neo4j holds (ids, sources, notes) and the full-text index over talks, so
// that the same query gives the same rows on both stores. Nodes come back
// as maps of their properties, relationships with their "type".
func (s *Store) Query(ctx context.Context, src string, params map[string]any) (*graph.Result, error) {
	res, _, err := s.QueryCapped(ctx, src, params, 0)
	return res, err
}

var _ graph.CappedQuerier = (*Store)(nil)

// QueryCapped runs a read-only query and converts at most max rows (all
// when max < 1) into the result.
func (s *Store) QueryCapped(ctx context.Context, src string, params map[string]any, max int) (*graph.Result, bool, error) {
	st, err := s.current()
	if err != nil {
		return nil, false, err
	}
	if _, err := s.merged(st); err != nil {
		return nil, false, err
	}
	plan, err := cypher.Compile(src)
	if err != nil {
		return nil, false, err
	}
	res, err := plan.Run(ctx, st.engine(), params, cypher.Options{MaxRows: max})
	if err != nil {
		return nil, false, err
	}
	rows, truncated := res.Rows, false
	if max > 0 && len(rows) > max {
		rows, truncated = rows[:max], true
	}
	out := &graph.Result{Columns: res.Columns, Rows: make([][]any, len(rows))}
	for i, r := range rows {
		row := make([]any, len(r))
		for j, v := range r {
			row[j] = cypher.Plain(v)
		}
		out.Rows[i] = row
	}
	return out, truncated, nil
}

// engine returns the engine graph of a state, built once.
func (st *state) engine() *cypher.Graph {
	st.engineOnce.Do(func() {
		g := cypher.FromGraph(st.graph)
		g.DefineFullText(graph.FullTextIndex, string(graph.Talk), graph.FullTextProps...)
		st.engineGraph = g
	})
	return st.engineGraph
}

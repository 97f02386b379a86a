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
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	if _, err := s.merged(st); err != nil {
		return nil, err
	}
	plan, err := cypher.Compile(src)
	if err != nil {
		return nil, err
	}
	res, err := plan.Run(ctx, st.engine(), params, cypher.Options{})
	if err != nil {
		return nil, err
	}
	out := &graph.Result{Columns: res.Columns, Rows: make([][]any, len(res.Rows))}
	for i, r := range res.Rows {
		row := make([]any, len(r))
		for j, v := range r {
			row[j] = cypher.Plain(v)
		}
		out.Rows[i] = row
	}
	return out, nil
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

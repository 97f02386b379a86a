package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/talkgraph/talkgraph/graph"
)

// Query runs a read-only Cypher query in a read transaction (Neo4j refuses
// writes there) and returns its rows, nodes and relationships turned into
// maps of their properties.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error) {
	res, _, err := s.QueryCapped(ctx, cypher, params, 0)
	return res, err
}

var _ graph.CappedQuerier = (*Store)(nil)

// QueryCapped runs a read-only query and reads at most max rows (all when
// max < 1): past them, the rest of the result is discarded on the server,
// never sent.
func (s *Store) QueryCapped(ctx context.Context, cypher string, params map[string]any, max int) (*graph.Result, bool, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	truncated := false
	out, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		truncated = false
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		keys, err := res.Keys()
		if err != nil {
			return nil, err
		}
		r := &graph.Result{Columns: keys, Rows: [][]any{}}
		for res.Next(ctx) {
			if max > 0 && len(r.Rows) == max {
				truncated = true
				break
			}
			rec := res.Record()
			row := make([]any, len(rec.Values))
			for i, v := range rec.Values {
				row[i] = plain(v)
			}
			r.Rows = append(r.Rows, row)
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		if _, err := res.Consume(ctx); err != nil { // discards the rest
			return nil, err
		}
		return r, nil
	})
	if err != nil {
		var ne *neo4j.Neo4jError
		if errors.As(err, &ne) && (strings.HasPrefix(ne.Code, "Neo.ClientError.Statement.") || ne.Code == "Neo.ClientError.Procedure.ProcedureCallFailed") {
			// The query's author can fix it (a syntax error, a full-text
			// query Lucene cannot parse): as the embedded store says.
			return nil, false, fmt.Errorf("%w: %s", graph.ErrInvalid, ne.Msg)
		}
		return nil, false, fmt.Errorf("neo4j query: %w", err)
	}
	return out.(*graph.Result), truncated, nil
}

// plain turns driver values into plain Go values.
func plain(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		return graph.VisibleProps(x.Props, true, plain)
	case dbtype.Relationship:
		m := graph.VisibleProps(x.Props, false, plain)
		m["type"] = x.Type
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plain(e)
		}
		return out
	case dbtype.Path:
		// The nodes and relationships in order, as the embedded store gives a path.
		out := make([]any, 0, 2*len(x.Relationships)+1)
		byID := map[string]dbtype.Node{}
		for _, n := range x.Nodes {
			byID[n.ElementId] = n
		}
		cur := x.Nodes[0]
		out = append(out, plain(cur))
		for _, r := range x.Relationships {
			next := byID[r.EndElementId]
			if r.StartElementId != cur.ElementId {
				next = byID[r.StartElementId]
			}
			out = append(out, plain(r), plain(next))
			cur = next
		}
		return out
	case dbtype.Date:
		return x.Time().Format("2006-01-02")
	}
	return v
}

package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"time"

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
	if until := s.downUntil.Load(); until != nil && time.Now().Before(*until) {
		return nil, false, fmt.Errorf("neo4j %s: %w: it did not answer a moment ago", s.cfg.URI, graph.ErrUnavailable)
	}
	r, truncated, err := s.queryCapped(ctx, cypher, params, max)
	if err == nil {
		return r, truncated, nil
	}
	var ne *neo4j.Neo4jError
	switch {
	case ctx.Err() != nil:
		// The driver's errors do not wrap the context's: say which it was,
		// so that a timeout is told from a failure.
		return nil, false, fmt.Errorf("neo4j query: %w (%v)", ctx.Err(), err)
	case errors.As(err, &ne) && strings.Contains(ne.Msg, "no such fulltext schema index"):
		// A database nothing was loaded into yet (or one emptied): not the
		// query's fault, and not a Java trace for the client.
		return nil, false, fmt.Errorf("neo4j %s: %w: nothing is loaded yet (no full-text index %s): run talkgraph build --store neo4j, or talkgraph load",
			s.cfg.URI, graph.ErrUnavailable, FullTextIndex)
	case errors.As(err, &ne) && (strings.HasPrefix(ne.Code, "Neo.ClientError.Statement.") || ne.Code == "Neo.ClientError.Procedure.ProcedureCallFailed"):
		// The query's author can fix it (a syntax error, a full-text
		// query Lucene cannot parse): as the embedded store says.
		return nil, false, fmt.Errorf("%w: %s", graph.ErrInvalid, ne.Msg)
	case unavailable(err):
		// Fail fast for a moment: a crowd of requests should not each wait
		// on a server that is down.
		until := time.Now().Add(2 * time.Second)
		s.downUntil.Store(&until)
		return nil, false, fmt.Errorf("neo4j %s: %w: %v", s.cfg.URI, graph.ErrUnavailable, err)
	}
	return nil, false, fmt.Errorf("neo4j query: %w", err)
}

// unavailable reports whether err says the server cannot be reached or
// cannot serve now (as opposed to a query that failed).
func unavailable(err error) bool {
	var ce *neo4j.ConnectivityError
	var ne *neo4j.Neo4jError
	return errors.As(err, &ce) || neo4j.IsConnectivityError(err) ||
		errors.As(err, &ne) && (strings.HasPrefix(ne.Code, "Neo.TransientError.") || ne.Code == "Neo.ClientError.Database.DatabaseNotFound") ||
		errors.Is(err, syscall.ECONNREFUSED)
}

// queryCapped runs the query in an auto-commit read: no retries by the
// driver, so that a server that is down is reported at once (the client,
// told 503, retries).
func (s *Store) queryCapped(ctx context.Context, cypher string, params map[string]any, max int) (*graph.Result, bool, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, params)
	if err != nil {
		return nil, false, err
	}
	keys, err := res.Keys()
	if err != nil {
		return nil, false, err
	}
	r := &graph.Result{Columns: keys, Rows: [][]any{}}
	truncated := false
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
		return nil, false, err
	}
	if _, err := res.Consume(ctx); err != nil { // discards the rest on the server
		return nil, false, err
	}
	return r, truncated, nil
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

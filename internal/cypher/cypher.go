package cypher

import (
	"context"
	"fmt"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/cypher/parse"
)

// Plan is a compiled query.
type Plan struct {
	query *parse.Query
	src   string
}

// Compile parses and checks a query.
func Compile(src string) (*Plan, error) {
	q, err := parse.Parse(src)
	if err != nil {
		if pe, ok := err.(*parse.Error); ok {
			return nil, fromParse(pe)
		}
		return nil, err
	}
	if e := check(q, src); e != nil {
		return nil, e
	}
	return &Plan{query: q, src: src}, nil
}

// String prints the query as the engine read it.
func (p *Plan) String() string { return p.query.String() }

// Result is the answer of a query: Rows holds engine values (*Node, *Rel,
// Path among them); Plain turns them into plain ones.
type Result struct {
	Columns []string
	Rows    [][]any
	Stats   Stats
}

// Options of a run.
type Options struct {
	// Write lets CREATE change the graph; without it a query that writes
	// fails as it does in a read transaction of Neo4j.
	Write bool
	// MaxRows, when positive, says the caller reads at most this many
	// rows: the engine may then stop producing rows past MaxRows+1 (one
	// more, so the caller knows the result was cut) where that keeps the
	// first rows the same, as when the RETURN has no ORDER BY, DISTINCT or
	// aggregation and follows a MATCH or UNWIND. Memory then stays bounded
	// by the rows read, not the rows a query could give. Rows past the cut
	// are never evaluated, so an error one of them would raise (a division
	// by zero) is not raised, as when a Neo4j client reads only part of a
	// result.
	MaxRows int
}

// Run executes the plan on g.
func (p *Plan) Run(ctx context.Context, g *Graph, params map[string]any, opts Options) (res *Result, err error) {
	x := &exec{ctx: ctx, g: g, params: params, write: opts.Write}
	defer func() {
		if r := recover(); r != nil {
			f, ok := r.(failure)
			if !ok {
				panic(r)
			}
			if f.err.Line == 0 && x.at != nil && p.src != "" && f.err.Kind != "Timeout" {
				// A runtime error is placed at the expression that raised it.
				pos, _ := x.at.Span()
				pe := errorAtPos(p.src, pos)
				f.err.Line, f.err.Col, f.err.Snippet = pe.Line, pe.Col, pe.Snippet
			}
			res, err = nil, f.err
		}
	}()
	if opts.MaxRows > 0 {
		x.cutClause, x.cutRows = x.cutPoint(p.query, opts.MaxRows)
	}
	cols, rows, returns := x.runQuery(p.query, []row{{}})
	res = &Result{Columns: cols, Rows: [][]any{}, Stats: x.stats}
	if cols == nil {
		res.Columns = []string{}
	}
	if !returns {
		return res, nil
	}
	for _, r := range rows {
		out := make([]any, len(cols))
		for i, c := range cols {
			out[i] = r[c]
		}
		res.Rows = append(res.Rows, out)
	}
	return res, nil
}

// Query compiles and runs a read-only query.
func Query(ctx context.Context, g *Graph, src string, params map[string]any) (*Result, error) {
	p, err := Compile(src)
	if err != nil {
		return nil, err
	}
	return p.Run(ctx, g, params, Options{})
}

func errorAtPos(src string, pos int) *parse.Error {
	return parse.ErrorAt(src, pos, "", "")
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// Plain turns an engine value into a plain one, as the Neo4j store returns
// it: a node is the map of its properties (without the store's bookkeeping
// but with its id), a relationship the map of its properties and "type", a
// path the list of its nodes and relationships in order.
func Plain(v any) any {
	switch x := v.(type) {
	case *Node:
		return graph.VisibleProps(x.Props, true, Plain)
	case *Rel:
		m := graph.VisibleProps(x.Props, false, Plain)
		m["type"] = x.Type
		return m
	case Path:
		out := []any{Plain(x.Nodes[0])}
		for i, r := range x.Rels {
			out = append(out, Plain(r), Plain(x.Nodes[i+1]))
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Plain(e)
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	}
	return v
}

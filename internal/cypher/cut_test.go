package cypher

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// cutGraph has n Person nodes in a ring of KNOWS.
func cutGraph(n int) *Graph {
	g := NewGraph()
	nodes := make([]*Node, n)
	for i := range nodes {
		nodes[i] = g.AddNode([]string{"Person"}, map[string]any{"id": int64(i), "name": fmt.Sprintf("p%03d", i%50)})
	}
	for i := range nodes {
		g.AddRel("KNOWS", nodes[i], nodes[(i+1)%n], map[string]any{})
	}
	return g
}

// TestRun_maxRows: with MaxRows, a RETURN that streams the rows of the
// MATCH or UNWIND before it stops that clause at MaxRows+1 rows (a 400
// node Cartesian product of 160,000 rows gives 11), and every query's
// first MaxRows rows are those it gives without the option: ORDER BY,
// DISTINCT, aggregation, SKIP, OPTIONAL MATCH, UNION and WITH all keep
// their meaning.
func TestRun_maxRows(t *testing.T) {
	g := cutGraph(400)
	ctx := context.Background()
	const max = 10
	tests := []struct {
		q       string
		cutRows int // rows with MaxRows when the clause is cut; 0 when not cut
	}{
		{"MATCH (a:Person), (b:Person) RETURN a.id, b.id", max + 1},
		{"MATCH (a:Person)-[:KNOWS]->(b) RETURN a.name, b.name", max + 1},
		{"MATCH (a:Person) MATCH (b:Person) RETURN a.id, b.id", max + 1},
		{"UNWIND range(1, 100000) AS i RETURN i", max + 1},
		{"MATCH (a:Person), (b:Person) RETURN a.id, b.id SKIP 5", max + 1},
		{"MATCH (a:Person), (b:Person) RETURN a.id, b.id LIMIT 3", 3},
		{"OPTIONAL MATCH (a:Person)-[:KNOWS]->(b:Person {id: -1}) RETURN a, b", 0},
		{"MATCH (a:Person) OPTIONAL MATCH (a)-[:KNOWS]->(b:Person) WHERE b.id < 5 RETURN a.id, b.id", max + 1},
		{"MATCH (a:Person) RETURN a.id ORDER BY a.id DESC", 0},
		{"MATCH (a:Person) RETURN DISTINCT a.name", 0},
		{"MATCH (a:Person) RETURN a.name, count(*) AS n", 0},
		{"MATCH (a:Person) WITH a WHERE a.id % 7 = 0 RETURN a.id", 0},
		{"MATCH (a:Person) WHERE a.id < 20 RETURN a.id UNION ALL MATCH (b:Person) WHERE b.id < 20 RETURN b.id AS `a.id`", 0},
		{"MATCH (a:Person) WHERE a.id >= 395 RETURN a.id", 0},
	}
	for _, tt := range tests {
		p, err := Compile(tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.q, err)
		}
		full, err := p.Run(ctx, g, nil, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.q, err)
		}
		cut, err := p.Run(ctx, g, nil, Options{MaxRows: max})
		if err != nil {
			t.Fatalf("%s with MaxRows: %v", tt.q, err)
		}
		want := len(full.Rows)
		if tt.cutRows > 0 {
			want = min(want, tt.cutRows)
		}
		if len(cut.Rows) != want {
			t.Errorf("%s: %d rows with MaxRows %d, want %d (of %d)", tt.q, len(cut.Rows), max, want, len(full.Rows))
		}
		n := min(max, len(full.Rows), len(cut.Rows))
		if !reflect.DeepEqual(cut.Rows[:n], full.Rows[:n]) || !reflect.DeepEqual(cut.Columns, full.Columns) {
			t.Errorf("%s: the first %d rows differ:\n%v\nwant\n%v", tt.q, n, cut.Rows[:n], full.Rows[:n])
		}
	}
}

// The deadline stops work inside one expression (a comprehension, reduce,
// range), and UNWIND range(...) under a row cap makes only the rows read.
func TestRun_deadlineInExpressions(t *testing.T) {
	g := cutGraph(1)
	for _, q := range []string{
		"RETURN reduce(s = 0, x IN range(1, 9000000) | s + x) AS s",
		"RETURN size([x IN range(1, 9000000) WHERE x % 3 = 0]) AS n",
		"RETURN all(x IN range(1, 9000000) WHERE x > 0) AS ok",
		"RETURN size(range(1, 9000000)) AS n",
	} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		p, err := Compile(q)
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Run(ctx, g, nil, Options{})
		var e *Error
		if !errors.As(err, &e) || e.Kind != "Timeout" {
			t.Errorf("%s with its context done: %v, want a Timeout error", q, err)
		}
	}
	p, err := Compile("UNWIND range(1, 9000000) AS x RETURN x")
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Run(context.Background(), g, nil, Options{MaxRows: 3})
	if err != nil || len(res.Rows) != 4 || res.Rows[3][0] != int64(4) {
		t.Errorf("UNWIND range under a cap of 3: %v, %v; want 4 rows, 1 to 4", res, err)
	}
	p, _ = Compile("UNWIND range(5, 1, -2) AS x RETURN x")
	res, err = p.Run(context.Background(), g, nil, Options{})
	if err != nil || fmt.Sprint(res.Rows) != "[[5] [3] [1]]" {
		t.Errorf("UNWIND range(5, 1, -2): %v, %v", res, err)
	}
}

// A runtime error says where: the function call or parameter that raised
// it.
func TestRun_errorPositions(t *testing.T) {
	g := cutGraph(1)
	for q, want := range map[string]string{
		"RETURN 1 AS a,\n  range(1, 20000000) AS r":   "range too large (more than 10000000 values) at 2:3",
		"UNWIND range(1, 3, 0) AS x RETURN x":         "range step must not be 0 at 1:8",
		"MATCH (p:Person) RETURN p.id, $missing AS m": "expected a parameter named missing at 1:31",
	} {
		p, err := Compile(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		_, err = p.Run(context.Background(), g, nil, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %q", q, err, want)
		}
	}
}

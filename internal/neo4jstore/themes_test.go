package neo4jstore

import (
	"context"
	"math"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/queries"
)

// TestThemes_figures checks the arithmetic of the theme queries, done in
// Cypher, against the same figures computed in Go from the graph: the
// editions and talks of recurring, the talks and score of rising and
// declining (the slope of the yearly share over its standard error).
//
//	TALKGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 go test ./internal/neo4jstore -run TestThemes_figures
func TestThemes_figures(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	ctx := context.Background()
	put := exampleNotes(t, nil)
	put = append(put, catalogNotes(t, func(series, year string) bool {
		return year == "2016" || year == "2018" || year == "2021" || year == "2024"
	}, false)...)
	if err := s.Apply(ctx, graph.Changeset{Put: put}); err != nil {
		t.Fatal(err)
	}
	g, err := s.Graph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The talks at an event, their years and events, and the talks that
	// touch each tool or concept.
	year, event := map[string]int64{}, map[string]string{}
	for r := range g.RelSeq() {
		if r.Type == graph.At {
			event[r.From] = r.To
		}
	}
	for id := range event {
		n, _ := g.Node(id)
		year[id], _ = n.Props["year"].(int64)
	}
	touch := map[string]map[string]bool{}
	for r := range g.RelSeq() {
		x, ok := g.Node(r.To)
		if (r.Type == graph.Mentions || r.Type == graph.About) && ok && (x.Label == graph.Tool || x.Label == graph.Concept) && event[r.From] != "" {
			if touch[r.To] == nil {
				touch[r.To] = map[string]bool{}
			}
			touch[r.To][r.From] = true
		}
	}
	packs, err := queries.Default()
	if err != nil {
		t.Fatal(err)
	}
	run := func(id string, params map[string]any) []map[string]any {
		q, ok := queries.Find(packs, id)
		if !ok {
			t.Fatalf("no query %s", id)
		}
		res, err := s.Query(ctx, q.Cypher, q.ParamValues(params, false))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		var rows []map[string]any
		for _, r := range res.Rows {
			m := map[string]any{}
			for i, c := range res.Columns {
				m[c] = r[i]
			}
			rows = append(rows, m)
		}
		return rows
	}

	rows := run("themes/recurring", map[string]any{"min_editions": int64(2), "limit": int64(20)})
	if len(rows) < 5 {
		t.Fatalf("recurring: %d rows, want at least 5", len(rows))
	}
	for _, r := range rows {
		x := r["id"].(string)
		per := map[string]int{}
		for tk := range touch[x] {
			per[event[tk]]++
		}
		editions := 0
		for _, k := range per {
			if k >= 2 {
				editions++
			}
		}
		if r["editions"] != int64(editions) || r["talks"] != int64(len(touch[x])) {
			t.Errorf("recurring %s: editions %v, talks %v; the graph says %d, %d", x, r["editions"], r["talks"], editions, len(touch[x]))
		}
	}

	// The least-squares slope of the share by year, weighted by the
	// year's talks, over its standard error.
	n := float64(len(year))
	mean := 0.0
	for _, y := range year {
		mean += float64(y) / n
	}
	sxx := 0.0
	for _, y := range year {
		sxx += (float64(y) - mean) * (float64(y) - mean)
	}
	for _, id := range []string{"themes/rising", "themes/declining"} {
		rows := run(id, map[string]any{"min_talks": int64(3), "limit": int64(20)})
		if len(rows) < 5 {
			t.Fatalf("%s: %d rows, want at least 5", id, len(rows))
		}
		for _, r := range rows {
			x := r["id"].(string)
			dev := 0.0
			for tk := range touch[x] {
				dev += float64(year[tk]) - mean
			}
			p := float64(len(touch[x])) / n
			z := dev / sxx / math.Sqrt(p*(1-p)/sxx)
			if r["talks"] != int64(len(touch[x])) || math.Abs(r["score"].(float64)-z) > 0.051 {
				t.Errorf("%s %s: talks %v, score %v; the graph says %d, %.2f", id, x, r["talks"], r["score"], len(touch[x]), z)
			}
			if id == "themes/rising" && z <= 0 || id == "themes/declining" && z >= 0 {
				t.Errorf("%s %s: score %.2f has the wrong sign", id, x, z)
			}
		}
	}
}

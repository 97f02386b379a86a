package neo4jstore

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/server"
	"github.com/talkgraph/talkgraph/queries"
)

// TestPacks_runOnExamples runs every shipped query, with the example
// values of its header, on the example notes in a real Neo4j: each must
// run, return the columns its header lists, and give rows (but for the
// quality checks the examples have nothing to report for).
func TestPacks_runOnExamples(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	ctx := context.Background()
	if err := s.Apply(ctx, graph.Changeset{Put: withRelated(exampleNotes(t, nil))}); err != nil {
		t.Fatal(err)
	}
	packs, err := queries.Default()
	if err != nil {
		t.Fatal(err)
	}
	mayBeEmpty := []string{"quality/talks-without-speakers", "quality/empty-notes"}
	n := 0
	for _, p := range packs {
		for _, q := range p.Queries {
			n++
			t.Run(q.ID(), func(t *testing.T) {
				res, err := s.Query(ctx, q.Cypher, q.ParamValues(nil, true))
				if err != nil {
					t.Fatalf("%s: %v", q.File, err)
				}
				if !slices.Equal(res.Columns, q.Returns) {
					t.Errorf("columns %v, header says %v", res.Columns, q.Returns)
				}
				if len(res.Rows) == 0 && !slices.Contains(mayBeEmpty, q.ID()) {
					t.Errorf("no rows with the example values")
				}
			})
		}
	}
	if n < 20 {
		t.Errorf("%d queries, want at least 20", n)
	}

	// The HTTP API answers from the same queries.
	h := server.New(server.Default(), s, packs, nil)
	for _, path := range []string{
		"/api/v1/talks/talk:djangocon-us-2019:async-views-are-coming/related?limit=3",
		"/api/v1/talks?q=webassembly",
		"/api/v1/themes?min_editions=2",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		var body struct {
			Rows []map[string]any `json:"rows"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != 200 || err != nil || len(body.Rows) == 0 {
			t.Errorf("GET %s = %d, %d rows, %v: %s", path, rec.Code, len(body.Rows), err, rec.Body.String())
		}
	}
}

// TestQuery_readOnly checks that Query refuses a write.
func TestQuery_readOnly(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	if _, err := s.Query(context.Background(), "CREATE (n:Talk {id: 'x'}) RETURN n", nil); err == nil {
		t.Fatal("a CREATE ran in a read transaction")
	}
	g, err := s.Graph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if g.NodeCount() != 0 {
		t.Errorf("the refused write left %d nodes", g.NodeCount())
	}
}

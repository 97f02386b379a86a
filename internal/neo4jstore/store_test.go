package neo4jstore

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/neo4jtest"
	"github.com/talkgraph/talkgraph/internal/storetest"
)

// testConfig returns the Neo4j to test against (see neo4jtest.Empty:
// .ci/run starts a real one), emptied and locked for this test.
func testConfig(t testing.TB) Config {
	t.Helper()
	srv := neo4jtest.Empty(t)
	cfg := Default()
	cfg.URI, cfg.Username, cfg.Password, cfg.Database = srv.URI, srv.Username, srv.Password, srv.Database
	return cfg
}

// openEmpty opens a store on the test database, after emptying it.
func openEmpty(t testing.TB, cfg Config) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open %s: %v", cfg.URI, err)
	}
	if _, err := neo4j.ExecuteQuery(ctx, s.driver, "MATCH (n) DETACH DELETE n", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database)); err != nil {
		t.Fatalf("empty the database: %v", err)
	}
	s.ResetCounters()
	return s
}

func TestStore_conformance(t *testing.T) {
	cfg := testConfig(t)
	storetest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t, cfg) })
}

func TestConfig_Validate(t *testing.T) {
	tests := []struct {
		uri     string
		wantErr bool
	}{
		{"bolt://127.0.0.1:7687", false},
		{"neo4j://localhost:7687", false},
		{"bolt+s://db.example.com:7687", false},
		{"neo4j+s://abcd.databases.neo4j.io", false},
		{"http://localhost:7474", true},
		{"localhost:7687", true},
	}
	for _, tt := range tests {
		cfg := Default()
		cfg.URI = tt.uri
		err := cfg.Validate()
		if (err != nil) != tt.wantErr {
			t.Errorf("Validate(%q) = %v, want error %v", tt.uri, err, tt.wantErr)
		}
		if err != nil && !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Validate(%q) error %v is not ErrInvalid", tt.uri, err)
		}
	}
}

func TestSources_roundTrip(t *testing.T) {
	in := []graph.Source{{Note: "a:b/c.md", Line: 3, EndLine: 9}, {Note: "x.md", Line: 1}}
	got, err := decodeSources(graph.SourceStrings(in))
	if err != nil || !reflect.DeepEqual(got, in) {
		t.Errorf("decodeSources(graph.SourceStrings(%v)) = %v, %v", in, got, err)
	}
}

// fixture is a small two-note graph with shared entities and hostile names.
func fixture() []graph.NoteGraph {
	hostile := "'}) DETACH DELETE n //`{name}` \"quoted\"\nline"
	a := graph.New()
	a.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk, Props: map[string]any{"title": hostile, "year": int64(2018)}, Sources: []graph.Source{{Note: "a.md", Line: 1, EndLine: 9}}})
	a.AddNode(graph.Node{ID: "speaker:x", Label: graph.Speaker, Props: map[string]any{"name": "Jérôme `Petazzoni`"}, Sources: []graph.Source{{Note: "a.md", Line: 1}}})
	a.AddNode(graph.Node{ID: "tool:python", Label: graph.Tool, Props: map[string]any{"name": "Python", "aliases": []string{"py", "cpython"}}, Sources: []graph.Source{{Note: "a.md", Line: 2}}})
	a.AddRel(graph.Rel{Type: graph.Presented, From: "speaker:x", To: "talk:a", Sources: []graph.Source{{Note: "a.md", Line: 1}}})
	a.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:python", Sources: []graph.Source{{Note: "a.md", Line: 2}, {Note: "a.md", Line: 5}}})
	b := graph.New()
	b.AddNode(graph.Node{ID: "talk:b", Label: graph.Talk, Props: map[string]any{"title": "B", "score": 0.5}, Sources: []graph.Source{{Note: "b.md", Line: 1}}})
	b.AddNode(graph.Node{ID: "tool:python", Label: graph.Tool, Props: map[string]any{"name": "Python", "homepage": "https://python.org"}, Sources: []graph.Source{{Note: "b.md", Line: 3}}})
	b.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:b", To: "tool:python", Sources: []graph.Source{{Note: "b.md", Line: 3}}})
	return []graph.NoteGraph{{Path: "a.md", Hash: "ha", Graph: a}, {Path: "b.md", Hash: "hb", Graph: b}}
}

func mergeAll(ngs []graph.NoteGraph) *graph.Graph {
	g := graph.New()
	for _, ng := range ngs {
		g.Merge(ng.Graph)
	}
	return g
}

func sameGraph(t *testing.T, got, want *graph.Graph) {
	t.Helper()
	gn, wn := got.Nodes(), want.Nodes()
	if len(gn) != len(wn) {
		t.Fatalf("got %d nodes, want %d", len(gn), len(wn))
	}
	for i := range gn {
		if !reflect.DeepEqual(gn[i], wn[i]) {
			t.Errorf("node %d:\ngot  %+v\nwant %+v", i, *gn[i], *wn[i])
		}
	}
	gr, wr := got.Rels(), want.Rels()
	if len(gr) != len(wr) {
		t.Fatalf("got %d relationships, want %d", len(gr), len(wr))
	}
	for i := range gr {
		if !reflect.DeepEqual(gr[i], wr[i]) {
			t.Errorf("relationship %d:\ngot  %+v\nwant %+v", i, *gr[i], *wr[i])
		}
	}
}

func TestStore_loadTwiceChangesNothing(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	ctx := context.Background()
	c := graph.Changeset{Put: fixture()}
	if err := s.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	if s.Counters().NodesCreated != 4 || s.Counters().RelsCreated != 3 {
		t.Errorf("first load counters = %+v, want 4 nodes and 3 relationships created", s.Counters())
	}
	s.ResetCounters()
	if err := s.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got := s.Counters(); !got.Zero() {
		t.Errorf("second load counters = %+v, want all zero", got)
	}
	g, err := s.Graph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, mergeAll(fixture()))
	if tl, _ := g.Node("talk:a"); !strings.Contains(tl.Props["title"].(string), "DETACH DELETE") {
		t.Errorf("hostile title changed: %q", tl.Props["title"])
	}
	// Putting the notes again repairs a fact changed behind talkgraph's back.
	if _, err := neo4j.ExecuteQuery(ctx, s.driver, "MATCH (n:Tool {id: 'tool:python'}) SET n.name = 'Cobra'", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.cfg.Database)); err != nil {
		t.Fatal(err)
	}
	s.ResetCounters()
	if err := s.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	if s.Counters().PropertiesSet == 0 {
		t.Errorf("repair counters = %+v, want properties set", s.Counters())
	}
	if g, err = s.Graph(ctx); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, mergeAll(fixture()))
}

func TestStore_status(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	ctx := context.Background()
	if err := s.Apply(ctx, graph.Changeset{Put: fixture()}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(st.Server, "Neo4j Kernel 5.") || st.Nodes["Tool"] != 1 || st.Rels["MENTIONS"] != 2 || st.Notes != 2 {
		t.Errorf("status = %+v", st)
	}
	want := []string{"talk_id", "speaker_id", "tool_id", "talkgraph_source_path"}
	for _, w := range want {
		found := false
		for _, c := range st.Constraints {
			found = found || c == w
		}
		if !found {
			t.Errorf("constraint %s missing from %v", w, st.Constraints)
		}
	}
	idx := strings.Join(st.Indexes, ",")
	if !strings.Contains(idx, FullTextIndex) {
		t.Errorf("indexes %v lack %s", st.Indexes, FullTextIndex)
	}
}

// TestStore_interrupted stops a load after each number of batches in turn,
// then loads again, and wants the graph an uninterrupted load gives — also
// when the note changed in between.
func TestStore_interrupted(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 1
	ctx := context.Background()
	first := fixture()
	second := fixture()
	second[0].Hash = "ha2"
	g2 := graph.New()
	g2.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk, Props: map[string]any{"title": "A2"}, Sources: []graph.Source{{Note: "a.md", Line: 1}}})
	g2.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}, Sources: []graph.Source{{Note: "a.md", Line: 4}}})
	g2.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:go", Sources: []graph.Source{{Note: "a.md", Line: 4}}})
	second[0].Graph = g2
	errStop := errors.New("stopped")
	interrupted := 0
	defer func() {
		if interrupted < 10 {
			t.Errorf("only %d loads were interrupted, want at least 10", interrupted)
		}
	}()
	for stopAfter := 1; stopAfter <= 10; stopAfter++ {
		for _, next := range [][]graph.NoteGraph{first, second} {
			s := openEmpty(t, cfg)
			if err := s.Apply(ctx, graph.Changeset{Put: first[:1]}); err != nil {
				t.Fatal(err)
			}
			n := 0
			s.afterBatch = func() error {
				if n++; n == stopAfter {
					return errStop
				}
				return nil
			}
			err := s.Apply(ctx, graph.Changeset{Put: first})
			s.afterBatch = nil
			if err != nil && !errors.Is(err, errStop) {
				t.Fatal(err)
			}
			if err != nil {
				interrupted++
			}
			if err := s.Apply(ctx, graph.Changeset{Put: next}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Graph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			sameGraph(t, got, mergeAll(next))
			hashes, _ := s.NoteHashes(ctx)
			if len(hashes) != 2 || hashes["a.md"] != next[0].Hash {
				t.Errorf("stop after %d: hashes = %v", stopAfter, hashes)
			}
			s.Close()
		}
	}
}

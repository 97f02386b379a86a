package neo4jstore

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/memstore"
)

// embedded returns the embedded store's graph after the same changesets.
func embedded(t *testing.T, cs ...graph.Changeset) *graph.Graph {
	t.Helper()
	m, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for _, c := range cs {
		if err := m.Apply(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	g, err := m.Graph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestStore_roundTrip loads the example notes, reads the graph back, and
// wants the embedded store's graph of the same notes; then changes one note
// and deletes another, and wants the same again.
func TestStore_roundTrip(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	ctx := context.Background()
	first := graph.Changeset{Put: exampleNotes(t, nil)}
	if err := s.Apply(ctx, first); err != nil {
		t.Fatal(err)
	}
	got, err := s.Graph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := embedded(t, first)
	if want.RelCount() < 300 {
		t.Fatalf("embedded graph has %d relationships, want a real graph", want.RelCount())
	}
	sameGraph(t, got, want)

	// One note loses a talk and gains a tool; another is deleted.
	var changedPath, deletedPath string
	edited := exampleNotes(t, func(path string, b []byte) []byte {
		switch {
		case strings.HasSuffix(path, "2019-09-24-djangocon-day-2.md"):
			changedPath = path
			s := strings.Replace(string(b), "### Migrations Without Tears (Tomasz Wierzbicki)", "### Migrations With Tears (Tomasz Wierzbicki)\n\nWe used Terraform.", 1)
			return []byte(s)
		case strings.HasSuffix(path, "europython-2019-basel.md"):
			deletedPath = path
			return nil
		}
		return b
	})
	var second graph.Changeset
	for _, ng := range edited {
		if ng.Path == changedPath {
			second.Put = append(second.Put, ng)
		}
	}
	second.Delete = []string{deletedPath}
	s.ResetCounters()
	if err := s.Apply(ctx, second); err != nil {
		t.Fatal(err)
	}
	if c := s.Counters(); c.NodesDeleted == 0 || c.RelsCreated == 0 {
		t.Errorf("incremental load counters = %+v, want nodes deleted and relationships created", c)
	}
	got, err = s.Graph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want = embedded(t, first, second)
	sameGraph(t, got, want)
	if _, ok := got.Node("talk:europython-2019:speeding-up-pandas-without-leaving-python"); ok {
		t.Errorf("a talk of the deleted note is still there")
	}
	hashes, err := s.NoteHashes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := hashes[deletedPath]; ok || len(hashes) != len(first.Put)-1 {
		t.Errorf("hashes = %v", slices.Sorted(func(yield func(string) bool) {
			for k := range hashes {
				if !yield(k) {
					return
				}
			}
		}))
	}
}

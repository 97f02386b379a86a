package storetest

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

// checkGraph fails t unless s's graph equals want, node for node and
// relationship for relationship, properties and sources included.
func checkGraph(t *testing.T, s graph.Store, want *graph.Graph) {
	t.Helper()
	got, err := s.Graph(context.Background())
	if err != nil {
		t.Fatalf("Graph: %v", err)
	}
	if d := diff(got, want); d != "" {
		t.Errorf("Graph() differs (- missing, + unexpected, ~ changed):%s", d)
	}
}

// checkHashes fails t unless s holds exactly the notes of want.
func checkHashes(t *testing.T, s graph.Store, want map[string]string) {
	t.Helper()
	got, err := s.NoteHashes(context.Background())
	if err != nil {
		t.Fatalf("NoteHashes: %v", err)
	}
	if len(got) != len(want) || !maps.Equal(got, want) {
		t.Errorf("NoteHashes() = %v, want %v", got, want)
	}
}

// apply applies c and fails t on error.
func apply(t *testing.T, s graph.Store, c graph.Changeset) {
	t.Helper()
	if err := s.Apply(context.Background(), c); err != nil {
		t.Fatalf("Apply: %v", err)
	}
}

func currentGraph(t *testing.T, s graph.Store) *graph.Graph {
	t.Helper()
	g, err := s.Graph(context.Background())
	if err != nil {
		t.Fatalf("Graph: %v", err)
	}
	return g
}

// diff lists the nodes and relationships in which got and want differ, one
// per line, or returns "" if they are equal.
func diff(got, want *graph.Graph) string {
	var b strings.Builder
	nodeKey := func(n *graph.Node) string { return n.ID }
	relKey := func(r *graph.Rel) string { return fmt.Sprintf("%s -[%s]-> %s", r.From, r.Type, r.To) }
	diffList(&b, "node", got.Nodes(), want.Nodes(), nodeKey)
	diffList(&b, "rel", got.Rels(), want.Rels(), relKey)
	return b.String()
}

func diffList[T any](b *strings.Builder, kind string, got, want []*T, key func(*T) string) {
	g, w := map[string]*T{}, map[string]*T{}
	for _, x := range got {
		g[key(x)] = x
	}
	for _, x := range want {
		w[key(x)] = x
	}
	keys := slices.Sorted(maps.Keys(g))
	for k := range w {
		if _, ok := g[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		gx, inGot := g[k]
		wx, inWant := w[k]
		switch {
		case !inGot:
			fmt.Fprintf(b, "\n- %s %s: %#v", kind, k, *wx)
		case !inWant:
			fmt.Fprintf(b, "\n+ %s %s: %#v", kind, k, *gx)
		case !reflect.DeepEqual(gx, wx):
			fmt.Fprintf(b, "\n~ %s %s:\n\tgot  %#v\n\twant %#v", kind, k, *gx, *wx)
		}
	}
}

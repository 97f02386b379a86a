package graph_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

// A source has one form: one line is "a.md:4" however it was made or read,
// so that a store and an export never write the same fact two ways.
func TestSource_String(t *testing.T) {
	tests := []struct {
		src  graph.Source
		want string
	}{
		{graph.Span("a.md", 4, 4), "a.md:4"},
		{graph.Span("a.md", 4, 0), "a.md:4"},
		{graph.Span("a.md", 4, 2), "a.md:4"},
		{graph.Span("a.md", 4, 9), "a.md:4-9"},
		{graph.Source{Note: "a.md", Line: 4, EndLine: 4}, "a.md:4"},
		{graph.Span("dir:x/b.md", 1, 3), "dir:x/b.md:1-3"},
	}
	for _, tt := range tests {
		if got := tt.src.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.src, got, tt.want)
		}
		back, err := graph.ParseSource(tt.want)
		if err != nil || back.String() != tt.want || back != graph.Span(back.Note, back.Line, back.EndLine) {
			t.Errorf("ParseSource(%q) = %#v, %v", tt.want, back, err)
		}
	}
	if s := graph.Span("a.md", 4, 4); s.EndLine != 0 {
		t.Errorf("Span of one line has EndLine %d", s.EndLine)
	}
}

func TestParseSource(t *testing.T) {
	for in, want := range map[string]graph.Source{
		"a.md:4":      {Note: "a.md", Line: 4},
		"a.md:4-4":    {Note: "a.md", Line: 4}, // as older loads into Neo4j wrote it
		"a.md:4-7":    {Note: "a.md", Line: 4, EndLine: 7},
		"c:/n.md:2-3": {Note: "c:/n.md", Line: 2, EndLine: 3},
	} {
		got, err := graph.ParseSource(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseSource(%q) = %#v, %v; want %#v", in, got, err, want)
		}
	}
	for _, bad := range []string{"a.md", "a.md:", "a.md:x", "a.md:4-", "a.md:4-y"} {
		if _, err := graph.ParseSource(bad); err == nil {
			t.Errorf("ParseSource(%q) gave no error", bad)
		}
	}
}

// Reserved is the one rule for the names a store adds: a graph property of
// such a name is kept as "prop_" + name, and never shown as the store's own.
func TestStoredProps_reserved(t *testing.T) {
	n := graph.Node{ID: "talk:a", Label: graph.Talk, Props: map[string]any{
		"title": "A", "id": "x", "notes": "y", "sources": "z", "count": int64(3)},
		Sources: []graph.Source{graph.Span("a.md", 2, 2)}}
	got := n.StoredProps()
	want := map[string]any{"title": "A", "prop_id": "x", "prop_notes": "y", "prop_sources": "z", "prop_count": int64(3),
		"id": "talk:a", "notes": []string{"a.md"}, "sources": []string{"a.md:2"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StoredProps = %v, want %v", got, want)
	}
	r := graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:b", Props: map[string]any{"count": "c"},
		Sources: []graph.Source{graph.Span("a.md", 2, 0), graph.Span("a.md", 5, 6)}}
	gotR := r.StoredProps()
	wantR := map[string]any{"prop_count": "c", "count": int64(2), "notes": []string{"a.md"}, "sources": []string{"a.md:2", "a.md:5-6"}}
	if !reflect.DeepEqual(gotR, wantR) {
		t.Errorf("Rel.StoredProps = %v, want %v", gotR, wantR)
	}
	for _, k := range []string{"id", "notes", "sources", "count"} {
		if !graph.Reserved(k) {
			t.Errorf("Reserved(%q) = false", k)
		}
	}
	if graph.Reserved("title") || graph.Reserved("prop_id") {
		t.Error("Reserved is true of a plain name")
	}
}

// A line the binary form cannot hold is refused when written, by both the
// store's check and MarshalBinary, never written unreadable.
func TestLines_outOfRange(t *testing.T) {
	for _, src := range []graph.Source{{Note: "a.md", Line: -1}, {Note: "a.md", Line: 1, EndLine: graph.MaxLine + 1}} {
		g := graph.New()
		g.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk, Sources: []graph.Source{src}})
		if err := g.CheckEnds(); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("CheckEnds with %v: %v, want ErrInvalid", src, err)
		}
		if _, err := g.MarshalBinary(); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("MarshalBinary with %v: %v, want ErrInvalid", src, err)
		}
	}
	g := graph.New()
	g.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk})
	g.AddRel(graph.Rel{Type: graph.RelatedTo, From: "talk:a", To: ""})
	if err := g.CheckEnds(); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("CheckEnds with an empty end: %v, want ErrInvalid", err)
	}
}

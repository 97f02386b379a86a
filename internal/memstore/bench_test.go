package memstore

import (
	"context"
	"fmt"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

// benchNote returns note i of a corpus: a talk with a speaker and an event
// shared with other notes, and size-3 tools and concepts drawn from a pool
// of 200, each mentioned by the talk.
func benchNote(i, size int, hash string) graph.NoteGraph {
	path := fmt.Sprintf("talks/%04d.md", i)
	src := func(line int) []graph.Source { return []graph.Source{{Note: path, Line: line}} }
	g := graph.New()
	talk := graph.ID(graph.Talk, "event", fmt.Sprint(i))
	speaker := graph.ID(graph.Speaker, fmt.Sprint("speaker ", i%50))
	event := graph.ID(graph.Event, fmt.Sprint("event ", i%10))
	g.AddNode(graph.Node{ID: talk, Label: graph.Talk, Props: map[string]any{"title": path, "year": int64(2018), "tags": []string{"a", "b"}}, Sources: src(1)})
	g.AddNode(graph.Node{ID: speaker, Label: graph.Speaker, Props: map[string]any{"name": speaker}, Sources: src(2)})
	g.AddNode(graph.Node{ID: event, Label: graph.Event, Props: map[string]any{"name": event}, Sources: src(3)})
	g.AddRel(graph.Rel{Type: graph.Presented, From: speaker, To: talk, Sources: src(2)})
	g.AddRel(graph.Rel{Type: graph.At, From: talk, To: event, Sources: src(3)})
	for j := 3; j < size; j++ {
		label := graph.Tool
		if j%2 == 0 {
			label = graph.Concept
		}
		id := graph.ID(label, fmt.Sprint((i*7+j)%200))
		g.AddNode(graph.Node{ID: id, Label: label, Props: map[string]any{"name": id, "score": 0.5}, Sources: src(j + 1)})
		g.AddRel(graph.Rel{Type: graph.Mentions, From: talk, To: id, Sources: src(j + 1)})
	}
	return graph.NoteGraph{Path: path, Hash: hash, Graph: g}
}

func benchCorpus(n int) []graph.NoteGraph {
	notes := make([]graph.NoteGraph, n)
	for i := range notes {
		notes[i] = benchNote(i, 20, "h")
	}
	return notes
}

func BenchmarkApply(b *testing.B) {
	ctx := context.Background()
	notes := benchCorpus(1000)
	b.Run("1000 notes into an empty store", func(b *testing.B) {
		var size int64
		for b.Loop() {
			b.StopTimer()
			s := openT(b, b.TempDir())
			b.StartTimer()
			if err := s.Apply(ctx, graph.Changeset{Put: notes}); err != nil {
				b.Fatal(err)
			}
			size, _ = s.Size()
		}
		b.ReportMetric(float64(size)/1e6, "MB/file")
	})
	b.Run("one changed note of 1000", func(b *testing.B) {
		s := openT(b, b.TempDir())
		applyT(b, s, graph.Changeset{Put: notes})
		i := 0
		for b.Loop() {
			i++
			n := benchNote(i%1000, 20+i%2, fmt.Sprint(i))
			if err := s.Apply(ctx, graph.Changeset{Put: []graph.NoteGraph{n}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged note of 1000", func(b *testing.B) {
		s := openT(b, b.TempDir())
		applyT(b, s, graph.Changeset{Put: notes})
		for b.Loop() {
			if err := s.Apply(ctx, graph.Changeset{Put: notes[:1]}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkOpen(b *testing.B) {
	dir := b.TempDir()
	applyT(b, openT(b, dir), graph.Changeset{Put: benchCorpus(1000)})
	for b.Loop() {
		s, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

package related_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/related"
)

// catalogParts are the graphs of the catalog's talks, one per talk.
var catalogParts = sync.OnceValues(func() ([]*graph.Graph, error) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "pyvideo")
	talks, err := catalog.Read(dir, catalog.Filter{})
	if err != nil {
		return nil, err
	}
	cfg, err := extract.Default()
	if err != nil {
		return nil, err
	}
	x := extract.New(cfg)
	gs := make([]*graph.Graph, len(talks))
	for i, t := range talks {
		gs[i] = x.ExtractCatalog(t).Graph
	}
	return gs, nil
})

var catalogGraph = sync.OnceValues(func() (*graph.Graph, error) {
	gs, err := catalogParts()
	if err != nil {
		return nil, err
	}
	return graph.MergeAll(gs...), nil
})

func loadCatalog(tb testing.TB) *graph.Graph {
	tb.Helper()
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "corpus", "pyvideo")); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatal("the pyvideo corpus is missing in CI")
		}
		tb.Skip("no pyvideo corpus beside the repo")
	}
	g, err := catalogGraph()
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// BenchmarkRankCatalog ranks the related talks of every talk of the pyvideo
// catalog (2,910 talks): building the vectors from the graph (New), then
// the K related talks of all (All).
//
//	go test ./internal/related -run '^$' -bench RankCatalog -benchtime 3x
func BenchmarkRankCatalog(b *testing.B) {
	g := loadCatalog(b)
	b.ResetTimer()
	for range b.N {
		related.New(g, related.Options{}).Fragments()
	}
}

// BenchmarkNew is the first half of BenchmarkRankCatalog.
func BenchmarkNew(b *testing.B) {
	g := loadCatalog(b)
	b.ResetTimer()
	for range b.N {
		related.New(g, related.Options{})
	}
}

// BenchmarkUpdateOne ranks again after one talk of the catalog changed:
// the vectors of the new graph (New), then Update, which ranks again only
// the talks the change can affect. Compare with BenchmarkRankCatalog.
//
//	go test ./internal/related -run '^$' -bench 'RankCatalog|UpdateOne|New' -benchtime 5x
func BenchmarkUpdateOne(b *testing.B) {
	g := loadCatalog(b)
	prev := merged(related.New(g, related.Options{}).Fragments())
	changed := changedTalk(b, g)
	b.ResetTimer()
	again := 0
	for range b.N {
		_, _, again = related.New(g, related.Options{}).Update(prev, []string{changed})
	}
	b.ReportMetric(float64(again), "talks-ranked")
}

// BenchmarkUpdateOnly is BenchmarkUpdateOne without New.
func BenchmarkUpdateOnly(b *testing.B) {
	g := loadCatalog(b)
	r := related.New(g, related.Options{})
	prev := merged(r.Fragments())
	changed := changedTalk(b, g)
	b.ResetTimer()
	for range b.N {
		r.Update(prev, []string{changed})
	}
}

// changedTalk picks the talk "Taking Django Async", as if its note changed.
func changedTalk(tb testing.TB, g *graph.Graph) string {
	for _, n := range g.Nodes() {
		if n.Label == graph.Talk && n.Props["title"] == "Taking Django Async" {
			return n.ID
		}
	}
	tb.Fatal("no talk Taking Django Async in the catalog")
	return ""
}

// BenchmarkMergeCatalog is the baseline of the ranking benchmarks: merging
// the catalog's 2,911 talk graphs into one, what every build does before it
// ranks.
func BenchmarkMergeCatalog(b *testing.B) {
	loadCatalog(b)
	parts, _ := catalogParts()
	b.ResetTimer()
	for range b.N {
		graph.MergeAll(parts...)
	}
}

package graph_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

// randomFragment builds the fragment of note path: a few of a small pool of
// nodes and relationships, each sourced in the note (and sometimes in
// another), with properties of every type, some shared with other notes so
// that merging picks first values and unites lists.
func randomFragment(rng *rand.Rand, path string) *graph.Graph {
	g := graph.New()
	ids := []string{"talk:a", "talk:b", "tool:go", "tool:rust", "concept:x", "event:e"}
	labels := map[string]graph.Label{"talk:a": graph.Talk, "talk:b": graph.Talk, "tool:go": graph.Tool, "tool:rust": graph.Tool, "concept:x": graph.Concept, "event:e": graph.Event}
	var have []string
	for _, id := range ids {
		if rng.IntN(2) == 0 {
			continue
		}
		have = append(have, id)
		props := map[string]any{}
		switch rng.IntN(5) {
		case 0:
			props["name"] = path
		case 1:
			props["n"] = int64(rng.IntN(5))
		case 2:
			props["tags"] = []string{path, "shared"}
		case 3:
			props["score"] = rng.Float64()
		}
		if rng.IntN(3) == 0 {
			props["flag"] = rng.IntN(2) == 0
		}
		srcs := []graph.Source{{Note: path, Line: 1 + rng.IntN(9), EndLine: rng.IntN(3)}}
		if rng.IntN(4) == 0 {
			srcs = append(srcs, graph.Source{Note: "elsewhere.md", Line: 2})
		}
		g.AddNode(graph.Node{ID: id, Label: labels[id], Props: props, Sources: srcs})
	}
	for _, from := range have {
		for _, to := range have {
			if labels[from] == graph.Talk && labels[to] != graph.Talk && rng.IntN(2) == 0 {
				g.AddRel(graph.Rel{Type: graph.Mentions, From: from, To: to, Props: map[string]any{"count": int64(rng.IntN(3))},
					Sources: []graph.Source{{Note: path, Line: rng.IntN(9) + 1}}})
			}
		}
	}
	// A relationship to a node only other notes may hold.
	if rng.IntN(3) == 0 {
		g.AddRel(graph.Rel{Type: graph.RelatedTo, From: "talk:a", To: "talk:b", Props: map[string]any{"rank": int64(1)},
			Sources: []graph.Source{{Note: path}}})
	}
	return g
}

func encodeBoth(t *testing.T, g *graph.Graph) ([]byte, []byte) {
	t.Helper()
	j, err := g.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return j, b
}

func TestGraph_MarshalBinary_roundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	graphs := []*graph.Graph{graph.New(), newGraph([]graph.Node{{ID: "talk:a", Label: graph.Talk, Props: map[string]any{
		"title": "Async", "year": int64(2018), "rating": 4.0, "keynote": false, "yes": true,
		"tags": []string{"python", "async"}, "none": []string{}, "nilled": []string(nil),
		"big": int64(math.MaxInt64), "small": int64(math.MinInt64), "negzero": math.Copysign(0, -1), "tiny": 1e-300,
	}, Sources: []graph.Source{{Note: "a.md", Line: 1, EndLine: 9}}}}, []graph.Rel{
		{Type: graph.Mentions, From: "talk:a", To: "tool:elsewhere", Sources: []graph.Source{{Note: "a.md", Line: 2}}},
	})}
	for i := range 50 {
		graphs = append(graphs, randomFragment(rng, fmt.Sprintf("n%d.md", i)))
	}
	for i, g := range graphs {
		wantJSON, bin := encodeBoth(t, g)
		back := graph.New()
		if err := back.UnmarshalBinary(bin); err != nil {
			t.Fatalf("graph %d: %v", i, err)
		}
		gotJSON, again := encodeBoth(t, back)
		if !bytes.Equal(gotJSON, wantJSON) {
			t.Errorf("graph %d: round trip changed the graph:\ngot  %s\nwant %s", i, gotJSON, wantJSON)
		}
		if !bytes.Equal(again, bin) {
			t.Errorf("graph %d: encoding the decoded graph gives other bytes", i)
		}
		if n, _ := back.Node("talk:a"); i == 1 && n.Props["nilled"] == nil {
			t.Errorf("a nil []string decodes as nil, want empty")
		}
	}
}

func TestGraph_UnmarshalBinary_error(t *testing.T) {
	g := newGraph([]graph.Node{{ID: "talk:a", Label: graph.Talk, Props: map[string]any{"title": "T", "tags": []string{"x"}, "n": int64(3), "f": 1.5}}}, nil)
	good, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	// Every truncation, and every single-byte change, is an error wrapping
	// ErrInvalid or a graph that encodes again (never a panic).
	for n := range len(good) {
		if err := graph.New().UnmarshalBinary(good[:n]); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("truncated to %d bytes: %v, want ErrInvalid", n, err)
		}
	}
	for i := range good {
		for _, b := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			bad := slices.Clone(good)
			bad[i] = b
			h := graph.New()
			if err := h.UnmarshalBinary(bad); err != nil {
				if !errors.Is(err, graph.ErrInvalid) {
					t.Errorf("byte %d = %#x: %v does not wrap ErrInvalid", i, b, err)
				}
				continue
			}
			if _, err := h.MarshalBinary(); err != nil {
				t.Errorf("byte %d = %#x: decoded a graph that does not encode: %v", i, b, err)
			}
		}
	}
	if err := graph.New().UnmarshalBinary(append(slices.Clone(good), 0)); err == nil {
		t.Errorf("trailing byte: no error")
	}
	bad := newGraph([]graph.Node{{ID: "x", Label: graph.Talk, Props: map[string]any{"f": math.NaN()}}}, nil)
	if _, err := bad.MarshalBinary(); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("NaN: %v, want ErrInvalid", err)
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 4 {
		b, _ := randomFragment(rng, fmt.Sprintf("f%d.md", i)).MarshalBinary()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := graph.New()
		if err := g.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("error does not wrap ErrInvalid: %v", err)
			}
			return
		}
		b, err := g.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded graph does not encode: %v", err)
		}
		h := graph.New()
		if err := h.UnmarshalBinary(b); err != nil {
			t.Fatalf("re-encoded graph does not decode: %v", err)
		}
		if c, _ := h.MarshalBinary(); !bytes.Equal(b, c) {
			t.Fatalf("decode(encode(g)) != g")
		}
	})
}

// TestRemerge: after random puts and deletes, Remerge of the merged graph
// gives exactly MergeAll of the new fragments, and leaves the old merge as
// it was.
func TestRemerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 300 {
		frags := map[string]*graph.Graph{}
		for i := range 1 + rng.IntN(8) {
			p := fmt.Sprintf("n%d.md", i)
			frags[p] = randomFragment(rng, p)
		}
		mergeOf := func(m map[string]*graph.Graph) *graph.Graph {
			var gs []*graph.Graph
			for _, p := range slices.Sorted(maps.Keys(m)) {
				gs = append(gs, m[p])
			}
			return graph.MergeAll(gs...)
		}
		base := mergeOf(frags)
		baseJSON, _ := base.MarshalJSON()
		put := map[string]*graph.Graph{}
		var del []string
		after := map[string]*graph.Graph{}
		for p, g := range frags {
			after[p] = g
		}
		for i := range 1 + rng.IntN(3) {
			p := fmt.Sprintf("n%d.md", rng.IntN(10))
			if _, ok := put[p]; ok || slices.Contains(del, p) {
				continue
			}
			if _, ok := frags[p]; ok && rng.IntN(3) == 0 {
				del = append(del, p)
				delete(after, p)
				continue
			}
			put[p] = randomFragment(rng, p+fmt.Sprint(i)[:0])
			after[p] = put[p]
		}
		for p, g := range frags {
			if !g.SourcedIn(p) {
				t.Fatalf("fragment %s not sourced in itself", p)
			}
		}
		got, err := graph.Remerge(base, put, del, func(p string) (*graph.Graph, error) { return frags[p], nil })
		if err != nil {
			t.Fatal(err)
		}
		want, _ := mergeOf(after).MarshalJSON()
		if g, _ := got.MarshalJSON(); !bytes.Equal(g, want) {
			t.Fatalf("round %d: Remerge differs from MergeAll:\ngot  %s\nwant %s", round, g, want)
		}
		if b, _ := base.MarshalJSON(); !bytes.Equal(b, baseJSON) {
			t.Fatalf("round %d: Remerge modified the base", round)
		}
		wd := got.WithoutDangling()
		dd := mergeOf(after)
		dd.DropDangling()
		if a, b := mustJSON(wd), mustJSON(dd); !bytes.Equal(a, b) {
			t.Fatalf("round %d: WithoutDangling differs from DropDangling", round)
		}
	}
}

func mustJSON(g *graph.Graph) []byte { b, _ := g.MarshalJSON(); return b }

// TestGraph_Stored: the copy Stored makes is what decoding the graph's JSON
// gives, field for field, and it refuses what JSON would change.
func TestGraph_Stored(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	graphs := []*graph.Graph{graph.New(), newGraph([]graph.Node{
		{ID: "talk:a", Label: graph.Talk, Props: map[string]any{"none": []string(nil), "empty": []string{}, "f": -0.0, "t": "x"}, Sources: []graph.Source{}},
		{ID: "tool:b", Label: graph.Tool, Props: map[string]any{}},
	}, []graph.Rel{{Type: graph.Mentions, From: "talk:a", To: "tool:b", Props: map[string]any{}, Sources: []graph.Source{{Note: "n", Line: 2}}}})}
	for i := range 40 {
		graphs = append(graphs, randomFragment(rng, fmt.Sprintf("n%d.md", i)))
	}
	for i, g := range graphs {
		data, err := g.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		want := graph.New()
		if err := want.UnmarshalStored(data); err != nil {
			t.Fatal(err)
		}
		got, ok := g.Stored(data)
		if !ok {
			t.Fatalf("graph %d: Stored refused a valid graph", i)
		}
		if !reflect.DeepEqual(got.Nodes(), want.Nodes()) || !reflect.DeepEqual(got.Rels(), want.Rels()) {
			t.Errorf("graph %d: Stored differs from decoding:\ngot  %s\nwant %s", i, dump(got.Nodes()), dump(want.Nodes()))
		}
		if b, _ := got.MarshalJSON(); !bytes.Equal(b, data) {
			t.Errorf("graph %d: Stored copy encodes otherwise", i)
		}
	}
	bad := newGraph([]graph.Node{{ID: "talk:a", Label: graph.Talk, Props: map[string]any{"t": "bad \xff"}}}, nil)
	data, _ := bad.MarshalJSON()
	if _, ok := bad.Stored(data); ok {
		t.Error("Stored accepted a string that is not valid UTF-8")
	}
}

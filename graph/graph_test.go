package graph_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

func src(note string, line int) graph.Source { return graph.Source{Note: note, Line: line} }

func TestGraph_AddNode(t *testing.T) {
	tests := []struct {
		name string
		adds []graph.Node
		want graph.Node
	}{
		{
			name: "a new node is stored as given",
			adds: []graph.Node{{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}, Sources: []graph.Source{src("a.md", 3)}}},
			want: graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}, Sources: []graph.Source{src("a.md", 3)}},
		},
		{
			name: "a new node's sources are sorted and deduplicated",
			adds: []graph.Node{{ID: "tool:go", Label: graph.Tool, Sources: []graph.Source{src("b.md", 1), src("a.md", 9), src("b.md", 1)}}},
			want: graph.Node{ID: "tool:go", Label: graph.Tool, Sources: []graph.Source{src("a.md", 9), src("b.md", 1)}},
		},
		{
			name: "merging unites sources",
			adds: []graph.Node{
				{ID: "tool:go", Label: graph.Tool, Sources: []graph.Source{src("b.md", 1)}},
				{ID: "tool:go", Label: graph.Tool, Sources: []graph.Source{src("a.md", 2), src("b.md", 1)}},
			},
			want: graph.Node{ID: "tool:go", Label: graph.Tool, Sources: []graph.Source{src("a.md", 2), src("b.md", 1)}},
		},
		{
			name: "the first value of a scalar property wins",
			adds: []graph.Node{
				{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go", "year": int64(2009)}},
				{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "golang", "year": int64(2012), "stars": 5.0}},
			},
			want: graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go", "year": int64(2009), "stars": 5.0}},
		},
		{
			name: "string list properties are united and sorted",
			adds: []graph.Node{
				{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"aliases": []string{"golang", "Go"}}},
				{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"aliases": []string{"go-lang", "golang"}}},
			},
			want: graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"aliases": []string{"Go", "go-lang", "golang"}}},
		},
		{
			name: "a list property does not replace a scalar one",
			adds: []graph.Node{
				{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}},
				{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": []string{"golang"}}},
			},
			want: graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}},
		},
		{
			name: "properties arrive on a node that had none",
			adds: []graph.Node{
				{ID: "tool:go", Label: graph.Tool},
				{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}},
			},
			want: graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}},
		},
		{
			name: "a merge keeps the first label",
			adds: []graph.Node{
				{ID: "x:go", Label: graph.Tool},
				{ID: "x:go", Label: graph.Concept},
			},
			want: graph.Node{ID: "x:go", Label: graph.Tool},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph.New()
			for _, n := range tt.adds {
				g.AddNode(n)
			}
			got, ok := g.Node(tt.want.ID)
			if !ok {
				t.Fatalf("Node(%q) not found", tt.want.ID)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("after adding %+v\ngot  %+v\nwant %+v", tt.adds, *got, tt.want)
			}
			if g.NodeCount() != 1 {
				t.Errorf("NodeCount() = %d, want 1", g.NodeCount())
			}
		})
	}
}

func TestGraph_AddNode_copies(t *testing.T) {
	aliases := []string{"golang"}
	n := graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"aliases": aliases}, Sources: []graph.Source{src("a.md", 1)}}
	g := graph.New()
	g.AddNode(n)
	aliases[0] = "changed"
	n.Props["name"] = "changed"
	n.Sources[0].Line = 99

	got, _ := g.Node("tool:go")
	want := graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"aliases": []string{"golang"}}, Sources: []graph.Source{src("a.md", 1)}}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("changing the added node changed the graph:\ngot  %+v\nwant %+v", *got, want)
	}
}

func TestGraph_AddRel(t *testing.T) {
	mentions := func(props map[string]any, sources ...graph.Source) graph.Rel {
		return graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:go", Props: props, Sources: sources}
	}
	tests := []struct {
		name      string
		adds      []graph.Rel
		want      graph.Rel
		wantCount int
	}{
		{
			name:      "a new relationship is stored as given",
			adds:      []graph.Rel{mentions(map[string]any{"count": int64(2)}, src("a.md", 4))},
			want:      mentions(map[string]any{"count": int64(2)}, src("a.md", 4)),
			wantCount: 1,
		},
		{
			name:      "the same key merges sources and keeps the first property",
			adds:      []graph.Rel{mentions(map[string]any{"count": int64(2)}, src("b.md", 4)), mentions(map[string]any{"count": int64(3)}, src("a.md", 1))},
			want:      mentions(map[string]any{"count": int64(2)}, src("a.md", 1), src("b.md", 4)),
			wantCount: 1,
		},
		{
			name: "another type between the same nodes is another relationship",
			adds: []graph.Rel{
				mentions(nil, src("a.md", 4)),
				{Type: graph.About, From: "talk:a", To: "tool:go", Sources: []graph.Source{src("a.md", 1)}},
			},
			want:      mentions(nil, src("a.md", 4)),
			wantCount: 2,
		},
		{
			name: "the reverse direction is another relationship",
			adds: []graph.Rel{
				mentions(nil, src("a.md", 4)),
				{Type: graph.Mentions, From: "tool:go", To: "talk:a"},
			},
			want:      mentions(nil, src("a.md", 4)),
			wantCount: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph.New()
			for _, r := range tt.adds {
				g.AddRel(r)
			}
			got, ok := g.Rel(tt.want.Key())
			if !ok {
				t.Fatalf("Rel(%v) not found", tt.want.Key())
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("after adding %+v\ngot  %+v\nwant %+v", tt.adds, *got, tt.want)
			}
			if g.RelCount() != tt.wantCount {
				t.Errorf("RelCount() = %d, want %d", g.RelCount(), tt.wantCount)
			}
		})
	}
}

func TestGraph_Merge(t *testing.T) {
	a := graph.New()
	a.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go", "tags": []string{"lang"}}, Sources: []graph.Source{src("a.md", 1)}})
	a.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:go", Sources: []graph.Source{src("a.md", 2)}})
	b := graph.New()
	b.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "golang", "tags": []string{"compiled"}}, Sources: []graph.Source{src("b.md", 5)}})
	b.AddNode(graph.Node{ID: "tool:rust", Label: graph.Tool, Sources: []graph.Source{src("b.md", 6)}})

	g := graph.New()
	g.Merge(a)
	g.Merge(b)

	wantNodes := []*graph.Node{
		{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go", "tags": []string{"compiled", "lang"}}, Sources: []graph.Source{src("a.md", 1), src("b.md", 5)}},
		{ID: "tool:rust", Label: graph.Tool, Sources: []graph.Source{src("b.md", 6)}},
	}
	if got := g.Nodes(); !reflect.DeepEqual(got, wantNodes) {
		t.Errorf("Nodes() = %s, want %s", dump(got), dump(wantNodes))
	}
	wantRels := []*graph.Rel{{Type: graph.Mentions, From: "talk:a", To: "tool:go", Sources: []graph.Source{src("a.md", 2)}}}
	if got := g.Rels(); !reflect.DeepEqual(got, wantRels) {
		t.Errorf("Rels() = %s, want %s", dump(got), dump(wantRels))
	}
	if n, _ := a.Node("tool:go"); !reflect.DeepEqual(n.Props["tags"], []string{"lang"}) {
		t.Errorf("merging changed the source graph: tags = %v, want [lang]", n.Props["tags"])
	}
}

func TestGraph_Rels_order(t *testing.T) {
	g := graph.New()
	for _, r := range []graph.Rel{
		{Type: graph.Mentions, From: "talk:b", To: "tool:a"},
		{Type: graph.At, From: "talk:b", To: "event:x"},
		{Type: graph.Mentions, From: "talk:a", To: "tool:z"},
		{Type: graph.Mentions, From: "talk:a", To: "tool:b"},
	} {
		g.AddRel(r)
	}
	var got []string
	for _, r := range g.Rels() {
		got = append(got, r.From+" "+string(r.Type)+" "+r.To)
	}
	want := []string{"talk:a MENTIONS tool:b", "talk:a MENTIONS tool:z", "talk:b AT event:x", "talk:b MENTIONS tool:a"}
	if !slices.Equal(got, want) {
		t.Errorf("Rels() order = %q, want %q", got, want)
	}
	got = got[:0]
	for _, r := range g.RelsOf("tool:b") {
		got = append(got, r.From+" "+string(r.Type)+" "+r.To)
	}
	if want := []string{"talk:a MENTIONS tool:b"}; !slices.Equal(got, want) {
		t.Errorf("RelsOf(tool:b) = %q, want %q", got, want)
	}
}

func TestMergeSources(t *testing.T) {
	tests := []struct {
		name string
		a, b []graph.Source
		want []graph.Source
	}{
		{name: "both empty give nil", a: nil, b: []graph.Source{}, want: nil},
		{name: "one side only", a: []graph.Source{src("a.md", 1)}, want: []graph.Source{src("a.md", 1)}},
		{
			name: "sorted by note then line then end line",
			a:    []graph.Source{src("b.md", 1), {Note: "a.md", Line: 2, EndLine: 5}},
			b:    []graph.Source{{Note: "a.md", Line: 2, EndLine: 3}, src("a.md", 10)},
			want: []graph.Source{{Note: "a.md", Line: 2, EndLine: 3}, {Note: "a.md", Line: 2, EndLine: 5}, src("a.md", 10), src("b.md", 1)},
		},
		{
			name: "duplicates within and across sides collapse",
			a:    []graph.Source{src("a.md", 1), src("a.md", 1)},
			b:    []graph.Source{src("a.md", 1)},
			want: []graph.Source{src("a.md", 1)},
		},
		{
			name: "an unsorted side with duplicates is merged with nothing",
			a:    []graph.Source{src("b.md", 2), src("a.md", 1), src("a.md", 1)},
			want: []graph.Source{src("a.md", 1), src("b.md", 2)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := slices.Clone(tt.a), slices.Clone(tt.b)
			got := graph.MergeSources(a, b)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("MergeSources(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if !slices.Equal(a, tt.a) || !slices.Equal(b, tt.b) {
				t.Errorf("MergeSources changed its inputs: a = %v, b = %v, want %v, %v", a, b, tt.a, tt.b)
			}
		})
	}
}

// TestAddNode_sources adds one node's sources one at a time, in order, out
// of order and repeated: the node keeps them sorted without duplicates, as
// MergeSources of them all would.
func TestAddNode_sources(t *testing.T) {
	adds := [][]graph.Source{
		{src("a.md", 3)}, {src("a.md", 7)}, {src("a.md", 7)}, {src("a.md", 1)},
		{src("b.md", 2), src("a.md", 5)}, {{Note: "a.md", Line: 5, EndLine: 9}}, {src("a.md", 3)},
	}
	g := graph.New()
	var all []graph.Source
	for _, ss := range adds {
		g.AddNode(graph.Node{ID: "tool:x", Label: graph.Tool, Sources: slices.Clone(ss)})
		g.AddRel(graph.Rel{Type: "MENTIONS", From: "talk:t", To: "tool:x", Sources: slices.Clone(ss)})
		all = append(all, ss...)
	}
	want := graph.MergeSources(nil, all)
	n, _ := g.Node("tool:x")
	if !reflect.DeepEqual(n.Sources, want) {
		t.Errorf("node sources = %v, want %v", n.Sources, want)
	}
	r, _ := g.Rel(graph.RelKey{Type: "MENTIONS", From: "talk:t", To: "tool:x"})
	if r == nil || !reflect.DeepEqual(r.Sources, want) {
		t.Errorf("rel sources = %v, want %v", r, want)
	}
}

func TestID(t *testing.T) {
	tests := []struct {
		label graph.Label
		parts []string
		want  string
	}{
		{graph.Person, []string{"Jérôme Petazzoni"}, "person:jerome-petazzoni"},
		{graph.Person, []string{"Je\u0301ro\u0302me Petazzoni"}, "person:jerome-petazzoni"}, // decomposed accents
		{graph.Person, []string{"  JÉRÔME   petazzoni!"}, "person:jerome-petazzoni"},
		{graph.Tool, []string{"C"}, "tool:c"},
		{graph.Tool, []string{"C++"}, "tool:cplusplus"},
		{graph.Tool, []string{"C#"}, "tool:csharp"},
		{graph.Tool, []string{"F#"}, "tool:fsharp"},
		{graph.Tool, []string{".NET Core"}, "tool:net-core"},
		{graph.Talk, []string{"PyCon 2018", "Taking Django Async"}, "talk:pycon-2018:taking-django-async"},
		{graph.Organization, []string{"Straße & Søn"}, "organization:strasse-son"},
		{graph.Concept, []string{"日本 Go"}, "concept:日本-go"},
		{graph.Event, nil, "event"},
		{graph.Event, []string{""}, "event:"},
	}
	for _, tt := range tests {
		if got := graph.ID(tt.label, tt.parts...); got != tt.want {
			t.Errorf("ID(%s, %q) = %q, want %q", tt.label, tt.parts, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hello, World", "hello-world"},
		{"--leading and trailing--", "leading-and-trailing"},
		{"asyncio/await", "asyncio-await"},
		{"Python 3.7", "python-3-7"},
		{"C++17", "cplusplus17"},
		{"Ærø Œuvre", "aero-oeuvre"},
		{"'}) DETACH DELETE n //", "detach-delete-n"},
	}
	for _, tt := range tests {
		if got := graph.Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGraph_Stats(t *testing.T) {
	g := graph.New()
	g.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk})
	g.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool})
	g.AddNode(graph.Node{ID: "tool:rust", Label: graph.Tool})
	g.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool}) // merged, counted once
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:go"})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:rust"})

	got := g.Stats()
	want := graph.Stats{
		Nodes: map[graph.Label]int{graph.Talk: 1, graph.Tool: 2, graph.Speaker: 0, graph.Concept: 0,
			graph.Organization: 0, graph.Event: 0, graph.Person: 0, graph.Note: 0, graph.Series: 0},
		Rels: map[graph.RelType]int{graph.Mentions: 2, graph.Presented: 0, graph.At: 0, graph.About: 0,
			graph.AffiliatedWith: 0, graph.From: 0, graph.EditionOf: 0, graph.RelatedTo: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}
	if got := graph.New().Stats(); len(got.Nodes) != len(graph.Labels) || len(got.Rels) != len(graph.RelTypes) {
		t.Errorf("empty Stats() = %+v, want every label and type with zero", got)
	}
}

func TestNode_Name(t *testing.T) {
	tests := []struct {
		node graph.Node
		want string
	}{
		{graph.Node{ID: "tool:go", Props: map[string]any{"name": "Go"}}, "Go"},
		{graph.Node{ID: "talk:a", Props: map[string]any{"title": "Async"}}, "Async"},
		{graph.Node{ID: "talk:a", Props: map[string]any{"name": "", "title": "Async"}}, "Async"},
		{graph.Node{ID: "tool:go"}, "tool:go"},
	}
	for _, tt := range tests {
		if got := tt.node.Name(); got != tt.want {
			t.Errorf("%+v.Name() = %q, want %q", tt.node, got, tt.want)
		}
	}
}

func TestLabel_Valid(t *testing.T) {
	for _, l := range graph.Labels {
		if !l.Valid() {
			t.Errorf("%s.Valid() = false, want true", l)
		}
	}
	for _, tt := range graph.RelTypes {
		if !tt.Valid() {
			t.Errorf("%s.Valid() = false, want true", tt)
		}
	}
	if graph.Label("talk").Valid() || graph.Label("").Valid() {
		t.Error(`Label("talk") or Label("") is valid, want invalid`)
	}
	if graph.RelType("mentions").Valid() {
		t.Error(`RelType("mentions") is valid, want invalid`)
	}
}

func TestMergeAll_sameAsMerge(t *testing.T) {
	var gs []*graph.Graph
	for i := 0; i < 5; i++ {
		g := graph.New()
		for j := 0; j < 6; j++ {
			id := graph.ID(graph.Tool, string(rune('a'+(i+j)%7)))
			g.AddNode(graph.Node{ID: id, Label: graph.Tool, Props: map[string]any{"n": int64(i), "tags": []string{string(rune('x' + i%3))}},
				Sources: []graph.Source{{Note: string(rune('p' + i)), Line: 10 - j}, {Note: "shared", Line: j}}})
			if j > 0 {
				g.AddRel(graph.Rel{Type: graph.Mentions, From: graph.ID(graph.Talk, "t"), To: id, Sources: []graph.Source{{Note: "shared", Line: i + j}}})
			}
		}
		g.AddNode(graph.Node{ID: graph.ID(graph.Talk, "t"), Label: graph.Talk, Sources: []graph.Source{{Note: "z", Line: i}}})
		gs = append(gs, g)
	}
	want := graph.New()
	for _, g := range gs {
		want.Merge(g)
	}
	got := graph.MergeAll(gs...)
	a, _ := got.MarshalJSON()
	b, _ := want.MarshalJSON()
	if string(a) != string(b) {
		t.Errorf("MergeAll differs from sequential Merge:\ngot  %s\nwant %s", a, b)
	}
}

// TestWithout: what only the removed notes say goes, what others say too
// stays with their sources only.
func TestWithout(t *testing.T) {
	g := graph.New()
	g.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk, Sources: []graph.Source{src("a.md", 1)}})
	g.AddNode(graph.Node{ID: "talk:b", Label: graph.Talk, Sources: []graph.Source{src("b.md", 1)}})
	g.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool, Sources: []graph.Source{src("a.md", 2), src("b.md", 3)}})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:go", Sources: []graph.Source{src("a.md", 2)}})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:b", To: "tool:go", Sources: []graph.Source{src("b.md", 3)}})
	w := g.Without(map[string]bool{"a.md": true})
	if _, ok := w.Node("talk:a"); ok {
		t.Error("talk:a, said by a.md only, stayed")
	}
	if n, ok := w.Node("tool:go"); !ok || !reflect.DeepEqual(n.Sources, []graph.Source{src("b.md", 3)}) {
		t.Errorf("tool:go = %v, want it with b.md's source only", n)
	}
	if w.RelCount() != 1 || g.RelCount() != 2 || g.NodeCount() != 3 {
		t.Errorf("rels %d (want 1); the original has %d nodes and %d rels (want 3 and 2)", w.RelCount(), g.NodeCount(), g.RelCount())
	}
}

func TestRelEnds(t *testing.T) {
	g := graph.New()
	g.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk})
	g.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:go"})
	g.AddRel(graph.Rel{Type: graph.RelatedTo, From: "talk:a", To: "talk:b"})
	for _, r := range g.Rels() {
		from, to, err := g.RelEnds(r)
		want := map[graph.RelType][2]graph.Label{graph.Mentions: {graph.Talk, graph.Tool}, graph.RelatedTo: {graph.Talk, graph.Talk}}[r.Type]
		if err != nil || from != want[0] || to != want[1] {
			t.Errorf("RelEnds(%s) = %s, %s, %v; want %s, %s", r.Type, from, to, err, want[0], want[1])
		}
	}
	if err := g.CheckEnds(); err != nil {
		t.Errorf("CheckEnds: %v", err)
	}
	if got := g.Outside(); !reflect.DeepEqual(got, []string{"talk:b"}) {
		t.Errorf("Outside = %v, want [talk:b]", got)
	}
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "concept:x"})
	if err := g.CheckEnds(); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("CheckEnds with a MENTIONS to a node outside = %v, want ErrInvalid", err)
	}
	if n := g.DropDangling(); n != 2 || g.RelCount() != 1 {
		t.Errorf("DropDangling removed %d, left %d rels; want 2 removed, 1 left", n, g.RelCount())
	}
	for _, ty := range graph.RelTypes {
		if from, _ := ty.Ends(); from == "" {
			t.Errorf("%s.Ends: no start label", ty)
		}
	}
}

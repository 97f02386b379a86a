package related_test

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/eval"
	"github.com/talkgraph/talkgraph/internal/related"
)

// talkSpec is one talk of a test graph.
type talkSpec struct {
	title, abstract string
	year            int64
	event           string
	speaker         string
	lang            string
	about, mentions []string // tool names
}

func build(specs ...talkSpec) *graph.Graph {
	g := graph.New()
	for _, s := range specs {
		id := graph.ID(graph.Talk, s.title)
		p := map[string]any{"title": s.title, "abstract": s.abstract}
		if s.year != 0 {
			p["year"] = s.year
		}
		if s.lang != "" {
			p["language"] = s.lang
		}
		g.AddNode(graph.Node{ID: id, Label: graph.Talk, Props: p})
		if s.event != "" {
			ev := graph.ID(graph.Event, s.event)
			g.AddNode(graph.Node{ID: ev, Label: graph.Event, Props: map[string]any{"name": s.event}})
			g.AddRel(graph.Rel{Type: graph.At, From: id, To: ev})
		}
		if s.speaker != "" {
			sp := graph.ID(graph.Speaker, s.speaker)
			g.AddNode(graph.Node{ID: sp, Label: graph.Speaker, Props: map[string]any{"name": s.speaker}})
			g.AddRel(graph.Rel{Type: graph.Presented, From: sp, To: id})
		}
		for _, t := range s.mentions {
			tid := graph.ID(graph.Tool, t)
			g.AddNode(graph.Node{ID: tid, Label: graph.Tool, Props: map[string]any{"name": t}})
			g.AddRel(graph.Rel{Type: graph.Mentions, From: id, To: tid})
		}
		for _, t := range s.about {
			tid := graph.ID(graph.Tool, t)
			g.AddNode(graph.Node{ID: tid, Label: graph.Tool, Props: map[string]any{"name": t}})
			g.AddRel(graph.Rel{Type: graph.Mentions, From: id, To: tid})
			g.AddRel(graph.Rel{Type: graph.About, From: id, To: tid})
		}
	}
	return g
}

func id(title string) string { return graph.ID(graph.Talk, title) }

func order(links []related.Link) []string {
	var out []string
	for _, l := range links {
		out = append(out, l.To)
	}
	return out
}

// filler talks make the words and topics of the others rare.
func filler() []talkSpec {
	var out []talkSpec
	for _, t := range []string{"Gardening for programmers", "Cooking with care", "Knitting patterns", "Music theory basics",
		"Photography at night", "Chess openings", "Marathon training", "Bird watching"} {
		out = append(out, talkSpec{title: t, abstract: "A story about " + t + " and Python.", mentions: []string{"Python"}})
	}
	return out
}

func TestRelated_rareSharedTopicsRankFirst(t *testing.T) {
	specs := append(filler(),
		talkSpec{title: "Taking Django Async", abstract: "Channels, websockets and async views in Django.", about: []string{"Django Channels"}, mentions: []string{"Python"}},
		talkSpec{title: "Django Channels in practice", abstract: "Running websockets at scale.", about: []string{"Django Channels"}},
		talkSpec{title: "Gardening with Python", abstract: "Python in the garden.", mentions: []string{"Python"}},
		talkSpec{title: "Passing mention", abstract: "Mostly about databases; Django Channels once.", mentions: []string{"Django Channels"}},
	)
	r := related.New(build(specs...), related.Options{K: 3})
	got := r.Related(id("Taking Django Async"), 0)
	if len(got) != 3 {
		t.Fatalf("Related with K 3 gave %d links: %v", len(got), got)
	}
	if got[0].To != id("Django Channels in practice") {
		t.Errorf("first related = %s, want the talk ABOUT the same rare tool; order %v", got[0].To, order(got))
	}
	if got[1].To != id("Passing mention") {
		t.Errorf("second related = %s, want the talk that mentions it in passing; order %v", got[1].To, order(got))
	}
	if got[0].Reason[0] != "Django Channels" {
		t.Errorf("reason = %v, want the shared topic first", got[0].Reason)
	}
	if got[0].Score <= got[1].Score || got[1].Score < got[2].Score {
		t.Errorf("scores not descending: %v", got)
	}
	if r.Related("talk:unknown", 5) != nil {
		t.Error("Related of an unknown talk is not nil")
	}
}

func TestRelated_signals(t *testing.T) {
	base := talkSpec{title: "Property based testing", abstract: "Hypothesis finds the bugs your examples miss.", year: 2018,
		event: "PyCon US 2018", speaker: "Zac Hatfield-Dodds", about: []string{"Hypothesis"}}
	same := func(title string, mod func(*talkSpec)) talkSpec {
		s := talkSpec{title: title, abstract: "Hypothesis finds the bugs your examples miss.", year: 2012, about: []string{"Hypothesis"}}
		mod(&s)
		return s
	}
	specs := append(filler(), base,
		same("Plain twin", func(*talkSpec) {}),
		same("Same speaker later", func(s *talkSpec) { s.speaker = "Zac Hatfield-Dodds"; s.year = 2019 }),
		same("Same event", func(s *talkSpec) { s.event = "PyCon US 2018"; s.year = 2018 }),
		same("In Spanish", func(s *talkSpec) { s.lang = "spa" }),
	)
	for i := range specs {
		if specs[i].lang == "" {
			specs[i].lang = "eng"
		}
	}
	r := related.New(build(specs...), related.Options{K: 10})
	got := r.Related(id("Property based testing"), 4)
	want := []string{id("Same event"), id("Same speaker later"), id("Plain twin"), id("In Spanish")}
	if !reflect.DeepEqual(order(got), want) {
		t.Errorf("order = %v, want %v (one event, then nearer years and one speaker, then none, then another language)", order(got), want)
	}
	for _, l := range got {
		if l.To == id("Same speaker later") && !slices.Contains(l.Reason, "same speaker") {
			t.Errorf("reason for the same speaker's talk = %v, want \"same speaker\" in it", l.Reason)
		}
	}
}

func TestRelated_deterministic(t *testing.T) {
	specs := append(filler(),
		talkSpec{title: "Twin A", abstract: "Identical words here.", mentions: []string{"Rust"}},
		talkSpec{title: "Twin B", abstract: "Identical words here.", mentions: []string{"Rust"}},
		talkSpec{title: "Twin C", abstract: "Identical words here.", mentions: []string{"Rust"}},
	)
	g := build(specs...)
	if a, b := merged(related.New(g, related.Options{}).Fragments()), merged(related.New(g, related.Options{}).Fragments()); !sameRels(a, b) {
		t.Error("two rankings of one graph differ")
	}
	// Twin A's two twins tie; the tie goes to the smaller id.
	got := related.New(g, related.Options{}).Related(id("Twin A"), 2)
	if want := []string{id("Twin B"), id("Twin C")}; !reflect.DeepEqual(order(got), want) {
		t.Errorf("tied order = %v, want %v", order(got), want)
	}
}

// merged is the graph of the fragments.
func merged(frags []graph.NoteGraph) *graph.Graph {
	g := graph.New()
	for _, f := range frags {
		g.Merge(f.Graph)
	}
	return g
}

func TestFragments(t *testing.T) {
	specs := append(filler(), talkSpec{title: "Async Django", abstract: "Async views in Python.", about: []string{"Django"}, mentions: []string{"Python"}},
		talkSpec{title: "Django ORM", abstract: "Queries.", about: []string{"Django"}},
		talkSpec{title: "Alone", abstract: "Nothing shared."})
	g := build(specs...)
	frags := related.New(g, related.Options{K: 2}).Fragments()
	perTalk := map[string][]int64{}
	for _, f := range frags {
		if !related.Current(f.Hash, related.Options{K: 2}) || related.Current(f.Hash, related.Options{K: 3}) || !related.IsFragment(f.Path) {
			t.Errorf("fragment path %q hash %q", f.Path, f.Hash)
		}
		if f.Graph.NodeCount() != 0 {
			t.Errorf("%s holds %d nodes, want none: its relationships link the notes' talks", f.Path, f.Graph.NodeCount())
		}
		for _, r := range f.Graph.Rels() {
			if r.Type != graph.RelatedTo || f.Path != related.FragmentPath(r.From) {
				t.Fatalf("%s holds %s %s -> %s", f.Path, r.Type, r.From, r.To)
			}
			if _, ok := g.Node(r.To); !ok || r.From == r.To {
				t.Errorf("RELATED_TO %s -> %s: end not a talk of the graph, or a loop", r.From, r.To)
			}
			rank, _ := r.Props["rank"].(int64)
			perTalk[r.From] = append(perTalk[r.From], rank)
			if _, ok := r.Props["score"].(float64); !ok {
				t.Errorf("RELATED_TO %s -> %s: no score", r.From, r.To)
			}
		}
	}
	if len(frags) != len(specs)-1 || len(perTalk) != len(specs)-1 {
		t.Errorf("%d fragments for %d talks with related talks, want %d: one per talk that shares something", len(frags), len(perTalk), len(specs)-1)
	}
	for from, ranks := range perTalk {
		slices.Sort(ranks)
		want := []int64{1, 2}
		if from == id("Django ORM") {
			want = []int64{1} // it shares words or topics with one talk only
		}
		if !reflect.DeepEqual(ranks, want) {
			t.Errorf("%s: ranks %v, want %v", from, ranks, want)
		}
	}
	if related.Fingerprint(related.Options{K: 2}) == related.Fingerprint(related.Options{K: 3}) {
		t.Error("the fingerprint does not change with K")
	}
}

// TestCatalogPrecision keeps the precision at 5 of related talks on the
// pyvideo catalog, measured as ../shared/eval/related does, above a floor
// just under the figure reached (BENCHMARKS.md).
func TestCatalogPrecision(t *testing.T) {
	g := loadCatalog(t)
	tagged, err := eval.LoadTagged(filepath.Join("..", "..", "..", "shared", "corpus", "pyvideo"))
	if err != nil {
		t.Fatal(err)
	}
	r := related.New(g, related.Options{})
	s := eval.Related(tagged, 5, eval.GraphRanking(g, func(id string) []string { return order(r.Related(id, r.Len())) }))
	t.Logf("P@5: talkgraph %.3f, tf-idf %.3f, random %.3f over %d talks", s.Talkgraph, s.TFIDF, s.Random, s.Talks)
	if s.Talkgraph < 0.42 {
		t.Errorf("P@5 = %.3f, want at least 0.42 (tf-idf gives %.3f)", s.Talkgraph, s.TFIDF)
	}
	if s.Unranked > 0 {
		t.Errorf("%d tagged talks have no ranking", s.Unranked)
	}
}

func TestUpdate(t *testing.T) {
	specs := append(filler(),
		talkSpec{title: "Async Django", abstract: "Async views in Django.", about: []string{"Django"}},
		talkSpec{title: "Django ORM", abstract: "Queries and models in Django.", about: []string{"Django"}},
		talkSpec{title: "Rust for Pythonistas", abstract: "Ownership explained.", about: []string{"Rust"}},
	)
	g := build(specs...)
	r := related.New(g, related.Options{K: 3})
	prev := merged(r.Fragments())

	put, del, n := r.Update(prev, nil)
	if n != 0 || len(put) != 0 || len(del) != 0 {
		t.Errorf("Update with no change ranked %d talks again, put %d fragments, deleted %v", n, len(put), del)
	}

	// A new talk about Rust: the Rust talk ranks again and finds it.
	g2 := build(append(slices.Clone(specs), talkSpec{title: "Rust in CPython", abstract: "Ownership and extensions.", about: []string{"Rust"}})...)
	r2 := related.New(g2, related.Options{K: 3})
	put, del, n = r2.Update(prev, []string{id("Rust in CPython")})
	if n == 0 || n == r2.Len() || len(del) != 0 {
		t.Errorf("adding one talk ranked %d of %d talks again and deleted %v; want some talks, not all, and no deletion", n, r2.Len(), del)
	}
	up := merged(put)
	full := merged(r2.Fragments())
	for _, from := range []string{id("Rust for Pythonistas"), id("Rust in CPython")} {
		if got := relsFrom(up, from); len(got) == 0 || !reflect.DeepEqual(got, relsFrom(full, from)) {
			t.Errorf("%s: updated %v, ranked in full %v", from, got, relsFrom(full, from))
		}
	}
	if len(put) >= len(r2.Fragments()) {
		t.Errorf("Update put %d fragments, as many as ranking all", len(put))
	}

	// Deleting the Django ORM talk: its fragment goes, and Async Django's
	// is ranked again.
	var less []talkSpec
	for _, s := range specs {
		if s.title != "Django ORM" {
			less = append(less, s)
		}
	}
	r3 := related.New(build(less...), related.Options{K: 3})
	put, del, _ = r3.Update(prev, []string{id("Django ORM")})
	if !slices.Contains(del, related.FragmentPath(id("Django ORM"))) {
		t.Errorf("deleted %v, want the deleted talk's fragment among them", del)
	}
	for _, rel := range merged(put).Rels() {
		if rel.To == id("Django ORM") {
			t.Errorf("RELATED_TO %s -> %s put after the deletion", rel.From, rel.To)
		}
	}
	if got, want := relsFrom(merged(put), id("Async Django")), relsFrom(merged(r3.Fragments()), id("Async Django")); !reflect.DeepEqual(got, want) {
		t.Errorf("Async Django after the deletion: %v, want %v", got, want)
	}
}

// relsFrom lists the talks related to from, by rank.
func relsFrom(g *graph.Graph, from string) []string {
	out := map[int64]string{}
	for _, r := range g.Rels() {
		if r.From == from {
			out[r.Props["rank"].(int64)] = r.To
		}
	}
	var l []string
	for k := int64(1); k <= int64(len(out)); k++ {
		l = append(l, out[k])
	}
	return l
}

func sameRels(a, b *graph.Graph) bool {
	ja, _ := a.MarshalJSON()
	jb, _ := b.MarshalJSON()
	return string(ja) == string(jb)
}

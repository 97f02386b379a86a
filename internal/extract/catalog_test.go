package extract_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/identity"
)

var asyncTalk = catalog.Talk{
	ID:       "pycon-us-2018--taking-django-async",
	Event:    "pycon-us-2018",
	Series:   "pycon-us",
	Year:     2018,
	Title:    "Taking Django Async",
	Speakers: []string{"Andrew Godwin"},
	Abstract: "Django is getting async views.\n\nWe look at asyncio, Channels\nand what happens to the ORM.",
	Tags:     []string{"django", "async"},
	Recorded: "2018-05-11",
	Duration: 1800,
	VideoURL: "https://www.youtube.com/watch?v=example",
}

func TestExtractCatalog(t *testing.T) {
	res := newExtractor(t).ExtractCatalog(asyncTalk)
	g := res.Graph
	talkID := graph.ID(graph.Talk, "PyCon US 2018", "Taking Django Async")
	talk, ok := g.Node(talkID)
	if !ok {
		t.Fatalf("no talk %s; nodes: %v", talkID, ids(g))
	}
	wantProps := map[string]any{
		"title": "Taking Django Async", "kind": "talk", "source": "catalog",
		"abstract": "Django is getting async views.\n\nWe look at asyncio, Channels\nand what happens to the ORM.",
		"tags":     []string{"django", "async"}, "recorded": "2018-05-11", "duration": int64(1800),
		"video_url": "https://www.youtube.com/watch?v=example", "year": int64(2018), "event": "PyCon US 2018",
		"speakers": []string{"Andrew Godwin"},
	}
	for k, want := range wantProps {
		if got := talk.Props[k]; !reflect.DeepEqual(got, want) {
			t.Errorf("talk %s = %#v, want %#v", k, got, want)
		}
	}
	if talk.Props["text"] != talk.Props["abstract"] {
		t.Errorf("talk text = %q, want the abstract", talk.Props["text"])
	}
	note, ok := g.Node(graph.ID(graph.Note, asyncTalk.Path()))
	if !ok || note.Props["source"] != "catalog" || note.Props["path"] != asyncTalk.Path() || note.Props["hash"] != asyncTalk.Hash() {
		t.Errorf("note node = %+v, want path %s, the record's hash and source catalog", note, asyncTalk.Path())
	}
	src := func(line int) []graph.Source { return []graph.Source{{Note: asyncTalk.Path(), Line: line}} }
	for _, tt := range []struct {
		key     graph.RelKey
		sources []graph.Source
	}{
		{graph.RelKey{Type: graph.Presented, From: "speaker:andrew-godwin", To: talkID}, []graph.Source{{Note: asyncTalk.Path(), Line: 1, EndLine: 5}}},
		{graph.RelKey{Type: graph.At, From: talkID, To: "event:pycon-us:2018"}, []graph.Source{{Note: asyncTalk.Path(), Line: 1, EndLine: 5}}},
		{graph.RelKey{Type: graph.From, From: talkID, To: note.ID}, []graph.Source{{Note: asyncTalk.Path(), Line: 1, EndLine: 5}}},
		{graph.RelKey{Type: graph.About, From: talkID, To: "tool:django"}, append(src(1), src(2)...)},
		{graph.RelKey{Type: graph.Mentions, From: talkID, To: "tool:django"}, append(src(1), src(2)...)},
		{graph.RelKey{Type: graph.Mentions, From: talkID, To: "tool:asyncio"}, src(4)},
	} {
		r, ok := g.Rel(tt.key)
		if !ok {
			t.Errorf("missing %v", tt.key)
			continue
		}
		if !reflect.DeepEqual(r.Sources, tt.sources) {
			t.Errorf("%v sources = %v, want %v", tt.key, r.Sources, tt.sources)
		}
	}
	if s := res.Sections; len(s) != 1 || s[0].ID != talkID || len(s[0].Tools) == 0 {
		t.Errorf("sections = %+v, want one talk with tools", s)
	}
}

func TestExtractCatalog_kindAndDeterminism(t *testing.T) {
	x := newExtractor(t)
	tests := []struct{ title, kind string }{
		{"Keynote", "keynote"},
		{"Lightning Talks Day 2", "lightning"},
		{"Introduction to Bayesian statistics (tutorial)", "tutorial"},
		{"Type hints in practice", "talk"},
	}
	for _, tt := range tests {
		ct := asyncTalk
		ct.Title, ct.Abstract, ct.Tags, ct.Duration = tt.title, "", nil, 0
		a, b := x.ExtractCatalog(ct).Graph, x.ExtractCatalog(ct).Graph
		if !reflect.DeepEqual(a.Nodes(), b.Nodes()) || !reflect.DeepEqual(a.Rels(), b.Rels()) {
			t.Errorf("%q: two extractions differ", tt.title)
		}
		for _, n := range a.Nodes() {
			if n.Label != graph.Talk {
				continue
			}
			if n.Props["kind"] != tt.kind {
				t.Errorf("%q: kind %v, want %s", tt.title, n.Props["kind"], tt.kind)
			}
			for _, k := range []string{"abstract", "tags", "duration"} {
				if _, ok := n.Props[k]; ok {
					t.Errorf("%q: has %s, want none for an empty value", tt.title, k)
				}
			}
		}
	}
}

func TestCanonicalSeries(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pycon-us", "PyCon US"},
		{"PyCon USA", "PyCon US"},
		{"djangocon-us", "DjangoCon US"},
		{"EuroPython", "EuroPython"},
		{"Some Unknown Conf", "Some Unknown Conf"},
	}
	for _, tt := range tests {
		if got := extract.CanonicalSeries(tt.in); got != tt.want {
			t.Errorf("CanonicalSeries(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestExtract_linksOneTalkPerSection: two sections of one note are two
// talks, so at most one of them becomes the catalog talk both resemble: the
// clearly better one, or none when they tie.
func TestExtract_linksOneTalkPerSection(t *testing.T) {
	cfg, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Catalog = identity.NewLinker([]identity.CatalogTalk{
		{ID: "talk:catalog-async", Event: "PyCon US 2018", Title: "Taking Django Async", Speakers: []string{"Andrew Godwin"}},
	}, nil)
	x := extract.New(cfg)
	tests := []struct {
		name  string
		note  string
		sure  map[int]bool // line → sure link
		talks int
	}{
		{"the better of two stays sure", "# PyCon US 2018\n\n## Taking Django Async (Andrew Godwin)\n\nViews.\n\n## Taking Django Async, the questions (Andrew Godwin)\n\nORM.\n",
			map[int]bool{3: true, 7: false}, 2},
		{"a tie links neither surely", "# PyCon US 2018\n\n## Taking Django Async (Andrew Godwin)\n\nViews.\n\n## Taking Django Async (Andrew Godwin)\n\nORM.\n",
			map[int]bool{3: false, 7: false}, 1}, // one title twice in a note is one talk
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractString(t, x, "notes/pycon-2018.md", tt.note)
			got := map[int]bool{}
			for _, l := range res.Links {
				got[l.Line] = l.Sure
				if !l.Sure && !strings.Contains(l.Why, "of this note") {
					t.Errorf("line %d: unsure link says %q, not why", l.Line, l.Why)
				}
			}
			if !reflect.DeepEqual(got, tt.sure) {
				t.Errorf("sure links by line = %v, want %v", got, tt.sure)
			}
			talks := 0
			for _, n := range res.Graph.Nodes() {
				if n.Label == graph.Talk {
					talks++
				}
			}
			if talks != tt.talks {
				t.Errorf("got %d Talk nodes, want %d", talks, tt.talks)
			}
		})
	}
}

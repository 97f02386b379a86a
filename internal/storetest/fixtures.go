package storetest

import (
	"cmp"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
)

// fragment builds the graph of one note: every fact it adds has the note as
// its source.
type fragment struct {
	path string
	g    *graph.Graph
}

func newFragment(path string) *fragment { return &fragment{path: path, g: graph.New()} }

// node adds a node named name (a talk's title) read at line, with props
// added to its name, and returns its ID.
func (f *fragment) node(l graph.Label, name string, line int, props map[string]any) string {
	p := map[string]any{"name": name}
	if l == graph.Talk {
		p = map[string]any{"title": name}
	}
	for k, v := range props {
		p[k] = v
	}
	id := graph.ID(l, name)
	f.g.AddNode(graph.Node{ID: id, Label: l, Props: p, Sources: []graph.Source{{Note: f.path, Line: line}}})
	return id
}

// rel adds a relationship read at line.
func (f *fragment) rel(t graph.RelType, from, to string, line int) {
	f.g.AddRel(graph.Rel{Type: t, From: from, To: to, Sources: []graph.Source{{Note: f.path, Line: line}}})
}

func (f *fragment) note(hash string) graph.NoteGraph {
	return graph.NoteGraph{Path: f.path, Hash: hash, Graph: f.g}
}

// The fixture notes. Notes a and b share a speaker, his organization and
// affiliation, a tool and an event; a2 is a new version of a that drops
// Django and Python and adds Channels.
const (
	pathA = "talks/a.md"
	pathB = "talks/b.md"
	pathC = "talks/c.md"
)

var (
	andrew    = graph.ID(graph.Speaker, "Andrew Godwin")
	jerome    = graph.ID(graph.Speaker, "Jérôme Petazzoni")
	django    = graph.ID(graph.Tool, "Django")
	python    = graph.ID(graph.Tool, "Python")
	pycon     = graph.ID(graph.Event, "PyCon 2018")
	talkA     = graph.ID(graph.Talk, "Taking Django Async")
	affiliate = graph.RelKey{Type: graph.AffiliatedWith, From: andrew, To: graph.ID(graph.Organization, "Eventbrite")}
)

func noteA() graph.NoteGraph {
	f := newFragment(pathA)
	talk := f.node(graph.Talk, "Taking Django Async", 1, map[string]any{"year": int64(2018), "tags": []string{"async", "web"}})
	sp := f.node(graph.Speaker, "Andrew Godwin", 2, nil)
	org := f.node(graph.Organization, "Eventbrite", 3, nil)
	ev := f.node(graph.Event, "PyCon 2018", 4, nil)
	dj := f.node(graph.Tool, "Django", 5, nil)
	py := f.node(graph.Tool, "Python", 6, map[string]any{"kind": "language"})
	f.rel(graph.Presented, sp, talk, 2)
	f.rel(graph.AffiliatedWith, sp, org, 3)
	f.rel(graph.At, talk, ev, 4)
	f.rel(graph.About, talk, dj, 1)
	f.rel(graph.Mentions, talk, py, 6)
	return f.note("hash-a1")
}

func noteA2() graph.NoteGraph {
	f := newFragment(pathA)
	talk := f.node(graph.Talk, "Taking Django Async", 1, map[string]any{"year": int64(2018), "tags": []string{"async"}})
	sp := f.node(graph.Speaker, "Andrew Godwin", 3, nil)
	ev := f.node(graph.Event, "PyCon 2018", 4, nil)
	ch := f.node(graph.Tool, "Channels", 8, nil)
	f.rel(graph.Presented, sp, talk, 3)
	f.rel(graph.At, talk, ev, 4)
	f.rel(graph.Mentions, talk, ch, 8)
	return f.note("hash-a2")
}

func noteB() graph.NoteGraph {
	f := newFragment(pathB)
	talk := f.node(graph.Talk, "Containers from Scratch", 10, map[string]any{"year": int64(2018), "tags": []string{"docker"}})
	sp := f.node(graph.Speaker, "Andrew Godwin", 11, map[string]any{"twitter": "andrewgodwin"})
	sp2 := f.node(graph.Speaker, "Jérôme Petazzoni", 12, nil)
	org := f.node(graph.Organization, "Eventbrite", 13, nil)
	ev := f.node(graph.Event, "PyCon 2018", 14, nil)
	py := f.node(graph.Tool, "Python", 15, map[string]any{"kind": "runtime"})
	dk := f.node(graph.Tool, "Docker", 16, nil)
	f.rel(graph.Presented, sp, talk, 11)
	f.rel(graph.Presented, sp2, talk, 12)
	f.rel(graph.AffiliatedWith, sp, org, 13)
	f.rel(graph.At, talk, ev, 14)
	f.rel(graph.Mentions, talk, py, 15)
	f.rel(graph.About, talk, dk, 10)
	return f.note("hash-b1")
}

func noteC() graph.NoteGraph {
	f := newFragment(pathC)
	talk := f.node(graph.Talk, "Go for Pythonistas", 1, nil)
	sp := f.node(graph.Speaker, "Jérôme Petazzoni", 2, nil)
	gt := f.node(graph.Tool, "Go", 3, nil)
	f.rel(graph.Presented, sp, talk, 2)
	f.rel(graph.About, talk, gt, 1)
	return f.note("hash-c1")
}

// merged returns the graph a store must hold for notes: their fragments
// merged in path order.
func merged(notes ...graph.NoteGraph) *graph.Graph {
	notes = slices.Clone(notes)
	slices.SortFunc(notes, func(a, b graph.NoteGraph) int { return cmp.Compare(a.Path, b.Path) })
	g := graph.New()
	for _, n := range notes {
		g.Merge(n.Graph)
	}
	g.DropDangling()
	return g
}

// pathLinks holds a fragment of relationships between the talks of other
// notes, as the RELATED_TO fragment does.
const pathLinks = "~links"

func noteLinks() graph.NoteGraph {
	f := newFragment(pathLinks)
	talkB := graph.ID(graph.Talk, "Containers from Scratch")
	f.g.AddRel(graph.Rel{Type: graph.RelatedTo, From: talkA, To: talkB, Props: map[string]any{"score": 0.5, "reason": "both about containers"},
		Sources: []graph.Source{{Note: pathLinks}}})
	f.g.AddRel(graph.Rel{Type: graph.RelatedTo, From: talkB, To: talkA, Props: map[string]any{"score": 0.5}, Sources: []graph.Source{{Note: pathLinks}}})
	return f.note("hash-links")
}

func put(notes ...graph.NoteGraph) graph.Changeset { return graph.Changeset{Put: notes} }

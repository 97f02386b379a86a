// Package storetest is the conformance suite that every graph.Store
// implementation runs from its own tests, so that all stores keep the same
// contract: fragments merge in note path order, replacing or deleting a note
// removes exactly the facts no other note supports, sources and property
// types survive, and a failed Apply changes nothing.
package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

// Run runs the suite against the stores that open returns. open must return
// a new, empty store each time it is called; Run closes it when the subtest
// ends, so open must not.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	tests := []struct {
		name string
		test func(t *testing.T, s graph.Store)
	}{
		{"empty store", testEmpty},
		{"put then graph equals the merged fragments", testPut},
		{"applying the same changeset again changes nothing", testIdempotent},
		{"replacing a note drops the facts only it supported", testReplace},
		{"deleting a note drops the facts and entities only it supported", testDelete},
		{"deleting an unknown note is not an error", testDeleteUnknown},
		{"put and delete in one changeset", testPutAndDelete},
		{"note hashes track puts and deletes", testHashes},
		{"sources are kept on nodes and relationships", testSources},
		{"relationships between other notes' nodes live while the nodes do", testLinks},
		{"property types round-trip", testPropTypes},
		{"hostile strings round-trip", testHostile},
		{"an invalid changeset changes nothing", testInvalid},
		{"a cancelled context changes nothing", testCancelled},
		{"a graph returned earlier is not changed by apply", testSnapshot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tt.test(t, s)
		})
	}
}

func testEmpty(t *testing.T, s graph.Store) {
	g := currentGraph(t, s)
	if g.NodeCount() != 0 || g.RelCount() != 0 {
		t.Errorf("empty store has %d nodes and %d rels, want none", g.NodeCount(), g.RelCount())
	}
	checkHashes(t, s, map[string]string{})
	apply(t, s, graph.Changeset{})
	checkGraph(t, s, graph.New())
}

func testPut(t *testing.T, s graph.Store) {
	apply(t, s, put(noteB(), noteA()))
	checkGraph(t, s, merged(noteA(), noteB()))

	// Spot checks of the merge rules, independent of graph.Merge.
	g := currentGraph(t, s)
	if n, ok := g.Node(python); !ok || n.Props["kind"] != "language" {
		t.Errorf("Python node = %+v, want kind from %s, the first note by path", n, pathA)
	}
	if n, ok := g.Node(andrew); !ok || n.Props["twitter"] != "andrewgodwin" {
		t.Errorf("Andrew node = %+v, want twitter from %s", n, pathB)
	}
}

func testIdempotent(t *testing.T, s graph.Store) {
	c := put(noteA(), noteB())
	apply(t, s, c)
	before := currentGraph(t, s)
	apply(t, s, c)
	checkGraph(t, s, before)
	checkGraph(t, s, merged(noteA(), noteB()))
	checkHashes(t, s, map[string]string{pathA: "hash-a1", pathB: "hash-b1"})
}

func testReplace(t *testing.T, s graph.Store) {
	apply(t, s, put(noteA(), noteB()))
	apply(t, s, put(noteA2()))
	checkGraph(t, s, merged(noteA2(), noteB()))
	checkHashes(t, s, map[string]string{pathA: "hash-a2", pathB: "hash-b1"})

	g := currentGraph(t, s)
	if _, ok := g.Node(django); ok {
		t.Errorf("Django, supported only by the old %s, is still in the graph", pathA)
	}
	if _, ok := g.Rel(graph.RelKey{Type: graph.About, From: talkA, To: django}); ok {
		t.Errorf("ABOUT Django, supported only by the old %s, is still in the graph", pathA)
	}
	wantSources := map[string][]graph.Source{
		python:       {{Note: pathB, Line: 15}},                         // now only in b
		andrew:       {{Note: pathA, Line: 3}, {Note: pathB, Line: 11}}, // moved in a
		pycon:        {{Note: pathA, Line: 4}, {Note: pathB, Line: 14}}, // in both versions
		talkA:        {{Note: pathA, Line: 1}},                          // the note changed around it
		jerome:       {{Note: pathB, Line: 12}},                         // only in b
		affiliate.To: {{Note: pathB, Line: 13}},                         // dropped from a
	}
	for id, want := range wantSources {
		n, ok := g.Node(id)
		if !ok {
			t.Errorf("node %s is missing after replacing %s", id, pathA)
			continue
		}
		if !reflect.DeepEqual(n.Sources, want) {
			t.Errorf("node %s sources = %v, want %v", id, n.Sources, want)
		}
	}
	if n, _ := g.Node(python); n != nil && n.Props["kind"] != "runtime" {
		t.Errorf("Python kind = %v, want runtime: the old %s value must go with it", n.Props["kind"], pathA)
	}
	if n, _ := g.Node(talkA); n != nil && !reflect.DeepEqual(n.Props["tags"], []string{"async"}) {
		t.Errorf("talk tags = %v, want [async]: the old %s tags must go", n.Props["tags"], pathA)
	}
	r, ok := g.Rel(affiliate)
	if !ok {
		t.Fatalf("AFFILIATED_WITH, still supported by %s, is gone", pathB)
	}
	if want := []graph.Source{{Note: pathB, Line: 13}}; !reflect.DeepEqual(r.Sources, want) {
		t.Errorf("AFFILIATED_WITH sources = %v, want %v", r.Sources, want)
	}
}

func testDelete(t *testing.T, s graph.Store) {
	apply(t, s, put(noteA(), noteB(), noteC()))
	apply(t, s, graph.Changeset{Delete: []string{pathB}})
	checkGraph(t, s, merged(noteA(), noteC()))

	g := currentGraph(t, s)
	for _, id := range []string{graph.ID(graph.Tool, "Docker"), graph.ID(graph.Talk, "Containers from Scratch")} {
		if _, ok := g.Node(id); ok {
			t.Errorf("node %s, supported only by %s, is still in the graph", id, pathB)
		}
	}
	if n, ok := g.Node(jerome); !ok {
		t.Errorf("node %s, also in %s, is gone", jerome, pathC)
	} else if want := []graph.Source{{Note: pathC, Line: 2}}; !reflect.DeepEqual(n.Sources, want) {
		t.Errorf("node %s sources = %v, want %v", jerome, n.Sources, want)
	}
	if n, ok := g.Node(andrew); !ok || n.Props["twitter"] != nil {
		t.Errorf("Andrew node = %+v, want it without the twitter property only %s gave", n, pathB)
	}

	apply(t, s, graph.Changeset{Delete: []string{pathA, pathC}})
	g = currentGraph(t, s)
	if g.NodeCount() != 0 || g.RelCount() != 0 {
		t.Errorf("after deleting every note: %d nodes, %d rels, want none%s", g.NodeCount(), g.RelCount(), diff(g, graph.New()))
	}
	checkHashes(t, s, map[string]string{})
}

func testDeleteUnknown(t *testing.T, s graph.Store) {
	apply(t, s, put(noteA()))
	apply(t, s, graph.Changeset{Delete: []string{"talks/never.md"}})
	checkGraph(t, s, merged(noteA()))
	checkHashes(t, s, map[string]string{pathA: "hash-a1"})
}

func testPutAndDelete(t *testing.T, s graph.Store) {
	apply(t, s, put(noteA(), noteB()))
	apply(t, s, graph.Changeset{Put: []graph.NoteGraph{noteC()}, Delete: []string{pathA}})
	checkGraph(t, s, merged(noteB(), noteC()))
	checkHashes(t, s, map[string]string{pathB: "hash-b1", pathC: "hash-c1"})
}

func testLinks(t *testing.T, s graph.Store) {
	talkB := graph.ID(graph.Talk, "Containers from Scratch")
	ab := graph.RelKey{Type: graph.RelatedTo, From: talkA, To: talkB}
	has := func(when string, want bool) {
		t.Helper()
		if _, ok := currentGraph(t, s).Rel(ab); ok != want {
			t.Errorf("%s: RELATED_TO %s -> %s in the graph = %v, want %v", when, talkA, talkB, ok, want)
		}
	}
	// Put in one changeset, and in the order links then nodes.
	apply(t, s, put(noteA(), noteB(), noteLinks()))
	checkGraph(t, s, merged(noteA(), noteB(), noteLinks()))
	has("links put with both talks", true)

	apply(t, s, graph.Changeset{Delete: []string{pathB}})
	checkGraph(t, s, merged(noteA(), noteLinks()))
	has("talk b's note deleted", false)

	apply(t, s, put(noteB()))
	checkGraph(t, s, merged(noteA(), noteB(), noteLinks()))
	has("talk b's note put again", true)

	apply(t, s, graph.Changeset{Delete: []string{pathLinks}})
	checkGraph(t, s, merged(noteA(), noteB()))
	has("links deleted", false)

	apply(t, s, graph.Changeset{Delete: []string{pathA, pathB}})
	apply(t, s, put(noteLinks()))
	checkGraph(t, s, graph.New())
	apply(t, s, put(noteA(), noteB()))
	checkGraph(t, s, merged(noteA(), noteB(), noteLinks()))
	has("links put before either talk", true)
	checkHashes(t, s, map[string]string{pathA: "hash-a1", pathB: "hash-b1", pathLinks: "hash-links"})
}

func testHashes(t *testing.T, s graph.Store) {
	steps := []struct {
		c    graph.Changeset
		want map[string]string
	}{
		{put(noteA(), noteB()), map[string]string{pathA: "hash-a1", pathB: "hash-b1"}},
		{put(noteA2()), map[string]string{pathA: "hash-a2", pathB: "hash-b1"}},
		{put(noteC()), map[string]string{pathA: "hash-a2", pathB: "hash-b1", pathC: "hash-c1"}},
		{graph.Changeset{Delete: []string{pathB}}, map[string]string{pathA: "hash-a2", pathC: "hash-c1"}},
		{graph.Changeset{Delete: []string{pathA, pathC}}, map[string]string{}},
	}
	for _, st := range steps {
		apply(t, s, st.c)
		checkHashes(t, s, st.want)
	}
}

func testSources(t *testing.T, s graph.Store) {
	const path = "talks/d.md"
	g := graph.New()
	talk, goTool := graph.ID(graph.Talk, "Ranges"), graph.ID(graph.Tool, "Go")
	g.AddNode(graph.Node{ID: talk, Label: graph.Talk, Props: map[string]any{"title": "Ranges"},
		Sources: []graph.Source{{Note: path, Line: 3, EndLine: 20}}})
	g.AddNode(graph.Node{ID: goTool, Label: graph.Tool, Props: map[string]any{"name": "Go"},
		Sources: []graph.Source{{Note: path, Line: 7}, {Note: path, Line: 12, EndLine: 14}}})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: talk, To: goTool,
		Sources: []graph.Source{{Note: path, Line: 7}, {Note: path, Line: 12, EndLine: 14}}})
	d := graph.NoteGraph{Path: path, Hash: "hash-d1", Graph: g}
	apply(t, s, put(noteC(), d))
	checkGraph(t, s, merged(noteC(), d))

	got := currentGraph(t, s)
	n, ok := got.Node(goTool)
	if !ok {
		t.Fatalf("node %s is missing", goTool)
	}
	want := []graph.Source{{Note: pathC, Line: 3}, {Note: path, Line: 7}, {Note: path, Line: 12, EndLine: 14}}
	if !reflect.DeepEqual(n.Sources, want) {
		t.Errorf("node %s sources = %v, want %v", goTool, n.Sources, want)
	}
	r, ok := got.Rel(graph.RelKey{Type: graph.Mentions, From: talk, To: goTool})
	if !ok {
		t.Fatalf("MENTIONS %s is missing", goTool)
	}
	want = []graph.Source{{Note: path, Line: 7}, {Note: path, Line: 12, EndLine: 14}}
	if !reflect.DeepEqual(r.Sources, want) {
		t.Errorf("MENTIONS %s sources = %v, want %v", goTool, r.Sources, want)
	}
}

func testPropTypes(t *testing.T, s graph.Store) {
	f := newFragment(pathA)
	props := map[string]any{
		"s": "text", "i": int64(42), "neg": int64(-7), "f": 2.5, "whole": 3.0, "t": true, "no": false,
		"list": []string{"b", "a"}, "empty": []string{},
	}
	talk := f.node(graph.Talk, "Types", 1, props)
	tool := f.node(graph.Tool, "Go", 2, nil)
	f.g.AddRel(graph.Rel{Type: graph.Mentions, From: talk, To: tool, Props: props, Sources: []graph.Source{{Note: pathA, Line: 2}}})
	apply(t, s, put(f.note("h")))
	checkGraph(t, s, merged(f.note("h")))
}

func testHostile(t *testing.T, s graph.Store) {
	hostile := []string{
		`'}) DETACH DELETE n //`,
		`"double" and 'single' quotes`,
		"back`tick`s and {braces} and $params and \\backslash\\",
		"line one\nline two\r\n\ttabbed",
		"Jérôme 日本語 🚀 \u200b zero-width",
		"MATCH (n) RETURN n; // -- /* */ <script>&amp;",
	}
	const path = "talks/it's a \"quoted\" `path`/ünï {x}.md"
	f := newFragment(path)
	var ids []string
	for i, h := range hostile {
		id := graph.ID(graph.Concept, "concept", string(rune('a'+i)))
		f.g.AddNode(graph.Node{ID: id, Label: graph.Concept, Props: map[string]any{"name": h, "aliases": []string{h, "x" + h}},
			Sources: []graph.Source{{Note: path, Line: i + 1}}})
		ids = append(ids, id)
	}
	talk := f.node(graph.Talk, hostile[0], 100, map[string]any{"abstract": hostile[3]})
	for i, id := range ids {
		f.g.AddRel(graph.Rel{Type: graph.Mentions, From: talk, To: id, Props: map[string]any{"context": hostile[i]},
			Sources: []graph.Source{{Note: path, Line: 100}}})
	}
	apply(t, s, put(f.note(hostile[0])))
	checkGraph(t, s, merged(f.note(hostile[0])))
	checkHashes(t, s, map[string]string{path: hostile[0]})
	apply(t, s, graph.Changeset{Delete: []string{path}})
	checkGraph(t, s, graph.New())
}

func testInvalid(t *testing.T, s graph.Store) {
	apply(t, s, put(noteA()))
	bad := newFragment(pathB)
	bad.g.AddNode(graph.Node{ID: "gadget:x", Label: "Gadget"})
	outside := newFragment(pathB)
	outside.rel(graph.Mentions, talkA, django, 3) // MENTIONS does not fix the label of its end
	tests := []struct {
		name string
		c    graph.Changeset
	}{
		{"unknown label", put(noteB(), bad.note("h"))},
		{"empty path", put(graph.NoteGraph{Path: "", Hash: "h", Graph: graph.New()})},
		{"nil graph", put(graph.NoteGraph{Path: pathC, Hash: "h"})},
		{"note put twice", put(noteC(), noteC())},
		{"relationship to a node of unknown label outside the note", put(outside.note("h"))},
		{"note put and deleted", graph.Changeset{Put: []graph.NoteGraph{noteC()}, Delete: []string{pathC}}},
	}
	for _, tt := range tests {
		err := s.Apply(context.Background(), tt.c)
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Apply with %s: error = %v, want one wrapping graph.ErrInvalid", tt.name, err)
		}
	}
	checkGraph(t, s, merged(noteA()))
	checkHashes(t, s, map[string]string{pathA: "hash-a1"})
}

func testCancelled(t *testing.T, s graph.Store) {
	apply(t, s, put(noteA()))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Apply(ctx, put(noteB())); !errors.Is(err, context.Canceled) {
		t.Errorf("Apply with a cancelled context: error = %v, want context.Canceled", err)
	}
	checkGraph(t, s, merged(noteA()))
	checkHashes(t, s, map[string]string{pathA: "hash-a1"})
}

func testSnapshot(t *testing.T, s graph.Store) {
	apply(t, s, put(noteA(), noteB()))
	old := currentGraph(t, s)
	apply(t, s, graph.Changeset{Put: []graph.NoteGraph{noteA2()}, Delete: []string{pathB}})
	if d := diff(old, merged(noteA(), noteB())); d != "" {
		t.Errorf("a graph returned before Apply changed:%s", d)
	}
}

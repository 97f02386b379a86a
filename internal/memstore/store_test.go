package memstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return openT(t, t.TempDir()) })
}

func openT(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func applyT(t testing.TB, s *Store, c graph.Changeset) {
	t.Helper()
	if err := s.Apply(context.Background(), c); err != nil {
		t.Fatalf("Apply: %v", err)
	}
}

// testNote returns a small fragment for path: a talk, its speaker and a
// tool shared with other notes.
func testNote(path, hash string) graph.NoteGraph {
	src := []graph.Source{{Note: path, Line: 1}}
	g := graph.New()
	talk := graph.ID(graph.Talk, path)
	speaker := graph.ID(graph.Speaker, "speaker of "+path)
	g.AddNode(graph.Node{ID: talk, Label: graph.Talk, Props: map[string]any{"title": path, "hash": hash, "rating": 4.0}, Sources: src})
	g.AddNode(graph.Node{ID: speaker, Label: graph.Speaker, Props: map[string]any{"name": "speaker of " + path}, Sources: src})
	g.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go", "tags": []string{path}}, Sources: src})
	g.AddRel(graph.Rel{Type: graph.Presented, From: speaker, To: talk, Sources: src})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: talk, To: "tool:go", Sources: src})
	return graph.NoteGraph{Path: path, Hash: hash, Graph: g}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// stateBytes returns what the store in dir holds, as bytes: the index,
// then each file it names (merged graph, packs) with its name.
func stateBytes(t testing.TB, dir string) string {
	t.Helper()
	index := readFile(t, filepath.Join(dir, IndexName))
	var ix indexFile
	if err := json.Unmarshal(index, &ix); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.Write(index)
	fmt.Fprintf(&b, "%s: %x\n", ix.Merged, readFile(t, filepath.Join(dir, ix.Merged)))
	for _, p := range ix.Packs {
		fmt.Fprintf(&b, "%s: %s\n", p, readFile(t, filepath.Join(dir, packPath(p))))
	}
	return b.String()
}

// contentOf returns what the store in dir holds, whatever the history
// that wrote it: the notes' paths, hashes and object hashes, the counts,
// and the merged graph's file.
func contentOf(t testing.TB, dir string) string {
	t.Helper()
	var ix indexFile
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, IndexName)), &ix); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%v %v %s %v\n", ix.Nodes, ix.Rels, ix.Merged, ix.Sourced)
	for _, n := range ix.Notes {
		fmt.Fprintf(&b, "%s %s %s\n", n.Path, n.Hash, n.Sum)
	}
	fmt.Fprintf(&b, "%x\n", readFile(t, filepath.Join(dir, ix.Merged)))
	return b.String()
}

// checkSame fails t unless a and b hold the same notes and graph.
func checkSame(t *testing.T, got, want *Store) {
	t.Helper()
	ctx := context.Background()
	gg, _ := got.Graph(ctx)
	wg, _ := want.Graph(ctx)
	if !reflect.DeepEqual(gg.Nodes(), wg.Nodes()) || !reflect.DeepEqual(gg.Rels(), wg.Rels()) {
		t.Errorf("graphs differ:\ngot  %d nodes %d rels\nwant %d nodes %d rels", gg.NodeCount(), gg.RelCount(), wg.NodeCount(), wg.RelCount())
	}
	gh, _ := got.NoteHashes(ctx)
	wh, _ := want.NoteHashes(ctx)
	if !reflect.DeepEqual(gh, wh) {
		t.Errorf("NoteHashes() = %v, want %v", gh, wh)
	}
	gn, wn := got.Notes(), want.Notes()
	if len(gn) != len(wn) {
		t.Fatalf("Notes() has %d notes, want %d", len(gn), len(wn))
	}
	for i := range gn {
		if gn[i].Path != wn[i].Path || gn[i].Hash != wn[i].Hash ||
			!reflect.DeepEqual(gn[i].Graph.Nodes(), wn[i].Graph.Nodes()) || !reflect.DeepEqual(gn[i].Graph.Rels(), wn[i].Graph.Rels()) {
			t.Errorf("Notes()[%d] = %s, want %s with the same graph", i, gn[i].Path, wn[i].Path)
		}
	}
}

func TestOpen_persists(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("b.md", "hb"), testNote("a.md", "ha"), testNote("c.md", "hc")}})
	applyT(t, s, graph.Changeset{Delete: []string{"c.md"}})
	// What readers of s see after Apply is what Open reads back.
	checkSame(t, openT(t, dir), s)
	if n := len(s.Notes()); n != 2 {
		t.Errorf("Notes() has %d notes, want 2", n)
	}
}

func TestOpen_missingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", ".talkgraph")
	s := openT(t, dir)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("Open did not create %s: %v", dir, err)
	}
	if size, err := s.Size(); size != 0 || err != nil {
		t.Errorf("Size() = %d, %v, want 0, nil before the first Apply", size, err)
	}
	if s.Path() != dir {
		t.Errorf("Path() = %q, want %q", s.Path(), dir)
	}
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	var want int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if fi, err := d.Info(); err == nil && d.Type().IsRegular() && d.Name() != lockName {
			want += fi.Size()
		}
		return nil
	})
	if size, err := s.Size(); size != want || size == 0 || err != nil {
		t.Errorf("Size() = %d, %v, want %d, nil", size, err, want)
	}
}

// TestApply_deterministicFile: the same notes give the same objects and
// merged graph whatever the order of the changes that put them, and the
// same changes give the same bytes.
func TestApply_deterministicFile(t *testing.T) {
	a, b, c := testNote("a.md", "ha"), testNote("b.md", "hb"), testNote("c.md", "hc")
	tests := []struct {
		name  string
		steps []graph.Changeset
	}{
		{"one batch", []graph.Changeset{{Put: []graph.NoteGraph{a, b, c}}}},
		{"reverse order", []graph.Changeset{{Put: []graph.NoteGraph{c}}, {Put: []graph.NoteGraph{b}}, {Put: []graph.NoteGraph{a}}}},
		{"with a replaced and a deleted note", []graph.Changeset{
			{Put: []graph.NoteGraph{testNote("a.md", "old"), testNote("z.md", "hz"), c}},
			{Put: []graph.NoteGraph{b, a}, Delete: []string{"z.md"}},
		}},
	}
	var want []byte
	for _, tt := range tests[1:] {
		d1, d2 := t.TempDir(), t.TempDir()
		for _, c := range tt.steps {
			applyT(t, openT(t, d1), c)
			applyT(t, openT(t, d2), c)
		}
		if a, b := stateBytes(t, d1), stateBytes(t, d2); a != b {
			t.Errorf("%s: the same changes gave different stores:\n%s\n%s", tt.name, a, b)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openT(t, t.TempDir())
			for _, c := range tt.steps {
				applyT(t, s, c)
			}
			got := []byte(contentOf(t, s.dir))
			if want == nil {
				want = got
				return
			}
			if string(got) != string(want) {
				t.Errorf("the store differs from the first build:\ngot  %s\nwant %s", got, want)
			}
		})
	}
}

func TestApply_fileFormat(t *testing.T) {
	s := openT(t, t.TempDir())
	applyT(t, s, graph.Changeset{})
	if _, err := os.Stat(filepath.Join(s.dir, IndexName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an empty changeset on an empty store wrote an index (stat error %v)", err)
	}
	g := graph.New()
	g.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"v": 1.0}, Sources: []graph.Source{{Note: "b.md", Line: 1}}})
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{{Path: "b.md", Hash: "hb", Graph: g}, {Path: "a.md", Hash: "ha", Graph: graph.New()}}})
	emptyJSON := `{"nodes":[],"rels":[]}`
	toolJSON := `{"nodes":[{"id":"tool:go","label":"Tool","props":{"v":1.0},"sources":[{"note":"b.md","line":1}]}],"rels":[]}`
	pack := sumOf([]byte(emptyJSON+toolJSON)) + packExt
	merged, _ := s.st.base.MarshalBinary()
	want := `{"format":"talkgraph-store","version":3,"merged":"merged-` + sumOf(merged) + `.bin","sourced":true,"nodes":{"Concept":0,"Event":0,"Note":0,"Organization":0,"Person":0,"Series":0,"Speaker":0,"Talk":0,"Tool":1},"rels":{"ABOUT":0,"AFFILIATED_WITH":0,"AT":0,"EDITION_OF":0,"FROM":0,"MENTIONS":0,"PRESENTED":0,"RELATED_TO":0},"packs":["` + pack + `"],"notes":[
["a.md","ha","` + sumOf([]byte(emptyJSON)) + `",0,0,22],
["b.md","hb","` + sumOf([]byte(toolJSON)) + `",0,22,` + fmt.Sprint(len(toolJSON)) + `]
]}
`
	if got := string(readFile(t, filepath.Join(s.dir, IndexName))); got != want {
		t.Errorf("index.json\ngot  %s\nwant %s", got, want)
	}
	if got := string(readFile(t, filepath.Join(s.dir, packPath(pack)))); got != emptyJSON+toolJSON {
		t.Errorf("pack: %s", got)
	}
	applyT(t, s, graph.Changeset{Delete: []string{"a.md", "b.md"}})
	merged, _ = graph.New().MarshalBinary()
	want = `{"format":"talkgraph-store","version":3,"merged":"merged-` + sumOf(merged) + `.bin","sourced":true,"nodes":{"Concept":0,"Event":0,"Note":0,"Organization":0,"Person":0,"Series":0,"Speaker":0,"Talk":0,"Tool":0},"rels":{"ABOUT":0,"AFFILIATED_WITH":0,"AT":0,"EDITION_OF":0,"FROM":0,"MENTIONS":0,"PRESENTED":0,"RELATED_TO":0},"packs":[],"notes":[]}` + "\n"
	if got := string(readFile(t, filepath.Join(s.dir, IndexName))); got != want {
		t.Errorf("index.json with no notes\ngot  %s\nwant %s", got, want)
	}
	// The pack goes at the Apply after next (a reader may still read it).
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{{Path: "c.md", Graph: graph.New()}}})
	if packs, _ := filepath.Glob(filepath.Join(s.dir, packsDir, "*")); len(packs) != 1 || filepath.Base(packs[0]) == pack {
		t.Errorf("packs after two more Applies: %v, want only the new one", packs)
	}
}

func TestApply_writeFails(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	before := stateBytes(t, dir)
	ctx := context.Background()
	oldGraph, _ := s.Graph(ctx)

	s.writeData = func(f *os.File, data []byte) error {
		f.Write(data[:len(data)/2])
		return errors.New("disk full")
	}
	err := s.Apply(ctx, graph.Changeset{Put: []graph.NoteGraph{testNote("b.md", "hb")}, Delete: []string{"a.md"}})
	if err == nil || !strings.Contains(err.Error(), "write store: disk full") {
		t.Fatalf("Apply error = %v, want write store: disk full", err)
	}
	if got := stateBytes(t, dir); got != before {
		t.Errorf("the store changed by a failed Apply:\ngot  %s\nwant %s", got, before)
	}
	if g, _ := s.Graph(ctx); g != oldGraph {
		t.Errorf("Graph() changed by a failed Apply")
	}
	if h, _ := s.NoteHashes(ctx); !reflect.DeepEqual(h, map[string]string{"a.md": "ha"}) {
		t.Errorf("NoteHashes() = %v after a failed Apply, want map[a.md:ha]", h)
	}
	if temps, _ := filepath.Glob(filepath.Join(dir, tmpPrefix+"*")); len(temps) != 0 {
		t.Errorf("a failed Apply left temp files %v", temps)
	}

	s.writeData = writeData
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("b.md", "hb")}, Delete: []string{"a.md"}})
	if h, _ := s.NoteHashes(ctx); !reflect.DeepEqual(h, map[string]string{"b.md": "hb"}) {
		t.Errorf("NoteHashes() = %v after a retried Apply, want map[b.md:hb]", h)
	}
}

func TestOpen_staleTemp(t *testing.T) {
	dir := t.TempDir()
	applyT(t, openT(t, dir), graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	holder := openT(t, dir)
	stale := filepath.Join(dir, tmpPrefix+"x")
	if err := os.WriteFile(stale, []byte(`{"format":"talkgraph-store","version":1,"notes":[{"pa`), 0o644); err != nil {
		t.Fatal(err)
	}

	// While another process writes, its temp file is left alone.
	unlock, err := holder.lock()
	if err != nil {
		t.Fatal(err)
	}
	openT(t, dir)
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("Open removed a temp file while the store was locked: %v", err)
	}
	unlock()

	s := openT(t, dir)
	if h, _ := s.NoteHashes(context.Background()); !reflect.DeepEqual(h, map[string]string{"a.md": "ha"}) {
		t.Errorf("NoteHashes() = %v with a stale temp file, want map[a.md:ha]", h)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open left the stale temp file %s (stat error %v)", stale, err)
	}
}

func TestOpen_error(t *testing.T) {
	const head = `{"format":"talkgraph-store","version":1,"notes":[`
	tests := []struct {
		name, content, wantErr string
	}{
		{"newer version", `{"format":"talkgraph-store","version":7,"notes":[]}`,
			"graph.json: store format version 7, this talkgraph reads versions 1 and 2 in graph.json, 3 in index.json"},
		{"other format", `{"format":"other-tool","version":1}`, `graph.json: not a talkgraph store (format "other-tool", want "talkgraph-store")`},
		{"empty object", `{}`, `graph.json: not a talkgraph store (format "", want "talkgraph-store")`},
		{"empty file", ``, "graph.json:1:1: corrupt store: unexpected end of JSON input"},
		{"truncated", head + "\n" + `{"path":"a.md","hash":"h","graph":{"nodes":[`, "graph.json:2:44: corrupt store: unexpected end of JSON input"},
		{"bad character", head + "\n" + `{"path":"a.md",,}` + "\n]}", "graph.json:2:16: corrupt store: invalid character ','"},
		{"bad character after newlines", "{\n  \"format\": \"talkgraph-store\",\n  \"version\": 1,\n  \"notes\": [}\n", "graph.json:4:13: corrupt store: invalid character '}'"},
		{"version is a string", "{\"format\":\"talkgraph-store\",\n\"version\":\"1\"}", "graph.json:2:13: corrupt store: version is string, want a number"},
		{"notes is an object", head[:len(head)-1] + "{}}", "graph.json:1:49: corrupt store: notes is object, want an array"},
		{"path is a number", head + "\n" + `{"path":1}]}`, "graph.json:2:9: corrupt store: notes.path is number, want a string"},
		{"unknown label", head + "\n" + `{"path":"a.md","hash":"h","graph":{"nodes":[{"id":"x:1","label":"Gadget"}],"rels":[]}}` + "\n]}",
			`graph.json: note "a.md": node "x:1": unknown label "Gadget"`},
		{"note without path", head + `{"hash":"h","graph":{}}]}`, "graph.json: note #1 has no path"},
		{"note without graph", head + `{"path":"a.md","hash":"h"}]}`, `graph.json: note "a.md" has no graph`},
		{"note twice", head + `{"path":"a.md","graph":{}},{"path":"a.md","graph":{}}]}`, `graph.json: note "a.md" appears twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, FileName), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded, want error %q", tt.content, tt.wantErr)
			}
			if want := filepath.Join(dir, tt.wantErr); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Open(%q) error\ngot  %v\nwant %s…", tt.content, err, want)
			}
		})
	}
}

// TestOpen_index: Open reads only the index; the hashes and counts come
// from it, the merged graph from its file (or, when that is damaged, from
// the notes' objects), and a damaged object is reported by name.
func TestOpen_index(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha"), testNote("b.md", "hb")}})
	want, _ := s.Graph(t.Context())
	ix := s.st
	// Damage the merged file: the graph is merged again from the objects.
	if err := os.WriteFile(filepath.Join(dir, ix.merged), []byte("TGGRAPH1 torn"), 0o644); err != nil {
		t.Fatal(err)
	}
	s2 := openT(t, dir)
	if h, err := s2.NoteHashes(t.Context()); err != nil || h["a.md"] != "ha" {
		t.Errorf("hashes from the index: %v, %v", h, err)
	}
	if st, err := s2.Stats(t.Context()); err != nil || st.Nodes[graph.Talk] != 2 {
		t.Errorf("stats from the index: %v, %v", st, err)
	}
	if g, err := s2.Graph(t.Context()); err != nil || !reflect.DeepEqual(g.Nodes(), want.Nodes()) || !reflect.DeepEqual(g.Rels(), want.Rels()) {
		t.Errorf("Graph with a damaged merged file: %v, want the graph merged from the objects", err)
	}
	// Damage an object too: the error names it.
	pack := filepath.Join(dir, packPath(ix.notes[1].pack))
	data := readFile(t, pack)
	data[ix.notes[1].at+2] = 'X'
	if err := os.WriteFile(pack, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want2 := fmt.Sprintf(`%s: note "b.md": corrupt store: the object at byte %d does not match its hash`, pack, ix.notes[1].at)
	if _, err := openT(t, dir).Graph(t.Context()); err == nil || !strings.Contains(err.Error(), want2) {
		t.Errorf("Graph with a damaged object: %v, want %s", err, want2)
	}
	for _, bad := range []struct{ content, want string }{
		{`{"format":"talkgraph-store","version":9}`, "index.json: store format version 9"},
		{`{"format":"talkgraph-store","version":3,"notes":[["a.md","h","zz",0,0,0]]}`, `index.json: note #1: corrupt store: empty path or bad object hash "zz"`},
		{`{"format":"talkgraph-store","version":3,"notes":[["a.md","h","` + strings.Repeat("a", 64) + `",1,0,0]]}`, `index.json: note "a.md": corrupt store: no such pack or place`},
		{`{"format":"talkgraph-store",`, "index.json:1:28: corrupt store: unexpected end of JSON input"},
	} {
		if err := os.WriteFile(filepath.Join(dir, IndexName), []byte(bad.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Open with index %s: %v, want %s", bad.content, err, bad.want)
		}
	}
}

// TestOpen_legacy: a graph.json of versions 1 and 2 is read whole, and the
// next Apply (even one that changes nothing) writes the store in the
// current layout and removes it.
func TestOpen_legacy(t *testing.T) {
	for _, v := range []string{
		`{"format":"talkgraph-store","version":1,"notes":[` + "\n",
		`{"format":"talkgraph-store","version":2,"index":{"notes":[["a.md","ha"]],"nodes":{},"rels":{}},"notes":[` + "\n",
	} {
		dir := t.TempDir()
		snap := v + `{"path":"a.md","hash":"ha","graph":{"nodes":[{"id":"tool:go","label":"Tool","props":{"name":"Go"},"sources":[{"note":"a.md","line":1}]}],"rels":[]}}` + "\n]}\n"
		if err := os.WriteFile(filepath.Join(dir, FileName), []byte(snap), 0o644); err != nil {
			t.Fatal(err)
		}
		s := openT(t, dir)
		if g, err := s.Graph(t.Context()); err != nil || g.NodeCount() != 1 {
			t.Fatalf("legacy store: %v, %v", g, err)
		}
		if st, _ := s.Stats(t.Context()); st.Nodes[graph.Tool] != 1 {
			t.Errorf("legacy store stats: %v", st)
		}
		applyT(t, s, graph.Changeset{})
		if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("graph.json left after the store was rewritten (stat error %v)", err)
		}
		s2 := openT(t, dir)
		checkSame(t, s2, s)
		d2 := t.TempDir()
		applyT(t, openT(t, d2), graph.Changeset{Put: s2.Notes()})
		if a, b := stateBytes(t, dir), stateBytes(t, d2); a != b {
			t.Errorf("rewritten legacy store differs from a fresh one:\n%s\nwant\n%s", a, b)
		}
	}
}

// TestApply_remerge: after many random changes, the merged graph that Apply
// keeps (merged again only where changes touch) is what merging every
// note from scratch gives, what Preview said it would be, and what Open
// reads back.
func TestApply_remerge(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range 60 {
		var c graph.Changeset
		for j := range 1 + rng.IntN(3) {
			p := fmt.Sprintf("n%d.md", rng.IntN(8))
			if slices.ContainsFunc(c.Put, func(n graph.NoteGraph) bool { return n.Path == p }) || slices.Contains(c.Delete, p) {
				continue
			}
			if rng.IntN(4) == 0 {
				c.Delete = append(c.Delete, p)
				continue
			}
			n := testNote(p, fmt.Sprint(i, j))
			if rng.IntN(2) == 0 { // a tool that only some notes hold, with a property that differs
				n.Graph.AddNode(graph.Node{ID: "tool:rust", Label: graph.Tool, Props: map[string]any{"v": int64(i)}, Sources: []graph.Source{{Note: p, Line: 2}}})
			}
			c.Put = append(c.Put, n)
		}
		preview, err := s.Preview(t.Context(), c)
		if err != nil {
			t.Fatal(err)
		}
		applyT(t, s, c)
		got, _ := s.Graph(t.Context())
		if a, b := mustJSON(t, preview), mustJSON(t, got); a != b {
			t.Fatalf("step %d: Preview differs from the graph after Apply:\ngot  %s\nwant %s", i, a, b)
		}
		var gs []*graph.Graph
		for _, n := range s.Notes() {
			gs = append(gs, n.Graph)
		}
		want := graph.MergeAll(gs...)
		want.DropDangling()
		a, _ := got.MarshalJSON()
		b, _ := want.MarshalJSON()
		if string(a) != string(b) {
			t.Fatalf("step %d: merged graph differs from a merge from scratch:\ngot  %s\nwant %s", i, a, b)
		}
		if st, _ := s.Stats(t.Context()); !reflect.DeepEqual(st, want.Stats()) {
			t.Fatalf("step %d: stats %v, want %v", i, st, want.Stats())
		}
	}
	checkSame(t, openT(t, dir), s)
}

func TestApply_locked(t *testing.T) {
	dir := t.TempDir()
	holder, s := openT(t, dir), openT(t, dir)
	unlock, err := holder.lock()
	if err != nil {
		t.Fatal(err)
	}
	waited := 0
	s.LockWait, s.Waiting = 100*time.Millisecond, func() { waited++ }
	err = s.Apply(context.Background(), graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	if waited != 1 {
		t.Errorf("Waiting called %d times, want once", waited)
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Apply on a locked store: error = %v, want ErrLocked", err)
	}
	if want := "store " + dir + " is locked by another talkgraph process"; err.Error() != want {
		t.Errorf("Apply on a locked store: error = %q, want %q", err, want)
	}
	if h, _ := s.NoteHashes(context.Background()); len(h) != 0 {
		t.Errorf("NoteHashes() = %v after a refused Apply, want none", h)
	}
	// An empty changeset (a build with nothing to change) neither waits
	// nor fails: there is nothing to lock for.
	waited = 0
	if err := s.Apply(context.Background(), graph.Changeset{}); err != nil || waited != 0 {
		t.Errorf("empty Apply on a locked store: %v (waited %d), want nothing done at once", err, waited)
	}
	unlock()
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})

	// A writer that finds the lock taken waits for it, and keeps the
	// other writer's update.
	unlock, err = holder.lock()
	if err != nil {
		t.Fatal(err)
	}
	s.LockWait = 10 * time.Second
	done := make(chan error, 1)
	go func() {
		done <- s.Apply(context.Background(), graph.Changeset{Put: []graph.NoteGraph{testNote("b.md", "hb")}})
	}()
	time.Sleep(150 * time.Millisecond)
	unlock()
	if err := <-done; err != nil {
		t.Fatalf("Apply after waiting: %v", err)
	}
	if h, _ := s.NoteHashes(context.Background()); len(h) != 2 {
		t.Errorf("NoteHashes() = %v, want a.md and b.md", h)
	}
}

func TestApply_otherWriter(t *testing.T) {
	dir := t.TempDir()
	s1, s2 := openT(t, dir), openT(t, dir)
	applyT(t, s1, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	applyT(t, s2, graph.Changeset{Put: []graph.NoteGraph{testNote("b.md", "hb")}})
	want := map[string]string{"a.md": "ha", "b.md": "hb"}
	if h, _ := s2.NoteHashes(context.Background()); !reflect.DeepEqual(h, want) {
		t.Errorf("NoteHashes() = %v after another store's Apply, want %v: the other update was lost", h, want)
	}
	checkSame(t, openT(t, dir), s2)
}

func TestStore_closed(t *testing.T) {
	s := openT(t, t.TempDir())
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v, want nil", err)
	}
	ctx := context.Background()
	if _, err := s.Graph(ctx); err == nil {
		t.Error("Graph after Close succeeded, want an error")
	}
	if _, err := s.NoteHashes(ctx); err == nil {
		t.Error("NoteHashes after Close succeeded, want an error")
	}
	if err := s.Apply(ctx, graph.Changeset{}); err == nil {
		t.Error("Apply after Close succeeded, want an error")
	}
}

func TestStore_concurrentReaders(t *testing.T) {
	s := openT(t, t.TempDir())
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				g, err := s.Graph(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				g.Nodes()
				s.NoteHashes(ctx)
				s.Notes()
			}
		})
	}
	for i := range 20 {
		applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote(fmt.Sprintf("n%d.md", i%5), fmt.Sprint(i))}})
	}
	close(stop)
	wg.Wait()
}

// TestOpen_reusesLines checks that a store reopened from disk writes the
// same bytes as one that never closed, hostile paths included.
func TestOpen_reusesLines(t *testing.T) {
	a, b, c := testNote("a <&> \"x\".md", "h<1>"), testNote("b.md", "h2"), testNote("c.md", "h3")
	d1 := t.TempDir()
	applyT(t, openT(t, d1), graph.Changeset{Put: []graph.NoteGraph{a, b}})
	applyT(t, openT(t, d1), graph.Changeset{Put: []graph.NoteGraph{c}})
	d2 := t.TempDir()
	applyT(t, openT(t, d2), graph.Changeset{Put: []graph.NoteGraph{a, b, c}})
	if got, want := contentOf(t, d1), contentOf(t, d2); got != want {
		t.Errorf("reopened store wrote different bytes:\n%s\nwant\n%s", got, want)
	}
}

// TestQueries runs the query suite of internal/storetest on the embedded
// store: every shipped query and the ad-hoc ones must give the rows Neo4j
// gives (the expected files are written from a real Neo4j).
func TestQueries(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Apply(t.Context(), graph.Changeset{Put: storetest.QueryFixture(t)}); err != nil {
		t.Fatal(err)
	}
	storetest.Queries(t, s, false)
}

// TestApply_compacts: changing one note again and again appends small
// packs; once they hold more than twice the bytes in use, one pack of the
// live objects replaces them, and the store reads back the same.
func TestApply_compacts(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	var notes []graph.NoteGraph
	for i := range 40 {
		notes = append(notes, testNote(fmt.Sprintf("n%02d.md", i), "h"))
	}
	applyT(t, s, graph.Changeset{Put: notes})
	for i := range 200 {
		applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote(fmt.Sprintf("n%02d.md", i%40), fmt.Sprint(i))}})
		var live, stored int64
		packs := map[string]bool{}
		for _, n := range s.st.notes {
			live += n.len
			packs[n.pack] = true
		}
		for p := range packs {
			fi, err := os.Stat(filepath.Join(dir, packPath(p)))
			if err != nil {
				t.Fatal(err)
			}
			stored += fi.Size()
		}
		if stored > 2*live+1<<16 {
			t.Fatalf("step %d: packs hold %d bytes for %d in use", i, stored, live)
		}
	}
	if packs, _ := filepath.Glob(filepath.Join(dir, packsDir, "*")); len(packs) > 80 {
		t.Errorf("%d pack files left", len(packs))
	}
	checkSame(t, openT(t, dir), s)
}

func mustJSON(t testing.TB, g *graph.Graph) string {
	t.Helper()
	b, err := g.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestStore_readsNewerCommits: a store open in one process (serve) sees
// what another process commits (build), from an empty store on: its
// readers move to the new index, and a query answers from it.
func TestStore_readsNewerCommits(t *testing.T) {
	dir := t.TempDir()
	reader := openT(t, dir)
	ctx := context.Background()
	if h, _ := reader.NoteHashes(ctx); len(h) != 0 {
		t.Fatalf("empty store holds %v", h)
	}
	writer := openT(t, dir)
	applyT(t, writer, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	if h, _ := reader.NoteHashes(ctx); h["a.md"] != "ha" {
		t.Errorf("after another process's first commit the reader holds %v", h)
	}
	applyT(t, writer, graph.Changeset{Put: []graph.NoteGraph{testNote("b.md", "hb")}})
	res, err := reader.Query(ctx, "MATCH (t:Talk) RETURN count(t) AS n", nil)
	if err != nil || res.Rows[0][0] != int64(2) {
		t.Errorf("a query after a second commit: %v, %v; want 2 talks", res, err)
	}
	g, err := reader.Graph(ctx)
	if err != nil || g.Stats().Nodes[graph.Talk] != 2 {
		t.Errorf("Graph after the commits: %v", err)
	}
}

// A store whose path holds glob characters cleans only its own files: a
// store at "conf[1]" never touches the one at "conf1".
func TestCollect_globCharacters(t *testing.T) {
	root := t.TempDir()
	other := openT(t, filepath.Join(root, "conf1"))
	applyT(t, other, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	s := openT(t, filepath.Join(root, "conf[1]"))
	for i := range 3 {
		applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("b.md", fmt.Sprint("h", i))}})
	}
	again := openT(t, filepath.Join(root, "conf1"))
	if _, err := again.Graph(context.Background()); err != nil {
		t.Fatalf("the other store after this one's Applies: %v", err)
	}
	if h, _ := again.NoteHashes(context.Background()); h["a.md"] != "ha" {
		t.Errorf("the other store holds %v", h)
	}
	packs, _ := os.ReadDir(filepath.Join(root, "conf[1]", packsDir))
	if len(packs) > 2 {
		t.Errorf("conf[1] keeps %d packs: its own old ones were not collected", len(packs))
	}
}

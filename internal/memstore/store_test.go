package memstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

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
	fi, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if size, err := s.Size(); size != fi.Size() || err != nil {
		t.Errorf("Size() = %d, %v, want %d, nil", size, err, fi.Size())
	}
}

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
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openT(t, t.TempDir())
			for _, c := range tt.steps {
				applyT(t, s, c)
			}
			got := readFile(t, s.file)
			if want == nil {
				want = got
				return
			}
			if string(got) != string(want) {
				t.Errorf("graph.json differs from the first build:\ngot  %s\nwant %s", got, want)
			}
		})
	}
}

func TestApply_fileFormat(t *testing.T) {
	s := openT(t, t.TempDir())
	applyT(t, s, graph.Changeset{})
	if _, err := os.Stat(s.file); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an empty changeset on an empty store wrote %s (stat error %v)", s.file, err)
	}
	g := graph.New()
	g.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"v": 1.0}})
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{{Path: "b.md", Hash: "hb", Graph: g}, {Path: "a.md", Hash: "ha", Graph: graph.New()}}})
	want := `{"format":"talkgraph-store","version":2,"index":{"notes":[["a.md","ha"],["b.md","hb"]],"nodes":{"Concept":0,"Event":0,"Note":0,"Organization":0,"Person":0,"Series":0,"Speaker":0,"Talk":0,"Tool":1},"rels":{"ABOUT":0,"AFFILIATED_WITH":0,"AT":0,"EDITION_OF":0,"FROM":0,"MENTIONS":0,"PRESENTED":0,"RELATED_TO":0}},"notes":[
{"path":"a.md","hash":"ha","graph":{"nodes":[],"rels":[]}},
{"path":"b.md","hash":"hb","graph":{"nodes":[{"id":"tool:go","label":"Tool","props":{"v":1.0}}],"rels":[]}}
]}
`
	if got := string(readFile(t, s.file)); got != want {
		t.Errorf("graph.json\ngot  %s\nwant %s", got, want)
	}
	applyT(t, s, graph.Changeset{Delete: []string{"a.md", "b.md"}})
	want = `{"format":"talkgraph-store","version":2,"index":{"notes":[],"nodes":{"Concept":0,"Event":0,"Note":0,"Organization":0,"Person":0,"Series":0,"Speaker":0,"Talk":0,"Tool":0},"rels":{"ABOUT":0,"AFFILIATED_WITH":0,"AT":0,"EDITION_OF":0,"FROM":0,"MENTIONS":0,"PRESENTED":0,"RELATED_TO":0}},"notes":[]}` + "\n"
	if got := string(readFile(t, s.file)); got != want {
		t.Errorf("graph.json with no notes\ngot  %s\nwant %s", got, want)
	}
}

func TestApply_writeFails(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	before := readFile(t, s.file)
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
	if got := readFile(t, s.file); string(got) != string(before) {
		t.Errorf("graph.json changed by a failed Apply:\ngot  %s\nwant %s", got, before)
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
	stale := filepath.Join(dir, "graph.json.tmp-x")
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
			"graph.json: store format version 7, this talkgraph reads versions 1 and 2"},
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

// TestOpen_index: Open reads only the index line; the hashes and counts
// come from it, the notes are decoded on first need (where a corrupt note
// is reported, positioned), and a version 1 snapshot is still read.
func TestOpen_index(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	g := graph.New()
	g.AddNode(graph.Node{ID: "tool:go", Label: graph.Tool, Props: map[string]any{"name": "Go"}})
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{{Path: "a.md", Hash: "ha", Graph: g}}})
	data := readFile(t, s.file)
	// Corrupt the note below the index: the index still answers.
	bad := strings.Replace(string(data), `"label":"Tool"`, `"label":"Gadget"`, 1)
	if err := os.WriteFile(s.file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	s2 := openT(t, dir)
	hashes, err := s2.NoteHashes(t.Context())
	if err != nil || hashes["a.md"] != "ha" {
		t.Errorf("hashes from the index: %v, %v", hashes, err)
	}
	st, err := s2.Stats(t.Context())
	if err != nil || st.Nodes[graph.Tool] != 1 {
		t.Errorf("stats from the index: %v, %v", st, err)
	}
	if _, err := s2.Graph(t.Context()); err == nil || !strings.Contains(err.Error(), `unknown label "Gadget"`) {
		t.Errorf("Graph of a corrupt note: %v, want the note's error", err)
	}
	// Version 1: no index, read whole.
	v1 := `{"format":"talkgraph-store","version":1,"notes":[
{"path":"a.md","hash":"ha","graph":{"nodes":[{"id":"tool:go","label":"Tool","props":{"name":"Go"}}],"rels":[]}}
]}
`
	if err := os.WriteFile(s.file, []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	s3 := openT(t, dir)
	if g, err := s3.Graph(t.Context()); err != nil || g.NodeCount() != 1 {
		t.Errorf("version 1 store: %v, %v", g, err)
	}
}

func TestApply_locked(t *testing.T) {
	dir := t.TempDir()
	holder, s := openT(t, dir), openT(t, dir)
	unlock, err := holder.lock()
	if err != nil {
		t.Fatal(err)
	}
	err = s.Apply(context.Background(), graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Apply on a locked store: error = %v, want ErrLocked", err)
	}
	if want := "store " + dir + " is locked by another talkgraph process"; err.Error() != want {
		t.Errorf("Apply on a locked store: error = %q, want %q", err, want)
	}
	if h, _ := s.NoteHashes(context.Background()); len(h) != 0 {
		t.Errorf("NoteHashes() = %v after a refused Apply, want none", h)
	}
	unlock()
	applyT(t, s, graph.Changeset{Put: []graph.NoteGraph{testNote("a.md", "ha")}})
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
// same bytes as one that never closed: the lines it keeps from the file
// are those encodeNote would write, hostile paths included.
func TestOpen_reusesLines(t *testing.T) {
	a, b, c := testNote("a <&> \"x\".md", "h<1>"), testNote("b.md", "h2"), testNote("c.md", "h3")
	d1 := t.TempDir()
	applyT(t, openT(t, d1), graph.Changeset{Put: []graph.NoteGraph{a, b}})
	applyT(t, openT(t, d1), graph.Changeset{Put: []graph.NoteGraph{c}})
	d2 := t.TempDir()
	applyT(t, openT(t, d2), graph.Changeset{Put: []graph.NoteGraph{a, b, c}})
	if got, want := readFile(t, filepath.Join(d1, FileName)), readFile(t, filepath.Join(d2, FileName)); string(got) != string(want) {
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

package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/cypher/parse"
	"github.com/talkgraph/talkgraph/internal/related"
)

// hostile is a name that breaks naive XML, CSV, Cypher and shell writers.
const hostile = "O'Brien \"<b>&amp;</b>\", C:\\path; 日本語 🎉\nsecond line\t`x`"

// testGraph returns a small graph: two talks by a speaker with a hostile
// name, a tool, a concept, an event, and a relationship of each kind
// between them.
func testGraph() *graph.Graph {
	g := graph.New()
	src := func(line int) []graph.Source { return []graph.Source{{Note: "notes/day1.md", Line: line}} }
	g.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk, Props: map[string]any{
		"title": "Async <Django> & \"you\"", "year": int64(2019), "event": "DjangoCon", "rating": 4.5,
		"tags": []string{"web", "a;b"}, "video_url": "https://example.com/v?a=1&b=2"}, Sources: src(10)})
	g.AddNode(graph.Node{ID: "talk:b", Label: graph.Talk, Props: map[string]any{"title": hostile, "year": int64(2020), "rating": int64(3)}, Sources: src(20)})
	g.AddNode(graph.Node{ID: "speaker:o-brien", Label: graph.Speaker, Props: map[string]any{"name": hostile}, Sources: src(10)})
	g.AddNode(graph.Node{ID: "tool:django", Label: graph.Tool, Props: map[string]any{"name": "Django", "id": "shadowed"}})
	g.AddNode(graph.Node{ID: "concept:async", Label: graph.Concept, Props: map[string]any{"name": "async"}})
	g.AddRel(graph.Rel{Type: graph.Presented, From: "speaker:o-brien", To: "talk:a", Sources: src(10)})
	g.AddRel(graph.Rel{Type: graph.Presented, From: "speaker:o-brien", To: "talk:b", Sources: src(20)})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:a", To: "tool:django", Sources: []graph.Source{{Note: "notes/day1.md", Line: 11}, {Note: "notes/day1.md", Line: 12}}})
	g.AddRel(graph.Rel{Type: graph.About, From: "talk:a", To: "concept:async", Sources: src(10)})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:b", To: "tool:django", Sources: src(21)})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:b", To: "tool:missing"}) // dangling: left out
	return g
}

func TestGraphML(t *testing.T) {
	var buf bytes.Buffer
	if err := GraphML(&buf, testGraph()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, buf.String())
	}
	if len(doc.Graph.Nodes) != 5 || len(doc.Graph.Edges) != 5 {
		t.Fatalf("got %d nodes and %d edges, want 5 and 5", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	keys := map[string]string{} // id → for/name/type
	for _, k := range doc.Keys {
		keys[k.ID] = k.For + "/" + k.Name + "/" + k.Type
	}
	for _, want := range []string{"node/label/string", "node/labels/string", "node/name/string", "node/title/string",
		"node/year/long", "node/rating/double", "node/tags/string", "node/prop_id/string", "edge/label/string", "edge/count/long"} {
		found := false
		for _, v := range keys {
			found = found || v == want
		}
		if !found {
			t.Errorf("no key %s in %v", want, keys)
		}
	}
	// The speaker's name survives escaping.
	var names []string
	for _, n := range doc.Graph.Nodes {
		for _, d := range n.Data {
			if keys[d.Key] == "node/name/string" {
				names = append(names, d.Value)
			}
		}
	}
	if !slices.Contains(names, hostile) {
		t.Errorf("names %q do not hold %q", names, hostile)
	}
	var types []string
	for _, e := range doc.Graph.Edges {
		for _, d := range e.Data {
			if keys[d.Key] == "edge/label/string" {
				types = append(types, d.Value)
			}
			if keys[d.Key] == "edge/count/long" && e.Target == "tool:django" && e.Source == "talk:a" && d.Value != "2" {
				t.Errorf("count of talk:a MENTIONS django is %s, want 2", d.Value)
			}
		}
	}
	if want := []string{"ABOUT", "MENTIONS", "MENTIONS", "PRESENTED", "PRESENTED"}; !slices.Equal(sorted(types), want) {
		t.Errorf("edge labels %q, want %q", types, want)
	}
	var again bytes.Buffer
	GraphML(&again, testGraph())
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two exports of the same graph differ")
	}
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func TestCSV(t *testing.T) {
	dir := t.TempDir()
	if err := CSV(dir, testGraph()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file   string
		header string
		rows   int
		check  func(t *testing.T, rows [][]string)
	}{
		{file: "talk.csv", header: "id:ID,title,year:long,event,notes:string[],rating:double,sources:string[],tags:string[],video_url,:LABEL", rows: 2,
			check: func(t *testing.T, rows [][]string) {
				if rows[1][1] != hostile || rows[0][7] != "web|a;b" || rows[1][5] != "3" || rows[0][6] != "notes/day1.md:10" || rows[1][3] != "" {
					t.Errorf("talk rows: %q", rows)
				}
			}},
		{file: "speaker.csv", header: "id:ID,name,notes:string[],sources:string[],:LABEL", rows: 1,
			check: func(t *testing.T, rows [][]string) {
				if rows[0][1] != hostile || rows[0][4] != "Speaker" {
					t.Errorf("speaker row: %q", rows[0])
				}
			}},
		{file: "tool.csv", header: "id:ID,name,notes:string[],prop_id,sources:string[],:LABEL", rows: 1},
		{file: "concept.csv", header: "id:ID,name,notes:string[],sources:string[],:LABEL", rows: 1},
		{file: "mentions.csv", header: ":START_ID,:END_ID,:TYPE,count:long,notes:string[],sources:string[]", rows: 2,
			check: func(t *testing.T, rows [][]string) {
				if want := []string{"talk:a", "tool:django", "MENTIONS", "2", "notes/day1.md", "notes/day1.md:11|notes/day1.md:12"}; !slices.Equal(rows[0], want) {
					t.Errorf("mentions row %q, want %q", rows[0], want)
				}
			}},
		{file: "about.csv", header: ":START_ID,:END_ID,:TYPE,notes:string[],sources:string[]", rows: 1},
		{file: "presented.csv", header: ":START_ID,:END_ID,:TYPE,notes:string[],sources:string[]", rows: 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(recs[0], ","); got != tt.header {
				t.Errorf("header %s, want %s", got, tt.header)
			}
			if len(recs)-1 != tt.rows {
				t.Fatalf("%d rows, want %d", len(recs)-1, tt.rows)
			}
			if tt.check != nil {
				tt.check(t, recs[1:])
			}
		})
	}
	readme, err := os.ReadFile(filepath.Join(dir, CSVReadme))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"neo4j-admin database import full", "--nodes=" + filepath.Join(dir, "talk.csv"),
		"--relationships=" + filepath.Join(dir, "mentions.csv"), "--multiline-fields=true",
		// An element holds ";" ("a;b"): the lists are joined by "|", named.
		"--array-delimiter='|'", `joined by "|"`} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.txt lacks %q:\n%s", want, readme)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "person.csv")); !os.IsNotExist(err) {
		t.Errorf("person.csv written for a graph without people: %v", err)
	}
}

func TestShellQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/tmp/out/talk.csv", "/tmp/out/talk.csv"},
		{"/tmp/my dir/talk.csv", "'/tmp/my dir/talk.csv'"},
		{"/tmp/it's/a.csv", `'/tmp/it'\''s/a.csv'`},
	}
	for _, tt := range tests {
		if got := shellQuote(tt.in); got != tt.want {
			t.Errorf("shellQuote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestCypherString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `'plain'`},
		{"O'Brien", `'O\'Brien'`},
		{`say "hi"`, `'say \"hi\"'`},
		{`C:\path`, `'C:\\path'`},
		{"a\nb\r\tc", `'a\nb\r\tc'`},
		{"nul\x00bell\x07", `'nul\u0000bell\u0007'`},
		{"日本語 🎉", `'日本語 🎉'`},
		{"end;\n:exit", `'end;\n:exit'`},
		{"bad\xffutf8", "'bad\uFFFDutf8'"},
	}
	for _, tt := range tests {
		if got := parse.Quote(tt.in); got != tt.want {
			t.Errorf("parse.Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if back := unquoteCypher(t, parse.Quote(tt.in)); back != strings.ToValidUTF8(tt.in, "\uFFFD") {
			t.Errorf("%q does not read back: %q", tt.in, back)
		}
	}
}

// unquoteCypher reads a single-quoted Cypher string literal, as Neo4j's
// lexer does.
func unquoteCypher(t *testing.T, s string) string {
	t.Helper()
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		t.Fatalf("not a quoted literal: %s", s)
	}
	rs := []rune(s[1 : len(s)-1])
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\'' || r == '\n' {
			t.Fatalf("unescaped %q in %s", r, s)
		}
		if r != '\\' {
			b.WriteRune(r)
			continue
		}
		i++
		switch rs[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			var v rune
			for _, h := range rs[i+1 : i+5] {
				v = v*16 + rune(strings.IndexRune("0123456789ABCDEF", h))
			}
			b.WriteRune(v)
			i += 4
		default:
			b.WriteRune(rs[i])
		}
	}
	return b.String()
}

func TestCypherValue(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{int64(2019), "2019"},
		{int64(-3), "-3"},
		{4.5, "4.5"},
		{3.0, "3.0"},
		{1e21, "1.0e21"},
		{1.5e-7, "1.5e-07"},
		{true, "true"},
		{[]string{"a", "b'c"}, `['a', 'b\'c']`},
		{map[string]any{"b": int64(1), "a b": "x", "a": nil}, "{a: null, `a b`: 'x', b: 1}"},
	}
	for _, tt := range tests {
		if got := cypherValue(tt.in); got != tt.want {
			t.Errorf("cypherValue(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestCypher(t *testing.T) {
	var buf bytes.Buffer
	if err := Cypher(&buf, testGraph()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"CREATE CONSTRAINT talk_id IF NOT EXISTS FOR (n:Talk) REQUIRE n.id IS UNIQUE;",
		"MERGE (n:Speaker {id: row.id}) SET n += row;",
		"{id: 'speaker:o-brien', name: " + parse.Quote(hostile) + ", notes: ['notes/day1.md'], sources: ['notes/day1.md:10']}",
		"MATCH (a:Talk {id: row.from})\nMATCH (b:Tool {id: row.to})\nMERGE (a)-[r:MENTIONS]->(b) SET r += row.props;",
		"{from: 'talk:a', props: {count: 2, notes: ['notes/day1.md'], sources: ['notes/day1.md:11', 'notes/day1.md:12']}, to: 'tool:django'}",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("script lacks %s\n%s", want, out)
		}
	}
	if strings.Contains(out, "tool:missing") {
		t.Error("dangling relationship written")
	}
	if i, j := strings.LastIndex(out, "CREATE CONSTRAINT"), strings.Index(out, "UNWIND"); i > j {
		t.Error("constraints are not first")
	}
	var again bytes.Buffer
	Cypher(&again, testGraph())
	if again.String() != out {
		t.Error("two exports of the same graph differ")
	}
}

func TestCypher_batches(t *testing.T) {
	g := graph.New()
	for i := range BatchSize + 1 {
		id := graph.ID(graph.Tool, "tool", strings.Repeat("x", i%7), string(rune('a'+i%26)), string(rune('0'+i%10)), strings.Repeat("y", i/26))
		g.AddNode(graph.Node{ID: id, Label: graph.Tool, Props: map[string]any{"name": id}})
	}
	n := g.NodeCount()
	var buf bytes.Buffer
	if err := Cypher(&buf, g); err != nil {
		t.Fatal(err)
	}
	want := (n + BatchSize - 1) / BatchSize
	if got := strings.Count(buf.String(), "UNWIND ["); got != want {
		t.Errorf("%d statements for %d nodes, want %d", got, n, want)
	}
	if got := strings.Count(buf.String(), "\n  {"); got != n {
		t.Errorf("%d rows, want %d", got, n)
	}
}

// relatedGraph has four talks: a and b share the rare concept "wasm"; a,
// c and d share the common tool "python"; every talk mentions "talks",
// which therefore counts for nothing.
func relatedGraph() *graph.Graph {
	g := graph.New()
	talk := func(id, title string) {
		g.AddNode(graph.Node{ID: id, Label: graph.Talk, Props: map[string]any{"title": title, "year": int64(2024)}})
		g.AddRel(graph.Rel{Type: graph.Mentions, From: id, To: "concept:talks"})
	}
	g.AddNode(graph.Node{ID: "concept:wasm", Label: graph.Concept, Props: map[string]any{"name": "WebAssembly"}})
	g.AddNode(graph.Node{ID: "tool:python", Label: graph.Tool, Props: map[string]any{"name": "Python"}})
	g.AddNode(graph.Node{ID: "concept:talks", Label: graph.Concept, Props: map[string]any{"name": "talks"}})
	g.AddNode(graph.Node{ID: "speaker:x", Label: graph.Speaker, Props: map[string]any{"name": "Zed"}})
	g.AddNode(graph.Node{ID: "speaker:y", Label: graph.Speaker, Props: map[string]any{"name": "Amy"}})
	talk("talk:pycon-us-2018:a", "A")
	talk("talk:b", "B")
	talk("talk:c", "C")
	talk("talk:d", "D")
	g.AddRel(graph.Rel{Type: graph.About, From: "talk:pycon-us-2018:a", To: "concept:wasm"})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:pycon-us-2018:a", To: "concept:wasm"}) // counted once
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:b", To: "concept:wasm"})
	for _, id := range []string{"talk:pycon-us-2018:a", "talk:c", "talk:d"} {
		g.AddRel(graph.Rel{Type: graph.Mentions, From: id, To: "tool:python"})
	}
	g.AddRel(graph.Rel{Type: graph.Presented, From: "speaker:x", To: "talk:b"})
	g.AddRel(graph.Rel{Type: graph.Presented, From: "speaker:y", To: "talk:b"})
	return g
}

// ranked returns g with the RELATED_TO fragments a build would add, k per talk.
func ranked(g *graph.Graph, k int) *graph.Graph {
	gs := []*graph.Graph{g}
	for _, f := range related.New(g, related.Options{K: k}).Fragments() {
		gs = append(gs, f.Graph)
	}
	return graph.MergeAll(gs...)
}

func TestWidgets(t *testing.T) {
	dir := t.TempDir()
	opts := related.Options{K: 2}
	g := ranked(relatedGraph(), 2)
	if err := Widgets(dir, g, 2, opts); err != nil {
		t.Fatal(err)
	}
	var w Widget
	readJSON(t, filepath.Join(dir, "talks", "talk-pycon-us-2018-a.json"), &w)
	type rel struct {
		id     string
		score  float64
		reason string
	}
	var got, want []rel
	for _, r := range w.Related {
		got = append(got, rel{r.ID, r.Score, strings.Join(r.Reason, ",")})
	}
	for _, l := range related.Stored(g)["talk:pycon-us-2018:a"] {
		want = append(want, rel{l.To, l.Score, strings.Join(l.Reason, ",")})
	}
	if len(want) != 2 || !slices.Equal(got, want) {
		t.Errorf("related of a: got %v, want the RELATED_TO of the graph %v", got, want)
	}
	// b shares the rare WebAssembly with a: it comes first, with its details.
	if b := w.Related[0]; b.ID != "talk:b" || !slices.Equal(b.Speakers, []string{"Amy", "Zed"}) || b.Year == nil || *b.Year != 2024 || b.Title != "B" || !slices.Contains(b.Reason, "WebAssembly") {
		t.Errorf("related talk b: %+v", b)
	}

	// What the graph holds is what the widget shows: a relationship put
	// by hand is read, not ranked again.
	g2 := graph.MergeAll(relatedGraph())
	g2.AddRel(graph.Rel{Type: graph.RelatedTo, From: "talk:pycon-us-2018:a", To: "talk:d", Props: map[string]any{"score": 9.5, "rank": int64(1), "reason": []any{"by hand"}}})
	dir2 := t.TempDir()
	if err := Widgets(dir2, g2, 2, opts); err != nil {
		t.Fatal(err)
	}
	readJSON(t, filepath.Join(dir2, "talks", "talk-pycon-us-2018-a.json"), &w)
	if len(w.Related) != 1 || w.Related[0].ID != "talk:d" || w.Related[0].Score != 9.5 || !slices.Equal(w.Related[0].Reason, []string{"by hand"}) {
		t.Errorf("stored RELATED_TO: got %+v", w.Related)
	}

	// Beyond K the ranker ranks again; its first K are the stored ones.
	dir3 := t.TempDir()
	if err := Widgets(dir3, g, 3, opts); err != nil {
		t.Fatal(err)
	}
	readJSON(t, filepath.Join(dir3, "talks", "talk-pycon-us-2018-a.json"), &w)
	got = got[:0]
	for _, r := range w.Related {
		got = append(got, rel{r.ID, r.Score, strings.Join(r.Reason, ",")})
	}
	if len(got) != 3 || !slices.Equal(got[:2], want) {
		t.Errorf("limit 3 over K 2: got %v, want 3 starting %v", got, want)
	}

	var index []IndexEntry
	readJSON(t, filepath.Join(dir, "index.json"), &index)
	var files []string
	for _, e := range index {
		files = append(files, e.ID+"="+e.File)
	}
	wantFiles := []string{"talk:b=talks/talk-b.json", "talk:c=talks/talk-c.json", "talk:d=talks/talk-d.json",
		"talk:pycon-us-2018:a=talks/talk-pycon-us-2018-a.json"}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("index: got %q, want %q", files, wantFiles)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "talks", "talk-c.json"))
	if !bytes.Contains(raw, []byte(`"speakers": []`)) || !bytes.Contains(raw, []byte(`"video_url": ""`)) {
		t.Errorf("talk-c.json lacks empty speakers or video_url:\n%s", raw)
	}
}

func TestWidgets_deterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Widgets(d, ranked(relatedGraph(), 5), 5, related.Options{K: 5}); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"index.json", "talks/talk-b.json", "talks/talk-pycon-us-2018-a.json"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two exports", f)
		}
	}
}

func TestWidgetFiles(t *testing.T) {
	talks := map[string]TalkInfo{}
	for _, id := range []string{"talk:pycon-us-2018:taking-django-async", "talk:a-b:c", "talk:a:b-c", "talk:ü"} {
		talks[id] = TalkInfo{ID: id}
	}
	got := widgetFiles(talks)
	if got["talk:pycon-us-2018:taking-django-async"] != "talk-pycon-us-2018-taking-django-async.json" || got["talk:ü"] != "talk-u.json" {
		t.Errorf("got %q", got)
	}
	a, b := got["talk:a-b:c"], got["talk:a:b-c"]
	if a == b || !strings.HasPrefix(a, "talk-a-b-c-") || !strings.HasPrefix(b, "talk-a-b-c-") {
		t.Errorf("colliding slugs: got %q and %q, want distinct talk-a-b-c-HASH", a, b)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// An export writes every node and relationship with the properties a store
// holds it with, so a query pack reads the same from either.
func TestProps_asStored(t *testing.T) {
	g := testGraph()
	for _, n := range g.Nodes() {
		want := n.StoredProps()
		delete(want, graph.StoredID)
		if got := nodeProps(n); !reflect.DeepEqual(got, want) {
			t.Errorf("nodeProps(%s) = %v, want %v", n.ID, got, want)
		}
	}
	for _, r := range g.Rels() {
		if got, want := relProps(r), r.StoredProps(); !reflect.DeepEqual(got, want) {
			t.Errorf("relProps(%s %s %s) = %v, want %v", r.From, r.Type, r.To, got, want)
		}
	}
}

// Without ";" in any list element, the lists keep the importer's default.
func TestArrayDelimiter(t *testing.T) {
	g := graph.New()
	g.AddNode(graph.Node{ID: "talk:a", Label: graph.Talk, Props: map[string]any{"tags": []string{"a", "b"}}})
	if d := arrayDelimiter(g); d != ";" {
		t.Errorf("delimiter %q, want ;", d)
	}
	g.AddNode(graph.Node{ID: "talk:b", Label: graph.Talk, Props: map[string]any{"tags": []string{"x;y", "p|q", "^"}}})
	if d := arrayDelimiter(g); d != "~" {
		t.Errorf("delimiter %q, want ~ (; | and ^ are taken)", d)
	}
}

// Exporting again after talks went removes their files: a deleted talk's
// widget is not left published. Other files stay.
func TestWidgets_removesDeleted(t *testing.T) {
	dir := t.TempDir()
	g := relatedGraph()
	if err := Widgets(dir, ranked(g, 5), 5, related.Options{K: 5}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadDir(filepath.Join(dir, "talks"))
	os.WriteFile(filepath.Join(dir, "talks", "notes.txt"), []byte("mine"), 0o644)
	small := graph.New()
	for _, n := range g.Nodes() {
		if n.ID == "talk:b" {
			small.AddNode(*n)
		}
	}
	if err := Widgets(dir, small, 5, related.Options{K: 5}); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadDir(filepath.Join(dir, "talks"))
	var names []string
	for _, e := range after {
		names = append(names, e.Name())
	}
	if len(before) < 2 || !slices.Equal(names, []string{"notes.txt", "talk-b.json"}) {
		t.Errorf("talks/ holds %q after exporting one talk (was %d files)", names, len(before))
	}
}

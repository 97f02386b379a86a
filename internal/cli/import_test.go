package cli

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/memstore"
)

// The catalog fixtures, in internal/catalog/testdata: invented talks in
// each layout, and records that cannot be read.
const (
	jsonlFixture   = "../catalog/testdata/jsonl"        // PyCon US 2018 (2 talks), DjangoCon US 2019 (2)
	pyvideoFixture = "../catalog/testdata/pyvideo-data" // PyCon US 2018 (2), DjangoCon US 2012 (1)
	brokenFixture  = "../catalog/testdata/broken"       // PyCon US 2019: 2 good records, 4 bad
)

func TestNewCmdImport(t *testing.T) {
	workers := config.Default().Build.Workers
	tests := []struct {
		name    string
		args    []string
		want    ImportOptions
		workers int
		strict  bool
		wantErr string
	}{
		{name: "a path", args: []string{"pyvideo", "corpus"}, want: ImportOptions{Path: "corpus"}, workers: workers},
		{name: "every flag",
			args:    []string{"pyvideo", "--series", "pycon-us,djangocon-us", "--since", "2015", "--until", "2019", "--json", "--force", "corpus"},
			want:    ImportOptions{Path: "corpus", Filter: catalog.Filter{Series: []string{"pycon-us", "djangocon-us"}, Since: 2015, Until: 2019}, JSON: true, Force: true},
			workers: workers},
		{name: "series by name, repeated", args: []string{"pyvideo", "--series", "PyCon US", "--series", "DjangoCon US", "c.jsonl"},
			want: ImportOptions{Path: "c.jsonl", Filter: catalog.Filter{Series: []string{"PyCon US", "DjangoCon US"}}}, workers: workers},
		{name: "one year", args: []string{"pyvideo", "--since", "2018", "--until", "2018", "c"},
			want: ImportOptions{Path: "c", Filter: catalog.Filter{Since: 2018, Until: 2018}}, workers: workers},
		{name: "workers and strict set the config", args: []string{"pyvideo", "--workers", "3", "--strict", "c"},
			want: ImportOptions{Path: "c"}, workers: 3, strict: true},
		{name: "no path", args: []string{"pyvideo"}, wantErr: "missing PATH argument"},
		{name: "two paths", args: []string{"pyvideo", "a", "b"}, wantErr: `unexpected argument "b"`},
		{name: "since after until", args: []string{"pyvideo", "--since", "2020", "--until", "2019", "c"}, wantErr: "--since 2020 is after --until 2019"},
		{name: "a year that is no number", args: []string{"pyvideo", "--since", "last", "c"}, wantErr: `invalid argument "last"`},
		{name: "no catalog", args: nil, wantErr: "missing catalog: want one of pyvideo"},
		{name: "an unknown catalog", args: []string{"youtube", "c"}, wantErr: `unknown command "youtube"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _ := testIO()
			f := NewFactory(io, t.TempDir())
			var got *ImportOptions
			var cfg config.Config
			cmd := NewCmdImport(f, func(o *ImportOptions) error {
				got = o
				var err error
				cfg, err = o.Factory.Config()
				return err
			})
			err := execute(cmd, io, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("import %q: got error %v, want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("import %q: %v", tt.args, err)
			}
			got.Factory = nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("import %q: got %+v, want %+v", tt.args, *got, tt.want)
			}
			if cfg.Build.Workers != tt.workers || cfg.Build.Strict != tt.strict {
				t.Errorf("import %q: got workers %d strict %v, want %d %v", tt.args, cfg.Build.Workers, cfg.Build.Strict, tt.workers, tt.strict)
			}
		})
	}
}

// importJSON runs `import pyvideo --json ARGS...` in dir and decodes the
// summary.
func importJSON(t *testing.T, dir string, args ...string) (int, importSummary, string) {
	t.Helper()
	code, out, errOut := run(t, dir, append([]string{"import", "pyvideo", "--json"}, args...)...)
	var sum importSummary
	if out != "" {
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("import %q: summary is not JSON: %v\n%s", args, err, out)
		}
	}
	return code, sum, errOut
}

// fixture returns the absolute path of a catalog fixture.
func fixture(t *testing.T, rel string) string {
	t.Helper()
	abs, err := filepath.Abs(rel)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// copyFixture copies a catalog fixture to dir/name.
func copyFixture(t *testing.T, rel, dir, name string) {
	t.Helper()
	if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(fixture(t, rel))); err != nil {
		t.Fatal(err)
	}
}

// catalogTalks returns the Talk nodes of g by title.
func catalogTalks(g *graph.Graph) map[string]*graph.Node {
	out := map[string]*graph.Node{}
	for _, n := range g.Nodes() {
		if n.Label == graph.Talk {
			out[n.Name()] = n
		}
	}
	return out
}

func TestImportRun_jsonl(t *testing.T) {
	dir := t.TempDir()
	code, sum, errOut := importJSON(t, dir, fixture(t, jsonlFixture))
	if code != ExitOK || sum.Read != 4 || sum.Imported != 4 || sum.Failed != 0 || sum.Talks != 4 || sum.Events != 2 {
		t.Fatalf("got code %d, summary %+v, want 4 talks of 2 events imported\n%s", code, sum, errOut)
	}
	hashes, g := openStore(t, dir)
	if len(hashes) != 4 {
		t.Errorf("store holds %q, want 4 catalog talks", slices.Sorted(maps.Keys(hashes)))
	}
	talks := catalogTalks(g)
	search := talks["Postgres Full-Text Search in Django"]
	if search == nil {
		t.Fatalf("no talk %q; talks: %v", "Postgres Full-Text Search in Django", slices.Sorted(maps.Keys(talks)))
	}
	if search.Props["source"] != "catalog" || search.Props["event"] != "DjangoCon US 2019" ||
		search.Props["video_url"] != "https://www.youtube.com/watch?v=fixture0003" ||
		!strings.HasPrefix(search.Props["abstract"].(string), "Django ships with PostgreSQL") ||
		!reflect.DeepEqual(search.Props["speakers"], []string{"Inés Varga", "Tom Okello"}) {
		t.Errorf("talk props = %v", search.Props)
	}
	if search.ID != "talk:djangocon-us-2019:postgres-full-text-search-in-django" {
		t.Errorf("talk id = %s, want the id a note gives it", search.ID)
	}
	for _, k := range []graph.RelKey{
		{Type: graph.Mentions, From: search.ID, To: "tool:postgresql"},
		{Type: graph.Mentions, From: search.ID, To: "tool:elasticsearch"},
		{Type: graph.About, From: search.ID, To: "tool:django"},
		{Type: graph.Presented, From: "speaker:ines-varga", To: search.ID},
		{Type: graph.At, From: search.ID, To: "event:djangocon-us:2019"},
	} {
		if _, ok := g.Rel(k); !ok {
			t.Errorf("missing %v", k)
		}
	}
	if k := talks["Keynote"]; k == nil || k.Props["kind"] != "keynote" || k.Props["duration"] != int64(2700) {
		t.Errorf("keynote = %+v, want kind keynote and duration 2700", k)
	}

	t.Run("a second import changes nothing", func(t *testing.T) {
		before, _ := os.ReadFile(filepath.Join(dir, ".talkgraph", memstore.IndexName))
		_, sum, _ := importJSON(t, dir, fixture(t, jsonlFixture))
		if sum.Read != 4 || sum.Imported != 0 || sum.Unchanged != 4 || sum.Deleted != 0 {
			t.Errorf("got %+v, want 4 unchanged", sum)
		}
		after, _ := os.ReadFile(filepath.Join(dir, ".talkgraph", memstore.IndexName))
		if string(before) != string(after) {
			t.Error("the store changed")
		}
	})
	t.Run("force imports every talk", func(t *testing.T) {
		_, sum, _ := importJSON(t, dir, "--force", fixture(t, jsonlFixture))
		if sum.Imported != 4 || sum.Talks != 4 {
			t.Errorf("got %+v, want 4 imported and still 4 talks", sum)
		}
	})
}

func TestImportRun_pyvideoData(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, pyvideoFixture, dir, "data")
	code, out, errOut := run(t, dir, "import", "pyvideo", "data")
	for _, rx := range []string{`(?m)^talks read +3$`, `(?m)^  imported +3$`, `(?m)^talks failed +0$`, `(?m)^events +2$`, `(?m)^store +\.talkgraph \(`} {
		if !regexp.MustCompile(rx).MatchString(out) {
			t.Errorf("output does not match %s:\n%s", rx, out)
		}
	}
	if code != ExitOK || errOut != "" {
		t.Fatalf("got code %d, stderr %q", code, errOut)
	}
	_, g := openStore(t, dir)
	talks := catalogTalks(g)
	redis := talks["Caching Django with Redis"]
	if redis == nil || redis.Props["event"] != "DjangoCon US 2012" || redis.ID != "talk:djangocon-us-2012:caching-django-with-redis" {
		t.Fatalf("talk = %+v, want it at DjangoCon US 2012 (from djangocon-2012/category.json)", redis)
	}
	if _, ok := g.Rel(graph.RelKey{Type: graph.Mentions, From: redis.ID, To: "tool:redis"}); !ok {
		t.Errorf("no MENTIONS Redis")
	}
	poetry := talks["Tutorial: Packaging Python Projects with Poetry"]
	if poetry == nil || poetry.Props["kind"] != "tutorial" || !strings.HasPrefix(poetry.Props["abstract"].(string), "Bring a laptop") {
		t.Errorf("tutorial = %+v, want kind tutorial and the summary as abstract", poetry)
	}
	note, ok := g.Node(graph.ID(graph.Note, "pyvideo/djangocon-2012/djangocon-2012--caching-django-with-redis"))
	if !ok || note.Props["source"] != "catalog" {
		t.Errorf("note = %+v, want the talk's virtual note with source catalog", note)
	}

	t.Run("the same talks as JSON Lines are unchanged", func(t *testing.T) {
		_, sum, _ := importJSON(t, dir, "--series", "pycon-us", "--since", "2018", "--until", "2018", fixture(t, jsonlFixture))
		if sum.Read != 2 || sum.Unchanged != 1 || sum.Imported != 1 || sum.Deleted != 1 {
			t.Errorf("got %+v, want the pandas talk unchanged, the lightning talks imported, the Poetry tutorial deleted", sum)
		}
		if _, g := openStore(t, dir); catalogTalks(g)["Caching Django with Redis"] == nil {
			t.Error("DjangoCon US 2012 was deleted, though not selected")
		}
	})
}

func TestImportRun_select(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"--series", "pycon-us"}, 2},
		{[]string{"--series", "DjangoCon US"}, 2},
		{[]string{"--series", "europython"}, 0},
		{[]string{"--since", "2019"}, 2},
		{[]string{"--until", "2018"}, 2},
		{[]string{"--since", "2018", "--until", "2019", "--series", "pycon-us,djangocon-us"}, 4},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			_, sum, _ := importJSON(t, dir, append(tt.args, fixture(t, jsonlFixture))...)
			if sum.Read != tt.want || sum.Talks != tt.want {
				t.Errorf("got %d read, %d talks in the store, want %d", sum.Read, sum.Talks, tt.want)
			}
		})
	}
}

func TestImportRun_delete(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, jsonlFixture, dir, "c")
	importJSON(t, dir, "c")
	djangocon := filepath.Join(dir, "c", "djangocon-us", "2019.jsonl")
	lines, _ := os.ReadFile(djangocon)
	first, _, _ := strings.Cut(string(lines), "\n")
	writeFiles(t, dir, map[string]string{"c/djangocon-us/2019.jsonl": first + "\n"})

	_, sum, _ := importJSON(t, dir, "c/pycon-us")
	if sum.Deleted != 0 || sum.Talks != 4 {
		t.Errorf("importing PyCon US only: got %+v, want nothing deleted", sum)
	}
	_, sum, _ = importJSON(t, dir, "c")
	if sum.Deleted != 1 || sum.Unchanged != 3 || sum.Talks != 3 {
		t.Errorf("got %+v, want the keynote gone from the catalog deleted", sum)
	}
	hashes, _ := openStore(t, dir)
	if _, ok := hashes["pyvideo/djangocon-us-2019/djangocon-us-2019--keynote-pat-riley"]; ok {
		t.Error("the keynote is still in the store")
	}

	t.Run("a whole edition goes when its year is named", func(t *testing.T) {
		os.Remove(djangocon)
		_, sum, _ := importJSON(t, dir, "c")
		if sum.Deleted != 0 {
			t.Errorf("without years: got %d deleted, want 0", sum.Deleted)
		}
		_, sum, _ = importJSON(t, dir, "--since", "2019", "--until", "2019", "--series", "djangocon-us", "c")
		if sum.Deleted != 1 || sum.Talks != 2 {
			t.Errorf("with --since/--until: got %+v, want DjangoCon US 2019 deleted", sum)
		}
	})
	t.Run("build leaves catalog talks alone", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"notes/day1.md": buildNotes["notes/day1.md"]})
		_, sum, _ := buildJSON(t, dir, ".")
		hashes, _ := openStore(t, dir)
		if sum.NotesDeleted != 0 || len(hashes) != 3 {
			t.Errorf("build .: got %d deleted, store %q, want the note beside the 2 catalog talks", sum.NotesDeleted, slices.Sorted(maps.Keys(hashes)))
		}
	})
}

func TestImportRun_error(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, brokenFixture, dir, "broken")
	code, sum, errOut := importJSON(t, dir, "broken")
	if code != ExitOK || sum.Imported != 2 || sum.Failed != 4 || len(sum.Errors) != 4 {
		t.Fatalf("got code %d, %+v, want 0, 2 imported and 4 failed\n%s", code, sum, errOut)
	}
	for _, want := range []string{
		"broken/pycon-us/2019.jsonl:2: invalid JSON",
		"broken/pycon-us/2019.jsonl:3: missing title",
		"broken/pycon-us/2019.jsonl:4: speakers: got a JSON string, want a list",
		"broken/pycon-us-2019/videos/trailing-comma.json:7:1: invalid JSON",
	} {
		if !strings.Contains(errOut, "\n"+want) && !strings.HasPrefix(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}

	t.Run("strict exits 3", func(t *testing.T) {
		code, _, _ := importJSON(t, dir, "--strict", "broken")
		if code != ExitPartial {
			t.Errorf("got code %d, want %d", code, ExitPartial)
		}
	})
	t.Run("a talk whose record breaks stays", func(t *testing.T) {
		data, _ := os.ReadFile(filepath.Join(dir, "broken", "pycon-us", "2019.jsonl"))
		writeFiles(t, dir, map[string]string{"broken/pycon-us/2019.jsonl": strings.Replace(string(data), `"title": "Testing with pytest Fixtures"`, `"title": 7`, 1)})
		_, sum, _ := importJSON(t, dir, "broken")
		if sum.Failed != 5 || sum.Deleted != 0 || sum.Talks != 2 {
			t.Errorf("got %+v, want 5 failed and both talks kept", sum)
		}
	})
	t.Run("strict counts records", func(t *testing.T) {
		code, _, errOut := run(t, dir, "import", "pyvideo", "--strict", fixture(t, brokenFixture))
		if code != ExitPartial || !strings.Contains(errOut, " records failed (--strict)") {
			t.Errorf("got code %d, stderr:\n%s", code, errOut)
		}
	})
	t.Run("no record could be read", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"bad.jsonl": "{\n[]\n"})
		code, _, errOut := run(t, dir, "import", "pyvideo", "bad.jsonl")
		if code != ExitError || !strings.Contains(errOut, "bad.jsonl:1: invalid JSON") || !strings.Contains(errOut, "no record could be read: all 2 failed") {
			t.Errorf("got code %d, stderr:\n%s", code, errOut)
		}
	})
	t.Run("a missing path", func(t *testing.T) {
		code, _, errOut := run(t, dir, "import", "pyvideo", "nowhere")
		if code != ExitError || !strings.Contains(errOut, "talkgraph: nowhere: no such file or directory") {
			t.Errorf("got code %d, stderr %q", code, errOut)
		}
	})
}

// TestImportRun_notes checks that a note's talk and the catalog's talk of
// the same edition and title are one node.
func TestImportRun_notes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes/pycon.md": "---\ntitle: PyCon 2018 day two\n---\n" +
		"## Profiling pandas Pipelines Without Tears (Marta Quill)\n\nShe used py-spy on a notebook.\n"})
	buildJSON(t, dir, "notes")
	importJSON(t, dir, fixture(t, jsonlFixture))
	_, g := openStore(t, dir)
	talk, ok := g.Node("talk:pycon-us-2018:profiling-pandas-pipelines-without-tears")
	if !ok {
		t.Fatalf("no talk; talks: %v", slices.Sorted(maps.Keys(catalogTalks(g))))
	}
	notes := map[string]bool{}
	for _, s := range talk.Sources {
		notes[s.Note] = true
	}
	if len(notes) != 2 || !notes["notes/pycon.md"] || talk.Props["video_url"] == nil {
		t.Errorf("talk sources %v, props %v: want the note and the catalog", talk.Sources, talk.Props)
	}
}

// TestImportRun_corpus imports the pyvideo corpus of ../shared/corpus and
// checks the figures of its README. It runs when the corpus is there, and
// must when CI is set.
func TestImportRun_corpus(t *testing.T) {
	corpus, err := filepath.Abs("../../../shared/corpus/pyvideo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set and the corpus is missing: %v", err)
		}
		t.Skipf("no corpus at %s", corpus)
	}
	if testing.Short() {
		t.Skip("the corpus import takes seconds")
	}
	dir := t.TempDir()
	code, sum, errOut := importJSON(t, dir, corpus)
	// 2,911 records; DjangoCon US 2015 "The D is Silent" is in two files,
	// one talk.
	if code != ExitOK || sum.Read != 2911 || sum.Imported != 2911 || sum.Failed != 0 || sum.Talks != 2910 || sum.Events != 35 {
		t.Fatalf("got code %d, %+v, want 2911 read and imported, 2910 talks, 35 events\n%s", code, sum, errOut)
	}
	if sum.Speakers != 1915 {
		t.Errorf("got %d speakers, want 1,915 (one per person once spellings are folded, without \"Various speakers\")", sum.Speakers)
	}
	_, g := openStore(t, dir)
	editions := map[string]int{}
	withTools, withAbstract := 0, 0
	for _, n := range g.Nodes() {
		switch n.Label {
		case graph.Event:
			editions[n.Props["series"].(string)]++
		case graph.Talk:
			if n.Props["source"] != "catalog" {
				t.Errorf("talk %s has source %v, want catalog", n.ID, n.Props["source"])
			}
			if n.Props["abstract"] != nil {
				withAbstract++
			}
		}
	}
	for _, r := range g.Rels() {
		if r.Type == graph.Mentions && strings.HasPrefix(r.To, "tool:") {
			withTools++
		}
	}
	if editions["PyCon US"] != 18 || editions["DjangoCon US"] != 17 {
		t.Errorf("got editions %v, want 18 PyCon US and 17 DjangoCon US", editions)
	}
	if withAbstract < 2911-186-1 || withTools < 3000 {
		t.Errorf("got %d talks with an abstract and %d tool mentions, want 2,724 and thousands", withAbstract, withTools)
	}
	_, sum, _ = importJSON(t, dir, corpus)
	if sum.Unchanged != 2911 || sum.Imported != 0 || sum.Deleted != 0 {
		t.Errorf("second import: got %+v, want every talk unchanged", sum)
	}
}

// TestImportRun_neo4j imports the JSON Lines fixture into a real Neo4j: the
// counts of an embedded import, Neo4j's counters, and a second import that
// writes nothing.
func TestImportRun_neo4j(t *testing.T) {
	dir := neo4jDir(t)
	code, sum, errOut := importJSON(t, dir, "--store", "neo4j", fixture(t, jsonlFixture))
	if code != ExitOK || sum.Imported != 4 || sum.Store != "neo4j" || sum.Neo4j == nil || sum.Neo4j.NodesCreated == 0 {
		t.Fatalf("got exit %d, %+v, want 4 talks imported into neo4j\n%s", code, sum, errOut)
	}
	_, embedded, _ := importJSON(t, dir, fixture(t, jsonlFixture))
	if sum.Talks != embedded.Talks || sum.Tools != embedded.Tools || sum.Relationships != embedded.Relationships {
		t.Errorf("got %+v from Neo4j, want the counts of the embedded import %+v", sum, embedded)
	}
	_, sum, _ = importJSON(t, dir, "--store", "neo4j", fixture(t, jsonlFixture))
	if sum.Unchanged != 4 || sum.Neo4j == nil || *sum.Neo4j != (neo4jCounts{}) {
		t.Errorf("second import: got %+v, counters %+v, want every talk unchanged and zero counters", sum, sum.Neo4j)
	}
}

// TestBuildRun_relink checks that a build after an import extracts the
// notes again and links their talks to the catalog's.
func TestBuildRun_relink(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes/pycon.md": "---\ntitle: PyCon 2018 day two\n---\n" +
		"## Profiling Pandas Pipelines without tears! (Marta Quill)\n\nShe used py-spy on a notebook.\n"})
	if _, sum, errOut := buildJSON(t, dir, "notes"); sum.NotesExtracted != 1 {
		t.Fatalf("first build: got %d extracted, want 1\n%s", sum.NotesExtracted, errOut)
	}
	if code, _, errOut := importJSON(t, dir, fixture(t, jsonlFixture)); code != ExitOK {
		t.Fatalf("import: got exit %d\n%s", code, errOut)
	}
	_, sum, errOut := buildJSON(t, dir, "notes")
	if sum.NotesExtracted != 1 || sum.NotesUnchanged != 0 {
		t.Fatalf("build after import: got %d extracted, %d unchanged, want 1, 0\n%s", sum.NotesExtracted, sum.NotesUnchanged, errOut)
	}
	_, g := openStore(t, dir)
	var talks []*graph.Node
	for _, n := range g.Nodes() {
		if n.Label == graph.Talk && strings.Contains(strings.ToLower(n.Name()), "profiling") {
			talks = append(talks, n)
		}
	}
	if len(talks) != 1 {
		t.Fatalf("got %d profiling talks, want 1 for the note and the catalog", len(talks))
	}
	notes := map[string]bool{}
	for _, s := range talks[0].Sources {
		notes[strings.SplitN(s.Note, "/", 2)[0]] = true
	}
	if talks[0].Props["source"] != "catalog" || !notes["notes"] || !notes["pyvideo"] {
		t.Errorf("talk %s has props %v and sources %v, want the catalog's talk from notes/ and pyvideo/", talks[0].ID, talks[0].Props, talks[0].Sources)
	}
	t.Run("the note's title finds the linked talk", func(t *testing.T) {
		// "tears!" is in the note's title only, not in the catalog's
		code, out, errOut := run(t, dir, "show", "talk", "Profiling Pandas Pipelines without tears!")
		if code != ExitOK || !strings.Contains(out, talks[0].ID) {
			t.Errorf("show talk by the note's title: exit %d, output %q, stderr %q; want %s", code, out, errOut, talks[0].ID)
		}
	})
	t.Run("a rebuild extracts nothing", func(t *testing.T) {
		if _, sum, _ := buildJSON(t, dir, "notes"); sum.NotesExtracted != 0 || sum.NotesUnchanged != 1 {
			t.Errorf("got %d extracted, %d unchanged, want 0, 1", sum.NotesExtracted, sum.NotesUnchanged)
		}
	})
}

// A build after the lexicon changed says that the catalog talks, which only
// import extracts, are behind, and an import brings them up to date.
func TestBuildRun_staleCatalog(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, pyvideoFixture, dir, "data")
	writeFiles(t, dir, map[string]string{"notes/a.md": buildNotes["notes/day2.md"], "lex.yaml": "tools:\n  - name: Frobnicator\n"})
	if code, _, errOut := run(t, dir, "import", "pyvideo", "data"); code != ExitOK {
		t.Fatalf("import: %d %s", code, errOut)
	}
	if _, _, errOut := run(t, dir, "build", "--quiet", "notes"); strings.Contains(errOut, "catalog talks") {
		t.Errorf("a build with the import's lexicon warns: %s", errOut)
	}
	t.Setenv("TALKGRAPH_LEXICON", "lex.yaml")
	_, _, errOut := run(t, dir, "build", "--quiet", "notes")
	if !strings.Contains(errOut, "warning: 3 catalog talks were extracted with another lexicon") {
		t.Errorf("a build with a new lexicon: stderr %q, want the warning", errOut)
	}
	run(t, dir, "import", "pyvideo", "data")
	if _, _, errOut := run(t, dir, "build", "--quiet", "notes"); strings.Contains(errOut, "catalog talks") {
		t.Errorf("after the import: %s", errOut)
	}
}

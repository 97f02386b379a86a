package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/memstore"
	"github.com/talkgraph/talkgraph/internal/related"
)

// The notes of the build tests: three talks, one per note, with clear
// headings.
var buildNotes = map[string]string{
	"notes/day1.md": `---
title: DjangoCon US 2019, day one
conference: DjangoCon US
year: 2019
---
# DjangoCon US 2019, day one

## Taking Django Async (Andrew Godwin)

Andrew showed how Django can run async views on top of asyncio,
and why the ORM stays synchronous for now.
`,
	"notes/day2.md": `# DjangoCon US 2019, day two

## Testing with Hypothesis (Zac Hatfield-Dodds)

Property-based testing with Hypothesis and pytest.
`,
	"notes/day3.txt": `# DjangoCon US 2019, day three

## Deploying with Docker (Sam Smith)

Docker images for Django apps, with Kubernetes.
`,
	"notes/.drafts/skipped.md":    "## Hidden Draft (Nobody)\n",
	"notes/README.md":             "# About these notes\n",
	"notes/images/not-a-note.png": "\x89PNG",
}

// brokenNote has front matter that is not valid YAML, on its line 2.
const brokenNote = "---\ntitle: [unclosed\nyear: 2019\n---\n# Broken\n"

func TestNewCmdBuild(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    BuildOptions
		workers int
		strict  bool
		minConf float64
		wantErr string
	}{
		{name: "one path", args: []string{"notes"}, want: BuildOptions{Paths: []string{"notes"}}, workers: config.Default().Build.Workers},
		{name: "several paths and json", args: []string{"--json", "a", "b.md"}, want: BuildOptions{Paths: []string{"a", "b.md"}, JSON: true}, workers: config.Default().Build.Workers},
		{name: "force", args: []string{"--force", "notes"}, want: BuildOptions{Paths: []string{"notes"}, Force: true}, workers: config.Default().Build.Workers},
		{name: "workers and strict set the config", args: []string{"--workers", "3", "--strict", "notes"}, want: BuildOptions{Paths: []string{"notes"}}, workers: 3, strict: true},
		{name: "min confidence sets the config", args: []string{"--min-confidence", "0.6", "notes"}, want: BuildOptions{Paths: []string{"notes"}}, workers: config.Default().Build.Workers, minConf: 0.6},
		{name: "min confidence out of range", args: []string{"--min-confidence", "2", "notes"}, wantErr: "build.min_confidence: must be between 0 and 1"},
		{name: "no path", args: nil, wantErr: "missing PATH argument"},
		{name: "bad workers", args: []string{"--workers", "many", "notes"}, wantErr: `invalid argument "many"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _ := testIO()
			f := NewFactory(io, t.TempDir())
			var got *BuildOptions
			var cfg config.Config
			cmd := NewCmdBuild(f, func(o *BuildOptions) error {
				got = o
				var err error
				cfg, err = o.Factory.Config()
				return err
			})
			err := execute(cmd, io, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("build %q: got error %v, want one containing %q", tt.args, err, tt.wantErr)
				}
				var fe *FlagError
				if strings.HasPrefix(tt.wantErr, "invalid argument") && !errors.As(err, &fe) {
					t.Errorf("build %q: %v is not a usage error", tt.args, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("build %q: %v", tt.args, err)
			}
			if !slices.Equal(got.Paths, tt.want.Paths) || got.JSON != tt.want.JSON || got.Force != tt.want.Force {
				t.Errorf("build %q: got paths %q json %v force %v, want %q %v %v",
					tt.args, got.Paths, got.JSON, got.Force, tt.want.Paths, tt.want.JSON, tt.want.Force)
			}
			if cfg.Build.Workers != tt.workers || cfg.Build.Strict != tt.strict || cfg.Build.MinConfidence != tt.minConf {
				t.Errorf("build %q: got workers %d strict %v min confidence %g, want %d %v %g", tt.args,
					cfg.Build.Workers, cfg.Build.Strict, cfg.Build.MinConfidence, tt.workers, tt.strict, tt.minConf)
			}
		})
	}
}

// buildJSON runs `build --json ARGS...` in dir and decodes the summary.
func buildJSON(t *testing.T, dir string, args ...string) (int, buildSummary, string) {
	t.Helper()
	code, out, errOut := run(t, dir, append([]string{"build", "--json"}, args...)...)
	var sum buildSummary
	if out != "" {
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("build %q: summary is not JSON: %v\n%s", args, err, out)
		}
	}
	return code, sum, errOut
}

// openStore opens the store in dir and returns its note hashes (less the
// fragment of related talks every build stores) and graph.
func openStore(t *testing.T, dir string) (map[string]string, *graph.Graph) {
	t.Helper()
	s, err := memstore.Open(filepath.Join(dir, ".talkgraph"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hashes, err := s.NoteHashes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.Graph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	maps.DeleteFunc(hashes, func(path, _ string) bool { return related.IsFragment(path) })
	return hashes, g
}

func hasTalk(g *graph.Graph, title string) bool {
	for _, n := range g.Nodes() {
		if n.Label == graph.Talk && strings.EqualFold(n.Name(), title) {
			return true
		}
	}
	return false
}

func TestBuildRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)

	code, sum, errOut := buildJSON(t, dir, "notes")
	if code != ExitOK || sum.NotesExtracted != 3 || sum.NotesUnchanged != 0 || sum.NotesFailed != 0 {
		t.Fatalf("first build: got code %d, %d extracted, %d unchanged, %d failed, want 0, 3, 0, 0\n%s",
			code, sum.NotesExtracted, sum.NotesUnchanged, sum.NotesFailed, errOut)
	}
	if sum.Talks == 0 || sum.Speakers == 0 || sum.Tools == 0 || sum.Relationships == 0 {
		t.Errorf("first build: got %+v, want talks, speakers, tools and relationships", sum)
	}
	if sum.StorePath != ".talkgraph" || sum.StoreSize == 0 {
		t.Errorf("first build: got store %q of %d bytes, want .talkgraph, not empty", sum.StorePath, sum.StoreSize)
	}
	hashes, g := openStore(t, dir)
	wantPaths := []string{"notes/day1.md", "notes/day2.md", "notes/day3.txt"}
	if got := slices.Sorted(maps.Keys(hashes)); !slices.Equal(got, wantPaths) {
		t.Errorf("first build: store holds %q, want %q (no dot-dirs, README or .png)", got, wantPaths)
	}
	if !hasTalk(g, "Taking Django Async") {
		t.Errorf("first build: no talk %q in the store", "Taking Django Async")
	}

	t.Run("an unchanged rebuild extracts nothing", func(t *testing.T) {
		_, sum, _ := buildJSON(t, dir, "notes")
		if sum.NotesExtracted != 0 || sum.NotesUnchanged != 3 || sum.NotesRead != 3 {
			t.Errorf("got %d extracted, %d unchanged, %d read, want 0, 3, 3", sum.NotesExtracted, sum.NotesUnchanged, sum.NotesRead)
		}
	})
	t.Run("an edited note is extracted again", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"notes/day2.md": strings.Replace(buildNotes["notes/day2.md"], "pytest", "pytest and tox", 1)})
		_, sum, _ := buildJSON(t, dir, "notes")
		if sum.NotesExtracted != 1 || sum.NotesUnchanged != 2 {
			t.Errorf("got %d extracted, %d unchanged, want 1, 2", sum.NotesExtracted, sum.NotesUnchanged)
		}
	})
	t.Run("force extracts every note", func(t *testing.T) {
		_, sum, _ := buildJSON(t, dir, "--force", "notes")
		if sum.NotesExtracted != 3 {
			t.Errorf("got %d extracted, want 3", sum.NotesExtracted)
		}

	})
	t.Run("a deleted note leaves the store", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, "notes", "day3.txt")); err != nil {
			t.Fatal(err)
		}
		_, sum, _ := buildJSON(t, dir, "notes")
		if sum.NotesDeleted != 1 || sum.NotesUnchanged != 2 {
			t.Errorf("got %d deleted, %d unchanged, want 1, 2", sum.NotesDeleted, sum.NotesUnchanged)
		}
		hashes, g := openStore(t, dir)
		if _, ok := hashes["notes/day3.txt"]; ok {
			t.Errorf("store still holds notes/day3.txt")
		}
		if hasTalk(g, "Deploying with Docker") {
			t.Errorf("store still has the talk of the deleted note")
		}
	})
	t.Run("notes outside the built paths stay", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"other/x.md": "## Other Talk (Kim Lee)\n\nPython.\n"})
		_, sum, _ := buildJSON(t, dir, "other")
		if sum.NotesDeleted != 0 || sum.NotesExtracted != 1 {
			t.Errorf("got %d deleted, %d extracted, want 0, 1", sum.NotesDeleted, sum.NotesExtracted)
		}
		hashes, _ := openStore(t, dir)
		if len(hashes) != 3 {
			t.Errorf("store holds %d notes, want 3 (day1, day2, other/x)", len(hashes))
		}
	})
	t.Run("a broken note is reported and the others load", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"notes/broken.md": brokenNote, "notes/day4.md": "## Fresh Talk (Lee Park)\n\nRust.\n"})
		code, sum, errOut := buildJSON(t, dir, "notes")
		if code != ExitOK {
			t.Errorf("got exit %d, want %d without --strict", code, ExitOK)
		}
		if !regexp.MustCompile(`(?m)^notes/broken\.md:2(:\d+)?: front matter`).MatchString(errOut) {
			t.Errorf("stderr %q does not report notes/broken.md:2", errOut)
		}
		if sum.NotesFailed != 1 || len(sum.Errors) != 1 || !strings.HasPrefix(sum.Errors[0], "notes/broken.md:2") {
			t.Errorf("got %d failed, errors %q, want 1 at notes/broken.md:2", sum.NotesFailed, sum.Errors)
		}
		if sum.NotesExtracted != 1 {
			t.Errorf("got %d extracted, want 1 (day4.md)", sum.NotesExtracted)
		}
		hashes, _ := openStore(t, dir)
		if _, ok := hashes["notes/day4.md"]; !ok {
			t.Errorf("the good note was not stored beside the broken one")
		}
		if _, ok := hashes["notes/broken.md"]; ok {
			t.Errorf("the broken note was stored")
		}
	})
	t.Run("strict fails on a broken note", func(t *testing.T) {
		code, _, errOut := run(t, dir, "build", "--strict", "notes")
		if code != ExitPartial || !strings.Contains(errOut, "notes/broken.md:2") {
			t.Errorf("got exit %d, stderr %q, want %d and the broken note", code, errOut, ExitPartial)
		}
	})
	t.Run("strict from the environment", func(t *testing.T) {
		t.Setenv("TALKGRAPH_BUILD_STRICT", "true")
		if code, _, _ := run(t, dir, "build", "--quiet", "notes"); code != ExitPartial {
			t.Errorf("got exit %d, want %d", code, ExitPartial)
		}
	})
}

func TestBuildRun_noNoteReadable(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes/a.md": brokenNote, "notes/b.md": "\x00binary"})
	code, out, errOut := run(t, dir, "build", "notes")
	if code != ExitError || !strings.Contains(errOut, "no note could be read") || out != "" {
		t.Errorf("got exit %d, stdout %q, stderr %q, want %d and no note could be read", code, out, errOut, ExitError)
	}
	for _, want := range []string{"notes/a.md:2", "notes/b.md:1"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q does not report %s", errOut, want)
		}
	}
}

func TestBuildRun_errors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		want string
	}{
		{"a missing path", []string{"build", "nope"}, nil, ExitError, "nope: no such file"},
		{"neo4j not running", []string{"build", "--store", "neo4j", "notes"}, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"},
			ExitError, "talkgraph: neo4j bolt://127.0.0.1:1: ConnectivityError: "},
		{"neo4j not running, the hint", []string{"build", "--store", "neo4j", "notes"}, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"},
			ExitError, "connection refused (is Neo4j running? docker compose up -d)\n"},
		{"a bad neo4j URI", []string{"build", "--store", "neo4j", "notes"}, map[string]string{"TALKGRAPH_NEO4J_URI": "http://127.0.0.1:7474"},
			ExitError, `config: neo4j.uri: scheme "http" is not supported`},
		{"a bad store name", []string{"build", "notes"}, map[string]string{"TALKGRAPH_STORE": "sqlite"}, ExitError, "config: store: must be embedded or neo4j"},
		{"no workers", []string{"build", "--workers", "0", "notes"}, nil, ExitError, "build.workers: must be at least 1"},
		{"a bad size", []string{"build", "--max-note-size", "big", "notes"}, nil, ExitError,
			`config: build.max_note_size: size "big": want a number of bytes or one with a unit, like 10MiB`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"notes/a.md": buildNotes["notes/day2.md"]})
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, _, errOut := run(t, dir, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("%q: got exit %d, stderr %q, want %d and %q", tt.args, code, errOut, tt.code, tt.want)
			}
		})
	}
}

func TestBuildRun_text(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)
	code, out, _ := run(t, dir, "build", "notes")
	if code != ExitOK {
		t.Fatalf("got exit %d", code)
	}
	for _, want := range []string{"notes read", "unchanged", "failed", "talks", "speakers", "relationships", "store", ".talkgraph", "elapsed"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if code, out, _ := run(t, dir, "build", "--quiet", "notes"); code != ExitOK || out != "" {
		t.Errorf("--quiet: got exit %d, stdout %q, want 0 and nothing", code, out)
	}
}

func TestBuildRun_progress(t *testing.T) {
	notes := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		notes["notes/"+n+".md"] = "## Talk " + strings.ToUpper(n) + " (Jane Doe)\n\nPython.\n"
	}
	tests := []struct {
		name  string
		tty   bool
		args  []string
		notes int
		want  bool
	}{
		{"a terminal and 6 notes", true, nil, 6, true},
		{"no terminal", false, nil, 6, false},
		{"quiet", true, []string{"--quiet"}, 6, false},
		{"5 notes", true, nil, 5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			i := 0
			for name, content := range notes {
				if i++; i <= tt.notes {
					writeFiles(t, dir, map[string]string{name: content})
				}
			}
			io, _, errOut := testIO()
			io.ErrTTY = tt.tty
			code := Run(t.Context(), NewFactory(io, dir), append(append([]string{"build"}, tt.args...), "notes"))
			if got := strings.Contains(errOut.String(), "extracting"); code != ExitOK || got != tt.want {
				t.Errorf("got exit %d, progress shown %v, want 0 and %v: %q", code, got, tt.want, errOut)
			}
		})
	}
}

// TestBuildRun_reproducible builds the same notes twice, in two places and
// with different worker counts, and wants byte-identical stores.
// The index names every object and the merged graph by the hash of its
// content, so equal indexes are equal stores.
func TestBuildRun_reproducible(t *testing.T) {
	var files [2][]byte
	for i, workers := range []string{"1", "4"} {
		dir := t.TempDir()
		writeFiles(t, dir, buildNotes)
		if code, _, errOut := buildJSON(t, dir, "--workers", workers, "notes"); code != ExitOK {
			t.Fatalf("build: exit %d\n%s", code, errOut)
		}
		b, err := os.ReadFile(filepath.Join(dir, ".talkgraph", memstore.IndexName))
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if string(files[0]) != string(files[1]) {
		t.Errorf("two builds of the same notes differ (%d and %d bytes)", len(files[0]), len(files[1]))
	}
}

// TestBuildRun_neo4j builds the notes into a real Neo4j: the same counts
// as an embedded build, Neo4j's counters in the summary, and a rebuild of
// unchanged notes that writes nothing.
func TestBuildRun_neo4j(t *testing.T) {
	dir := neo4jDir(t)
	writeFiles(t, dir, buildNotes)
	code, sum, errOut := buildJSON(t, dir, "--store", "neo4j", "notes")
	if code != ExitOK || sum.NotesExtracted != 3 || sum.Store != "neo4j" || sum.StorePath != "" || !strings.HasPrefix(sum.StoreURI, "bolt") {
		t.Fatalf("first build: got exit %d, %+v, want 3 notes extracted into neo4j\n%s", code, sum, errOut)
	}
	if sum.Neo4j == nil || sum.Neo4j.NodesCreated < sum.Talks+sum.Speakers || sum.Neo4j.RelsCreated != sum.Relationships || sum.Neo4j.PropertiesSet == 0 {
		t.Errorf("first build: got counters %+v, want the nodes and relationships created", sum.Neo4j)
	}
	code, embedded, _ := buildJSON(t, dir, "notes")
	if code != ExitOK {
		t.Fatalf("embedded build: exit %d", code)
	}
	if sum.Talks != embedded.Talks || sum.Speakers != embedded.Speakers || sum.Tools != embedded.Tools ||
		sum.Concepts != embedded.Concepts || sum.Relationships != embedded.Relationships || embedded.Neo4j != nil {
		t.Errorf("got %+v from Neo4j, want the counts of the embedded build %+v", sum, embedded)
	}
	if got, want := statsOf(t, dir, "--store", "neo4j"), statsOf(t, dir); !sameStats(got, want) {
		t.Errorf("stats: Neo4j has %+v, the embedded store %+v", got, want)
	}

	t.Run("an unchanged rebuild writes nothing", func(t *testing.T) {
		_, sum, _ := buildJSON(t, dir, "--store", "neo4j", "notes")
		if sum.NotesExtracted != 0 || sum.NotesUnchanged != 3 || sum.Neo4j == nil || *sum.Neo4j != (neo4jCounts{}) {
			t.Errorf("got %+v, counters %+v, want nothing extracted and zero counters", sum, sum.Neo4j)
		}
	})
	t.Run("the text summary shows the counters", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"notes/day4.md": "## Fresh Talk (Lee Park)\n\nRust.\n"})
		code, out, _ := run(t, dir, "build", "--store", "neo4j", "notes")
		for _, rx := range []string{`(?m)^store +neo4j bolt.* \(database neo4j\)$`, `(?m)^  nodes +[1-9]\d* created, 0 deleted$`,
			`(?m)^  relationships +[1-9]\d* created, 0 deleted$`, `(?m)^  properties +[1-9]\d* set$`} {
			if code != ExitOK || !regexp.MustCompile(rx).MatchString(out) {
				t.Errorf("got exit %d, output does not match %s:\n%s", code, rx, out)
			}
		}
	})
	t.Run("a long load shows a progress bar on a terminal", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"notes/day5.md": "## Another Talk (Kim Lee)\n\nPython and Go.\n"})
		t.Setenv("TALKGRAPH_NEO4J_BATCH_SIZE", "1")
		io, _, errOut := testIO()
		io.ErrTTY = true
		if code := Run(t.Context(), NewFactory(io, dir), []string{"build", "--store", "neo4j", "notes"}); code != ExitOK {
			t.Fatalf("got exit %d: %s", code, errOut)
		}
		if !strings.Contains(errOut.String(), "writing to Neo4j") {
			t.Errorf("no progress bar on stderr: %q", errOut)
		}
	})
}

// TestBuildRun_noTalk: a note that gives no talk is stored (its Note node)
// but named in a warning with a hint and in the summary, and its event is
// not created from nothing.
func TestBuildRun_noTalk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"notes/day1.md": buildNotes["notes/day1.md"],
		"notes/todo.md": "---\nconference: RustConf\nyear: 2031\n---\n# Things to look up after RustConf\n\n- buy a new charger\n- email the hotel\n",
	})
	code, sum, errOut := buildJSON(t, dir, "notes")
	if code != ExitOK {
		t.Fatalf("exit %d, want 0: a note without talks is not a failure\n%s", code, errOut)
	}
	want := "warning: notes/todo.md: no talk found; see how it was read with: talkgraph extract notes/todo.md"
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	if strings.Contains(errOut, "notes/day1.md") {
		t.Errorf("stderr names a note with a talk:\n%s", errOut)
	}
	if !slices.Equal(sum.NotesNoTalk, []string{"notes/todo.md"}) || sum.NotesExtracted != 2 {
		t.Errorf("summary: without talks %q, extracted %d; want [notes/todo.md], 2", sum.NotesNoTalk, sum.NotesExtracted)
	}
	_, g := openStore(t, dir)
	for _, n := range g.Nodes() {
		if n.Label == graph.Event && strings.Contains(strings.ToLower(n.Name()), "rustconf") {
			t.Errorf("event %s created from a note with no talk", n.ID)
		}
	}
	if _, ok := g.Node(graph.ID(graph.Note, "notes/todo.md")); !ok {
		t.Errorf("the note itself is not stored")
	}
}

// TestBuildRun_minConfidence: facts carry their confidence in the store,
// and --min-confidence leaves out the ones below it.
func TestBuildRun_minConfidence(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"notes/day1.md": buildNotes["notes/day1.md"],
		// a talk told of in prose is less sure than one with its heading
		"notes/prose.md": "# PyCon 2031\n\nIn the afternoon I caught **Sorting Socks with Rust** by Ilse Marchetti, about PyO3 and maturin.\n",
	})
	talkConf := func(g *graph.Graph, title string) (float64, bool) {
		for _, n := range g.Nodes() {
			if n.Label == graph.Talk && strings.EqualFold(n.Name(), title) {
				c, ok := n.Props["confidence"].(float64)
				return c, ok
			}
		}
		return 0, false
	}
	if code, _, errOut := buildJSON(t, dir, "notes"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, g := openStore(t, dir)
	heading, ok1 := talkConf(g, "Taking Django Async")
	prose, ok2 := talkConf(g, "Sorting Socks with Rust")
	if !ok1 || !ok2 || !(prose < heading) || heading > 1 || prose <= 0 {
		t.Fatalf("talk confidences: heading %v (%v), prose %v (%v); want 0 < prose < heading <= 1", heading, ok1, prose, ok2)
	}
	for _, r := range g.Rels() {
		if r.Type == graph.Mentions || r.Type == graph.Presented {
			if c, ok := r.Props["confidence"].(float64); !ok || c <= 0 || c > 1 {
				t.Errorf("%s %s %s: confidence %v, want in (0, 1]", r.From, r.Type, r.To, r.Props["confidence"])
			}
		}
	}
	min := (prose + heading) / 2
	if code, _, errOut := buildJSON(t, dir, "--min-confidence", strconv.FormatFloat(min, 'f', 3, 64), "notes"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, g = openStore(t, dir)
	if _, ok := talkConf(g, "Sorting Socks with Rust"); ok {
		t.Errorf("--min-confidence %.3f kept the prose talk (confidence %v)", min, prose)
	}
	if _, ok := talkConf(g, "Taking Django Async"); !ok {
		t.Errorf("--min-confidence %.3f dropped the heading talk (confidence %v)", min, heading)
	}
}

// TestBuildRun_related: a build stores the related talks of every talk,
// ranked on the graph it leaves, and ranks again only when something
// changed.
func TestBuildRun_related(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"notes/a.md": "# PyCon 2031\n\n## Async Django in Practice (Ana Ruiz)\n\nDjango async views, ASGI, Channels and Uvicorn.\n\n## Typing Django Views (Ben Okafor)\n\nDjango views with mypy and type hints.\n",
		"notes/b.md": "# PyCon 2032\n\n## Knitting with Rust (Cho Min)\n\nRust, embedded hardware and yarn.\n",
	})
	if code, _, errOut := buildJSON(t, dir, "notes"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s, err := memstore.Open(filepath.Join(dir, ".talkgraph"))
	if err != nil {
		t.Fatal(err)
	}
	hashes, _ := s.NoteHashes(t.Context())
	g, _ := s.Graph(t.Context())
	s.Close()
	async := graph.ID(graph.Talk, "PyCon US 2031", "Async Django in Practice")
	if !related.Current(hashes[related.FragmentPath(async)], related.Options{}) {
		t.Fatalf("the store holds no current fragment %s: %v", related.FragmentPath(async), hashes)
	}
	var rels []*graph.Rel
	for _, r := range g.RelsOf(async) {
		if r.Type == graph.RelatedTo && r.From == async {
			rels = append(rels, r)
		}
	}
	if len(rels) == 0 {
		t.Fatalf("%s has no RELATED_TO: %v", async, g.RelsOf(async))
	}
	best := rels[0]
	for _, r := range rels {
		if r.Props["rank"] == int64(1) {
			best = r
		}
	}
	if !strings.Contains(best.To, "typing-django-views") {
		t.Errorf("the most related talk is %s, want the other Django talk", best.To)
	}
	if reason, _ := best.Props["reason"].([]string); !slices.Contains(reason, "Django") {
		t.Errorf("reason %v does not name Django", best.Props["reason"])
	}
	if sc, _ := best.Props["score"].(float64); sc <= 0 {
		t.Errorf("score %v, want > 0", best.Props["score"])
	}
	t.Run("a rebuild with nothing changed ranks nothing again", func(t *testing.T) {
		before, _ := os.Stat(filepath.Join(dir, ".talkgraph"))
		if _, sum, _ := buildJSON(t, dir, "notes"); sum.NotesExtracted != 0 {
			t.Fatalf("extracted %d, want 0", sum.NotesExtracted)
		}
		after, _ := os.Stat(filepath.Join(dir, ".talkgraph"))
		if before == nil || after == nil || !before.ModTime().Equal(after.ModTime()) {
			t.Errorf("the store was written again")
		}
	})
}

// TestBuildRun_relatedIncremental: after one note changes, the build ranks
// again only the talks the change can reach, and the store then holds the
// related talks a build from scratch would rank.
func TestBuildRun_relatedIncremental(t *testing.T) {
	notes := map[string]string{
		"notes/a.md": "# PyCon 2031\n\n## Async Django in Practice (Ana Ruiz)\n\nDjango async views, ASGI, Channels and Uvicorn.\n\n## Typing Django Views (Ben Okafor)\n\nDjango views with mypy and type hints.\n",
		"notes/b.md": "# PyCon 2032\n\n## Knitting with Rust (Cho Min)\n\nRust, embedded hardware and yarn.\n\n## Rust on Microcontrollers (Dee Park)\n\nEmbedded Rust, probes and firmware.\n",
		"notes/c.md": "# PyCon 2033\n\n## Pandas at Scale (Eve Stone)\n\nPandas, Dask and Parquet files for data science.\n\n## Dataframes Compared (Fay Long)\n\nPandas and Polars dataframes side by side.\n",
		"notes/d.md": "# PyCon 2034\n\n## Teaching Kids Python (Gil Moss)\n\nPython in classrooms with Jupyter and turtle graphics.\n\n## Accessible Slides (Hal Roy)\n\nScreen readers, contrast and captions for talks.\n",
	}
	dir := t.TempDir()
	writeFiles(t, dir, notes)
	code, first, errOut := buildJSON(t, dir, "notes")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Talks that share nothing with any other have no related talks to store.
	if first.TalksRanked < 4 || first.Talks != 8 {
		t.Fatalf("first build: %d of %d talks ranked, want 8 talks, most of them ranked", first.TalksRanked, first.Talks)
	}
	notes["notes/b.md"] = strings.Replace(notes["notes/b.md"], "probes and firmware", "probes, firmware and no_std", 1)
	writeFiles(t, dir, notes)
	code, second, errOut := buildJSON(t, dir, "notes")
	if code != ExitOK || second.NotesExtracted != 1 {
		t.Fatalf("second build: exit %d, %d extracted: %s", code, second.NotesExtracted, errOut)
	}
	if second.TalksRanked >= first.TalksRanked {
		t.Errorf("one note changed: %d talks ranked again, want fewer than the %d of the first build", second.TalksRanked, first.TalksRanked)
	}
	t.Logf("ranked: first build %d, after one change %d", first.TalksRanked, second.TalksRanked)
	fresh := t.TempDir()
	writeFiles(t, fresh, notes)
	if code, _, errOut := buildJSON(t, fresh, "notes"); code != ExitOK {
		t.Fatalf("fresh build: exit %d: %s", code, errOut)
	}
	storedOf := func(dir string) map[string][]related.Link {
		s, err := memstore.Open(filepath.Join(dir, ".talkgraph"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		g, _ := s.Graph(t.Context())
		return related.Stored(g)
	}
	got, want := storedOf(dir), storedOf(fresh)
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after the change the store has\n%v\nwant what a fresh build ranks\n%v", got, want)
	}
}

// A command with nothing to change still calls Apply, with an empty
// changeset: that is how a no-change build completes a Neo4j load that an
// earlier command left unfinished.
func TestApply_empty(t *testing.T) {
	neo := &fakeNeo4j{}
	if _, err := apply(t.Context(), neo, graph.Changeset{}); err != nil {
		t.Fatal(err)
	}
	if len(neo.applied) != 1 || !neo.applied[0].Empty() {
		t.Errorf("applied %+v, want one empty changeset", neo.applied)
	}
}

// A note over build.max_note_size fails alone, saying the limit; the store
// keeps what it held of it, --strict exits 3, and a larger limit reads it.
func TestBuildRun_maxNoteSize(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes/a.md": buildNotes["notes/day2.md"], "notes/b.md": buildNotes["notes/day1.md"]})
	if code, _, errOut := run(t, dir, "build", "notes"); code != ExitOK {
		t.Fatalf("first build: exit %d: %s", code, errOut)
	}
	hashesBefore, before := openStore(t, dir)
	big := buildNotes["notes/day2.md"] + strings.Repeat("more words about the talk\n", 100)
	writeFiles(t, dir, map[string]string{"notes/a.md": big})
	code, _, errOut := run(t, dir, "build", "--strict", "--max-note-size", "2KiB", "notes")
	if want := "notes/a.md: over the 2.0 KiB limit for a note (build.max_note_size)"; code != ExitPartial || !strings.Contains(errOut, want) {
		t.Errorf("build with a 2 KiB limit: exit %d, stderr %q; want %d and %q", code, errOut, ExitPartial, want)
	}
	if hashes, after := openStore(t, dir); hashes["notes/a.md"] != hashesBefore["notes/a.md"] || after.Stats().Nodes[graph.Talk] != before.Stats().Nodes[graph.Talk] {
		t.Errorf("the failed note's facts went: %v → %v", before.Stats(), after.Stats())
	}
	t.Setenv("TALKGRAPH_BUILD_MAX_NOTE_SIZE", "1MiB")
	if code, _, errOut := run(t, dir, "build", "--strict", "notes"); code != ExitOK {
		t.Errorf("build with a 1 MiB limit: exit %d: %s", code, errOut)
	}
}

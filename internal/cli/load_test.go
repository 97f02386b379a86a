package cli

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/neo4jstore"
	"github.com/talkgraph/talkgraph/internal/related"
)

func TestNewCmdLoad(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    LoadOptions
		wantErr string
	}{
		{name: "no flags", args: nil, want: LoadOptions{}},
		{name: "json", args: []string{"--json"}, want: LoadOptions{JSON: true}},
		{name: "force", args: []string{"--force"}, want: LoadOptions{Force: true}},
		{name: "both", args: []string{"--force", "--json"}, want: LoadOptions{JSON: true, Force: true}},
		{name: "an argument", args: []string{"notes"}, wantErr: `unexpected argument "notes"`},
		{name: "an unknown flag", args: []string{"--dry-run"}, wantErr: "unknown flag: --dry-run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _ := testIO()
			var got *LoadOptions
			cmd := NewCmdLoad(NewFactory(io, t.TempDir()), func(o *LoadOptions) error { got = o; return nil })
			err := execute(cmd, io, tt.args)
			if tt.wantErr != "" {
				var fe *FlagError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &fe) {
					t.Fatalf("load %q: got error %v, want a usage error containing %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.JSON != tt.want.JSON || got.Force != tt.want.Force {
				t.Errorf("load %q: got %+v, %v, want json %v force %v", tt.args, got, err, tt.want.JSON, tt.want.Force)
			}
		})
	}
}

func TestPlanLoad(t *testing.T) {
	note := func(path, hash string) graph.NoteGraph {
		return graph.NoteGraph{Path: path, Hash: hash, Graph: graph.New()}
	}
	notes := []graph.NoteGraph{note("a.md", "1"), note("b.md", "2"), note("c.md", "3")}
	have := map[string]string{"a.md": "1", "b.md": "old", "gone.md": "4", "also-gone.md": "5"}
	tests := []struct {
		name          string
		force         bool
		wantPut       []string
		wantDelete    []string
		wantUnchanged int
	}{
		{"changed and new notes are put", false, []string{"b.md", "c.md"}, []string{"also-gone.md", "gone.md"}, 1},
		{"force puts every note", true, []string{"a.md", "b.md", "c.md"}, []string{"also-gone.md", "gone.md"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, unchanged := planLoad(notes, have, tt.force)
			var put []string
			for _, p := range cs.Put {
				put = append(put, p.Path)
			}
			if !slices.Equal(put, tt.wantPut) || !slices.Equal(cs.Delete, tt.wantDelete) || unchanged != tt.wantUnchanged {
				t.Errorf("got put %q, delete %q, %d unchanged, want %q, %q, %d", put, cs.Delete, unchanged, tt.wantPut, tt.wantDelete, tt.wantUnchanged)
			}
		})
	}
	if cs, n := planLoad(notes, map[string]string{"a.md": "1", "b.md": "2", "c.md": "3"}, false); !cs.Empty() || n != 3 {
		t.Errorf("in sync: got %+v, %d unchanged, want an empty changeset and 3", cs, n)
	}
}

// builtDir returns a working directory with the build notes built into
// the embedded store.
func builtDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)
	if code, _, errOut := run(t, dir, "build", "--quiet", "notes"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	return dir
}

func TestLoadRun(t *testing.T) {
	dir := builtDir(t)
	io, out, _ := testIO()
	f := NewFactory(io, dir)
	neo := &fakeNeo4j{
		fakeStore: fakeStore{NoteHashesFunc: func(context.Context) (map[string]string, error) {
			return map[string]string{"notes/old.md": "x"}, nil
		}},
		ApplyCounters: neo4jstore.Counters{NodesCreated: 12, RelsCreated: 9, NodesDeleted: 1, PropertiesSet: 40},
	}
	neo.counters = neo4jstore.Counters{NodesCreated: 99} // before the load: not reported
	f.neo4j = neo
	if err := loadRun(t.Context(), &LoadOptions{Factory: f}); err != nil {
		t.Fatal(err)
	}
	if len(neo.applied) != 1 || !slices.Equal(neo.applied[0].Delete, []string{"notes/old.md"}) {
		t.Fatalf("got changesets %+v, want one putting the 3 notes and the related talks and deleting notes/old.md", neo.applied)
	}
	notes, frags := 0, 0
	for _, p := range neo.applied[0].Put {
		if related.IsFragment(p.Path) {
			frags++
		} else {
			notes++
		}
	}
	if notes != 3 || frags == 0 {
		t.Errorf("put %d notes and %d related-talks fragments, want 3 and some", notes, frags)
	}
	for _, rx := range []string{
		`(?m)^notes put +3$`, `(?m)^notes unchanged +0$`, `(?m)^notes deleted +1$`, `(?m)^from +\.talkgraph$`,
		`(?m)^to +neo4j neo4j://localhost:7687 \(database neo4j\)$`,
		`(?m)^  nodes +12 created, 1 deleted$`, `(?m)^  relationships +9 created, 0 deleted$`, `(?m)^  properties +40 set$`,
		`(?m)^elapsed `,
	} {
		if !regexp.MustCompile(rx).MatchString(out.String()) {
			t.Errorf("output does not match %s:\n%s", rx, out)
		}
	}

	out.Reset()
	neo.applied = nil
	if err := loadRun(t.Context(), &LoadOptions{Factory: f, JSON: true, Force: true}); err != nil {
		t.Fatal(err)
	}
	var sum loadSummary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := []string{"notes/day1.md", "notes/day2.md", "notes/day3.txt"}
	if !slices.Equal(sum.Put, want) || sum.Neo4j == nil || sum.Neo4j.NodesCreated != 12 || sum.URI != "neo4j://localhost:7687" {
		t.Errorf("--json: got %+v, want the 3 notes put, 12 nodes created and the URI", sum)
	}
}

func TestLoadRun_quiet(t *testing.T) {
	dir := builtDir(t)
	io, out, _ := testIO()
	io.Quiet = true
	f := NewFactory(io, dir)
	f.neo4j = &fakeNeo4j{fakeStore: fakeStore{NoteHashesFunc: func(context.Context) (map[string]string, error) { return nil, nil }}}
	if err := loadRun(t.Context(), &LoadOptions{Factory: f}); err != nil || out.Len() != 0 {
		t.Errorf("--quiet: got %v, stdout %q, want no error and nothing", err, out)
	}
}

func TestLoadRun_errors(t *testing.T) {
	tests := []struct {
		name  string
		build bool
		env   map[string]string
		want  string
	}{
		{"no embedded store", false, nil, "talkgraph: no store at .talkgraph: run 'talkgraph build PATH...' first\n"},
		{"neo4j not running", true, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"},
			"talkgraph: neo4j bolt://127.0.0.1:1: ConnectivityError: "},
		{"the hint", true, map[string]string{"NEO4J_URI": "neo4j://127.0.0.1:1"}, "(is Neo4j running? docker compose up -d)\n"},
		{"a bad URI, whatever the store", true, map[string]string{"TALKGRAPH_STORE": "embedded", "NEO4J_URI": "localhost:7687"},
			`talkgraph: config: neo4j.uri: "localhost:7687" has no scheme`},
		{"a bad batch size", true, map[string]string{"TALKGRAPH_NEO4J_BATCH_SIZE": "-5"}, "config: neo4j.batch_size: must be at least 1, not -5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.build {
				dir = builtDir(t)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, out, errOut := run(t, dir, "load")
			if code != ExitError || !strings.Contains(errOut, tt.want) || out != "" {
				t.Errorf("got exit %d, stdout %q, stderr %q, want %d and %q", code, out, errOut, ExitError, tt.want)
			}
		})
	}
}

// TestLoadRun_neo4j loads an embedded build into a real Neo4j twice: the
// second load changes nothing, and Neo4j then has the embedded graph.
func TestLoadRun_neo4j(t *testing.T) {
	dir := neo4jDir(t)
	writeFiles(t, dir, buildNotes)
	if code, _, errOut := run(t, dir, "build", "--quiet", "notes"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	load := func(args ...string) loadSummary {
		t.Helper()
		code, out, errOut := run(t, dir, append([]string{"load", "--json"}, args...)...)
		var sum loadSummary
		if err := json.Unmarshal([]byte(out), &sum); code != ExitOK || err != nil {
			t.Fatalf("load %q: got exit %d, %v: %q %q", args, code, err, out, errOut)
		}
		return sum
	}
	first := load()
	if len(first.Put) != 3 || len(first.Deleted) != 0 || first.Neo4j == nil || first.Neo4j.NodesCreated == 0 || first.Neo4j.RelsCreated == 0 {
		t.Fatalf("first load: got %+v, want 3 notes put and nodes and relationships created", first)
	}
	second := load()
	if len(second.Put) != 0 || second.Unchanged != 3 || *second.Neo4j != (neo4jCounts{}) {
		t.Errorf("second load: got %+v %+v, want nothing put and zero counters", second, second.Neo4j)
	}
	if got, want := statsOf(t, dir, "--store", "neo4j"), statsOf(t, dir); !sameStats(got, want) {
		t.Errorf("after load: Neo4j has %+v, the embedded store %+v", got, want)
	}

	t.Run("a note deleted from the embedded store leaves Neo4j", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, "notes", "day3.txt")); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := run(t, dir, "build", "--quiet", "notes"); code != ExitOK {
			t.Fatalf("build: exit %d: %s", code, errOut)
		}
		sum := load()
		if len(sum.Put) != 0 || !slices.Equal(sum.Deleted, []string{"notes/day3.txt"}) || sum.Neo4j.NodesDeleted == 0 {
			t.Errorf("got %+v %+v, want notes/day3.txt deleted, and nodes with it", sum, sum.Neo4j)
		}
		if got, want := statsOf(t, dir, "--store", "neo4j"), statsOf(t, dir); !sameStats(got, want) {
			t.Errorf("Neo4j has %+v, the embedded store %+v", got, want)
		}
	})
	t.Run("force puts every note and changes no fact", func(t *testing.T) {
		sum := load("--force")
		if len(sum.Put) != 2 || sum.Neo4j.NodesCreated != 0 || sum.Neo4j.RelsCreated != 0 || sum.Neo4j.RelsDeleted != 0 {
			t.Errorf("got %+v %+v, want 2 notes put and no node or relationship created", sum, sum.Neo4j)
		}
	})
}

// stats is what `talkgraph stats --json` prints.
type stats struct {
	Nodes map[string]int `json:"nodes"`
	Rels  map[string]int `json:"relationships"`
}

// statsOf runs `talkgraph stats --json ARGS...` in dir.
func statsOf(t *testing.T, dir string, args ...string) stats {
	t.Helper()
	code, out, errOut := run(t, dir, append([]string{"stats", "--json"}, args...)...)
	var st stats
	if err := json.Unmarshal([]byte(out), &st); code != ExitOK || err != nil {
		t.Fatalf("stats %q: got exit %d, %v: %q %q", args, code, err, out, errOut)
	}
	return st
}

func sameStats(a, b stats) bool { return maps.Equal(a.Nodes, b.Nodes) && maps.Equal(a.Rels, b.Rels) }

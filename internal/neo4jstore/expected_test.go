package neo4jstore

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/notes"
	"github.com/talkgraph/talkgraph/queries"
)

var update = flag.Bool("update", false, "rewrite testdata/expected from the queries' rows")

// catalogNotes turns the talks of the pyvideo catalog (../shared/corpus)
// into one-talk notes, as corpusNotes does, for the series/year files that
// keep accepts (nil: all), each talk once, or twice with an "encore" copy
// when encores is true. It skips t when there is no catalog.
func catalogNotes(t testing.TB, keep func(series, year string) bool, encores bool) []graph.NoteGraph {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "pyvideo", "*", "*.jsonl"))
	if len(files) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but the pyvideo corpus is not beside the repo")
		}
		t.Skip("no pyvideo corpus beside the repo")
	}
	cfg, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(cfg)
	copies := []string{""}
	if encores {
		copies = append(copies, " (encore)")
	}
	var out []graph.NoteGraph
	for _, f := range files {
		series, year := filepath.Base(filepath.Dir(f)), strings.TrimSuffix(filepath.Base(f), ".jsonl")
		if keep != nil && !keep(series, year) {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var raw struct {
				ID         string `json:"id"`
				EventTitle string `json:"event_title"`
				Title      string `json:"title"`
				Desc       string `json:"description"`
				Speakers   []any  `json:"speakers"`
			}
			if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
				t.Fatal(err)
			}
			var speakers []string
			for _, s := range raw.Speakers {
				speakers = append(speakers, fmt.Sprint(s))
			}
			for _, encore := range copies {
				title := raw.Title + encore
				md := fmt.Sprintf("---\ntitle: %q\nconference: %q\n---\n# %s\n\nby %s\n\n%s\n", title, raw.EventTitle, title,
					strings.Join(speakers, " & "), raw.Desc)
				path := "pyvideo/" + raw.ID + strings.ReplaceAll(encore, " ", "-") + ".md"
				n, err := notes.Parse(path, []byte(md))
				if err != nil {
					continue
				}
				out = append(out, graph.NoteGraph{Path: path, Hash: n.Hash, Graph: x.Extract(n).Graph})
			}
		}
	}
	return out
}

// normalise rounds every float to 3 decimals, recursively.
func normalise(v any) any {
	switch x := v.(type) {
	case float64:
		return math.Round(x*1000) / 1000
	case float32:
		return math.Round(float64(x)*1000) / 1000
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalise(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalise(e)
		}
		return out
	}
	return v
}

// expectedJSON is a result as the expected files hold it: its columns and,
// per row, an object of column to normalised value.
func expectedJSON(t *testing.T, res *graph.Result) []byte {
	t.Helper()
	rows := make([]map[string]any, 0, len(res.Rows))
	for _, r := range res.Rows {
		m := map[string]any{}
		for i, c := range res.Columns {
			m[c] = normalise(r[i])
		}
		rows = append(rows, m)
	}
	b, err := json.MarshalIndent(map[string]any{"columns": res.Columns, "rows": rows}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestPacks_expectedRows runs every shipped query, with its example values,
// on the example notes plus the catalog's PyCon US 2018 talks, twice (the
// rows must not change), and compares the rows with
// testdata/expected/PACK/NAME.json; -update rewrites those files.
//
//	TALKGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 go test ./internal/neo4jstore -run TestPacks_expectedRows -update
func TestPacks_expectedRows(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	ctx := context.Background()
	put := exampleNotes(t, nil)
	put = append(put, catalogNotes(t, func(series, year string) bool { return series == "pycon-us" && year == "2018" }, false)...)
	put = withRelated(put)
	if err := s.Apply(ctx, graph.Changeset{Put: put}); err != nil {
		t.Fatal(err)
	}
	packs, err := queries.Default()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("testdata", "expected")
	want := map[string]bool{} // expected files, by PACK/NAME
	for _, p := range packs {
		for _, q := range p.Queries {
			want[q.ID()] = true
			t.Run(q.ID(), func(t *testing.T) {
				var got [2][]byte
				for i := range got {
					res, err := s.Query(ctx, q.Cypher, q.ParamValues(nil, true))
					if err != nil {
						t.Fatalf("%s: %v", q.File, err)
					}
					got[i] = expectedJSON(t, res)
				}
				if !bytes.Equal(got[0], got[1]) {
					t.Errorf("%s is not deterministic: two runs gave different rows:\n%s\n---\n%s", q.File, got[0], got[1])
				}
				file := filepath.Join(root, filepath.FromSlash(q.ID())+".json")
				if *update {
					if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(file, got[0], 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				exp, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("no expected rows for %s (run with -update to write them): %v", q.ID(), err)
				}
				if !bytes.Equal(exp, got[0]) {
					t.Errorf("rows differ from %s (run with -update if the change is intended):\ngot:\n%s", file, got[0])
				}
			})
		}
	}
	// Every expected file is for a shipped query.
	stale, _ := filepath.Glob(filepath.Join(root, "*", "*.json"))
	for _, f := range stale {
		id := filepath.Base(filepath.Dir(f)) + "/" + strings.TrimSuffix(filepath.Base(f), ".json")
		if !want[id] {
			t.Errorf("%s is for no shipped query", f)
		}
	}
}

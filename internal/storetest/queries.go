package storetest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/notes"
	"github.com/talkgraph/talkgraph/internal/related"
	"github.com/talkgraph/talkgraph/queries"
)

// QueryStore is a store that runs Cypher.
type QueryStore interface {
	graph.Store
	graph.Querier
}

// dir is this package's directory, where testdata is.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// repo is the repository's root.
func repo() string { return filepath.Join(dir(), "..", "..") }

// ExampleNotes extracts the notes of examples/notes, each passed through
// edit first when edit is not nil (a nil result leaves the note out).
func ExampleNotes(t testing.TB, edit func(path string, content []byte) []byte) []graph.NoteGraph {
	t.Helper()
	cfg, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(cfg)
	root := filepath.Join(repo(), "examples", "notes")
	var out []graph.NoteGraph
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".yaml") || filepath.Base(p) == "README.md" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repo(), p)
		rel = filepath.ToSlash(rel)
		if edit != nil {
			if b = edit(rel, b); b == nil {
				return nil
			}
		}
		n, err := notes.Parse(rel, b)
		if err != nil {
			return err
		}
		out = append(out, graph.NoteGraph{Path: rel, Hash: n.Hash, Graph: x.Extract(n).Graph})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 8 {
		t.Fatalf("%d example notes, want at least 8", len(out))
	}
	return out
}

// CatalogNotes turns the talks of the pyvideo catalog (../shared/corpus
// beside the repository) into one-talk notes, for the series/year files
// that keep accepts (nil: all), each talk once, or twice with an "encore"
// copy when encores is true. It skips t when there is no catalog (and
// fails in CI).
func CatalogNotes(t testing.TB, keep func(series, year string) bool, encores bool) []graph.NoteGraph {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(repo(), "..", "shared", "corpus", "pyvideo", "*", "*.jsonl"))
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

// WithRelated adds to notes the fragments of related talks a build stores
// beside them (see internal/related).
func WithRelated(notes []graph.NoteGraph) []graph.NoteGraph {
	gs := make([]*graph.Graph, len(notes))
	for i, n := range notes {
		gs[i] = n.Graph
	}
	return append(notes, related.New(graph.MergeAll(gs...), related.Options{}).Fragments()...)
}

// QueryFixture is the graph the query suite runs on: the example notes,
// the catalog's PyCon US 2018 talks and the related talks a build ranks.
func QueryFixture(t testing.TB) []graph.NoteGraph {
	put := ExampleNotes(t, nil)
	put = append(put, CatalogNotes(t, func(series, year string) bool { return series == "pycon-us" && year == "2018" }, false)...)
	return WithRelated(put)
}

// Query is one query of the suite: a shipped one with its example values,
// or an ad-hoc one of testdata/adhoc.cypher.
type Query struct {
	ID      string // PACK/NAME, or adhoc/NAME
	Cypher  string
	Params  map[string]any
	Returns []string // the columns a shipped query's header lists
}

// SuiteQueries returns every shipped query and every ad-hoc one.
func SuiteQueries(t testing.TB) []Query {
	t.Helper()
	packs, err := queries.Default()
	if err != nil {
		t.Fatal(err)
	}
	var out []Query
	for _, p := range packs {
		for _, q := range p.Queries {
			out = append(out, Query{ID: q.ID(), Cypher: q.Cypher, Params: q.ParamValues(nil, true), Returns: q.Returns})
		}
	}
	b, err := os.ReadFile(filepath.Join(dir(), "testdata", "adhoc.cypher"))
	if err != nil {
		t.Fatal(err)
	}
	for _, chunk := range strings.Split(string(b), "\n;\n") {
		var name string
		var body []string
		for _, line := range strings.Split(chunk, "\n") {
			if strings.HasPrefix(line, "//") {
				name = strings.TrimSpace(strings.TrimPrefix(line, "//"))
				continue
			}
			if strings.TrimSpace(line) != "" {
				body = append(body, line)
			}
		}
		if len(body) > 0 {
			out = append(out, Query{ID: "adhoc/" + name, Cypher: strings.Join(body, "\n")})
		}
	}
	return out
}

// Queries runs every query of the suite on s, which holds QueryFixture,
// twice (the rows must not change), and compares the rows with
// testdata/expected/ID.json: as lists when the query orders its rows, as
// multisets otherwise, floats to three decimals. Full-text scores are the
// one thing the stores compute differently (Lucene's BM25 and the embedded
// index's), so the score of a full-text query is left out of the
// comparison, and its rows are compared as a multiset. With update (the
// reference store, Neo4j, and TALKGRAPH_UPDATE_EXPECTED=1), the files are
// written instead.
func Queries(t *testing.T, s QueryStore, update bool) {
	ctx := context.Background()
	qs := SuiteQueries(t)
	if n := len(qs); n < 80 {
		t.Errorf("%d queries in the suite, want every shipped one and at least 60 ad-hoc ones", n)
	}
	// A query the query's author can fix is graph.ErrInvalid (a 400 in the
	// API) on every store: a syntax error, a full-text query that does not
	// parse, a write.
	for _, bad := range []string{
		"MATCH (t:Talk RETURN t",
		"CALL db.index.fulltext.queryNodes('talk_text', 'async AND (django') YIELD node RETURN node.title",
		"CREATE (t:Talk {id: 'talk:new'}) RETURN t",
	} {
		if _, err := s.Query(ctx, bad, nil); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%s: got %v, want an error wrapping graph.ErrInvalid", bad, err)
		}
	}
	root := filepath.Join(dir(), "testdata", "expected")
	for _, q := range qs {
		t.Run(q.ID, func(t *testing.T) {
			var got [2][]byte
			for i := range got {
				res, err := s.Query(ctx, q.Cypher, q.Params)
				if err != nil {
					t.Fatalf("%s: %v", q.ID, err)
				}
				got[i] = ExpectedJSON(t, res)
				if q.Returns != nil && !slices.Equal(res.Columns, q.Returns) {
					t.Errorf("columns %v, the header of %s says %v", res.Columns, q.ID, q.Returns)
				}
			}
			if !bytes.Equal(got[0], got[1]) {
				t.Errorf("%s is not deterministic: two runs gave different rows", q.ID)
			}
			file := filepath.Join(root, filepath.FromSlash(q.ID)+".json")
			if update {
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
				t.Fatalf("no expected rows for %s (run the Neo4j store's test with TALKGRAPH_UPDATE_EXPECTED=1): %v", q.ID, err)
			}
			fullText := strings.Contains(q.Cypher, "db.index.fulltext")
			want, have := rowsOf(t, exp, fullText), rowsOf(t, got[0], fullText)
			if !ordered(q.Cypher) || fullText {
				slices.Sort(want)
				slices.Sort(have)
			}
			if !slices.Equal(want, have) {
				t.Errorf("rows differ from %s:\ngot  %s\nwant %s", file, strings.Join(have, "\n     "), strings.Join(want, "\n     "))
			}
		})
	}
}

// ordered reports whether a query orders the rows it returns: its last
// RETURN has an ORDER BY.
func ordered(cypher string) bool {
	i := strings.LastIndex(strings.ToUpper(cypher), "RETURN")
	return i >= 0 && strings.Contains(strings.ToUpper(cypher[i:]), "ORDER BY")
}

// rowsOf reads the rows of an expected file, each as canonical JSON, the
// score left out when fullText.
func rowsOf(t *testing.T, data []byte, fullText bool) []string {
	var doc struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(doc.Rows))
	for i, r := range doc.Rows {
		if fullText {
			delete(r, "score")
		}
		b, _ := json.Marshal(r)
		out[i] = string(b)
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
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
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

// ExpectedJSON is a result as the expected files hold it: its columns and,
// per row, an object of column to normalised value.
func ExpectedJSON(t testing.TB, res *graph.Result) []byte {
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

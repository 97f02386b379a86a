package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/talkgraph/talkgraph/internal/export"
	"github.com/talkgraph/talkgraph/internal/server"
	"github.com/talkgraph/talkgraph/queries"
)

// relatedRow is what the four readers of the related talks agree on.
type relatedRow struct {
	ID     string
	Score  float64
	Reason string
}

func rowsOf(t *testing.T, rows []map[string]any) []relatedRow {
	t.Helper()
	out := []relatedRow{}
	for _, r := range rows {
		reason, _ := json.Marshal(r["reason"])
		score, _ := r["score"].(float64)
		out = append(out, relatedRow{ID: r["id"].(string), Score: score, Reason: string(reason)})
	}
	return out
}

// TestRelated_oneAnswer_neo4j builds the example notes on both stores and
// reads the related talks of every talk four ways: the related-talks query
// on Neo4j, the API on Neo4j, and the widget exports of both stores. All
// give one answer, and the two stores ranked alike.
func TestRelated_oneAnswer_neo4j(t *testing.T) {
	dir := neo4jDir(t)
	if err := os.CopyFS(filepath.Join(dir, "notes"), os.DirFS("../../examples/notes")); err != nil {
		t.Fatal(err)
	}
	for _, store := range []string{"embedded", "neo4j"} {
		if code, _, errOut := run(t, dir, "build", "--quiet", "--store", store, "notes"); code != ExitOK {
			t.Fatalf("build %s: exit %d: %s", store, code, errOut)
		}
		if code, _, errOut := run(t, dir, "export", "widgets", "--quiet", "--store", store, "--limit", "5", "--out", "w-"+store); code != ExitOK {
			t.Fatalf("export %s: exit %d: %s", store, code, errOut)
		}
	}
	var index []export.IndexEntry
	readJSONFile(t, filepath.Join(dir, "w-embedded", "index.json"), &index)
	if len(index) < 10 {
		t.Fatalf("%d talks exported, want the examples' (at least 10)", len(index))
	}

	io, _, _ := testIO()
	f := NewFactory(io, dir)
	store, err := f.Neo4j(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	packs, err := queries.Default()
	if err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(server.New(server.Default(), store, packs, nil))
	defer api.Close()

	withRelated := 0
	for _, e := range index {
		var emb, neo export.Widget
		readJSONFile(t, filepath.Join(dir, "w-embedded", filepath.FromSlash(e.File)), &emb)
		readJSONFile(t, filepath.Join(dir, "w-neo4j", filepath.FromSlash(e.File)), &neo)
		var want []relatedRow
		for _, r := range emb.Related {
			reason, _ := json.Marshal(r.Reason)
			want = append(want, relatedRow{r.ID, r.Score, string(reason)})
		}
		if len(want) > 0 {
			withRelated++
		}
		if !slices.EqualFunc(emb.Related, neo.Related, func(a, b export.Related) bool {
			return a.ID == b.ID && a.Score == b.Score && slices.Equal(a.Reason, b.Reason)
		}) {
			t.Errorf("%s: widgets differ between the stores:\nembedded %+v\nneo4j    %+v", e.ID, emb.Related, neo.Related)
		}

		code, out, errOut := run(t, dir, "query", "recommend/related-talks", "--store", "neo4j", "--json",
			"--param", "talk="+e.ID, "--param", "limit=5")
		var q struct {
			Columns []string
			Rows    [][]any
		}
		if err := json.Unmarshal([]byte(out), &q); code != ExitOK || err != nil {
			t.Fatalf("query %s: exit %d, %v: %s", e.ID, code, err, errOut)
		}
		var qrows []map[string]any
		for _, r := range q.Rows {
			m := map[string]any{}
			for i, c := range q.Columns {
				m[c] = r[i]
			}
			qrows = append(qrows, m)
		}
		if got := rowsOf(t, qrows); !slices.Equal(got, nonNil(want)) {
			t.Errorf("%s: query gives %+v, widget %+v", e.ID, got, want)
		}
		for _, r := range qrows {
			if r["for_id"] != e.ID {
				t.Errorf("%s: for_id %v", e.ID, r["for_id"])
			}
		}

		resp, err := http.Get(api.URL + "/api/v1/talks/" + url.PathEscape(e.ID) + "/related?limit=5")
		if err != nil {
			t.Fatal(err)
		}
		var a struct{ Rows []map[string]any }
		err = json.NewDecoder(resp.Body).Decode(&a)
		resp.Body.Close()
		if resp.StatusCode != 200 || err != nil {
			t.Fatalf("API %s: status %d, %v", e.ID, resp.StatusCode, err)
		}
		if got := rowsOf(t, a.Rows); !slices.Equal(got, nonNil(want)) {
			t.Errorf("%s: API gives %+v, widget %+v", e.ID, got, want)
		}
	}
	if withRelated < len(index)/2 {
		t.Errorf("only %d of %d talks have related talks", withRelated, len(index))
	}
	resp, err := http.Get(api.URL + "/api/v1/talks/talk:no-such-talk/related")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown talk: status %d, want 404", resp.StatusCode)
	}
}

func nonNil(rows []relatedRow) []relatedRow {
	if rows == nil {
		return []relatedRow{}
	}
	return rows
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

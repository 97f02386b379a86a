package cli

import (
	goio "io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/server"
	"github.com/talkgraph/talkgraph/queries"
)

// TestSearch_typedText sends the search box's text as people type it to
// the API over both stores: what the full-text syntax cannot parse is
// searched as plain words (200, and "async/await" finds the examples'
// talk about it), and only a query too long for the index is the client's error
// (400), never a 500.
func TestSearch_typedText(t *testing.T) {
	dir := neo4jDir(t)
	if err := os.CopyFS(filepath.Join(dir, "notes"), os.DirFS("../../examples/notes")); err != nil {
		t.Fatal(err)
	}
	packs, err := queries.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, store := range []string{"embedded", "neo4j"} {
		if code, _, errOut := run(t, dir, "build", "--quiet", "--store", store, "notes"); code != ExitOK {
			t.Fatalf("build %s: exit %d: %s", store, code, errOut)
		}
		io, _, _ := testIO()
		f := NewFactory(io, dir)
		var q graph.Querier
		if store == "neo4j" {
			q, err = f.Neo4j(t.Context())
		} else {
			q, err = f.Querier(t.Context())
		}
		if err != nil {
			t.Fatal(err)
		}
		api := httptest.NewServer(server.New(server.Default(), q, packs, nil))
		for _, tc := range []struct {
			q      string
			status int
			find   string
		}{
			{"async/await", 200, "the road to async/await"},
			{"(", 200, ""},
			{`"`, 200, ""},
			{"a AND", 200, ""},
			{"[a TO", 200, ""},
			{"title:x ~ ^2 {}", 200, ""},
			{`"async await"`, 200, "the road to async/await"}, // a phrase, as typed
			{strings.Repeat("word ", 1100), 400, ""},
			{strings.Repeat("x", 1<<20), 400, ""},
		} {
			resp, err := http.Get(api.URL + "/api/v1/talks?q=" + url.QueryEscape(tc.q))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := goio.ReadAll(resp.Body)
			resp.Body.Close()
			body := string(b)
			if resp.StatusCode != tc.status || tc.find != "" && !strings.Contains(body, tc.find) {
				t.Errorf("%s: q=%.40q: %d %.300s, want %d with %q", store, tc.q, resp.StatusCode, body, tc.status, tc.find)
			}
		}
		api.Close()
		// The command line searches the same way.
		for _, text := range []string{"(", "async/await"} {
			code, out, errOut := run(t, dir, "query", "--store", store, "explore/search", "--param", "q="+text)
			if code != ExitOK || text == "async/await" && !strings.Contains(out, "the road to async/await") {
				t.Errorf("%s: query explore/search q=%s: exit %d, %s %s", store, text, code, out, errOut)
			}
		}
	}
}

// TestCypher_limits: cypher prints at most --max-rows rows and says it cut
// them, and stops a query at --timeout, on both stores.
func TestCypher_limits(t *testing.T) {
	dir := neo4jDir(t)
	if err := os.CopyFS(filepath.Join(dir, "notes"), os.DirFS("../../examples/notes")); err != nil {
		t.Fatal(err)
	}
	for _, store := range []string{"embedded", "neo4j"} {
		if code, _, errOut := run(t, dir, "build", "--quiet", "--store", store, "notes"); code != ExitOK {
			t.Fatalf("build %s: exit %d: %s", store, code, errOut)
		}
		code, out, errOut := run(t, dir, "--store", store, "cypher", "--max-rows", "5", "--json", "UNWIND range(1, 100000) AS i RETURN i")
		if code != ExitOK || !strings.Contains(out, `"rows":[[1],[2],[3],[4],[5]]}`) || !strings.Contains(errOut, "only the first 5 rows") {
			t.Errorf("%s: --max-rows 5: exit %d, %q, %q", store, code, out, errOut)
		}
		code, _, errOut = run(t, dir, "--store", store, "cypher", "--timeout", "100ms",
			"MATCH (a), (b), (c) WITH a, b, c WHERE a.id < b.id AND b.id < c.id RETURN count(*)")
		if want := "talkgraph: the query ran longer than 100ms (--timeout sets the limit): context deadline exceeded\n"; code != ExitError || errOut != want {
			t.Errorf("%s: --timeout: exit %d, %q", store, code, errOut)
		}
	}
}

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
	}
}

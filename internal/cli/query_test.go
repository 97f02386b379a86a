package cli

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

func TestNewCmdQuery(t *testing.T) {
	tests := []struct {
		args    []string
		want    QueryOptions
		wantErr string
	}{
		{args: []string{"--list"}, want: QueryOptions{List: true}},
		{args: []string{"recommend/related-talks", "--param", "talk=Taking Django Async", "--param", "limit=5", "--csv"},
			want: QueryOptions{ID: "recommend/related-talks", Params: []string{"talk=Taking Django Async", "limit=5"}, CSV: true}},
		{args: []string{"themes/recurring", "--example", "--json"}, want: QueryOptions{ID: "themes/recurring", Example: true, JSON: true}},
		{args: []string{}, wantErr: "give a query (PACK/NAME) or --list"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var got *QueryOptions
			io, _, _ := testIO()
			cmd := NewCmdQuery(NewFactory(io, t.TempDir()), func(o *QueryOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				var fe *FlagError
				if !errors.As(err, &fe) {
					t.Errorf("err %v is not a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.List != tt.want.List || got.ID != tt.want.ID || strings.Join(got.Params, "|") != strings.Join(tt.want.Params, "|") ||
				got.Example != tt.want.Example || got.JSON != tt.want.JSON || got.CSV != tt.want.CSV {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestQueryRun(t *testing.T) {
	io, out, _ := testIO()
	f := NewFactory(io, t.TempDir())
	var gotParams map[string]any
	f.neo4j = &fakeNeo4j{QueryFunc: func(_ context.Context, q string, p map[string]any) (*graph.Result, error) {
		gotParams = p
		return &graph.Result{Columns: []string{"talk", "score"}, Rows: [][]any{{"Taking Django Async", 1.5}, {"Async views", 0.5}}}, nil
	}}
	t.Setenv("TALKGRAPH_STORE", "neo4j")
	opts := &QueryOptions{Factory: f, ID: "recommend/related-talks", Params: []string{"talk=Taking Django Async", "limit=2"}, CSV: true}
	if err := queryRun(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	if gotParams["talk"] != "Taking Django Async" || gotParams["limit"] != int64(2) {
		t.Errorf("params sent = %v, want talk and limit 2 (int)", gotParams)
	}
	if want := "talk,score\nTaking Django Async,1.5\nAsync views,0.5\n"; out.String() != want {
		t.Errorf("csv = %q, want %q", out.String(), want)
	}
	for _, tt := range []struct {
		opts QueryOptions
		want string
	}{
		{QueryOptions{ID: "nope/none"}, `no query "nope/none"`},
		{QueryOptions{ID: "recommend/related-talks", Params: []string{"bogus=1"}}, `has no parameter "bogus"`},
		{QueryOptions{ID: "recommend/related-talks", Params: []string{"limit=many"}}, `parameter limit`},
	} {
		o := tt.opts
		o.Factory = f
		if err := queryRun(t.Context(), &o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("queryRun(%+v) = %v, want %q", tt.opts, err, tt.want)
		}
	}
}

func TestQueryRun_list(t *testing.T) {
	io, out, _ := testIO()
	f := NewFactory(io, t.TempDir())
	if err := queryRun(t.Context(), &QueryOptions{Factory: f, List: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"RECOMMEND", "recommend/related-talks", "--param talk=", "THEMES", "themes/recurring"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("list lacks %q", want)
		}
	}
}

// TestQueryRun_embedded runs queries on the embedded store: a pack query,
// ad-hoc Cypher with a parameter; a write is refused, a syntax error is
// positioned, and a store never built gets a hint.
func TestQueryRun_embedded(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, dir, "query", "explore/search", "--param", "q=django"); code == ExitOK || !strings.Contains(errOut, "talkgraph build") {
		t.Errorf("no store: exit %d, %q; want a hint to build", code, errOut)
	}
	writeFiles(t, dir, buildNotes)
	if code, _, errOut := run(t, dir, "build", "--quiet", "notes"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, dir, "query", "explore/search", "--param", "q=django", "--json")
	var res struct {
		Columns []string
		Rows    [][]any
	}
	if err := json.Unmarshal([]byte(out), &res); code != ExitOK || err != nil || len(res.Rows) == 0 {
		t.Fatalf("search: exit %d, %v: %s %s", code, err, out, errOut)
	}
	code, out, errOut = run(t, dir, "cypher", "MATCH (s:Speaker {name: $n})-[:PRESENTED]->(t) RETURN t.title AS talk", "--param", "n=Andrew Godwin")
	if code != ExitOK || !strings.Contains(out, "Taking Django Async") {
		t.Errorf("cypher: exit %d: %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, dir, "cypher", "CREATE (n:Talk {id: 'x'}) RETURN n"); code == ExitOK || !strings.Contains(errOut, "not allowed") {
		t.Errorf("a write: exit %d, %q; want it refused", code, errOut)
	}
	if code, _, errOut := run(t, dir, "cypher", "MATCH (t:Talk)\nRETURN t.title ORDER"); code == ExitOK || !strings.Contains(errOut, "at 2:21") {
		t.Errorf("a syntax error: exit %d, %q; want its position", code, errOut)
	}
}

func TestQueryRun_userPacks(t *testing.T) {
	io, out, _ := testIO()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"talkgraph.yaml": "queries: [mine]\n",
		"mine/local/by-year.cypher": "// name: by-year\n// description: Talks per year.\n// returns: year, talks\n\n" +
			"MATCH (t:Talk) RETURN t.year AS year, count(*) AS talks ORDER BY year\n",
	})
	f := NewFactory(io, dir)
	if err := queryRun(t.Context(), &QueryOptions{Factory: f, List: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "local/by-year") || !strings.Contains(out.String(), "recommend/related-talks") {
		t.Errorf("list lacks the user's or the shipped queries:\n%s", out.String())
	}
	// Defining a shipped query again, or a file that does not read, is
	// left out with a warning naming the file; the rest still runs.
	writeFiles(t, dir, map[string]string{
		"mine/recommend/related-talks.cypher": "// name: related-talks\n// description: d\n// returns: a\n\nRETURN 1 AS a\n",
		"mine/local/broken.cypher":            "// name: broken\n// param: x nope = 1 example 1\n",
	})
	io, out, errOut := testIO()
	f = NewFactory(io, dir)
	if err := queryRun(t.Context(), &QueryOptions{Factory: f, List: true}); err != nil {
		t.Fatalf("a bad user file failed --list: %v", err)
	}
	for _, want := range []string{"warning: mine/recommend/related-talks.cypher: query recommend/related-talks is already defined in (shipped)",
		"warning: mine/local/broken.cypher:2:"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out.String(), "local/by-year") || !strings.Contains(out.String(), "recommend/related-talks") || strings.Contains(out.String(), "local/broken") {
		t.Errorf("list after bad files:\n%s", out)
	}
}

// An error of a pack query at run time is placed in the pack's file.
func TestQueryRun_packErrorInFile(t *testing.T) {
	dir := builtDir(t)
	writeFiles(t, dir, map[string]string{
		"talkgraph.yaml":        "queries: [mine]\n",
		"mine/local/bad.cypher": "// name: bad\n// description: d\n// returns: n\n\nMATCH (t:Talk)\nRETURN range(1, 3, 0) AS n\n",
	})
	code, _, errOut := run(t, dir, "query", "local/bad")
	if want := "talkgraph: mine/local/bad.cypher:6:8: range step must not be 0"; code != ExitError || !strings.HasPrefix(errOut, want) {
		t.Errorf("exit %d, stderr %q; want %q", code, errOut, want)
	}
}

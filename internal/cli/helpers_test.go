package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/neo4jstore"
	"github.com/talkgraph/talkgraph/internal/neo4jtest"
)

// TestMain keeps the developer's environment out of the tests: a shell that
// follows the README has NEO4J_URI and friends set.
func TestMain(m *testing.M) {
	for _, k := range config.Keys {
		for _, name := range config.EnvNames(k) {
			os.Unsetenv(name)
		}
	}
	os.Exit(m.Run())
}

// testIO returns streams writing to buffers: stdout and stderr.
func testIO() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut}, out, errOut
}

// execute runs a subcommand on its own, as the root would: usage errors
// are FlagErrors and output goes to io.
func execute(cmd *cobra.Command, io *IOStreams, args []string) error {
	cmd.SetArgs(args)
	cmd.SetOut(io.Out)
	cmd.SetErr(io.ErrOut)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err} })
	return cmd.Execute()
}

// run runs args with a new Factory in dir and returns the exit code,
// stdout and stderr.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	io, out, errOut := testIO()
	code := Run(context.Background(), NewFactory(io, dir), args)
	return code, out.String(), errOut.String()
}

// writeFiles writes files (slash path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fakeStore is a graph.Store whose methods tests replace.
type fakeStore struct {
	NoteHashesFunc func(ctx context.Context) (map[string]string, error)
	ApplyFunc      func(ctx context.Context, c graph.Changeset) error
	GraphFunc      func(ctx context.Context) (*graph.Graph, error)
	closed         bool
}

func (s *fakeStore) NoteHashes(ctx context.Context) (map[string]string, error) {
	return s.NoteHashesFunc(ctx)
}
func (s *fakeStore) Apply(ctx context.Context, c graph.Changeset) error { return s.ApplyFunc(ctx, c) }
func (s *fakeStore) Graph(ctx context.Context) (*graph.Graph, error)    { return s.GraphFunc(ctx) }
func (s *fakeStore) Close() error                                       { s.closed = true; return nil }

// storeOf returns a fake store holding g.
func storeOf(g *graph.Graph) *fakeStore {
	return &fakeStore{GraphFunc: func(context.Context) (*graph.Graph, error) { return g, nil }}
}

// talkGraph returns a small graph: two talks by one speaker, one
// mentioning Django twice, and a speaker whose name starts like another.
func talkGraph() *graph.Graph {
	g := graph.New()
	src := func(line int) []graph.Source { return []graph.Source{{Note: "notes/day1.md", Line: line}} }
	talk := graph.ID(graph.Talk, "Taking Django Async")
	talk2 := graph.ID(graph.Talk, "Django in Depth")
	andrew := graph.ID(graph.Speaker, "Andrew Godwin")
	django := graph.ID(graph.Tool, "Django")
	g.AddNode(graph.Node{ID: talk, Label: graph.Talk, Props: map[string]any{"title": "Taking Django Async"}, Sources: src(219)})
	g.AddNode(graph.Node{ID: talk2, Label: graph.Talk, Props: map[string]any{"title": "Django in Depth"}, Sources: src(300)})
	g.AddNode(graph.Node{ID: andrew, Label: graph.Speaker, Props: map[string]any{"name": "Andrew Godwin"}, Sources: src(219)})
	g.AddNode(graph.Node{ID: graph.ID(graph.Speaker, "Andrea"), Label: graph.Speaker, Props: map[string]any{"name": "Andrea"}})
	g.AddNode(graph.Node{ID: django, Label: graph.Tool, Props: map[string]any{"name": "Django"}, Sources: src(221)})
	g.AddRel(graph.Rel{Type: graph.Presented, From: andrew, To: talk, Sources: src(219)})
	g.AddRel(graph.Rel{Type: graph.Presented, From: andrew, To: talk2, Sources: src(300)})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: talk, To: django, Sources: []graph.Source{
		{Note: "notes/day1.md", Line: 221}, {Note: "notes/day1.md", Line: 228}}})
	return g
}

// fakeNeo4j is a Neo4jStore whose methods tests replace. Apply adds
// ApplyCounters to the counters.
type fakeNeo4j struct {
	fakeStore
	QueryFunc     func(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error)
	StatusFunc    func(ctx context.Context) (neo4jstore.Status, error)
	ApplyCounters neo4jstore.Counters
	counters      neo4jstore.Counters
	applied       []graph.Changeset
}

func (s *fakeNeo4j) Apply(ctx context.Context, c graph.Changeset) error {
	s.applied = append(s.applied, c)
	if s.ApplyFunc != nil {
		if err := s.ApplyFunc(ctx, c); err != nil {
			return err
		}
	}
	a, b := s.counters, s.ApplyCounters
	s.counters = neo4jstore.Counters{NodesCreated: a.NodesCreated + b.NodesCreated, NodesDeleted: a.NodesDeleted + b.NodesDeleted,
		RelsCreated: a.RelsCreated + b.RelsCreated, RelsDeleted: a.RelsDeleted + b.RelsDeleted, PropertiesSet: a.PropertiesSet + b.PropertiesSet}
	return nil
}
func (s *fakeNeo4j) Status(ctx context.Context) (neo4jstore.Status, error) { return s.StatusFunc(ctx) }
func (s *fakeNeo4j) Query(ctx context.Context, q string, p map[string]any) (*graph.Result, error) {
	return s.QueryFunc(ctx, q, p)
}
func (s *fakeNeo4j) Counters() neo4jstore.Counters { return s.counters }
func (s *fakeNeo4j) ResetCounters()                { s.counters = neo4jstore.Counters{} }

// neo4jDir returns a working directory whose talkgraph.yaml points at the
// test Neo4j server, emptied (see neo4jtest.Empty).
func neo4jDir(t *testing.T) string {
	t.Helper()
	s := neo4jtest.Empty(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{config.FileName: "neo4j:\n" +
		"  uri: " + strconv.Quote(s.URI) + "\n" +
		"  username: " + strconv.Quote(s.Username) + "\n" +
		"  password: " + strconv.Quote(s.Password) + "\n"})
	return dir
}

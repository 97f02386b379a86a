package cli

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/talkgraph/talkgraph/internal/neo4jstore"
)

func TestNewCmdNeo4jStatus(t *testing.T) {
	tests := []struct {
		args     []string
		wantJSON bool
		wantErr  string
	}{
		{args: nil},
		{args: []string{"--json"}, wantJSON: true},
		{args: []string{"now"}, wantErr: `unexpected argument "now"`},
	}
	for _, tt := range tests {
		io, _, _ := testIO()
		var got *Neo4jStatusOptions
		cmd := NewCmdNeo4jStatus(NewFactory(io, t.TempDir()), func(o *Neo4jStatusOptions) error { got = o; return nil })
		err := execute(cmd, io, tt.args)
		if tt.wantErr != "" {
			var fe *FlagError
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &fe) {
				t.Errorf("status %q: got %v, want a usage error %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.JSON != tt.wantJSON {
			t.Errorf("status %q: got %+v, %v, want json %v", tt.args, got, err, tt.wantJSON)
		}
	}
}

func TestNeo4jCommand_usage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"neo4j"}, "talkgraph: missing command: want one of status"},
		{[]string{"neo4j", "stat"}, `talkgraph: unknown command "stat" for "talkgraph neo4j"`},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, t.TempDir(), tt.args...)
		if code != ExitUsage || !strings.HasPrefix(errOut, tt.want) || !strings.Contains(errOut, "Usage:") {
			t.Errorf("%q: got exit %d, stderr %q, want %d, %q and the usage", tt.args, code, errOut, ExitUsage, tt.want)
		}
	}
	if code, out, _ := run(t, t.TempDir(), "neo4j", "--help"); code != ExitOK || !strings.Contains(out, "status") {
		t.Errorf("neo4j --help: got exit %d:\n%s", code, out)
	}
}

// testStatus is a status as a small loaded database gives it.
var testStatus = neo4jstore.Status{
	URI: "neo4j://localhost:7687", Database: "neo4j", Server: "Neo4j Kernel 5.26.0", Edition: "community",
	Constraints: []string{"speaker_id", "talk_id"}, Indexes: []string{"speaker_name", "talk_text"},
	Nodes: map[string]int{"Talk": 3, "Speaker": 3}, Rels: map[string]int{"PRESENTED": 3}, Notes: 3,
}

func TestNeo4jStatusRun(t *testing.T) {
	io, out, _ := testIO()
	f := NewFactory(io, t.TempDir())
	f.neo4j = &fakeNeo4j{StatusFunc: func(context.Context) (neo4jstore.Status, error) { return testStatus, nil }}
	if err := neo4jStatusRun(t.Context(), &Neo4jStatusOptions{Factory: f}); err != nil {
		t.Fatal(err)
	}
	for _, rx := range []string{
		`(?m)^connected to neo4j://localhost:7687, database neo4j$`,
		`(?m)^server +Neo4j Kernel 5\.26\.0 \(community edition\)$`,
		`(?m)^notes +3 loaded$`,
		`(?m)^CONSTRAINTS \(2\)\n  speaker_id\n  talk_id\n`,
		`(?m)^INDEXES \(2\)\n  speaker_name\n  talk_text\n`,
		`(?m)^  Talk +3$`, `(?m)^  Person +0$`, `(?m)^  PRESENTED +3$`, `(?m)^  FROM +0$`,
		`(?m)^NODES\n(  .*\n){9}  total +6\n`,
	} {
		if !regexp.MustCompile(rx).MatchString(out.String()) {
			t.Errorf("output does not match %s:\n%s", rx, out)
		}
	}

	out.Reset()
	if err := neo4jStatusRun(t.Context(), &Neo4jStatusOptions{Factory: f, JSON: true}); err != nil {
		t.Fatal(err)
	}
	var got neo4jStatus
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if !got.Connected || got.Server != testStatus.Server || !slices.Equal(got.Constraints, testStatus.Constraints) ||
		got.Nodes["Talk"] != 3 || got.Notes != 3 {
		t.Errorf("--json: got %+v, want connected and %+v", got, testStatus)
	}
}

// An interrupted load and a writer at work are said, with the notes.
func TestNeo4jStatusRun_unfinished(t *testing.T) {
	io, out, _ := testIO()
	f := NewFactory(io, t.TempDir())
	st := testStatus
	st.Unfinished, st.UnfinishedNotes, st.UnfinishedDerived = 12, []string{"a.md", "b.md"}, 5
	st.WritingSince, st.WriterStale = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC), true
	f.neo4j = &fakeNeo4j{StatusFunc: func(context.Context) (neo4jstore.Status, error) { return st, nil }}
	if err := neo4jStatusRun(t.Context(), &Neo4jStatusOptions{Factory: f}); err != nil {
		t.Fatal(err)
	}
	for _, rx := range []string{
		`(?m)^unfinished +12 notes \(a\.md, b\.md, and 10 more; and 5 related-talk rankings\): an interrupted load; readers see part of its facts until the next build, import or load completes it$`,
		`(?m)^writer +a talkgraph that stopped was writing \(its lock is stale; the next writer takes it over\), since 2026-12-06T10:00:00Z$`,
	} {
		if !regexp.MustCompile(rx).MatchString(out.String()) {
			t.Errorf("output does not match %s:\n%s", rx, out)
		}
	}
	out.Reset()
	if err := neo4jStatusRun(t.Context(), &Neo4jStatusOptions{Factory: f, JSON: true}); err != nil {
		t.Fatal(err)
	}
	var got neo4jStatus
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || got.Unfinished != 12 || !got.WritingSince.Equal(st.WritingSince) {
		t.Errorf("--json: got %+v, %v", got, err)
	}
	// A live writer's notes are being loaded, not interrupted.
	out.Reset()
	st.WriterStale = false
	if err := neo4jStatusRun(t.Context(), &Neo4jStatusOptions{Factory: f}); err != nil ||
		!strings.Contains(out.String(), "being loaded now by the writer below") || !strings.Contains(out.String(), "a talkgraph is writing, since") {
		t.Errorf("a live writer: %v\n%s", err, out)
	}
	out.Reset()
	f.neo4j = &fakeNeo4j{StatusFunc: func(context.Context) (neo4jstore.Status, error) { return testStatus, nil }}
	if err := neo4jStatusRun(t.Context(), &Neo4jStatusOptions{Factory: f}); err != nil || strings.Contains(out.String(), "unfinished") || strings.Contains(out.String(), "writer") {
		t.Errorf("a finished load: %v\n%s", err, out)
	}
}

func TestNeo4jStatusRun_unreachable(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1")
	code, out, errOut := run(t, t.TempDir(), "neo4j", "status")
	want := "talkgraph: neo4j bolt://127.0.0.1:1: ConnectivityError: "
	if code != ExitError || out != "" || !strings.HasPrefix(errOut, want) || !strings.HasSuffix(errOut, "(is Neo4j running? docker compose up -d)\n") {
		t.Errorf("got exit %d, stdout %q, stderr %q, want %d, %q and the hint", code, out, errOut, ExitError, want)
	}

	code, out, _ = run(t, t.TempDir(), "neo4j", "status", "--json")
	var got neo4jStatus
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitError {
		t.Fatalf("--json: got exit %d, %v:\n%s", code, err, out)
	}
	if got.Connected || got.URI != "bolt://127.0.0.1:1" || !strings.Contains(got.Error, "ConnectivityError") {
		t.Errorf("--json: got %+v, want not connected, the URI and the error", got)
	}
}

// TestNeo4jStatus_neo4j asks a real Neo4j for its status, empty and after
// a build.
func TestNeo4jStatus_neo4j(t *testing.T) {
	dir := neo4jDir(t)
	status := func() neo4jStatus {
		t.Helper()
		code, out, errOut := run(t, dir, "neo4j", "status", "--json")
		var st neo4jStatus
		if err := json.Unmarshal([]byte(out), &st); code != ExitOK || err != nil {
			t.Fatalf("status: got exit %d, %v: %q %q", code, err, out, errOut)
		}
		return st
	}
	st := status()
	if !st.Connected || !strings.HasPrefix(st.Server, "Neo4j") || st.Edition == "" || st.Database != "neo4j" {
		t.Errorf("got %+v, want connected to a Neo4j server, its edition, database neo4j", st)
	}
	for _, want := range []string{"talk_id", "speaker_id", "tool_id", "talkgraph_source_path"} {
		if !slices.Contains(st.Constraints, want) {
			t.Errorf("constraints %q lack %s", st.Constraints, want)
		}
	}
	if !slices.Contains(st.Indexes, neo4jstore.FullTextIndex) {
		t.Errorf("indexes %q lack %s", st.Indexes, neo4jstore.FullTextIndex)
	}
	if st.Notes != 0 || st.Nodes["Talk"] != 0 {
		t.Errorf("empty database: got %d notes, %d talks, want 0", st.Notes, st.Nodes["Talk"])
	}

	writeFiles(t, dir, buildNotes)
	if code, _, errOut := run(t, dir, "build", "--quiet", "--store", "neo4j", "notes"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	st = status()
	if st.Notes != 3 || st.Nodes["Talk"] != 3 || st.Rels["PRESENTED"] < 3 {
		t.Errorf("after a build: got %d notes, nodes %v, relationships %v, want 3 notes, 3 talks, PRESENTED", st.Notes, st.Nodes, st.Rels)
	}
	code, out, _ := run(t, dir, "neo4j", "status")
	if code != ExitOK || !regexp.MustCompile(`(?m)^notes +3 loaded$`).MatchString(out) || !strings.Contains(out, "talk_id") {
		t.Errorf("status: got exit %d:\n%s", code, out)
	}
}

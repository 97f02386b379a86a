package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/extract"
)

func TestNewCmdCandidates(t *testing.T) {
	tests := []struct {
		args    []string
		wantMin int
		wantErr string
	}{
		{args: []string{"notes"}, wantMin: 2},
		{args: []string{"--min", "5", "--json", "notes"}, wantMin: 5},
		{args: []string{"--min", "0", "notes"}, wantErr: "--min must be at least 1"},
		{args: nil, wantErr: "missing PATH argument"},
	}
	for _, tt := range tests {
		io, _, _ := testIO()
		var got *CandidatesOptions
		cmd := NewCmdCandidates(NewFactory(io, t.TempDir()), func(o *CandidatesOptions) error { got = o; return nil })
		err := execute(cmd, io, tt.args)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("candidates %q: got error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.Min != tt.wantMin {
			t.Errorf("candidates %q: got %+v, %v, want min %d", tt.args, got, err, tt.wantMin)
		}
	}
}

func TestTallyCandidates(t *testing.T) {
	c := func(name, guess, note string, line int) extract.Candidate {
		return extract.Candidate{Name: name, Guess: guess, Why: "CamelCase", Note: note, Line: line}
	}
	results := []*extract.Result{
		{Candidates: []extract.Candidate{c("FooLib", "tool", "a.md", 3), c("Bar Baz", "person", "a.md", 4), c("foolib", "unknown", "a.md", 9)}},
		{Candidates: []extract.Candidate{c("FooLib", "tool", "b.md", 1), c("Bar Baz", "person", "b.md", 2), c("Once", "tool", "b.md", 5)}},
	}
	rows := tallyCandidates(results, 2)
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2 (Once is seen once)", len(rows))
	}
	if r := rows[0]; r.Name != "FooLib" || r.Count != 3 || r.Notes != 2 || r.Guess != "tool" || r.First != "a.md:3" {
		t.Errorf("got first row %+v, want FooLib seen 3 times in 2 notes, a tool, first at a.md:3", r)
	}
	if r := rows[1]; r.Name != "Bar Baz" || r.Count != 2 {
		t.Errorf("got second row %+v, want Bar Baz seen twice", r)
	}

	var b strings.Builder
	if err := printCandidates(&b, nil, true); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("no candidates as JSON: got %q, %v, want []", b.String(), err)
	}
	b.Reset()
	if err := printCandidates(&b, rows, true); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil || len(got) != 2 || got[0]["first"] != "a.md:3" {
		t.Errorf("got %s (%v), want two rows, the first seen at a.md:3", b.String(), err)
	}
}

func TestCandidatesRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)
	code, out, errOut := run(t, dir, "candidates", "--min", "1", "notes")
	if code != ExitOK || !strings.HasPrefix(out, "COUNT") {
		t.Errorf("got exit %d, stdout %q, stderr %q, want 0 and a table", code, out, errOut)
	}
}

package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/memstore"
	"github.com/talkgraph/talkgraph/internal/notes"
	"github.com/talkgraph/talkgraph/internal/storetest"
)

func TestPlanBuild(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"n/a.md": "a", "n/b.md": "b"} {
		if err := os.MkdirAll(filepath.Join(dir, "n"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := []NoteFile{{Path: "n/a.md", Abs: filepath.Join(dir, "n/a.md")}, {Path: "n/b.md", Abs: filepath.Join(dir, "n/b.md")}}
	stored := map[string]string{
		"n/a.md":     notes.Hash([]byte("a")) + ".fp",   // unchanged
		"n/b.md":     notes.Hash([]byte("old")) + ".fp", // changed
		"n/gone.md":  "x",                               // deleted: under the root
		"m/other.md": "y",                               // kept: not under the root
		"n2/near.md": "z",                               // kept: "n2" is not under "n"
	}
	p := PlanBuild(files, stored, []string{"n"}, false, "fp")
	if p.Unchanged != 1 || len(p.Extract) != 1 || p.Extract[0].File.Path != "n/b.md" {
		t.Errorf("got %d unchanged, extract %v, want 1 and n/b.md", p.Unchanged, p.Extract)
	}
	if !slices.Equal(p.Delete, []string{"n/gone.md"}) {
		t.Errorf("got delete %q, want [n/gone.md]", p.Delete)
	}
	if p := PlanBuild(files, stored, []string{"n"}, false, "other"); p.Unchanged != 0 || len(p.Extract) != 2 {
		t.Errorf("another fingerprint: got %d unchanged, %d to extract, want 0 and 2", p.Unchanged, len(p.Extract))
	}
}

// TestForEach: every index once, at most the workers at a time, and a
// cancelled context stops the work.
func TestForEach(t *testing.T) {
	var running, peak, calls atomic.Int32
	seen := make([]atomic.Int32, 100)
	err := ForEach(context.Background(), 100, 3, func(i int) {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		seen[i].Add(1)
		running.Add(-1)
	}, func() { calls.Add(1) })
	if err != nil || peak.Load() > 3 || calls.Load() != 100 {
		t.Errorf("err %v, peak %d workers, %d done calls; want nil, at most 3, 100", err, peak.Load(), calls.Load())
	}
	for i := range seen {
		if seen[i].Load() != 1 {
			t.Fatalf("index %d done %d times", i, seen[i].Load())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var after atomic.Int32
	if err := ForEach(ctx, 100, 2, func(int) { after.Add(1) }, func() {}); !errors.Is(err, context.Canceled) || after.Load() != 0 {
		t.Errorf("cancelled: err %v, %d calls; want context.Canceled and none", err, after.Load())
	}
}

// WithRelated with all (build --force) ranks every talk again, where a
// build with nothing changed ranks none.
func TestWithRelated_all(t *testing.T) {
	ctx := context.Background()
	s, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put, del, err := WithRelated(ctx, 5, s, nil, storetest.ExampleNotes(t, nil), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(ctx, graph.Changeset{Put: put, Delete: del}); err != nil {
		t.Fatal(err)
	}
	stored, err := s.NoteHashes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ranked := 0
	for p := range stored {
		if graph.IsDerived(p) {
			ranked++
		}
	}
	if put, del, err := WithRelated(ctx, 5, s, stored, nil, nil, false); err != nil || len(put)+len(del) != 0 {
		t.Errorf("nothing changed: put %d, delete %d, %v; want nothing", len(put), len(del), err)
	}
	put, _, err = WithRelated(ctx, 5, s, stored, nil, nil, true)
	if err != nil || ranked == 0 || Ranked(put) != ranked {
		t.Errorf("all: %d talks ranked again, %v; want all %d", Ranked(put), err, ranked)
	}
}

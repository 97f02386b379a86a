package neo4jstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/talkgraph/talkgraph/graph"
)

// TestApply_twoWriters: while one talkgraph holds the write lock, another's
// Apply waits (saying so once) and, past its wait, fails with ErrLocked
// and a clear message, having written nothing; once the lock is released
// it applies. A lock its writer left (stale) is taken over.
func TestApply_twoWriters(t *testing.T) {
	cfg := testConfig(t)
	a := openEmpty(t, cfg)
	defer a.Close()
	b, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	unlock, err := a.lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	waited := 0
	b.LockWait, b.Waiting = 600*time.Millisecond, func() { waited++ }
	note := graph.NoteGraph{Path: "a.md", Hash: "h", Graph: fixture()[0].Graph}
	err = b.Apply(ctx, graph.Changeset{Put: []graph.NoteGraph{note}})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "another talkgraph is writing to this Neo4j") || waited != 1 {
		t.Fatalf("Apply while locked: %v (waited %d), want ErrLocked after waiting once", err, waited)
	}
	if h, _ := b.NoteHashes(ctx); len(h) != 0 {
		t.Errorf("a refused Apply wrote %v", h)
	}
	done := make(chan error, 1)
	b.LockWait = 20 * time.Second
	go func() { done <- b.Apply(ctx, graph.Changeset{Put: []graph.NoteGraph{note}}) }()
	time.Sleep(400 * time.Millisecond)
	unlock()
	if err := <-done; err != nil {
		t.Fatalf("Apply after the lock was released: %v", err)
	}
	if h, _ := b.NoteHashes(ctx); h["a.md"] != "h" {
		t.Errorf("NoteHashes %v after waiting", h)
	}
	// A stale lock (its writer died long ago) is taken over at once.
	if err := a.run(ctx, "CREATE (:"+lockLabel+" {name: 'write', owner: 'dead', since: timestamp() - $age})", map[string]any{"age": (staleLock + time.Minute).Milliseconds()}, nil); err != nil {
		t.Fatal(err)
	}
	b.LockWait = 0
	if err := b.Apply(ctx, graph.Changeset{Delete: []string{"a.md"}}); err != nil {
		t.Fatalf("Apply over a stale lock: %v", err)
	}
	res, err := a.Query(ctx, "MATCH (l:"+lockLabel+") RETURN count(l)", nil)
	if err != nil || res.Rows[0][0] != int64(0) {
		t.Errorf("locks left after Apply: %v %v", res, err)
	}
}

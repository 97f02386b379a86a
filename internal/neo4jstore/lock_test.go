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

// TestStatus_unfinished: a load stopped part-way is reported by Status as
// unfinished, with its notes, and an empty Apply (what a no-change build
// sends) completes it, after which nothing is unfinished. While a writer
// holds the lock, Status says since when.
func TestStatus_unfinished(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 1
	s := openEmpty(t, cfg)
	defer s.Close()
	ctx := context.Background()
	notes := fixture()
	errStop := errors.New("stopped")
	n := 0
	s.afterBatch = func() error {
		if n++; n == 2 {
			return errStop
		}
		return nil
	}
	if err := s.Apply(ctx, graph.Changeset{Put: notes}); !errors.Is(err, errStop) {
		t.Fatalf("interrupted Apply: %v, want %v", err, errStop)
	}
	s.afterBatch = nil
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unfinished != len(notes) || len(st.UnfinishedNotes) != len(notes) || st.UnfinishedNotes[0] != notes[0].Path || st.Notes != 0 {
		t.Errorf("after an interrupted load: unfinished %d %v, notes %d; want %d unfinished, 0 loaded",
			st.Unfinished, st.UnfinishedNotes, st.Notes, len(notes))
	}
	if !st.WritingSince.IsZero() {
		t.Errorf("no writer, but status says one writes since %v", st.WritingSince)
	}
	// While a live writer (its heartbeat advancing) holds the lock, an
	// empty Apply leaves its notes to it, without waiting for the lock.
	other, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.beatEvery, s.beatEvery = 50*time.Millisecond, 50*time.Millisecond
	unlockOther, err := other.lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.LockWait = 0
	err = s.Apply(ctx, graph.Changeset{})
	unlockOther()
	if err != nil {
		t.Fatalf("empty Apply beside a live writer: %v, want nothing done", err)
	}
	if st, err = s.Status(ctx); err != nil || st.Unfinished != len(notes) {
		t.Fatalf("an empty Apply beside a live writer changed the load: %+v, %v", st, err)
	}
	// A writer killed a moment ago holds a fresh lock that no longer
	// beats: the empty Apply waits for it to go stale, then completes the
	// load.
	if err := s.run(ctx, "CREATE (:"+lockLabel+" {name: 'write', owner: 'killed', taken: timestamp(), beat: timestamp() - $ago})",
		map[string]any{"ago": (staleLock - 2*time.Second).Milliseconds()}, nil); err != nil {
		t.Fatal(err)
	}
	s.LockWait = 10 * time.Second
	if err := s.Apply(ctx, graph.Changeset{}); err != nil {
		t.Fatal(err)
	}
	if st, err = s.Status(ctx); err != nil || st.Unfinished != 0 || st.Notes != len(notes) {
		t.Errorf("after an empty Apply: %+v, %v; want nothing unfinished and %d notes", st, err, len(notes))
	}
	got, err := s.Graph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, got, mergeAll(notes))

	unlock, err := s.lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err = s.Status(ctx)
	unlock()
	if err != nil || st.WritingSince.IsZero() || time.Since(st.WritingSince) > time.Minute || st.WriterStale {
		t.Errorf("while locked: writing since %v (stale %v), %v; want now", st.WritingSince, st.WriterStale, err)
	}
}

// TestLock_heartbeat: the writer's heartbeat keeps its lock fresh however
// long a batch takes; a lock whose heartbeat stopped (its writer was
// killed) is taken over by a writer that waits for it to go stale; and the
// writer that lost it fails at its next batch with ErrLockLost instead of
// writing beside the new one.
func TestLock_heartbeat(t *testing.T) {
	cfg := testConfig(t)
	a := openEmpty(t, cfg)
	defer a.Close()
	ctx := context.Background()
	a.beatEvery = 50 * time.Millisecond
	unlock, err := a.lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	age := func() int64 {
		res, err := a.Query(ctx, "MATCH (l:"+lockLabel+") RETURN timestamp() - l.beat", nil)
		if err != nil || len(res.Rows) != 1 {
			t.Fatalf("lock: %v %v", res, err)
		}
		return res.Rows[0][0].(int64)
	}
	if err := a.run(ctx, "MATCH (l:"+lockLabel+") SET l.beat = timestamp() - 3600000", nil, nil); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if ms := age(); ms > 1000 {
		t.Errorf("heartbeat %d ms old while the writer lives", ms)
	}
	unlock()

	// A killed writer: its lock stays, beaten 15 s ago, and goes stale
	// within the next writer's wait.
	if err := a.run(ctx, "CREATE (:"+lockLabel+" {name: 'write', owner: 'killed', taken: timestamp() - 60000, beat: timestamp() - $ago})",
		map[string]any{"ago": (staleLock - 2*time.Second).Milliseconds()}, nil); err != nil {
		t.Fatal(err)
	}
	waited := 0
	a.LockWait, a.Waiting = 10*time.Second, func() { waited++ }
	start := time.Now()
	note := graph.NoteGraph{Path: "a.md", Hash: "h", Graph: fixture()[0].Graph}
	if err := a.Apply(ctx, graph.Changeset{Put: []graph.NoteGraph{note}}); err != nil || waited != 1 {
		t.Fatalf("Apply after a killed writer: %v (waited %d)", err, waited)
	}
	if d := time.Since(start); d < time.Second || d > 8*time.Second {
		t.Errorf("took over a lock 2 s from stale after %s", d)
	}

	// A writer whose lock was taken over stops at its next batch.
	unlock, err = a.lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := a.run(ctx, "MATCH (l:"+lockLabel+") SET l.owner = 'other', l.beat = timestamp()", nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.refreshLock(ctx); !errors.Is(err, ErrLockLost) {
		t.Errorf("refreshLock after a takeover: %v, want ErrLockLost", err)
	}
}

// TestApply_lockLost: a writer whose lock another took over while it was
// paused writes no batch after that: the first check fails with
// ErrLockLost.
func TestApply_lockLost(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 1
	s := openEmpty(t, cfg)
	defer s.Close()
	ctx := context.Background()
	batches := 0
	s.afterBatch = func() error {
		if batches++; batches == 2 {
			// Paused past staleLock: another writer took the lock.
			if err := s.run(ctx, "MATCH (l:"+lockLabel+") SET l.owner = 'other', l.beat = timestamp()", nil, nil); err != nil {
				return err
			}
			s.lastBeat.Store(0)
		}
		return nil
	}
	err := s.Apply(ctx, graph.Changeset{Put: fixture()})
	if !errors.Is(err, ErrLockLost) || batches != 2 {
		t.Errorf("Apply after losing its lock: %v after %d batches; want ErrLockLost after 2", err, batches)
	}
}

// A database without the full-text index (emptied under a running serve)
// answers a search as not loaded yet, not as the query's fault with a
// Java trace; opening the store makes the index again.
func TestQuery_noFullTextIndex(t *testing.T) {
	cfg := testConfig(t)
	s := openEmpty(t, cfg)
	defer s.Close()
	ctx := context.Background()
	if err := s.book(ctx, "DROP INDEX "+FullTextIndex+" IF EXISTS", nil); err != nil {
		t.Fatal(err)
	}
	_, err := s.Query(ctx, "CALL db.index.fulltext.queryNodes($i, 'django') YIELD node RETURN node.title", map[string]any{"i": FullTextIndex})
	if !errors.Is(err, graph.ErrUnavailable) || errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "nothing is loaded yet") {
		t.Errorf("search without the index: %v, want ErrUnavailable saying nothing is loaded", err)
	}
	again, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

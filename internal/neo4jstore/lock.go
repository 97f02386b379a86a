package neo4jstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// lockLabel marks the node that one writer at a time holds, so that two
// talkgraph processes loading the same Neo4j take turns instead of
// colliding on its constraints. It is fixed here, never taken from note
// text.
const lockLabel = "TalkgraphLock"

// ErrLocked reports that another talkgraph process is writing to Neo4j.
var ErrLocked = errors.New("another talkgraph is writing to this Neo4j")

// ErrLockLost reports that another writer took the write lock over while
// this one was writing: its heartbeat stopped for longer than staleLock.
var ErrLockLost = errors.New("the Neo4j write lock was taken over by another talkgraph")

// DefaultLockWait is how long Apply waits for another writer by default.
// The writer holding the lock beats every lockBeat; a lock not beaten for
// staleLock is taken over (its writer died), so a writer that starts right
// after one was killed waits for it to go stale rather than failing.
const (
	DefaultLockWait = 30 * time.Second
	lockBeat        = 5 * time.Second
	staleLock       = 20 * time.Second
)

// takeLock takes the write lock for owner, or takes over a stale one, in
// one statement; it reports whether owner holds it, and since when its
// holder has held it. "beat" is the holder's last heartbeat, "taken" when
// it took the lock ("since" is how earlier versions kept both).
const takeLock = `MERGE (l:` + lockLabel + ` {name: 'write'})
ON CREATE SET l.owner = $owner, l.taken = timestamp(), l.beat = timestamp()
WITH l, l.owner <> $owner AND coalesce(l.beat, l.since, 0) < timestamp() - $stale AS takeover
SET l.owner = CASE WHEN takeover THEN $owner ELSE l.owner END,
    l.taken = CASE WHEN takeover THEN timestamp() ELSE l.taken END,
    l.beat = CASE WHEN takeover THEN timestamp() ELSE l.beat END,
    l.since = CASE WHEN takeover THEN null ELSE l.since END
RETURN l.owner = $owner AS mine, coalesce(l.taken, l.since) AS since`

// beatLock refreshes owner's heartbeat, and says whether owner still holds
// the lock.
const beatLock = `OPTIONAL MATCH (l:` + lockLabel + ` {name: 'write', owner: $owner})
SET l.beat = timestamp()
RETURN l IS NOT NULL AS mine`

// lock takes the write lock, waiting up to LockWait (calling Waiting once
// as it starts to wait) while another writer holds it, and returns the
// function that releases it. While held, a goroutine beats the lock every
// lockBeat, so that only a writer that died (or lost Neo4j for staleLock)
// loses it; Apply checks it still holds it before each batch (checkLock).
func (s *Store) lock(ctx context.Context) (unlock func(), err error) {
	b := make([]byte, 8)
	rand.Read(b)
	owner := hex.EncodeToString(b)
	deadline := time.Now().Add(s.LockWait)
	for waited := false; ; waited = true {
		mine, since, err := s.tryLock(ctx, owner)
		if err != nil {
			return nil, fmt.Errorf("neo4j write lock: %w", err)
		}
		if mine {
			s.lockOwner = owner
			s.lockLost.Store(false)
			s.lastBeat.Store(time.Now().UnixNano())
			stop := make(chan struct{})
			done := make(chan struct{})
			go s.beat(context.WithoutCancel(ctx), owner, stop, done)
			return func() {
				close(stop)
				<-done
				s.lockOwner = ""
				// A lock left here by a failure is taken over once stale.
				_ = s.run(context.WithoutCancel(ctx), "MATCH (l:"+lockLabel+" {name: 'write', owner: $owner}) DELETE l", map[string]any{"owner": owner}, nil)
			}, nil
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("neo4j %s: %w (since %s); waited %s", s.cfg.URI, ErrLocked, time.UnixMilli(since).UTC().Format(time.RFC3339), s.LockWait)
		}
		if !waited && s.Waiting != nil {
			s.Waiting()
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// beat refreshes owner's lock every lockBeat until stop is closed, and
// notes when the lock was lost.
func (s *Store) beat(ctx context.Context, owner string, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(s.beatPeriod())
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			mine, err := s.beatOnce(ctx, owner)
			if err == nil && !mine {
				s.lockLost.Store(true)
				return
			}
		}
	}
}

func (s *Store) beatOnce(ctx context.Context, owner string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, lockBeat)
	defer cancel()
	recs, err := s.writeRecords(ctx, beatLock, map[string]any{"owner": owner})
	if err != nil || len(recs) == 0 {
		return false, err
	}
	mine, _ := recs[0].Values[0].(bool)
	if mine {
		s.lastBeat.Store(time.Now().UnixNano())
	}
	return mine, nil
}

// checkLock runs before each batch: it fails with ErrLockLost when the
// lock was taken over, and asks Neo4j when the last beat is older than a
// beat's period (the process was paused, say), so that a writer never
// writes a batch over the one that took its lock.
func (s *Store) checkLock(ctx context.Context) error {
	if s.lockOwner == "" {
		return nil
	}
	if s.lockLost.Load() {
		return ErrLockLost
	}
	if time.Since(time.Unix(0, s.lastBeat.Load())) < s.beatPeriod() {
		return nil
	}
	return s.refreshLock(ctx)
}

// writerAlive reports whether another writer is at work: it holds a lock
// that is not stale, and its heartbeat advances. A writer killed a moment
// ago holds a fresh lock too, so the heartbeat is watched for two of its
// periods (the watcher's own period stands for the writer's): a beat
// means a live writer; none means a dead one, whose lock the caller then
// waits to take over.
func (s *Store) writerAlive(ctx context.Context) (bool, error) {
	li, err := s.lockState(ctx)
	if err != nil || !li.held || li.stale {
		return false, err
	}
	deadline := time.Now().Add(2 * s.beatPeriod())
	for time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(min(250*time.Millisecond, s.beatPeriod()/2)):
		}
		now, err := s.lockState(ctx)
		switch {
		case err != nil:
			return false, err
		case !now.held || now.stale:
			return false, nil // it finished, or died
		case now.beat != li.beat:
			return true, nil
		}
	}
	return false, nil
}

// lockInfo is the write lock as a reader sees it.
type lockInfo struct {
	held        bool  // a writer holds the lock, stale or not
	taken, beat int64 // when it was taken, and its last heartbeat (ms)
	stale       bool  // the heartbeat stopped staleLock ago: the writer died
}

// lockState reads the write lock: the one reading of it that Status and
// writerAlive share.
func (s *Store) lockState(ctx context.Context) (lockInfo, error) {
	recs, err := s.read(ctx, "MATCH (l:"+lockLabel+" {name: 'write'}) "+
		"RETURN coalesce(l.taken, l.since, 0), coalesce(l.beat, l.since, 0), coalesce(l.beat, l.since, 0) < timestamp() - $stale",
		map[string]any{"stale": staleLock.Milliseconds()})
	if err != nil || len(recs) == 0 {
		return lockInfo{}, err
	}
	v := recs[0].Values
	li := lockInfo{held: true}
	li.taken, _ = v[0].(int64)
	li.beat, _ = v[1].(int64)
	li.stale, _ = v[2].(bool)
	return li, nil
}

func (s *Store) beatPeriod() time.Duration {
	if s.beatEvery > 0 {
		return s.beatEvery
	}
	return lockBeat
}

// refreshLock beats the lock and fails with ErrLockLost when another
// writer has taken it over.
func (s *Store) refreshLock(ctx context.Context) error {
	if s.lockOwner == "" {
		return nil
	}
	if s.lockLost.Load() {
		return ErrLockLost
	}
	mine, err := s.beatOnce(ctx, s.lockOwner)
	if err != nil {
		return err
	}
	if !mine {
		s.lockLost.Store(true)
		return ErrLockLost
	}
	return nil
}

// tryLock runs takeLock once for owner.
func (s *Store) tryLock(ctx context.Context, owner string) (mine bool, since int64, err error) {
	recs, err := s.writeRecords(ctx, takeLock, map[string]any{"owner": owner, "stale": staleLock.Milliseconds()})
	if err != nil {
		return false, 0, err
	}
	if len(recs) != 1 {
		return false, 0, errors.New("no answer")
	}
	mine, _ = recs[0].Values[0].(bool)
	since, _ = recs[0].Values[1].(int64)
	return mine, since, nil
}

// writeRecords runs one bookkeeping write statement and returns its
// records.
func (s *Store) writeRecords(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	out, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	})
	if err != nil {
		return nil, err
	}
	return out.([]*neo4j.Record), nil
}

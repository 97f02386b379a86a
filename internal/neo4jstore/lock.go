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

// DefaultLockWait is how long Apply waits for another writer by default;
// a lock not refreshed for staleLock is taken over (its writer died).
const (
	DefaultLockWait = 30 * time.Second
	staleLock       = 10 * time.Minute
)

// takeLock takes the write lock for owner, or takes over a stale one, in
// one statement; it reports whether owner holds it, and since when the
// holder has held it.
const takeLock = `MERGE (l:` + lockLabel + ` {name: 'write'})
ON CREATE SET l.owner = $owner, l.since = timestamp()
WITH l
SET l.owner = CASE WHEN l.since < timestamp() - $stale THEN $owner ELSE l.owner END
SET l.since = CASE WHEN l.owner = $owner THEN timestamp() ELSE l.since END
RETURN l.owner = $owner AS mine, l.since AS since`

// lock takes the write lock, waiting up to LockWait (calling Waiting once
// as it starts to wait) while another writer holds it, and returns the
// function that releases it. The lock is refreshed after each batch
// (refreshLock), so that only a writer that died loses it.
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
			return func() {
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

// refreshLock tells other writers that this one is alive.
func (s *Store) refreshLock(ctx context.Context) error {
	if s.lockOwner == "" {
		return nil
	}
	return s.run(ctx, "MATCH (l:"+lockLabel+" {name: 'write', owner: $owner}) SET l.since = timestamp()", map[string]any{"owner": s.lockOwner}, nil)
}

// tryLock runs takeLock once for owner.
func (s *Store) tryLock(ctx context.Context, owner string) (mine bool, since int64, err error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	out, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, takeLock, map[string]any{"owner": owner, "stale": staleLock.Milliseconds()})
		if err != nil {
			return nil, err
		}
		return res.Single(ctx)
	})
	if err != nil {
		return false, 0, err
	}
	rec := out.(*neo4j.Record)
	mine, _ = rec.Values[0].(bool)
	since, _ = rec.Values[1].(int64)
	return mine, since, nil
}

package memstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
)

// Apply puts and deletes note fragments. Putting a path replaces its
// fragment; deleting a path the store does not hold is not an error. Apply
// writes the new snapshot before it changes the state that reads see, and
// writes nothing when the notes do not change.
//
// Apply locks the store directory while it works and fails with an error
// wrapping ErrLocked if another process holds the lock. If another process
// has written the snapshot since this Store read it, Apply reloads it first,
// so that update is kept. A changeset that puts a path twice, both puts and
// deletes a path, or puts an empty path, a nil graph, or a graph that
// graph.Graph.MarshalJSON rejects fails with an error wrapping
// graph.ErrInvalid. On any error the snapshot file and the notes are as
// before (or as another process's update, picked up first, left them).
//
// The state after Apply is what Open would read back from the snapshot: an
// empty property map becomes nil, and a nil []string property an empty one.
func (s *Store) Apply(ctx context.Context, c graph.Changeset) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	puts, lines, err := checkChangeset(c)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	cur, err := s.current()
	if err != nil {
		return err
	}
	unlock, err := s.lock()
	if err != nil {
		return err
	}
	defer unlock()
	if cur, err = s.refresh(cur); err != nil {
		return err
	}
	next, enc, err := s.next(cur, puts, lines, c.Delete)
	if err != nil {
		return err
	}
	if next == nil {
		if !s.old || len(cur.notes) == 0 {
			return nil
		}
		next, enc = cur, s.enc // rewritten in the current version, with its index
	}
	fi, err := s.write(encodeSnapshot(indexOf(next), snapshotLines(next.notes, enc)))
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.st = next
	s.mu.Unlock()
	s.disk, s.enc, s.old = fi, enc, false
	return nil
}

// checkChangeset validates c and encodes its puts, by path.
func checkChangeset(c graph.Changeset) (map[string]graph.NoteGraph, map[string][]byte, error) {
	puts := make(map[string]graph.NoteGraph, len(c.Put))
	lines := make(map[string][]byte, len(c.Put))
	for _, n := range c.Put {
		switch _, dup := puts[n.Path]; {
		case n.Path == "":
			return nil, nil, fmt.Errorf("put: empty note path: %w", graph.ErrInvalid)
		case n.Graph == nil:
			return nil, nil, fmt.Errorf("put %q: nil graph: %w", n.Path, graph.ErrInvalid)
		case dup:
			return nil, nil, fmt.Errorf("put %q: note put twice: %w", n.Path, graph.ErrInvalid)
		}
		if err := n.Graph.CheckEnds(); err != nil {
			return nil, nil, fmt.Errorf("put %q: %w", n.Path, err)
		}
		line, n, err := encodeNote(n)
		if err != nil {
			return nil, nil, err
		}
		puts[n.Path], lines[n.Path] = n, line
	}
	for _, p := range c.Delete {
		if _, ok := puts[p]; ok {
			return nil, nil, fmt.Errorf("delete %q: note also put: %w", p, graph.ErrInvalid)
		}
	}
	return puts, lines, nil
}

// refresh reloads the snapshot if another process has replaced it since
// this Store read or wrote it, and returns the state to build on.
func (s *Store) refresh(cur *state) (*state, error) {
	fi, err := os.Stat(s.file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("stat store: %w", err)
	}
	if sameFile(s.disk, fi) {
		return cur, nil
	}
	st, enc, fi, err := s.load()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.st = st
	s.mu.Unlock()
	s.disk, s.enc = fi, enc
	return st, nil
}

// next returns the state after putting puts and deleting the paths in del,
// with the snapshot line of every note, or a nil state if nothing changes.
func (s *Store) next(cur *state, puts map[string]graph.NoteGraph, lines map[string][]byte, del []string) (*state, map[string][]byte, error) {
	byPath := make(map[string]graph.NoteGraph, len(cur.notes)+len(puts))
	for _, n := range cur.notes {
		byPath[n.Path] = n
		if _, ok := s.enc[n.Path]; !ok { // not encoded since Open
			line, _, err := encodeNote(n)
			if err != nil {
				return nil, nil, err
			}
			s.enc[n.Path] = line
		}
	}
	for _, p := range del {
		delete(byPath, p)
	}
	maps.Copy(byPath, puts)
	enc := make(map[string][]byte, len(byPath))
	for p := range byPath {
		line, ok := lines[p]
		if !ok {
			line = s.enc[p]
		}
		enc[p] = line
	}
	if sameLines(s.enc, enc, cur.notes) {
		return nil, nil, nil
	}
	notes := slices.SortedFunc(maps.Values(byPath), notePathLess)
	return newState(notes), enc, nil
}

// sameLines reports whether enc holds exactly the notes of cur, encoded as
// in old.
func sameLines(old, enc map[string][]byte, cur []graph.NoteGraph) bool {
	if len(enc) != len(cur) {
		return false
	}
	for _, n := range cur {
		o, ok := old[n.Path]
		if !ok || !bytes.Equal(o, enc[n.Path]) {
			return false
		}
	}
	return true
}

func snapshotLines(notes []graph.NoteGraph, enc map[string][]byte) [][]byte {
	lines := make([][]byte, len(notes))
	for i, n := range notes {
		lines[i] = enc[n.Path]
	}
	return lines
}

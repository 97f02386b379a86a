package memstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/graph"
)

// Apply puts and deletes note fragments. Putting a path replaces its
// fragment; deleting a path the store does not hold is not an error. Apply
// writes the new state before it changes the state that reads see, and
// writes nothing when the notes do not change.
//
// Apply locks the store directory while it works; while another process
// holds the lock it waits, up to LockWait, then fails with an error
// wrapping ErrLocked. If another process
// has committed since this Store read the index, Apply reads it again
// first, so that update is kept. A changeset that puts a path twice, both
// puts and deletes a path, or puts an empty path, a nil graph, or a graph
// that graph.Graph.MarshalJSON rejects fails with an error wrapping
// graph.ErrInvalid. On any error the store is as before (or as another
// process's update, picked up first, left it).
//
// The cost is in proportion to the change, not to the store: the new
// fragments are written as objects, the merged graph is merged again only
// where the changed fragments touch it (graph.Remerge), then written whole
// in its binary form, and the index is committed. The state after Apply is
// what Open reads back: an empty property map becomes nil, and a nil
// []string property an empty one.
func (s *Store) Apply(ctx context.Context, c graph.Changeset) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	puts, err := checkChangeset(c)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	cur, err := s.current()
	if err != nil {
		return err
	}
	if c.Empty() && !s.old {
		// Nothing to change: every commit is whole, so there is no
		// unfinished one to complete, and no lock to wait for. (A store
		// of an older layout is rewritten.)
		return nil
	}
	unlock, err := s.waitLock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	s.removeTemps()
	if cur, err = s.refresh(cur); err != nil {
		return err
	}
	next, err := s.next(cur, puts, c.Delete)
	if err != nil {
		return err
	}
	if next == nil {
		if !s.old {
			return nil
		}
		next = cur // read from a legacy snapshot: written in the current layout
	}
	if next == cur {
		next = cur.copy()
	}
	if err := s.writePacks(cur, next); err != nil {
		return err
	}
	bin, err := next.base.MarshalBinary()
	if err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	merged := mergedName(sumOf(bin))
	if merged != cur.merged {
		if err := s.writeFile(merged, bin, true); err != nil {
			return err
		}
	}
	next.merged = merged
	if err := s.writeFile(IndexName, encodeIndex(next), true); err != nil {
		return err
	}
	if err := syncDir(s.dir); err != nil {
		// The new index is in place but may not survive a crash; the
		// next Apply sees an index it did not write and reads it.
		return fmt.Errorf("write store: %w", err)
	}
	fi, err := os.Stat(filepath.Join(s.dir, IndexName))
	if err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	next.file = fi
	s.mu.Lock()
	s.st = next
	s.mu.Unlock()
	s.disk, s.old = fi, false
	s.collect(next, cur)
	return nil
}

// waitLock takes the store's lock, waiting up to LockWait while another
// process holds it (its write then picked up by refresh), or until ctx
// ends.
func (s *Store) waitLock(ctx context.Context) (func(), error) {
	deadline := time.Now().Add(s.LockWait)
	for waited := false; ; waited = true {
		unlock, err := s.lock()
		if err == nil || !errors.Is(err, ErrLocked) || !time.Now().Before(deadline) {
			return unlock, err
		}
		if !waited && s.Waiting != nil {
			s.Waiting()
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// put is a note to put: its ref, with the fragment as Open will read it,
// and the object's content.
type put struct {
	ref  *noteRef
	data []byte
}

// checkChangeset validates c and encodes its puts.
func checkChangeset(c graph.Changeset) ([]put, error) {
	seen := make(map[string]bool, len(c.Put))
	out := make([]put, 0, len(c.Put))
	for _, n := range c.Put {
		switch {
		case n.Path == "":
			return nil, fmt.Errorf("put: empty note path: %w", graph.ErrInvalid)
		case !utf8.ValidString(n.Path):
			// The index is JSON, which would change the path's bytes.
			return nil, fmt.Errorf("put %q: the note path is not valid UTF-8: %w", n.Path, graph.ErrInvalid)
		case n.Graph == nil:
			return nil, fmt.Errorf("put %q: nil graph: %w", n.Path, graph.ErrInvalid)
		case seen[n.Path]:
			return nil, fmt.Errorf("put %q: note put twice: %w", n.Path, graph.ErrInvalid)
		}
		seen[n.Path] = true
		if err := n.Graph.CheckEnds(); err != nil {
			return nil, fmt.Errorf("put %q: %w", n.Path, err)
		}
		data, err := n.Graph.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("put %q: %w", n.Path, err)
		}
		// What Open will read back, without decoding data when a copy
		// gives the same.
		g, ok := n.Graph.Stored(data)
		if !ok {
			g = graph.New()
			if err := g.UnmarshalStored(data); err != nil {
				return nil, fmt.Errorf("put %q: %w", n.Path, err)
			}
		}
		ref := &noteRef{path: n.Path, hash: n.Hash, sum: sumOf(data)}
		ref.g.Store(g)
		out = append(out, put{ref, data})
	}
	for _, p := range c.Delete {
		if seen[p] {
			return nil, fmt.Errorf("delete %q: note also put: %w", p, graph.ErrInvalid)
		}
	}
	return out, nil
}

// refresh reads the index again if another process has committed since
// this Store read or wrote it, and returns the state to build on.
func (s *Store) refresh(cur *state) (*state, error) {
	fi, err := os.Stat(filepath.Join(s.dir, IndexName))
	if errors.Is(err, fs.ErrNotExist) && s.old || sameFile(s.disk, fi) && err == nil || s.disk == nil && errors.Is(err, fs.ErrNotExist) {
		return cur, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("stat store: %w", err)
	}
	st, fi, old, err := s.read()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.st = st
	s.mu.Unlock()
	s.disk, s.old = fi, old
	return st, nil
}

// next returns the state after putting puts and deleting the paths in
// del, with its merged graph, or nil if nothing changes.
func (s *Store) next(cur *state, puts []put, del []string) (*state, error) {
	byPath := make(map[string]*noteRef, len(cur.notes))
	for _, n := range cur.notes {
		byPath[n.path] = n
	}
	changed := map[string]*graph.Graph{}
	var deleted []string
	refs := make(map[string]*noteRef, len(cur.notes)+len(puts))
	for _, n := range cur.notes {
		refs[n.path] = n
	}
	sourced := cur.sourced
	for _, p := range puts {
		old, ok := byPath[p.ref.path]
		if ok && old.sum == p.ref.sum && old.pack != "" {
			if old.hash == p.ref.hash {
				continue
			}
			// The same fragment under a new hash: the object is kept.
			p.ref.pack, p.ref.at, p.ref.len = old.pack, old.at, old.len
		}
		refs[p.ref.path] = p.ref
		changed[p.ref.path] = p.ref.g.Load()
		sourced = sourced && p.ref.g.Load().SourcedIn(p.ref.path)
	}
	for _, p := range del {
		if _, ok := byPath[p]; ok {
			delete(refs, p)
			deleted = append(deleted, p)
		}
	}
	if len(changed) == 0 && len(deleted) == 0 {
		return nil, nil
	}
	next := &state{notes: make([]*noteRef, 0, len(refs)), sourced: sourced}
	for _, n := range refs {
		next.notes = append(next.notes, n)
	}
	slices.SortFunc(next.notes, compareRefs)
	if !sourced || len(changed)+len(deleted) > len(cur.notes)/2 {
		// Without sources in every fragment, which notes hold a node is
		// not known: merge them all. So too when most notes change
		// (an import into an empty store), where merging all is cheaper.
		base, err := s.mergeAll(next.notes)
		if err != nil {
			return nil, err
		}
		next.setBase(base)
		return next, nil
	}
	base, err := s.remerge(cur, changed, deleted)
	if err != nil {
		return nil, err
	}
	next.setBase(base)
	return next, nil
}

// remerge returns cur's merged graph (dangling relationships kept) after
// putting the fragments in changed and deleting the paths in deleted,
// which cur holds, merged again only where they touch it (graph.Remerge).
// cur and every fragment must be sourced.
func (s *Store) remerge(cur *state, changed map[string]*graph.Graph, deleted []string) (*graph.Graph, error) {
	if _, err := s.merged(cur); err != nil {
		return nil, err
	}
	byPath := make(map[string]*noteRef, len(cur.notes))
	for _, n := range cur.notes {
		byPath[n.path] = n
	}
	// The old fragments of the changed notes, read on every core.
	var olds []*noteRef
	for p := range changed {
		if n, ok := byPath[p]; ok {
			olds = append(olds, n)
		}
	}
	for _, p := range deleted {
		olds = append(olds, byPath[p])
	}
	if err := s.readFragments(olds); err != nil {
		return nil, err
	}
	packs := s.openPacks()
	defer packs.close()
	return graph.Remerge(cur.base, changed, deleted, func(p string) (*graph.Graph, error) {
		n, ok := byPath[p]
		if !ok {
			return nil, nil
		}
		return s.fragment(packs, n)
	})
}

var _ graph.Previewer = (*Store)(nil)

// Preview returns the graph the store would hold after c, without applying
// it: merged again only where c's notes touch the graph, so that it costs
// in proportion to the change. The caller must not modify it.
func (s *Store) Preview(ctx context.Context, c graph.Changeset) (*graph.Graph, error) {
	cur, err := s.current()
	if err != nil {
		return nil, err
	}
	changed := make(map[string]*graph.Graph, len(c.Put))
	sourced := cur.sourced
	for _, n := range c.Put {
		if n.Path == "" || n.Graph == nil {
			return nil, fmt.Errorf("preview %q: empty path or nil graph: %w", n.Path, graph.ErrInvalid)
		}
		changed[n.Path] = n.Graph
		sourced = sourced && n.Graph.SourcedIn(n.Path)
	}
	held := map[string]bool{}
	for _, n := range cur.notes {
		held[n.path] = true
	}
	var deleted []string
	for _, p := range c.Delete {
		if held[p] && changed[p] == nil {
			deleted = append(deleted, p)
		}
	}
	if !sourced || len(changed)+len(deleted) > len(cur.notes)/2 {
		var notes []*noteRef
		for _, n := range cur.notes {
			if changed[n.path] == nil && !slices.Contains(deleted, n.path) {
				notes = append(notes, n)
			}
		}
		for p, g := range changed {
			ref := &noteRef{path: p}
			ref.g.Store(g)
			notes = append(notes, ref)
		}
		slices.SortFunc(notes, compareRefs)
		base, err := s.mergeAll(notes)
		if err != nil {
			return nil, err
		}
		return base.WithoutDangling(), nil
	}
	base, err := s.remerge(cur, changed, deleted)
	if err != nil {
		return nil, err
	}
	return base.WithoutDangling(), nil
}

// setBase sets a new state's merged graphs and counts.
func (st *state) setBase(base *graph.Graph) {
	st.baseOnce.Do(func() {
		st.base = base
		st.graph = base.WithoutDangling()
	})
	st.counts = st.graph.Stats()
}

// copy returns a copy of st with its own notes slice.
func (st *state) copy() *state {
	out := &state{notes: slices.Clone(st.notes), merged: st.merged, sourced: st.sourced, counts: st.counts}
	out.setBase(st.base)
	return out
}

// writePacks writes the objects of next's notes that no pack holds yet
// (new fragments, and those read from a legacy snapshot) into one new
// pack, or, when the packs would then hold more than twice the bytes of
// next's objects, every object of next into one new pack. It sets where
// each note's object now is, on a copy of its ref (cur's refs are not
// changed, so that a failed write leaves cur as it was). The pack is
// synced before the index that names it is written.
func (s *Store) writePacks(cur, next *state) error {
	type obj struct {
		i    int
		data []byte
	}
	var (
		fresh        []obj
		live, stored int64
		sizes        = map[string]int64{}
	)
	packs := s.openPacks()
	defer packs.close()
	for i, n := range next.notes {
		if n.pack != "" {
			live += n.len
			if _, ok := sizes[n.pack]; !ok {
				fi, err := os.Stat(filepath.Join(s.dir, packPath(n.pack)))
				if err != nil {
					return fmt.Errorf("write store: %w", err)
				}
				sizes[n.pack] = fi.Size()
				stored += fi.Size()
			}
			continue
		}
		g, err := s.fragment(packs, n)
		if err != nil {
			return err
		}
		data, err := g.MarshalJSON()
		if err != nil {
			return fmt.Errorf("put %q: %w", n.path, err)
		}
		fresh = append(fresh, obj{i, data})
		live += int64(len(data))
		stored += int64(len(data))
	}
	if len(fresh) == 0 && stored <= 2*live {
		return nil
	}
	var objs []obj
	if stored > 2*live && stored > 1<<16 {
		// Compact: every object again, read as stored.
		j := 0
		for i, n := range next.notes {
			if j < len(fresh) && fresh[j].i == i {
				objs = append(objs, fresh[j])
				j++
				continue
			}
			data, err := packs.read(n)
			if err != nil {
				return err
			}
			objs = append(objs, obj{i, data})
		}
	} else {
		objs = fresh
	}
	if len(objs) == 0 {
		return nil // nothing new, and too little to compact
	}
	var pack []byte
	at := make([]int64, len(objs))
	for k, o := range objs {
		at[k] = int64(len(pack))
		pack = append(pack, o.data...)
	}
	name := sumOf(pack) + packExt
	if err := os.MkdirAll(filepath.Join(s.dir, packsDir), 0o755); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	if err := s.writeFile(packPath(name), pack, true); err != nil {
		return err
	}
	if err := syncDir(filepath.Join(s.dir, packsDir)); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	for k, o := range objs {
		n := next.notes[o.i]
		c := &noteRef{path: n.path, hash: n.hash, sum: sumOf(o.data), pack: name, at: at[k], len: int64(len(o.data))}
		if g := n.g.Load(); g != nil {
			c.g.Store(g)
		}
		next.notes[o.i] = c
	}
	return nil
}

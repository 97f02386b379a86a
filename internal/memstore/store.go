// Package memstore is talkgraph's embedded default graph.Store: the whole
// graph lives in memory and persists as one JSON snapshot file in a store
// directory.
//
// The directory holds graph.json, the snapshot, and lock, the file that
// writers lock. The snapshot is a versioned envelope with one note fragment
// per line, sorted by note path:
//
//	{"format":"talkgraph-store","version":1,"notes":[
//	{"path":"talks/a.md","hash":"…","graph":{"nodes":[…],"rels":[…]}},
//	{"path":"talks/b.md","hash":"…","graph":{…}}
//	]}
//
// Each graph is in the form of graph.Graph.MarshalJSON. The file holds no
// timestamps, so the same notes always give the same bytes. The merged graph
// is not stored: Open rebuilds it by merging the fragments in path order.
package memstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/cypher"
)

// FileName is the name of the snapshot file in the store directory.
const FileName = "graph.json"

const (
	lockName  = "lock"
	tmpPrefix = FileName + ".tmp-"
)

// ErrLocked reports that another process is writing the store.
var ErrLocked = errors.New("locked by another talkgraph process")

var _ graph.Store = (*Store)(nil)

// Store is a graph.Store kept in memory and saved to a snapshot file. Reads
// see the state as of Open or the last Apply of this Store. It is safe for
// concurrent use.
type Store struct {
	dir  string
	file string

	mu     sync.RWMutex // guards st and closed
	st     *state
	closed bool

	loadMu sync.Mutex // serializes loading the snapshot on first need
	old    bool       // the snapshot read is of an older version: the next Apply rewrites it
	idx    *index     // the index of the snapshot when the notes are not loaded yet

	wmu  sync.Mutex        // serializes Apply; guards the fields below
	disk fs.FileInfo       // the snapshot as last read or written, nil if none
	enc  map[string][]byte // encoded snapshot line by note path, for notes in st

	writeData func(f *os.File, data []byte) error // writes the temp file; tests replace it
}

// state is one immutable version of the store's contents.
type state struct {
	notes []graph.NoteGraph // sorted by path
	graph *graph.Graph      // the notes' fragments merged in path order

	engineOnce  sync.Once
	engineGraph *cypher.Graph // graph for the query engine, built on first query
}

func newState(notes []graph.NoteGraph) *state {
	gs := make([]*graph.Graph, len(notes))
	for i, n := range notes {
		gs[i] = n.Graph
	}
	g := graph.MergeAll(gs...)
	g.DropDangling()
	return &state{notes: notes, graph: g}
}

// Open opens the store in dir, creating the directory if it is missing, and
// loads the snapshot; a missing snapshot is an empty store. It removes temp
// files that a crashed write left, unless another process is writing.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{
		dir:       dir,
		file:      filepath.Join(dir, FileName),
		enc:       map[string][]byte{},
		writeData: writeData,
	}
	s.removeTemps()
	// Only the first line, the index, is read now: the notes are decoded
	// when a caller needs them (Graph, Notes, Query, Apply).
	if ix, fi, ok := s.readIndex(); ok {
		s.idx, s.disk = &ix, fi
		return s, nil
	}
	st, enc, fi, err := s.load()
	if err != nil {
		return nil, err
	}
	s.st, s.enc, s.disk = st, enc, fi
	return s, nil
}

// removeTemps removes leftover temp files, under the lock so that it never
// removes the temp file of a write in progress. It is best effort.
func (s *Store) removeTemps() {
	unlock, err := s.lock()
	if err != nil {
		return
	}
	defer unlock()
	names, _ := filepath.Glob(filepath.Join(s.dir, tmpPrefix+"*"))
	for _, name := range names {
		os.Remove(name)
	}
}

// Path returns the store directory, as given to Open.
func (s *Store) Path() string { return s.dir }

// Size returns the size of the snapshot file in bytes, zero if there is none
// yet.
func (s *Store) Size() (int64, error) {
	fi, err := os.Stat(s.file)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store size: %w", err)
	}
	return fi.Size(), nil
}

// current returns the current state, loading the snapshot on first need,
// or an error after Close.
func (s *Store) current() (*state, error) {
	s.mu.RLock()
	st, closed := s.st, s.closed
	s.mu.RUnlock()
	if closed {
		return nil, fmt.Errorf("store %s is closed", s.dir)
	}
	if st != nil {
		return st, nil
	}
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	s.mu.RLock()
	st = s.st
	s.mu.RUnlock()
	if st != nil {
		return st, nil
	}
	st, enc, fi, err := s.load()
	if err != nil {
		return nil, err
	}
	s.enc, s.disk = enc, fi
	s.mu.Lock()
	s.st, s.idx = st, nil
	s.mu.Unlock()
	return st, nil
}

// index returns the index of the snapshot when the notes are not loaded.
func (s *Store) index() *index {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.st != nil || s.closed {
		return nil
	}
	return s.idx
}

// Stats counts the graph's nodes by label and relationships by type. It
// reads the snapshot's index when the notes are not loaded, so that it
// costs a few milliseconds whatever the store's size.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	if ix := s.index(); ix != nil {
		return ix.stats(), nil
	}
	st, err := s.current()
	if err != nil {
		return graph.Stats{}, err
	}
	return st.graph.Stats(), nil
}

// Graph returns the merged graph of all notes. The caller must not modify
// it; a later Apply does not change it either.
func (s *Store) Graph(ctx context.Context) (*graph.Graph, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	return st.graph, nil
}

// NoteHashes returns the content hash of every note, by note path, from
// the snapshot's index when the notes are not loaded.
func (s *Store) NoteHashes(ctx context.Context) (map[string]string, error) {
	if ix := s.index(); ix != nil {
		out := make(map[string]string, len(ix.Notes))
		for _, n := range ix.Notes {
			out[n[0]] = n[1]
		}
		return out, nil
	}
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(st.notes))
	for _, n := range st.notes {
		out[n.Path] = n.Hash
	}
	return out, nil
}

// Notes returns every note's fragment, sorted by path, for provenance. The
// caller must not modify the graphs. It returns nil after Close.
func (s *Store) Notes() []graph.NoteGraph {
	st, err := s.current()
	if err != nil {
		return nil
	}
	return append([]graph.NoteGraph(nil), st.notes...)
}

// Close closes the store; later calls other than Close fail. The store holds
// no open files between calls, so Close only marks it closed.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

func notePathLess(a, b graph.NoteGraph) int { return strings.Compare(a.Path, b.Path) }

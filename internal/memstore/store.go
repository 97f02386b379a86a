// Package memstore is talkgraph's embedded default graph.Store: the graph
// lives in memory and persists in a store directory made for incremental
// work, so that a change costs in proportion to what it changes and a
// command that only reads opens the store in milliseconds.
//
// The directory holds:
//
//	index.json         the index: each note's path, content hash and object
//	                   (its SHA-256, pack, offset and length), the merged
//	                   graph's file and counts; committed by an atomic
//	                   rename, it is the store's state
//	packs/abcd….pack   the objects an Apply wrote: each note fragment as
//	                   graph.Graph.MarshalJSON writes it, in path order;
//	                   named by the SHA-256 of its content, never changed
//	merged-abcd….bin   the fragments merged in path order, in the binary
//	                   form of graph.Graph.MarshalBinary, named by its hash
//	lock               the file that writers lock
//
// A command that reads the graph decodes the merged file only; a note's
// fragment is read when it is needed (to merge again what a change touches,
// or for provenance). Apply writes one pack with the new objects and the
// new merged file, syncs them, then renames the new index into place: a
// crash at any moment leaves the old index, which names only files that
// are whole. When the packs hold more than twice the bytes of the objects
// still in use, Apply writes the live objects into one pack again. Files
// the index no longer names are removed by the Apply after next, so that a
// reader that read the index before a commit can finish.
//
// Every file is named by the hash of its content and the index holds no
// timestamps, so the same notes applied the same way give the same bytes,
// and every object's hash is the same whatever the history. Stores written
// by earlier versions (one graph.json snapshot) are read, and rewritten in
// this layout by the next Apply.
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
	"sync/atomic"
	"time"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/cypher"
)

// IndexName is the name of the index file in the store directory.
const IndexName = "index.json"

// FileName is the name of the single-file snapshot of earlier versions,
// read when there is no index and removed once the store is rewritten.
const FileName = "graph.json"

const (
	lockName  = "lock"
	tmpPrefix = ".tmp-"
	packsDir  = "packs"
)

// ErrLocked reports that another process is writing the store.
var ErrLocked = errors.New("locked by another talkgraph process")

var _ graph.Store = (*Store)(nil)

// Store is a graph.Store kept in a store directory. Each read sees the
// newest committed state, its own Applies' or another process's (checked
// by the index file's identity at each call). It is safe for concurrent
// use.
type Store struct {
	dir string

	mu     sync.RWMutex // guards st and closed
	rmu    sync.Mutex   // one reader at a time reads a newer index (current)
	st     *state
	closed bool

	wmu  sync.Mutex  // serializes Apply; guards the fields below
	disk fs.FileInfo // the index (or legacy snapshot) as last read or written, nil if none
	old  bool        // the state was read from a legacy snapshot: the next Apply rewrites it

	writeData func(f *os.File, data []byte) error // writes a file's data; tests replace it

	// LockWait is how long Apply waits for another process's write to
	// finish before it fails with ErrLocked (DefaultLockWait from Open);
	// Waiting, when set, is called once as the wait begins, to say so.
	LockWait time.Duration
	Waiting  func()
}

// DefaultLockWait is how long Apply waits for another writer by default.
const DefaultLockWait = 30 * time.Second

// noteRef is one note of a state: its path and hash, and the object that
// holds its fragment, decoded on first need and then kept (a noteRef is
// shared by the states that hold the same fragment).
type noteRef struct {
	path, hash string
	sum        string // hex SHA-256 of the object: the fragment's JSON
	pack       string // the pack that holds the object, "" until written
	at, len    int64  // where in the pack
	g          atomic.Pointer[graph.Graph]
}

// state is one immutable version of the store's contents.
type state struct {
	notes   []*noteRef // sorted by path
	merged  string     // the merged graph's file name, "" when none is written yet
	sourced bool       // every fragment is graph.Graph.SourcedIn its path
	counts  graph.Stats
	file    fs.FileInfo // the index this state was read from or written as; nil for none or a legacy snapshot

	baseOnce sync.Once
	base     *graph.Graph // the fragments merged in path order, dangling relationships kept
	graph    *graph.Graph // base less its dangling relationships
	baseErr  error

	engineOnce  sync.Once
	engineGraph *cypher.Graph // graph for the query engine, built on first query
}

// Open opens the store in dir, creating the directory if it is missing,
// and reads its index; a missing index is an empty store. It removes the
// temp files a crashed write left, unless another process is writing. The merged graph
// and the fragments are read when a caller first needs them.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{dir: dir, writeData: writeData, LockWait: DefaultLockWait}
	// Temp files a crashed write left go, unless another process writes.
	if unlock, err := s.lock(); err == nil {
		s.removeTemps()
		unlock()
	}
	st, fi, old, err := s.read()
	if err != nil {
		return nil, err
	}
	s.st, s.disk, s.old = st, fi, old
	return s, nil
}

// read reads the store's state from its directory: the index, or a legacy
// snapshot whole, or an empty state when there is neither.
func (s *Store) read() (st *state, fi fs.FileInfo, legacy bool, err error) {
	st, fi, err = s.readIndex()
	if err == nil {
		st.file = fi
	}
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return st, fi, false, err
	}
	st, fi, err = s.readLegacy()
	if errors.Is(err, fs.ErrNotExist) {
		return emptyState(), nil, false, nil
	}
	return st, fi, err == nil, err
}

func emptyState() *state {
	st := &state{sourced: true, counts: graph.New().Stats()}
	st.base = graph.New()
	st.graph = st.base
	st.baseOnce.Do(func() {})
	return st
}

// Path returns the store directory, as given to Open.
func (s *Store) Path() string { return s.dir }

// Size returns the bytes the store's current state takes on disk: the
// index, the merged graph and the notes' objects; zero before the first
// Apply.
func (s *Store) Size() (int64, error) {
	st, err := s.current()
	if err != nil {
		return 0, err
	}
	var total int64
	names := []string{IndexName, FileName}
	if st.merged != "" {
		names = append(names, st.merged)
	}
	packs := map[string]bool{}
	for _, n := range st.notes {
		if n.pack != "" && !packs[n.pack] {
			packs[n.pack] = true
			names = append(names, packPath(n.pack))
		}
	}
	for _, name := range names {
		fi, err := os.Stat(filepath.Join(s.dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("store size: %w", err)
		}
		total += fi.Size()
	}
	return total, nil
}

// current returns the current state, or an error after Close.
func (s *Store) current() (*state, error) {
	s.mu.RLock()
	st, closed := s.st, s.closed
	s.mu.RUnlock()
	if closed {
		return nil, fmt.Errorf("store %s is closed", s.dir)
	}
	// Another process may have committed since (a build beside a
	// running serve): a new index is read, and readers move to it.
	fi, err := os.Stat(filepath.Join(s.dir, IndexName))
	if err != nil || sameFile(st.file, fi) {
		return st, nil
	}
	s.rmu.Lock()
	defer s.rmu.Unlock()
	s.mu.RLock()
	st = s.st
	s.mu.RUnlock()
	if sameFile(st.file, fi) {
		return st, nil // another reader read it
	}
	next, _, _, err := s.read()
	if err != nil || next.file == nil {
		// Keep the state read before; the writer's commit is whole, so
		// this is a damaged store, and the next command says so.
		return st, nil
	}
	s.mu.Lock()
	if s.st == st {
		s.st = next
	}
	st = s.st
	s.mu.Unlock()
	return st, nil
}

// merged returns the state's merged graphs, reading the merged file on
// first need (or, if it is missing or damaged, merging the fragments).
func (s *Store) merged(st *state) (*state, error) {
	st.baseOnce.Do(func() {
		st.base, st.baseErr = s.readMerged(st)
		if st.baseErr == nil {
			st.graph = st.base.WithoutDangling()
		}
	})
	return st, st.baseErr
}

// Stats counts the graph's nodes by label and relationships by type, from
// the index: a few milliseconds whatever the store's size.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st, err := s.current()
	if err != nil {
		return graph.Stats{}, err
	}
	return cloneStats(st.counts), nil
}

// Graph returns the merged graph of all notes. The caller must not modify
// it; a later Apply does not change it either.
func (s *Store) Graph(ctx context.Context) (*graph.Graph, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	if _, err := s.merged(st); err != nil {
		return nil, err
	}
	return st.graph, nil
}

// NoteHashes returns the content hash of every note, by note path, from
// the index.
func (s *Store) NoteHashes(ctx context.Context) (map[string]string, error) {
	st, err := s.current()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(st.notes))
	for _, n := range st.notes {
		out[n.path] = n.hash
	}
	return out, nil
}

// Notes returns every note's fragment, sorted by path, for provenance,
// reading the objects not read yet. The caller must not modify the graphs.
// It returns nil after Close or when an object cannot be read.
func (s *Store) Notes() []graph.NoteGraph {
	st, err := s.current()
	if err != nil {
		return nil
	}
	if err := s.readFragments(st.notes); err != nil {
		return nil
	}
	out := make([]graph.NoteGraph, len(st.notes))
	for i, n := range st.notes {
		out[i] = graph.NoteGraph{Path: n.path, Hash: n.hash, Graph: n.g.Load()}
	}
	return out
}

// Close closes the store; later calls other than Close fail. The store holds
// no open files between calls, so Close only marks it closed.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

func compareRefs(a, b *noteRef) int { return strings.Compare(a.path, b.path) }

func cloneStats(st graph.Stats) graph.Stats {
	out := graph.Stats{Nodes: map[graph.Label]int{}, Rels: map[graph.RelType]int{}}
	for _, l := range graph.Labels {
		out.Nodes[l] = st.Nodes[l]
	}
	for _, t := range graph.RelTypes {
		out.Rels[t] = st.Rels[t]
	}
	return out
}

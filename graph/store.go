package graph

import (
	"context"
	"errors"
	"strings"
)

// Sentinel errors that stores and their callers share.
var (
	// ErrNotFound reports that an entity, note or query does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid reports input that a store refuses (a bad id, label or path).
	ErrInvalid = errors.New("invalid")
	// ErrUnavailable reports a store that cannot be reached now (a Neo4j
	// server down or restarting): trying again later may work.
	ErrUnavailable = errors.New("unavailable")
)

// NoteGraph is the fragment of the graph that one note yields: every fact in
// Graph has this note among its sources. Hash is the hex SHA-256 of the note's
// content, so an unchanged note is not extracted again.
type NoteGraph struct {
	Path  string `json:"path"`
	Hash  string `json:"hash"`
	Graph *Graph `json:"graph"`
}

// DerivedPrefix begins the path of a fragment that talkgraph derives from
// the graph (the related talks of a talk), not a note of the user's: no
// file is named so, and status counts leave such fragments out.
const DerivedPrefix = "~"

// IsDerived reports whether a stored path is a derived fragment's.
func IsDerived(path string) bool { return strings.HasPrefix(path, DerivedPrefix) }

// Changeset is one atomic update of a store: the notes to put (added or
// changed) and the paths of the notes to delete.
type Changeset struct {
	Put    []NoteGraph
	Delete []string
}

// Empty reports whether c changes nothing.
func (c Changeset) Empty() bool { return len(c.Put) == 0 && len(c.Delete) == 0 }

// Store persists the knowledge graph as the union of per-note fragments.
//
// A store keeps, for each note, the facts extracted from it. Apply replaces
// the facts of changed notes and removes those of deleted notes as one atomic
// step: an entity that no remaining note supports disappears, while facts that
// other notes also support stay. A fragment's relationship may end at a node
// that only other notes hold, if its type fixes that node's label (the
// RELATED_TO fragment links talks); such a relationship is in the graph
// while both its nodes are, and comes back when a deleted node does.
// Implementations must be safe for one writer and concurrent readers.
type Store interface {
	// NoteHashes returns the content hash of every note the store holds, by
	// note path.
	NoteHashes(ctx context.Context) (map[string]string, error)
	// Apply puts and deletes note fragments. A store that commits a change
	// in one step (the embedded store) is, on error, as it was before. A
	// store that writes a large change in batches (Neo4j) shows its readers
	// part of a change that was interrupted, and the next Apply completes it
	// first; an empty changeset does only that.
	Apply(ctx context.Context, c Changeset) error
	// Graph returns the merged graph of all notes. The caller must not
	// modify it.
	Graph(ctx context.Context) (*Graph, error)
	// Close releases the store's resources.
	Close() error
}

// Counter is the capability of a store that counts its graph without
// reading all of it; both stores have it.
type Counter interface {
	Stats(ctx context.Context) (Stats, error)
}

// Previewer is the capability of a store that gives the graph it would
// hold after a changeset without applying it, at a cost in proportion to
// the change (the embedded store has it).
type Previewer interface {
	Preview(ctx context.Context, c Changeset) (*Graph, error)
}

// GraphAfter returns the graph s would hold after c: with its Previewer when
// it has one, else as Preview computes it from the whole graph.
func GraphAfter(ctx context.Context, s Store, c Changeset) (*Graph, error) {
	if p, ok := s.(Previewer); ok {
		return p.Preview(ctx, c)
	}
	return Preview(ctx, s, c)
}

// Preview computes the graph s would hold after c from s's whole graph:
// the graph less what the changed and deleted notes say (Without), merged
// with the put fragments. The nodes, relationships and sources are exact;
// a property that only a changed note gave may stay.
func Preview(ctx context.Context, s Store, c Changeset) (*Graph, error) {
	cur, err := s.Graph(ctx)
	if err != nil {
		return nil, err
	}
	changed := map[string]bool{}
	gs := []*Graph{nil}
	for _, p := range c.Put {
		changed[p.Path] = true
		gs = append(gs, p.Graph)
	}
	for _, d := range c.Delete {
		changed[d] = true
	}
	gs[0] = cur.Without(changed)
	out := MergeAll(gs...)
	out.DropDangling()
	return out, nil
}

// StatsOf counts a store's graph: with its Counter when it has one, else
// from its whole graph.
func StatsOf(ctx context.Context, s Store) (Stats, error) {
	if c, ok := s.(Counter); ok {
		return c.Stats(ctx)
	}
	g, err := s.Graph(ctx)
	if err != nil {
		return Stats{}, err
	}
	return g.Stats(), nil
}

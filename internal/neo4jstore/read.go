package neo4jstore

import (
	"context"
	"fmt"

	"github.com/talkgraph/talkgraph/graph"
)

// NoteHashes returns the hash of every note whose load completed.
func (s *Store) NoteHashes(ctx context.Context) (map[string]string, error) {
	recs, err := s.read(ctx, "MATCH (s:"+sourceLabel+") WHERE s.hash IS NOT NULL RETURN s.path, s.hash", nil)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(recs))
	for _, r := range recs {
		p, _ := r.Values[0].(string)
		h, _ := r.Values[1].(string)
		out[p] = h
	}
	return out, nil
}

// Graph reads the whole graph back from Neo4j.
func (s *Store) Graph(ctx context.Context) (*graph.Graph, error) {
	g := graph.New()
	for _, l := range graph.Labels {
		recs, err := s.read(ctx, "MATCH (n:"+quote(string(l))+") RETURN properties(n)", nil)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			stored, _ := r.Values[0].(map[string]any)
			id, _ := stored[propID].(string)
			props, srcs, err := graphProps(stored)
			if err != nil {
				return nil, fmt.Errorf("node %s: %w", id, err)
			}
			g.AddNode(graph.Node{ID: id, Label: l, Props: props, Sources: srcs})
		}
	}
	for _, t := range graph.RelTypes {
		recs, err := s.read(ctx, "MATCH (a)-[r:"+quote(string(t))+"]->(b) RETURN a.id, b.id, properties(r)", nil)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			from, _ := r.Values[0].(string)
			to, _ := r.Values[1].(string)
			stored, _ := r.Values[2].(map[string]any)
			props, srcs, err := graphProps(stored)
			if err != nil {
				return nil, fmt.Errorf("relationship %s %s %s: %w", from, t, to, err)
			}
			g.AddRel(graph.Rel{Type: t, From: from, To: to, Props: props, Sources: srcs})
		}
	}
	return g, nil
}

// source is the bookkeeping of one note.
type source struct {
	path       string
	hash       string       // of the note whose facts are in the graph; "" before its first load completes
	fragment   *graph.Graph // that note's graph
	unfinished bool         // a load of this note was interrupted
	next       *graph.Graph // what that load was writing; nil for a deletion
	nextHash   string
}

// sources reads the bookkeeping of the given notes.
func (s *Store) sources(ctx context.Context, paths []string) (map[string]*source, error) {
	if len(paths) == 0 {
		return map[string]*source{}, nil
	}
	return s.readSources(ctx, "UNWIND $paths AS p MATCH (s:"+sourceLabel+" {path: p}) RETURN s.path, s.hash, s.fragment, s.next, s.next_hash",
		map[string]any{"paths": paths})
}

// unfinished reads the bookkeeping of the notes whose last load did not
// finish.
func (s *Store) unfinished(ctx context.Context) (map[string]*source, error) {
	return s.readSources(ctx, "MATCH (s:"+sourceLabel+") WHERE s.next IS NOT NULL RETURN s.path, s.hash, s.fragment, s.next, s.next_hash", nil)
}

func (s *Store) readSources(ctx context.Context, q string, params map[string]any) (map[string]*source, error) {
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, err
	}
	out := map[string]*source{}
	for _, r := range recs {
		src := &source{}
		src.path, _ = r.Values[0].(string)
		src.hash, _ = r.Values[1].(string)
		if src.fragment, err = decodeFragment(r.Values[2]); err != nil {
			return nil, fmt.Errorf("note %s: stored fragment: %w", src.path, err)
		}
		if r.Values[3] != nil {
			src.unfinished = true
			if next, err := decodeFragment(r.Values[3]); err != nil {
				return nil, fmt.Errorf("note %s: unfinished fragment: %w", src.path, err)
			} else if b, _ := r.Values[3].(string); b != "" {
				src.next = next
			}
		}
		src.nextHash, _ = r.Values[4].(string)
		out[src.path] = src
	}
	return out, nil
}

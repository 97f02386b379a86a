package pipeline

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/related"
)

// WithRelated adds to a changeset of notes the related-talks fragments
// the store will need once it is applied: the related talks of every talk,
// ranked on the graph the store will then hold (graph.GraphAfter: the
// embedded store computes it in proportion to the change). When the store holds rankings made the same
// way (stored, its note hashes, says), only the talks the change can
// affect are ranked again (related.Ranker.Update); else every talk is, and
// the fragments of talks that no longer have related talks go. When no
// note changes and the rankings are current, the changeset is returned as
// it is. With all (--force), every talk is ranked again whatever the store
// holds: the incremental ranking keeps the other talks' lists as an
// earlier graph's word rarity ranked them.
func WithRelated(ctx context.Context, k int, s graph.Store, stored map[string]string, put []graph.NoteGraph, del []string, all bool) ([]graph.NoteGraph, []string, error) {
	opts := related.Options{K: k}
	current, have := !all, false
	for path, hash := range stored {
		if graph.IsDerived(path) {
			have = true
			current = current && related.Current(hash, opts)
		}
	}
	if len(put) == 0 && len(del) == 0 && current {
		return put, del, nil
	}
	cur, err := s.Graph(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read store: %w", err)
	}
	changed := map[string]bool{}
	talks := map[string]bool{} // the talks a changed note gives facts to or took them from
	for _, p := range put {
		changed[p.Path] = true
		for _, n := range p.Graph.Nodes() {
			if n.Label == graph.Talk {
				talks[n.ID] = true
			}
		}
	}
	for _, d := range del {
		changed[d] = true
	}
	for _, n := range cur.Nodes() {
		if n.Label == graph.Talk && slices.ContainsFunc(n.Sources, func(src graph.Source) bool { return changed[src.Note] }) {
			talks[n.ID] = true
		}
	}
	after, err := graph.GraphAfter(ctx, s, graph.Changeset{Put: put, Delete: del})
	if err != nil {
		return nil, nil, fmt.Errorf("read store: %w", err)
	}
	r := related.New(after, opts)
	if current && have {
		rput, rdel, _ := r.Update(cur, slices.Sorted(maps.Keys(talks)))
		return append(put, rput...), append(del, rdel...), nil
	}
	frags := r.Fragments()
	keep := map[string]bool{}
	for _, f := range frags {
		keep[f.Path] = true
	}
	for path := range stored {
		if graph.IsDerived(path) && !keep[path] {
			del = append(del, path)
		}
	}
	slices.Sort(del)
	return append(put, frags...), del, nil
}

// ranked counts the related-talks fragments a changeset puts.
func Ranked(put []graph.NoteGraph) int {
	n := 0
	for _, p := range put {
		if graph.IsDerived(p.Path) {
			n++
		}
	}
	return n
}

package graph

import (
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// SourcedIn reports whether every node and relationship of g has a source
// in the note path: what Remerge needs of a fragment to find, from a
// merged graph's sources, the notes that hold a node or relationship.
func (g *Graph) SourcedIn(path string) bool {
	in := func(srcs []Source) bool {
		for _, s := range srcs {
			if s.Note == path {
				return true
			}
		}
		return false
	}
	for _, n := range g.nodes {
		if !in(n.Sources) {
			return false
		}
	}
	for _, r := range g.rels {
		if !in(r.Sources) {
			return false
		}
	}
	return true
}

// Remerge returns what MergeAll of a set of fragments, in path order, gives
// after some of them change, computed from base, MergeAll of the fragments
// before the change, by merging again only the nodes and relationships that
// the changed fragments hold or held. put gives the new fragments by path;
// del lists the paths that no longer have one; old returns the fragment a
// path had before the change (nil if none). Every fragment, old and new,
// must be SourcedIn its own path: the notes that hold a node are then among
// the notes of its sources, and only their fragments are read. base is not
// modified; the result shares with it the nodes and relationships that did
// not change. old may be called from several goroutines at once.
func Remerge(base *Graph, put map[string]*Graph, del []string, old func(path string) (*Graph, error)) (*Graph, error) {
	changed := make(map[string]bool, len(put)+len(del))
	for p := range put {
		changed[p] = true
	}
	for _, p := range del {
		changed[p] = true
	}
	nodeIDs := map[string]bool{}
	relKeys := map[RelKey]bool{}
	for p := range changed {
		for _, g := range []*Graph{put[p], nil} {
			if g == nil {
				var err error
				if g, err = old(p); err != nil {
					return nil, err
				}
			}
			if g == nil {
				continue
			}
			for id := range g.nodes {
				nodeIDs[id] = true
			}
			for k := range g.rels {
				relKeys[k] = true
			}
		}
	}
	// The unchanged fragments that hold a key are read first, on every
	// core: in a store, each is decoded from its pack.
	var need []string
	seen := map[string]bool{}
	addNotes := func(srcs []Source) {
		for _, s := range srcs {
			if !changed[s.Note] && !seen[s.Note] {
				seen[s.Note] = true
				need = append(need, s.Note)
			}
		}
	}
	for id := range nodeIDs {
		if n, ok := base.nodes[id]; ok {
			addNotes(n.Sources)
		}
	}
	for k := range relKeys {
		if r, ok := base.rels[k]; ok {
			addNotes(r.Sources)
		}
	}
	slices.Sort(need)
	read, err := readAll(need, old)
	if err != nil {
		return nil, err
	}
	// The fragments a key's contributors are read from: new ones for the
	// changed paths, old ones for the others.
	frag := func(p string) (*Graph, error) {
		if changed[p] {
			return put[p], nil
		}
		if g, ok := read[p]; ok {
			return g, nil
		}
		return old(p)
	}
	// The new fragments that hold each key.
	putNodes := map[string][]string{}
	putRels := map[RelKey][]string{}
	for p, g := range put {
		for id := range g.nodes {
			putNodes[id] = append(putNodes[id], p)
		}
		for k := range g.rels {
			putRels[k] = append(putRels[k], p)
		}
	}
	contributors := func(srcs []Source, puts []string) []string {
		var ps []string
		for _, s := range srcs {
			if !changed[s.Note] && (len(ps) == 0 || ps[len(ps)-1] != s.Note) {
				ps = append(ps, s.Note)
			}
		}
		ps = append(ps, puts...)
		slices.SortFunc(ps, strings.Compare)
		return slices.Compact(ps)
	}
	out := &Graph{nodes: maps.Clone(base.nodes), rels: maps.Clone(base.rels)}
	if out.nodes == nil {
		out.nodes = map[string]*Node{}
	}
	if out.rels == nil {
		out.rels = map[RelKey]*Rel{}
	}
	for id := range nodeIDs {
		var srcs []Source
		if n, ok := base.nodes[id]; ok {
			srcs = n.Sources
		}
		var merged *Node
		for _, p := range contributors(srcs, putNodes[id]) {
			g, err := frag(p)
			if err != nil {
				return nil, err
			}
			if g == nil {
				continue
			}
			n, ok := g.nodes[id]
			if !ok {
				continue
			}
			if merged == nil {
				c := *n
				c.Props = cloneProps(n.Props)
				c.Sources = slices.Clone(n.Sources)
				merged = &c
				continue
			}
			mergeProps(merged.Props, n.Props, &merged.Props)
			merged.Sources = append(merged.Sources, n.Sources...)
		}
		if merged == nil {
			delete(out.nodes, id)
			continue
		}
		merged.Sources = MergeSources(nil, merged.Sources)
		out.nodes[id] = merged
	}
	for k := range relKeys {
		var srcs []Source
		if r, ok := base.rels[k]; ok {
			srcs = r.Sources
		}
		var merged *Rel
		for _, p := range contributors(srcs, putRels[k]) {
			g, err := frag(p)
			if err != nil {
				return nil, err
			}
			if g == nil {
				continue
			}
			r, ok := g.rels[k]
			if !ok {
				continue
			}
			if merged == nil {
				c := *r
				c.Props = cloneProps(r.Props)
				c.Sources = slices.Clone(r.Sources)
				merged = &c
				continue
			}
			mergeProps(merged.Props, r.Props, &merged.Props)
			merged.Sources = append(merged.Sources, r.Sources...)
		}
		if merged == nil {
			delete(out.rels, k)
			continue
		}
		merged.Sources = MergeSources(nil, merged.Sources)
		out.rels[k] = merged
	}
	return out, nil
}

// WithoutDangling returns g less the relationships whose start or end node
// g does not hold: g itself when there are none, else a copy that shares
// g's nodes and relationships. It does not modify g.
func (g *Graph) WithoutDangling() *Graph {
	dangling := func(r *Rel) bool {
		_, from := g.nodes[r.From]
		_, to := g.nodes[r.To]
		return !from || !to
	}
	n := 0
	for _, r := range g.rels {
		if dangling(r) {
			n++
		}
	}
	if n == 0 {
		return g
	}
	out := &Graph{nodes: g.nodes, rels: make(map[RelKey]*Rel, len(g.rels)-n)}
	for k, r := range g.rels {
		if !dangling(r) {
			out.rels[k] = r
		}
	}
	return out
}

// readAll calls old for every path, on every core, and returns the
// fragments by path; the error is the first in the order of paths.
func readAll(paths []string, old func(string) (*Graph, error)) (map[string]*Graph, error) {
	gs := make([]*Graph, len(paths))
	errs := make([]error, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(paths); i = int(next.Add(1) - 1) {
				gs[i], errs[i] = old(paths[i])
			}
		})
	}
	wg.Wait()
	out := make(map[string]*Graph, len(paths))
	for i, p := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[p] = gs[i]
	}
	return out, nil
}

package neo4jstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
)

// fact names one node or relationship with the labels needed to find it.
type fact struct {
	Label   graph.Label   `json:"l"`            // the node's label, or the start node's
	ID      string        `json:"id,omitempty"` // a node's id
	Type    graph.RelType `json:"t,omitempty"`  // a relationship's type
	From    string        `json:"f,omitempty"`
	To      string        `json:"o,omitempty"`
	ToLabel graph.Label   `json:"tl,omitempty"`
}

func (f fact) isRel() bool { return f.Type != "" }

func (f fact) String() string {
	b, _ := json.Marshal(f)
	return string(b)
}

// factsOf lists the facts of a fragment.
func factsOf(g *graph.Graph) ([]fact, error) {
	var out []fact
	for _, n := range g.Nodes() {
		out = append(out, fact{Label: n.Label, ID: n.ID})
	}
	for _, r := range g.Rels() {
		a, okA := g.Node(r.From)
		b, okB := g.Node(r.To)
		if !okA || !okB {
			return nil, fmt.Errorf("relationship %s %s %s: endpoint not in the note's graph: %w", r.From, r.Type, r.To, graph.ErrInvalid)
		}
		out = append(out, fact{Label: a.Label, Type: r.Type, From: r.From, To: r.To, ToLabel: b.Label})
	}
	return out, nil
}

// Apply replaces the facts of the changeset's notes. It recomputes every
// fact a changed note supported or supports from the fragments of all the
// notes that support it, and writes only the facts whose stored value
// differs: nodes and relationships in batches of Config.BatchSize rows per
// managed transaction.
//
// Before writing, it records on each note's bookkeeping node the facts it
// is about to change; a load that is interrupted leaves that record, and the
// next Apply recomputes those facts too, so it brings the graph to what an
// uninterrupted load gives.
func (s *Store) Apply(ctx context.Context, c graph.Changeset) error {
	if err := validate(c); err != nil {
		return err
	}
	changed := changedPaths(c)
	repair, err := s.unfinished(ctx)
	if err != nil {
		return err
	}
	if len(changed) == 0 && len(repair) == 0 {
		return nil
	}
	old, err := s.sources(ctx, changed)
	if err != nil {
		return err
	}
	// A note put again with the hash it has, and no load of it under way,
	// changes nothing.
	c, changed = withoutUnchanged(c, old)
	if len(changed) == 0 && len(repair) == 0 {
		return nil
	}
	puts := map[string]graph.NoteGraph{}
	for _, p := range c.Put {
		puts[p.Path] = p
	}
	// 1. The facts this load may change, recorded before any is written.
	affected := map[fact]bool{}
	intents := map[string][]fact{}
	for _, path := range changed {
		var fs []fact
		if o := old[path]; o != nil {
			more, err := factsOf(o.fragment)
			if err != nil {
				return fmt.Errorf("note %s: stored fragment: %w", path, err)
			}
			fs = append(fs, more...)
			fs = append(fs, o.pending...)
		}
		if p, ok := puts[path]; ok {
			more, err := factsOf(p.Graph)
			if err != nil {
				return fmt.Errorf("note %s: %w", path, err)
			}
			fs = append(fs, more...)
		}
		intents[path] = fs
		for _, f := range fs {
			affected[f] = true
		}
	}
	for _, r := range repair {
		for _, f := range r.pending {
			affected[f] = true
		}
	}
	if err := s.recordIntents(ctx, intents); err != nil {
		return err
	}
	// 2. What is stored now, and which notes support it.
	stored, err := s.storedFacts(ctx, affected)
	if err != nil {
		return err
	}
	supporters := map[string]bool{}
	for _, sf := range stored {
		notes, _ := stringList(sf[propNotes])
		for _, n := range notes {
			supporters[n] = true
		}
	}
	for p := range repair {
		supporters[p] = true
	}
	for _, p := range changed {
		delete(supporters, p)
	}
	// 3. The wanted value of each affected fact: the merge, in path order,
	// of the fragments of every note that supports it.
	frags, err := s.sources(ctx, slices.Sorted(maps.Keys(supporters)))
	if err != nil {
		return err
	}
	merged := mergeFragments(frags, puts)
	// 4. Write the difference.
	plan := diff(affected, stored, merged)
	if err := s.execute(ctx, plan); err != nil {
		return err
	}
	return s.finish(ctx, c, repair)
}

func validate(c graph.Changeset) error {
	seen := map[string]bool{}
	for _, p := range c.Put {
		if p.Path == "" || p.Graph == nil {
			return fmt.Errorf("put %q: empty path or graph: %w", p.Path, graph.ErrInvalid)
		}
		if seen[p.Path] {
			return fmt.Errorf("put %q twice: %w", p.Path, graph.ErrInvalid)
		}
		seen[p.Path] = true
	}
	for _, d := range c.Delete {
		if d == "" || seen[d] {
			return fmt.Errorf("delete %q: empty, or also put: %w", d, graph.ErrInvalid)
		}
	}
	return nil
}

func withoutUnchanged(c graph.Changeset, old map[string]*source) (graph.Changeset, []string) {
	var out graph.Changeset
	for _, p := range c.Put {
		if o := old[p.Path]; o != nil && o.hash == p.Hash && len(o.pending) == 0 {
			continue
		}
		out.Put = append(out.Put, p)
	}
	for _, d := range c.Delete {
		if old[d] != nil {
			out.Delete = append(out.Delete, d)
		}
	}
	return out, changedPaths(out)
}

func changedPaths(c graph.Changeset) []string {
	var out []string
	for _, p := range c.Put {
		out = append(out, p.Path)
	}
	out = append(out, c.Delete...)
	slices.Sort(out)
	return slices.Compact(out)
}

// recordIntents stores, per changed note, the facts this load may change.
func (s *Store) recordIntents(ctx context.Context, intents map[string][]fact) error {
	for _, path := range slices.Sorted(maps.Keys(intents)) {
		keys := make([]string, 0, len(intents[path]))
		for _, f := range intents[path] {
			keys = append(keys, f.String())
		}
		slices.Sort(keys)
		keys = slices.Compact(keys)
		if err := s.book(ctx, "MERGE (s:"+sourceLabel+" {path: $path}) SET s.pending = $keys",
			map[string]any{"path": path, "keys": keys}); err != nil {
			return err
		}
	}
	return nil
}

// storedFacts reads the stored properties of the affected facts that exist.
func (s *Store) storedFacts(ctx context.Context, affected map[fact]bool) (map[fact]map[string]any, error) {
	out := map[fact]map[string]any{}
	nodes, rels := group(affected)
	for _, l := range slices.Sorted(maps.Keys(nodes)) {
		ids := nodes[l]
		for start := 0; start < len(ids); start += readBatch {
			batch := ids[start:min(start+readBatch, len(ids))]
			recs, err := s.read(ctx, "UNWIND $ids AS id MATCH (n:"+quote(string(l))+" {id: id}) RETURN n.id, properties(n)",
				map[string]any{"ids": batch})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				id, _ := r.Values[0].(string)
				props, _ := r.Values[1].(map[string]any)
				out[fact{Label: l, ID: id}] = props
			}
		}
	}
	for _, g := range sortedRelGroups(rels) {
		rows := rels[g]
		for start := 0; start < len(rows); start += readBatch {
			batch := rows[start:min(start+readBatch, len(rows))]
			params := make([]any, len(batch))
			for i, f := range batch {
				params[i] = map[string]any{"from": f.From, "to": f.To}
			}
			recs, err := s.read(ctx, "UNWIND $rows AS row MATCH (a:"+quote(string(g.from))+" {id: row.from})-[r:"+quote(string(g.typ))+
				"]->(b:"+quote(string(g.to))+" {id: row.to}) RETURN row.from, row.to, properties(r)", map[string]any{"rows": params})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				from, _ := r.Values[0].(string)
				to, _ := r.Values[1].(string)
				props, _ := r.Values[2].(map[string]any)
				out[fact{Label: g.from, Type: g.typ, From: from, To: to, ToLabel: g.to}] = props
			}
		}
	}
	return out, nil
}

// readBatch is the number of ids one read looks up.
const readBatch = 10000

type relGroup struct {
	typ      graph.RelType
	from, to graph.Label
}

func group(facts map[fact]bool) (map[graph.Label][]string, map[relGroup][]fact) {
	nodes := map[graph.Label][]string{}
	rels := map[relGroup][]fact{}
	for f := range facts {
		if f.isRel() {
			g := relGroup{f.Type, f.Label, f.ToLabel}
			rels[g] = append(rels[g], f)
		} else {
			nodes[f.Label] = append(nodes[f.Label], f.ID)
		}
	}
	for l := range nodes {
		slices.Sort(nodes[l])
	}
	for g := range rels {
		slices.SortFunc(rels[g], func(a, b fact) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	}
	return nodes, rels
}

func sortedRelGroups[V any](m map[relGroup]V) []relGroup {
	out := slices.Collect(maps.Keys(m))
	slices.SortFunc(out, func(a, b relGroup) int {
		return cmp.Or(cmp.Compare(a.typ, b.typ), cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to))
	})
	return out
}

// mergeFragments merges, in path order, the stored fragments of the
// supporting notes and the new fragments of the notes being put.
func mergeFragments(stored map[string]*source, puts map[string]graph.NoteGraph) *graph.Graph {
	frags := map[string]*graph.Graph{}
	for p, s := range stored {
		if s.hash != "" {
			frags[p] = s.fragment
		}
	}
	for p, ng := range puts {
		frags[p] = ng.Graph
	}
	g := graph.New()
	for _, p := range slices.Sorted(maps.Keys(frags)) {
		g.Merge(frags[p])
	}
	return g
}

// plan is what a load writes.
type plan struct {
	upsertNodes map[graph.Label][]map[string]any
	deleteNodes map[graph.Label][]string
	upsertRels  map[relGroup][]map[string]any
	deleteRels  map[relGroup][]map[string]any
	rows        int
}

// diff compares the wanted value of every affected fact with the stored one.
func diff(affected map[fact]bool, stored map[fact]map[string]any, merged *graph.Graph) plan {
	p := plan{upsertNodes: map[graph.Label][]map[string]any{}, deleteNodes: map[graph.Label][]string{},
		upsertRels: map[relGroup][]map[string]any{}, deleteRels: map[relGroup][]map[string]any{}}
	facts := slices.Collect(maps.Keys(affected))
	slices.SortFunc(facts, func(a, b fact) int { return cmp.Compare(a.String(), b.String()) })
	for _, f := range facts {
		have, exists := stored[f]
		if f.isRel() {
			g := relGroup{f.Type, f.Label, f.ToLabel}
			r, ok := merged.Rel(graph.RelKey{Type: f.Type, From: f.From, To: f.To})
			switch {
			case ok:
				want := relProps(r)
				if !exists || !sameProps(want, have) {
					p.upsertRels[g] = append(p.upsertRels[g], map[string]any{"from": f.From, "to": f.To, "props": want})
					p.rows++
				}
			case exists:
				p.deleteRels[g] = append(p.deleteRels[g], map[string]any{"from": f.From, "to": f.To})
				p.rows++
			}
			continue
		}
		n, ok := merged.Node(f.ID)
		switch {
		case ok && n.Label == f.Label:
			want := nodeProps(n)
			if !exists || !sameProps(want, have) {
				p.upsertNodes[f.Label] = append(p.upsertNodes[f.Label], map[string]any{"id": f.ID, "props": want})
				p.rows++
			}
		case exists:
			p.deleteNodes[f.Label] = append(p.deleteNodes[f.Label], f.ID)
			p.rows++
		}
	}
	return p
}

// sameProps compares wanted properties with stored ones as the driver
// returns them.
func sameProps(want, have map[string]any) bool {
	if len(want) != len(have) {
		return false
	}
	for k, w := range want {
		h, ok := have[k]
		if !ok {
			return false
		}
		if ws, isList := w.([]string); isList {
			hs, err := stringList(h)
			if err != nil || !slices.Equal(ws, hs) && !(len(ws) == 0 && len(hs) == 0) {
				return false
			}
			continue
		}
		if !reflect.DeepEqual(w, h) {
			return false
		}
	}
	return true
}

// execute writes a plan: relationships deleted, nodes upserted,
// relationships upserted, nodes deleted, each in batches.
func (s *Store) execute(ctx context.Context, p plan) error {
	done := 0
	progress := func(n int) {
		done += n
		if s.cfg.Progress != nil {
			s.cfg.Progress(done, p.rows)
		}
	}
	for _, g := range sortedRelGroups(p.deleteRels) {
		q := "UNWIND $rows AS row MATCH (a:" + quote(string(g.from)) + " {id: row.from})-[r:" + quote(string(g.typ)) + "]->(b:" + quote(string(g.to)) + " {id: row.to}) DELETE r"
		if err := s.batches(ctx, q, p.deleteRels[g], progress); err != nil {
			return err
		}
	}
	for _, l := range slices.Sorted(maps.Keys(p.upsertNodes)) {
		q := "UNWIND $rows AS row MERGE (n:" + quote(string(l)) + " {id: row.id}) SET n = row.props"
		if err := s.batches(ctx, q, p.upsertNodes[l], progress); err != nil {
			return err
		}
	}
	for _, g := range sortedRelGroups(p.upsertRels) {
		q := "UNWIND $rows AS row MATCH (a:" + quote(string(g.from)) + " {id: row.from}) MATCH (b:" + quote(string(g.to)) +
			" {id: row.to}) MERGE (a)-[r:" + quote(string(g.typ)) + "]->(b) SET r = row.props"
		if err := s.batches(ctx, q, p.upsertRels[g], progress); err != nil {
			return err
		}
	}
	for _, l := range slices.Sorted(maps.Keys(p.deleteNodes)) {
		ids := p.deleteNodes[l]
		rows := make([]map[string]any, len(ids))
		for i, id := range ids {
			rows[i] = map[string]any{"id": id}
		}
		q := "UNWIND $rows AS row MATCH (n:" + quote(string(l)) + " {id: row.id}) DETACH DELETE n"
		if err := s.batches(ctx, q, rows, progress); err != nil {
			return err
		}
	}
	return nil
}

// batches runs q over rows, Config.BatchSize rows per transaction.
func (s *Store) batches(ctx context.Context, q string, rows []map[string]any, progress func(int)) error {
	for start := 0; start < len(rows); start += s.cfg.BatchSize {
		batch := rows[start:min(start+s.cfg.BatchSize, len(rows))]
		params := make([]any, len(batch))
		for i, r := range batch {
			params[i] = r
		}
		if err := s.write(ctx, q, map[string]any{"rows": params}); err != nil {
			return err
		}
		if s.beforeBatch != nil {
			if err := s.beforeBatch(); err != nil {
				return err
			}
		}
		progress(len(batch))
	}
	return nil
}

// finish records the new fragments and hashes, drops deleted notes'
// bookkeeping and clears what the repaired loads had recorded.
func (s *Store) finish(ctx context.Context, c graph.Changeset, repair map[string]*source) error {
	for _, p := range c.Put {
		frag, err := json.Marshal(p.Graph)
		if err != nil {
			return fmt.Errorf("note %s: %w", p.Path, err)
		}
		if err := s.book(ctx, "MERGE (s:"+sourceLabel+" {path: $path}) SET s.hash = $hash, s.fragment = $fragment REMOVE s.pending",
			map[string]any{"path": p.Path, "hash": p.Hash, "fragment": string(frag)}); err != nil {
			return err
		}
	}
	var drop []string
	drop = append(drop, c.Delete...)
	put := map[string]bool{}
	for _, p := range c.Put {
		put[p.Path] = true
	}
	for p, r := range repair {
		if r.hash == "" && !put[p] {
			drop = append(drop, p) // a first load that never finished
		}
	}
	if len(drop) > 0 {
		if err := s.book(ctx, "UNWIND $paths AS p MATCH (s:"+sourceLabel+" {path: p}) DELETE s", map[string]any{"paths": drop}); err != nil {
			return err
		}
	}
	var clear []string
	for p := range repair {
		clear = append(clear, p)
	}
	if len(clear) > 0 {
		return s.book(ctx, "UNWIND $paths AS p MATCH (s:"+sourceLabel+" {path: p}) REMOVE s.pending", map[string]any{"paths": clear})
	}
	return nil
}

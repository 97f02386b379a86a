package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
)

// fact names one node or relationship with the labels needed to find it.
type fact struct {
	Label   graph.Label   // the node's label, or the start node's
	ID      string        // a node's id
	Type    graph.RelType // a relationship's type
	From    string
	To      string
	ToLabel graph.Label
}

func (f fact) isRel() bool { return f.Type != "" }

func compareFacts(a, b fact) int {
	return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Label, b.Label), cmp.Compare(a.ID, b.ID),
		cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.ToLabel, b.ToLabel))
}

// factsOf lists the facts of a fragment. A relationship may end at a node
// the fragment does not hold (the RELATED_TO fragment links talks that
// other notes hold); it takes the label its type fixes.
func factsOf(g *graph.Graph) ([]fact, error) {
	var out []fact
	for _, n := range g.Nodes() {
		out = append(out, fact{Label: n.Label, ID: n.ID})
	}
	for _, r := range g.Rels() {
		from, to, err := g.RelEnds(r)
		if err != nil {
			return nil, err
		}
		out = append(out, fact{Label: from, Type: r.Type, From: r.From, To: r.To, ToLabel: to})
	}
	return out, nil
}

// Apply replaces the facts of the changeset's notes. It recomputes every
// fact a changed note supported or supports from the fragments of all the
// notes that support it, and writes only the facts whose stored value
// differs: nodes and relationships in batches of Config.BatchSize rows per
// managed transaction, new facts with CREATE and changed ones with SET.
//
// Before writing any fact, it stores each changed note's new fragment (or a
// deletion mark) as the note's "next" state; only when every fact is written
// does that become the note's fragment and hash. A load that is interrupted
// leaves the "next" state behind, and the next Apply completes it (unless
// its own changeset replaces that note), so it brings the graph to what an
// uninterrupted load gives; an empty changeset does only that. Until then,
// readers see part of the interrupted load's facts, and Status counts its
// notes as unfinished. Putting a note again with the same content
// recomputes its facts, which repairs them if something else changed them,
// and writes nothing when they are as they should be. One writer at a time
// is assumed.
func (s *Store) Apply(ctx context.Context, c graph.Changeset) error {
	if err := validate(c); err != nil {
		return err
	}
	if c.Empty() {
		// An empty changeset completes an interrupted load, if there is
		// one and no live writer is still at it (a dead writer's lock is
		// waited for below, until stale); otherwise it writes nothing and
		// takes no lock.
		if u, err := s.unfinished(ctx); err != nil || len(u) == 0 {
			return err
		}
		if live, err := s.writerAlive(ctx); err != nil || live {
			return err
		}
	}
	// One writer at a time: a second talkgraph waits for the first.
	unlock, err := s.lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	unfinished, err := s.unfinished(ctx)
	if err != nil {
		return err
	}
	c = withUnfinished(c, unfinished)
	old, err := s.sources(ctx, changedPaths(c))
	if err != nil {
		return err
	}
	c, changed := withoutUnknown(c, old)
	if len(changed) == 0 {
		return nil
	}
	// 1. The facts this load may change: those the notes supported, those
	// an interrupted load of them was writing, and those they support now.
	affected := map[fact]bool{}
	addFacts := func(g *graph.Graph, what string) error {
		fs, err := factsOf(g)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		for _, f := range fs {
			affected[f] = true
		}
		return nil
	}
	for _, path := range changed {
		if o := old[path]; o != nil {
			if err := addFacts(o.fragment, "note "+path+": stored fragment"); err != nil {
				return err
			}
			if o.next != nil {
				if err := addFacts(o.next, "note "+path+": unfinished fragment"); err != nil {
					return err
				}
			}
		}
	}
	puts := map[string]graph.NoteGraph{}
	for _, p := range c.Put {
		puts[p.Path] = p
		if err := addFacts(p.Graph, "note "+p.Path); err != nil {
			return err
		}
	}
	if err := s.recordNext(ctx, c, old); err != nil {
		return err
	}
	// 2. What is stored now, and which other notes support it.
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
	// A node this load creates brings back the relationships other notes
	// have to it (see graph.Store).
	relinked, err := s.relinks(ctx, affected, stored, changed)
	if err != nil {
		return err
	}
	for f, path := range relinked {
		affected[f] = true
		supporters[path] = true
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
	// 4. Write the difference, then make the next state the current one.
	if err := s.execute(ctx, diff(affected, stored, merged)); err != nil {
		return err
	}
	return s.finish(ctx, c)
}

// relinks returns the relationships of unchanged notes that end at a node
// the load creates (an affected node not stored), with the note of each.
// Such a note lists, as its source node's ends, the nodes its
// relationships reach outside its fragment.
func (s *Store) relinks(ctx context.Context, affected map[fact]bool, stored map[fact]map[string]any, changed []string) (map[fact]string, error) {
	created := map[string]bool{}
	for f := range affected {
		if _, ok := stored[f]; !ok && !f.isRel() {
			created[f.ID] = true
		}
	}
	if len(created) == 0 {
		return nil, nil
	}
	recs, err := s.read(ctx, "MATCH (s:"+sourceLabel+") WHERE any(e IN coalesce(s.ends, []) WHERE e IN $ids) AND NOT s.path IN $changed RETURN s.path",
		map[string]any{"ids": slices.Sorted(maps.Keys(created)), "changed": changed})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	var paths []string
	for _, r := range recs {
		p, _ := r.Values[0].(string)
		paths = append(paths, p)
	}
	slices.Sort(paths)
	srcs, err := s.sources(ctx, paths)
	if err != nil {
		return nil, err
	}
	out := map[fact]string{}
	for _, path := range paths {
		src := srcs[path]
		if src == nil || src.hash == "" {
			continue
		}
		fs, err := factsOf(src.fragment)
		if err != nil {
			return nil, fmt.Errorf("note %s: stored fragment: %w", path, err)
		}
		for _, f := range fs {
			if f.isRel() && (created[f.From] || created[f.To]) {
				out[f] = path
			}
		}
	}
	return out, nil
}

// withUnfinished adds to c the interrupted loads of notes c does not name.
func withUnfinished(c graph.Changeset, unfinished map[string]*source) graph.Changeset {
	named := map[string]bool{}
	for _, p := range changedPaths(c) {
		named[p] = true
	}
	for _, path := range slices.Sorted(maps.Keys(unfinished)) {
		u := unfinished[path]
		switch {
		case named[path]:
		case u.next != nil:
			c.Put = append(c.Put, graph.NoteGraph{Path: path, Hash: u.nextHash, Graph: u.next})
		default:
			c.Delete = append(c.Delete, path)
		}
	}
	return c
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

// withoutUnknown drops from c the deletions of notes the store does not
// have.
func withoutUnknown(c graph.Changeset, old map[string]*source) (graph.Changeset, []string) {
	out := graph.Changeset{Put: c.Put}
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

// recordNext stores each changed note's next state: its new fragment and
// hash, or an empty fragment for a deletion.
func (s *Store) recordNext(ctx context.Context, c graph.Changeset, old map[string]*source) error {
	var create, update []map[string]any
	add := func(path, next, hash string, ends []string) {
		row := map[string]any{"path": path, "next": next, "hash": hash, "ends": ends}
		if old[path] == nil {
			create = append(create, row)
		} else {
			update = append(update, row)
		}
	}
	for _, p := range c.Put {
		frag, err := encodeFragment(p.Graph)
		if err != nil {
			return fmt.Errorf("note %s: %w", p.Path, err)
		}
		add(p.Path, frag, p.Hash, p.Graph.Outside())
	}
	for _, d := range c.Delete {
		add(d, "", "", []string{})
	}
	if err := s.bookBatches(ctx, "UNWIND $rows AS row CREATE (s:"+sourceLabel+" {path: row.path, next: row.next, next_hash: row.hash, ends: row.ends})", create, 500); err != nil {
		return err
	}
	return s.bookBatches(ctx, "UNWIND $rows AS row MATCH (s:"+sourceLabel+" {path: row.path}) SET s.next = row.next, s.next_hash = row.hash, s.ends = row.ends", update, 500)
}

// bookBatches runs a bookkeeping statement over rows, size rows per
// transaction (fewer where rows carry fragments).
func (s *Store) bookBatches(ctx context.Context, q string, rows []map[string]any, size int) error {
	for start := 0; start < len(rows); start += size {
		batch := rows[start:min(start+size, len(rows))]
		params := make([]any, len(batch))
		for i, r := range batch {
			params[i] = r
		}
		if err := s.checkLock(ctx); err != nil {
			return err
		}
		if err := s.book(ctx, q, map[string]any{"rows": params}); err != nil {
			return err
		}
		if s.afterBatch != nil {
			if err := s.afterBatch(); err != nil {
				return err
			}
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
	var gs []*graph.Graph
	for _, p := range slices.Sorted(maps.Keys(frags)) {
		gs = append(gs, frags[p])
	}
	return graph.MergeAll(gs...)
}

// plan is what a load writes.
type plan struct {
	createNodes, updateNodes map[graph.Label][]map[string]any
	deleteNodes              map[graph.Label][]string
	createRels, updateRels   map[relGroup][]map[string]any
	deleteRels               map[relGroup][]map[string]any
	rows                     int
}

// diff compares the wanted value of every affected fact with the stored one.
func diff(affected map[fact]bool, stored map[fact]map[string]any, merged *graph.Graph) plan {
	p := plan{createNodes: map[graph.Label][]map[string]any{}, updateNodes: map[graph.Label][]map[string]any{},
		deleteNodes: map[graph.Label][]string{}, createRels: map[relGroup][]map[string]any{},
		updateRels: map[relGroup][]map[string]any{}, deleteRels: map[relGroup][]map[string]any{}}
	facts := slices.Collect(maps.Keys(affected))
	slices.SortFunc(facts, compareFacts)
	for _, f := range facts {
		have, exists := stored[f]
		if f.isRel() {
			g := relGroup{f.Type, f.Label, f.ToLabel}
			r, ok := merged.Rel(graph.RelKey{Type: f.Type, From: f.From, To: f.To})
			switch {
			case ok:
				want := relProps(r)
				row := map[string]any{"from": f.From, "to": f.To, "props": want}
				switch {
				case !exists:
					p.createRels[g] = append(p.createRels[g], row)
					p.rows++
				case !sameProps(want, have):
					p.updateRels[g] = append(p.updateRels[g], row)
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
			row := map[string]any{"id": f.ID, "props": want}
			switch {
			case !exists:
				p.createNodes[f.Label] = append(p.createNodes[f.Label], row)
				p.rows++
			case !sameProps(want, have):
				p.updateNodes[f.Label] = append(p.updateNodes[f.Label], row)
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

// execute writes a plan: relationships deleted, nodes created and
// updated, relationships created and updated, nodes deleted, each in
// batches.
func (s *Store) execute(ctx context.Context, p plan) error {
	done := 0
	progress := func(n int) {
		done += n
		if s.cfg.Progress != nil {
			s.cfg.Progress(done, p.rows)
		}
	}
	type step struct {
		q    string
		rows []map[string]any
	}
	var steps []step
	rel := func(g relGroup) (a, r, b string) {
		return "(a:" + quote(string(g.from)) + " {id: row.from})", "[r:" + quote(string(g.typ)) + "]", "(b:" + quote(string(g.to)) + " {id: row.to})"
	}
	for _, g := range sortedRelGroups(p.deleteRels) {
		a, r, b := rel(g)
		steps = append(steps, step{"UNWIND $rows AS row MATCH " + a + "-" + r + "->" + b + " DELETE r", p.deleteRels[g]})
	}
	for _, l := range slices.Sorted(maps.Keys(p.createNodes)) {
		steps = append(steps, step{"UNWIND $rows AS row CREATE (n:" + quote(string(l)) + ") SET n = row.props", p.createNodes[l]})
	}
	for _, l := range slices.Sorted(maps.Keys(p.updateNodes)) {
		steps = append(steps, step{"UNWIND $rows AS row MATCH (n:" + quote(string(l)) + " {id: row.id}) SET n = row.props", p.updateNodes[l]})
	}
	for _, g := range sortedRelGroups(p.createRels) {
		a, r, b := rel(g)
		steps = append(steps, step{"UNWIND $rows AS row MATCH " + a + " MATCH " + b + " CREATE (a)-" + r + "->(b) SET r = row.props", p.createRels[g]})
	}
	for _, g := range sortedRelGroups(p.updateRels) {
		a, r, b := rel(g)
		steps = append(steps, step{"UNWIND $rows AS row MATCH " + a + "-" + r + "->" + b + " SET r = row.props", p.updateRels[g]})
	}
	for _, l := range slices.Sorted(maps.Keys(p.deleteNodes)) {
		rows := make([]map[string]any, len(p.deleteNodes[l]))
		for i, id := range p.deleteNodes[l] {
			rows[i] = map[string]any{"id": id}
		}
		steps = append(steps, step{"UNWIND $rows AS row MATCH (n:" + quote(string(l)) + " {id: row.id}) DETACH DELETE n", rows})
	}
	for _, st := range steps {
		if err := s.batches(ctx, st.q, st.rows, progress); err != nil {
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
		if err := s.checkLock(ctx); err != nil {
			return err
		}
		if err := s.write(ctx, q, map[string]any{"rows": params}); err != nil {
			return err
		}
		if s.afterBatch != nil {
			if err := s.afterBatch(); err != nil {
				return err
			}
		}
		progress(len(batch))
	}
	return nil
}

// finish makes each changed note's next state its current one, and drops
// the bookkeeping of deleted notes.
func (s *Store) finish(ctx context.Context, c graph.Changeset) error {
	rows := make([]map[string]any, 0, len(c.Put))
	for _, p := range c.Put {
		rows = append(rows, map[string]any{"path": p.Path})
	}
	if err := s.bookBatches(ctx, "UNWIND $rows AS row MATCH (s:"+sourceLabel+" {path: row.path}) "+
		"SET s.fragment = s.next, s.hash = s.next_hash REMOVE s.next, s.next_hash", rows, 5000); err != nil {
		return err
	}
	rows = rows[:0]
	for _, d := range c.Delete {
		rows = append(rows, map[string]any{"path": d})
	}
	return s.bookBatches(ctx, "UNWIND $rows AS row MATCH (s:"+sourceLabel+" {path: row.path}) DELETE s", rows, 5000)
}

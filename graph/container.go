package graph

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"math"
	"slices"
)

// Graph is a set of nodes keyed by ID and relationships keyed by
// (type, from, to). The zero value is not usable; call New.
//
// Adding a node or relationship that is already present merges it: the
// sources are united, and properties already set are kept, so merging
// fragments in a fixed order gives the same graph every time.
type Graph struct {
	nodes map[string]*Node
	rels  map[RelKey]*Rel

	// enc is the JSON a graph was decoded from, which MarshalJSON gives
	// back without encoding again (a store's fragment read to be sent on:
	// talkgraph load). Every method that changes g clears it; a graph a
	// store returns is not to be changed through its nodes either.
	enc []byte
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{nodes: map[string]*Node{}, rels: map[RelKey]*Rel{}}
}

// AddNode adds n, or merges it into the node with the same ID, and returns
// the node held by the graph. A merge keeps the existing label.
func (g *Graph) AddNode(n Node) *Node {
	g.enc = nil
	if old, ok := g.nodes[n.ID]; ok {
		mergeProps(old.Props, n.Props, &old.Props)
		old.Sources = addSources(old.Sources, n.Sources)
		return old
	}
	c := n
	c.Props = cloneProps(n.Props)
	c.Sources = MergeSources(nil, n.Sources)
	g.nodes[n.ID] = &c
	return &c
}

// AddRel adds r, or merges it into the relationship with the same key, and
// returns the relationship held by the graph.
func (g *Graph) AddRel(r Rel) *Rel {
	g.enc = nil
	k := r.Key()
	if old, ok := g.rels[k]; ok {
		mergeProps(old.Props, r.Props, &old.Props)
		old.Sources = addSources(old.Sources, r.Sources)
		return old
	}
	c := r
	c.Props = cloneProps(r.Props)
	c.Sources = MergeSources(nil, r.Sources)
	g.rels[k] = &c
	return &c
}

// Merge adds every node and relationship of o to g.
func (g *Graph) Merge(o *Graph) {
	for _, n := range o.Nodes() {
		g.AddNode(*n)
	}
	for _, r := range o.Rels() {
		g.AddRel(*r)
	}
}

// MergeAll returns the merge of gs in order: the same graph as merging
// each into an empty graph in turn, built in one pass (sources are sorted
// once at the end, not at every merge).
func MergeAll(gs ...*Graph) *Graph {
	out := New()
	for _, g := range gs {
		for _, n := range g.nodes {
			if old, ok := out.nodes[n.ID]; ok {
				mergeProps(old.Props, n.Props, &old.Props)
				old.Sources = append(old.Sources, n.Sources...)
				continue
			}
			c := *n
			c.Props = cloneProps(n.Props)
			c.Sources = slices.Clone(n.Sources)
			out.nodes[n.ID] = &c
		}
		for k, r := range g.rels {
			if old, ok := out.rels[k]; ok {
				mergeProps(old.Props, r.Props, &old.Props)
				old.Sources = append(old.Sources, r.Sources...)
				continue
			}
			c := *r
			c.Props = cloneProps(r.Props)
			c.Sources = slices.Clone(r.Sources)
			out.rels[k] = &c
		}
	}
	for _, n := range out.nodes {
		n.Sources = MergeSources(nil, n.Sources)
	}
	for _, r := range out.rels {
		r.Sources = MergeSources(nil, r.Sources)
	}
	return out
}

// Node returns the node with the given ID.
func (g *Graph) Node(id string) (*Node, bool) {
	n, ok := g.nodes[id]
	return n, ok
}

// Rel returns the relationship with the given key.
func (g *Graph) Rel(k RelKey) (*Rel, bool) {
	r, ok := g.rels[k]
	return r, ok
}

// NodeCount returns the number of nodes.
func (g *Graph) NodeCount() int { return len(g.nodes) }

// RelCount returns the number of relationships.
func (g *Graph) RelCount() int { return len(g.rels) }

// Nodes returns the nodes sorted by ID.
func (g *Graph) Nodes() []*Node {
	out := make([]*Node, 0, len(g.nodes))
	for _, n := range g.nodes {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b *Node) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Rels returns the relationships sorted by from, type and to.
func (g *Graph) Rels() []*Rel {
	out := make([]*Rel, 0, len(g.rels))
	for _, r := range g.rels {
		out = append(out, r)
	}
	slices.SortFunc(out, compareRels)
	return out
}

func compareRels(a, b *Rel) int {
	return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Type, b.Type), cmp.Compare(a.To, b.To))
}

// RelSeq yields the relationships in no order: cheaper than Rels when the
// order does not matter.
func (g *Graph) RelSeq() iter.Seq[*Rel] {
	return func(yield func(*Rel) bool) {
		for _, r := range g.rels {
			if !yield(r) {
				return
			}
		}
	}
}

// RelsOf returns the relationships that start or end at id, sorted.
func (g *Graph) RelsOf(id string) []*Rel {
	var out []*Rel
	for _, r := range g.rels {
		if r.From == id || r.To == id {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, compareRels)
	return out
}

// MergeSources returns the union of a and b, sorted by note and line,
// without duplicates. It does not modify a or b. Sorted inputs (as every
// graph keeps them) are merged in one pass.
func MergeSources(a, b []Source) []Source {
	if len(b) == 0 && len(a) == 0 {
		return nil
	}
	if !slices.IsSortedFunc(a, compareSources) {
		a = slices.SortedFunc(slices.Values(a), compareSources)
	}
	if !slices.IsSortedFunc(b, compareSources) {
		b = slices.SortedFunc(slices.Values(b), compareSources)
	}
	out := make([]Source, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		var next Source
		switch {
		case len(b) == 0 || len(a) > 0 && compareSources(a[0], b[0]) <= 0:
			next, a = a[0], a[1:]
		default:
			next, b = b[0], b[1:]
		}
		if len(out) == 0 || out[len(out)-1] != next {
			out = append(out, next)
		}
	}
	return out
}

// addSources adds b to own, a sorted list without duplicates that the graph
// owns and may grow in place. A source that sorts last (as sources do when a
// note is read top to bottom) is appended; another is inserted where it
// sorts. Adding k sources to a list of n costs O(k log n) comparisons, so
// adding a note's facts one by one stays linear in the note's size.
func addSources(own, b []Source) []Source {
	for _, s := range b {
		n := len(own)
		if n == 0 || compareSources(own[n-1], s) < 0 {
			own = append(own, s)
			continue
		}
		if i, found := slices.BinarySearchFunc(own, s, compareSources); !found {
			own = slices.Insert(own, i, s)
		}
	}
	return own
}

func compareSources(x, y Source) int {
	return cmp.Or(cmp.Compare(x.Note, y.Note), cmp.Compare(x.Line, y.Line), cmp.Compare(x.EndLine, y.EndLine))
}

func mergeProps(dst, src map[string]any, set *map[string]any) {
	if len(src) == 0 {
		return
	}
	if dst == nil {
		*set = cloneProps(src)
		return
	}
	for k, v := range src {
		if _, ok := dst[k]; !ok {
			dst[k] = cloneValue(v)
			continue
		}
		if a, ok := dst[k].([]string); ok {
			if b, ok := v.([]string); ok {
				dst[k] = unionStrings(a, b)
			}
		}
	}
}

func unionStrings(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

func cloneProps(p map[string]any) map[string]any {
	if p == nil {
		return nil
	}
	c := make(map[string]any, len(p))
	for k, v := range p {
		c[k] = cloneValue(v)
	}
	return c
}

func cloneValue(v any) any {
	if s, ok := v.([]string); ok {
		return slices.Clone(s)
	}
	return v
}

// Stats counts a graph's nodes by label and relationships by type.
type Stats struct {
	Nodes map[Label]int   `json:"nodes"`
	Rels  map[RelType]int `json:"relationships"`
}

// Stats counts g's nodes by label and relationships by type; every schema
// label and type is present, with zero where g has none.
func (g *Graph) Stats() Stats {
	s := Stats{Nodes: map[Label]int{}, Rels: map[RelType]int{}}
	for _, l := range Labels {
		s.Nodes[l] = 0
	}
	for _, t := range RelTypes {
		s.Rels[t] = 0
	}
	for _, n := range g.nodes {
		s.Nodes[n.Label]++
	}
	for _, r := range g.rels {
		s.Rels[r.Type]++
	}
	return s
}

// Without returns a copy of g less what the given notes say: every node and
// relationship loses the sources in those notes, and those left with no
// source are dropped, with the relationships of dropped nodes. Properties
// stay as merged. It gives the graph a store holds once those notes are
// deleted, so that what is derived from it can be computed before the
// store is changed.
func (g *Graph) Without(notes map[string]bool) *Graph {
	out := New()
	keep := func(srcs []Source) []Source {
		var k []Source
		for _, s := range srcs {
			if !notes[s.Note] {
				k = append(k, s)
			}
		}
		return k
	}
	for id, n := range g.nodes {
		if srcs := keep(n.Sources); len(srcs) > 0 || len(n.Sources) == 0 {
			c := *n
			c.Props = cloneProps(n.Props)
			c.Sources = srcs
			out.nodes[id] = &c
		}
	}
	for k, r := range g.rels {
		_, from := out.nodes[r.From]
		_, to := out.nodes[r.To]
		if srcs := keep(r.Sources); from && to && (len(srcs) > 0 || len(r.Sources) == 0) {
			c := *r
			c.Props = cloneProps(r.Props)
			c.Sources = srcs
			out.rels[k] = &c
		}
	}
	return out
}

// DropDangling removes the relationships whose start or end node is not in
// g and returns how many it removed. A fragment may link nodes that other
// notes hold (the RELATED_TO fragment links talks); once merged, a
// relationship exists only while both its nodes do, as in Neo4j.
func (g *Graph) DropDangling() int {
	g.enc = nil
	n := 0
	for k, r := range g.rels {
		_, from := g.nodes[r.From]
		_, to := g.nodes[r.To]
		if !from || !to {
			delete(g.rels, k)
			n++
		}
	}
	return n
}

// RelEnds returns the labels of r's start and end nodes: a node's label
// where g holds it, else the one r's type fixes (see RelType.Ends). It fails
// with an error wrapping ErrInvalid when an end is neither: a fragment may
// link nodes other notes hold only through a type that fixes their labels.
func (g *Graph) RelEnds(r *Rel) (from, to Label, err error) {
	from, to = r.Type.Ends()
	if a, ok := g.nodes[r.From]; ok {
		from = a.Label
	}
	if b, ok := g.nodes[r.To]; ok {
		to = b.Label
	}
	if from == "" || to == "" {
		return "", "", fmt.Errorf("%s: a node is not in the graph and its label is not fixed by the type: %w", relName(r), ErrInvalid)
	}
	return from, to, nil
}

// CheckEnds checks what a store needs to read a fragment back: every
// relationship's ends with RelEnds, no empty id (the JSON form refuses
// them) and source lines from 0 to MaxLine (the binary form's range).
func (g *Graph) CheckEnds() error {
	if _, ok := g.nodes[""]; ok {
		return fmt.Errorf("a node with an empty id: %w", ErrInvalid)
	}
	for _, n := range g.nodes {
		if err := checkLines(n.Sources); err != nil {
			return fmt.Errorf("node %q: %w", n.ID, err)
		}
	}
	for _, r := range g.Rels() {
		if r.From == "" || r.To == "" {
			return fmt.Errorf("%s: empty endpoint id: %w", relName(r), ErrInvalid)
		}
		if err := checkLines(r.Sources); err != nil {
			return fmt.Errorf("%s: %w", relName(r), err)
		}
		if _, _, err := g.RelEnds(r); err != nil {
			return err
		}
	}
	return nil
}

// Outside returns, sorted, the IDs of the nodes g's relationships end at
// that g does not hold.
func (g *Graph) Outside() []string {
	seen := map[string]bool{}
	for _, r := range g.rels {
		for _, id := range []string{r.From, r.To} {
			if _, ok := g.nodes[id]; !ok {
				seen[id] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// MaxLine is the largest line a source may name.
const MaxLine = math.MaxInt32

func checkLines(srcs []Source) error {
	for _, s := range srcs {
		if s.Line < 0 || s.EndLine < 0 || s.Line > MaxLine || s.EndLine > MaxLine {
			return fmt.Errorf("source %s: line out of range: %w", s, ErrInvalid)
		}
	}
	return nil
}

package cypher

import (
	"maps"
	"slices"
	"sync"

	"github.com/talkgraph/talkgraph/graph"
)

// Graph is the graph an engine runs on: nodes with any number of labels,
// typed relationships, properties, and the indexes the planner uses (by
// label, and by a label's property value, built on first use).
type Graph struct {
	nodes   []*Node
	rels    []*Rel
	byLabel map[string][]*Node

	mu      sync.Mutex
	propIdx map[[2]string]map[string][]*Node // label, property → value key → nodes
	text    map[string]*textIndex            // full-text indexes by name
	textDef map[string]textDef
}

// NewGraph returns an empty graph.
func NewGraph() *Graph {
	return &Graph{byLabel: map[string][]*Node{}, propIdx: map[[2]string]map[string][]*Node{},
		text: map[string]*textIndex{}, textDef: map[string]textDef{}}
}

// AddNode adds a node and returns it.
func (g *Graph) AddNode(labels []string, props map[string]any) *Node {
	n := &Node{id: len(g.nodes), Labels: labels, Props: props}
	if n.Props == nil {
		n.Props = map[string]any{}
	}
	g.nodes = append(g.nodes, n)
	for _, l := range labels {
		g.byLabel[l] = append(g.byLabel[l], n)
	}
	g.invalidate()
	return n
}

// AddRel adds a relationship and returns it.
func (g *Graph) AddRel(typ string, start, end *Node, props map[string]any) *Rel {
	r := &Rel{id: len(g.rels), Type: typ, Start: start, End: end, Props: props}
	if r.Props == nil {
		r.Props = map[string]any{}
	}
	g.rels = append(g.rels, r)
	start.out = append(start.out, r)
	end.in = append(end.in, r)
	return r
}

func (g *Graph) invalidate() {
	g.mu.Lock()
	clear(g.propIdx)
	clear(g.text)
	g.mu.Unlock()
}

// NodeCount and RelCount count the graph.
func (g *Graph) NodeCount() int { return len(g.nodes) }

// RelCount counts the relationships.
func (g *Graph) RelCount() int { return len(g.rels) }

// Nodes returns every node, in the order they were added.
func (g *Graph) Nodes() []*Node { return g.nodes }

// Rels returns every relationship, in the order they were added.
func (g *Graph) Rels() []*Rel { return g.rels }

// nodesWith returns the nodes with a label whose property has the value,
// from an index built on first use.
func (g *Graph) nodesWith(label, prop string, v any) []*Node {
	g.mu.Lock()
	defer g.mu.Unlock()
	k := [2]string{label, prop}
	idx, ok := g.propIdx[k]
	if !ok {
		idx = map[string][]*Node{}
		for _, n := range g.byLabel[label] {
			if pv, ok := n.Props[prop]; ok && pv != nil {
				kk := key(pv)
				idx[kk] = append(idx[kk], n)
			}
		}
		g.propIdx[k] = idx
	}
	return idx[key(v)]
}

// FromGraph builds the engine graph of a talkgraph graph, with the
// properties a store holds (graph.Node.StoredProps), so that Cypher reads
// it as it reads Neo4j: every node has its label, its properties, id,
// sources and notes; relationships likewise, MENTIONS with a count.
func FromGraph(src *graph.Graph) *Graph {
	g := NewGraph()
	nodes := src.Nodes()
	g.nodes = make([]*Node, 0, len(nodes))
	byID := make(map[string]*Node, len(nodes))
	for _, n := range nodes {
		byID[n.ID] = g.AddNode([]string{string(n.Label)}, normalize(n.StoredProps()).(map[string]any))
	}
	for r := range src.RelSeq() {
		a, b := byID[r.From], byID[r.To]
		if a == nil || b == nil {
			continue
		}
		g.AddRel(string(r.Type), a, b, normalize(r.StoredProps()).(map[string]any))
	}
	// Relationships in a stable order: by start, type, end.
	slices.SortFunc(g.rels, func(x, y *Rel) int {
		if c := x.Start.id - y.Start.id; c != 0 {
			return c
		}
		if x.Type != y.Type {
			if x.Type < y.Type {
				return -1
			}
			return 1
		}
		return x.End.id - y.End.id
	})
	for i, r := range g.rels {
		r.id = i
	}
	for _, n := range g.nodes {
		slices.SortFunc(n.out, func(x, y *Rel) int { return x.id - y.id })
		slices.SortFunc(n.in, func(x, y *Rel) int { return x.id - y.id })
	}
	return g
}

// DefineFullText declares a full-text index over the properties of the
// nodes with a label, queried with db.index.fulltext.queryNodes(name, q).
func (g *Graph) DefineFullText(name, label string, props ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.textDef[name] = textDef{label: label, props: slices.Clone(props)}
	delete(g.text, name)
}

// FullTextIndexes lists the names of the full-text indexes.
func (g *Graph) FullTextIndexes() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Sorted(maps.Keys(g.textDef))
}

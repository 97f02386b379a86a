// Package export writes the knowledge graph in formats other tools read:
// GraphML for Gephi and yEd, the CSV files of neo4j-admin database import, a
// cypher-shell script, and JSON widgets of related talks for a static site.
//
// Every export is deterministic: nodes are written in ID order, relationships
// in the order of graph.Graph.Rels, and properties by name, so the same graph
// always gives the same bytes. Besides its own properties, every node is
// written with the properties a store holds it with (graph.Node.StoredProps):
// its id, its sources ("notes/day1.md:12-20") and notes, and a MENTIONS
// relationship with its count, the number of lines it was read from. A graph
// property named like one of these is written as "prop_" and its name, as
// the stores do, so a query pack reads an exported graph as it reads a store. Relationships whose endpoints are not in
// the graph are left out.
package export

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
)

// kind is the type of a property column.
type kind int

const (
	kindString kind = iota
	kindLong
	kindDouble
	kindBool
	kindList // []string
)

// column is one property written for a set of nodes or relationships.
type column struct {
	name string
	kind kind
}

// firstColumns come first, in this order, when present.
var firstColumns = []string{"name", "title", "year", "event"}

// nodeProps returns the properties n is written with, except its id: those
// a store holds it with (graph.Node.StoredProps), so that a query reads an
// exported graph as it reads the store.
func nodeProps(n *graph.Node) map[string]any {
	p := withoutNil(n.StoredProps())
	delete(p, graph.StoredID)
	return p
}

// relProps returns the properties r is written with: those a store holds
// it with (graph.Rel.StoredProps).
func relProps(r *graph.Rel) map[string]any { return withoutNil(r.StoredProps()) }

func withoutNil(p map[string]any) map[string]any {
	maps.DeleteFunc(p, func(_ string, v any) bool { return v == nil })
	return p
}

// kindOf returns the column kind of a property value.
func kindOf(v any) kind {
	switch v := v.(type) {
	case int64, int:
		return kindLong
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return kindString
		}
		return kindDouble
	case bool:
		return kindBool
	case []string:
		return kindList
	default:
		return kindString
	}
}

// columns returns the columns of a set of property maps: each name with
// the kind of all its values, long and double widening to double and any
// other mix to string. Names in firstColumns come first, the rest sorted.
func columns(props []map[string]any) []column {
	kinds := map[string]kind{}
	for _, p := range props {
		for k, v := range p {
			nk := kindOf(v)
			old, ok := kinds[k]
			switch {
			case !ok || old == nk:
				kinds[k] = nk
			case old == kindLong && nk == kindDouble || old == kindDouble && nk == kindLong:
				kinds[k] = kindDouble
			default:
				kinds[k] = kindString
			}
		}
	}
	out := make([]column, 0, len(kinds))
	for k, kd := range kinds {
		out = append(out, column{k, kd})
	}
	slices.SortFunc(out, func(a, b column) int {
		ra, rb := rank(a.name), rank(b.name)
		return cmp.Or(cmp.Compare(ra, rb), cmp.Compare(a.name, b.name))
	})
	return out
}

func rank(name string) int {
	if i := slices.Index(firstColumns, name); i >= 0 {
		return i
	}
	return len(firstColumns)
}

// text returns v as the text of a column of kind k: lists joined by sep,
// numbers in Go syntax.
func text(v any, k kind, sep string) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []string:
		return strings.Join(v, sep)
	}
	return ""
}

// convert returns v as a value of kind k: a long as a float for a double
// column, anything as its text for a string column.
func convert(v any, k kind) any {
	switch k {
	case kindDouble:
		if i, ok := v.(int64); ok {
			return float64(i)
		}
		if i, ok := v.(int); ok {
			return float64(i)
		}
	case kindString:
		if _, ok := v.(string); !ok {
			return text(v, k, ";")
		}
	}
	return v
}

// nodesByLabel returns the graph's nodes grouped by label, labels in schema
// order then any other label by name, nodes by ID.
func nodesByLabel(g *graph.Graph) ([]graph.Label, map[graph.Label][]*graph.Node) {
	by := map[graph.Label][]*graph.Node{}
	for _, n := range g.Nodes() {
		by[n.Label] = append(by[n.Label], n)
	}
	return orderedKeys(by, graph.Labels), by
}

// relsByType returns the relationships whose endpoints are in g, grouped by
// type, types in schema order.
func relsByType(g *graph.Graph) ([]graph.RelType, map[graph.RelType][]*graph.Rel) {
	by := map[graph.RelType][]*graph.Rel{}
	for _, r := range rels(g) {
		by[r.Type] = append(by[r.Type], r)
	}
	return orderedKeys(by, graph.RelTypes), by
}

// rels returns the relationships of g whose endpoints are both in g.
func rels(g *graph.Graph) []*graph.Rel {
	var out []*graph.Rel
	for _, r := range g.Rels() {
		_, okFrom := g.Node(r.From)
		_, okTo := g.Node(r.To)
		if okFrom && okTo {
			out = append(out, r)
		}
	}
	return out
}

func orderedKeys[K ~string, V any](m map[K]V, schema []K) []K {
	var out []K
	for _, k := range schema {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	var rest []K
	for k := range m {
		if !slices.Contains(schema, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

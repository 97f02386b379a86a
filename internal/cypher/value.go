package cypher

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Values are nil, bool, int64, float64, string, []any, map[string]any,
// *Node, *Rel and Path.

// Node is a node of an engine graph.
type Node struct {
	id     int
	Labels []string
	Props  map[string]any
	out    []*Rel
	in     []*Rel
}

// Rel is a relationship of an engine graph.
type Rel struct {
	id         int
	Type       string
	Start, End *Node
	Props      map[string]any
}

// Path is a path: Nodes has one more element than Rels.
type Path struct {
	Nodes []*Node
	Rels  []*Rel
}

// HasLabel reports whether n has the label.
func (n *Node) HasLabel(l string) bool { return slices.Contains(n.Labels, l) }

// ID is the node's internal id (its elementId).
func (n *Node) ID() int { return n.id }

// typeName is a value's Cypher type, for messages.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "NULL"
	case bool:
		return "BOOLEAN"
	case int64:
		return "INTEGER"
	case float64:
		return "FLOAT"
	case string:
		return "STRING"
	case []any:
		return "LIST"
	case map[string]any:
		return "MAP"
	case *Node:
		return "NODE"
	case *Rel:
		return "RELATIONSHIP"
	case Path:
		return "PATH"
	}
	return fmt.Sprintf("%T", v)
}

// equal is Cypher's = : nil when either side is null or the comparison
// is undefined (a list holding null against an equal-length list).
func equal(a, b any) any {
	if a == nil || b == nil {
		return nil
	}
	switch x := a.(type) {
	case bool:
		if y, ok := b.(bool); ok {
			return x == y
		}
	case int64:
		switch y := b.(type) {
		case int64:
			return x == y
		case float64:
			return float64(x) == y
		}
	case float64:
		switch y := b.(type) {
		case int64:
			return x == float64(y)
		case float64:
			return x == y
		}
	case string:
		if y, ok := b.(string); ok {
			return x == y
		}
	case []any:
		y, ok := b.([]any)
		if !ok {
			return false
		}
		if len(x) != len(y) {
			return false
		}
		var res any = true
		for i := range x {
			switch e := equal(x[i], y[i]); e {
			case false:
				return false
			case nil:
				res = nil
			}
		}
		return res
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return false
		}
		if len(x) != len(y) {
			return false
		}
		var res any = true
		for k, xv := range x {
			yv, ok := y[k]
			if !ok {
				return false
			}
			switch e := equal(xv, yv); e {
			case false:
				return false
			case nil:
				res = nil
			}
		}
		return res
	case *Node:
		y, ok := b.(*Node)
		return ok && x == y
	case *Rel:
		y, ok := b.(*Rel)
		return ok && x == y
	case Path:
		y, ok := b.(Path)
		if !ok || len(x.Rels) != len(y.Rels) {
			return false
		}
		for i := range x.Nodes {
			if x.Nodes[i] != y.Nodes[i] {
				return false
			}
		}
		for i := range x.Rels {
			if x.Rels[i] != y.Rels[i] {
				return false
			}
		}
		return true
	}
	return false
}

// compare is Cypher's < > <= >=: the sign of a against b, ok false when
// they are not comparable (the comparison is null).
func compare(a, b any) (int, bool) {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return cmp.Compare(x, y), true
		case float64:
			if math.IsNaN(y) {
				return 0, false
			}
			return compareIntFloat(x, y), true
		}
	case float64:
		if math.IsNaN(x) {
			return 0, false
		}
		switch y := b.(type) {
		case int64:
			return -compareIntFloat(y, x), true
		case float64:
			if math.IsNaN(y) {
				return 0, false
			}
			return cmp.Compare(x, y), true
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y), true
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmpBool(x, y), true
		}
	case []any:
		y, ok := b.([]any)
		if !ok {
			return 0, false
		}
		for i := 0; i < len(x) && i < len(y); i++ {
			if x[i] == nil || y[i] == nil {
				return 0, false
			}
			c, ok := compare(x[i], y[i])
			if !ok {
				return 0, false
			}
			if c != 0 {
				return c, true
			}
		}
		return cmp.Compare(len(x), len(y)), true
	}
	return 0, false
}

func compareIntFloat(x int64, y float64) int {
	if y >= 9.3e18 {
		return -1
	}
	if y <= -9.3e18 {
		return 1
	}
	fx := float64(x)
	if fx != y {
		return cmp.Compare(fx, y)
	}
	// Equal as floats: compare exactly.
	return cmp.Compare(x, int64(y))
}

func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

// orderRank is the rank of a value's type in ORDER BY's total order.
func orderRank(v any) int {
	switch x := v.(type) {
	case map[string]any:
		return 0
	case *Node:
		return 1
	case *Rel:
		return 2
	case []any:
		return 3
	case Path:
		return 4
	case string:
		return 5
	case bool:
		return 6
	case int64:
		return 7
	case float64:
		if math.IsNaN(x) {
			return 8
		}
		return 7
	case nil:
		return 9
	}
	return 9
}

// order is ORDER BY's total order: every value compares with every other.
func order(a, b any) int {
	ra, rb := orderRank(a), orderRank(b)
	if ra != rb {
		return cmp.Compare(ra, rb)
	}
	switch x := a.(type) {
	case map[string]any:
		y := b.(map[string]any)
		kx, ky := sortedKeys(x), sortedKeys(y)
		for i := 0; i < len(kx) && i < len(ky); i++ {
			if c := strings.Compare(kx[i], ky[i]); c != 0 {
				return c
			}
			if c := order(x[kx[i]], y[ky[i]]); c != 0 {
				return c
			}
		}
		return cmp.Compare(len(kx), len(ky))
	case *Node:
		return cmp.Compare(x.id, b.(*Node).id)
	case *Rel:
		return cmp.Compare(x.id, b.(*Rel).id)
	case []any:
		y := b.([]any)
		for i := 0; i < len(x) && i < len(y); i++ {
			if c := order(x[i], y[i]); c != 0 {
				return c
			}
		}
		return cmp.Compare(len(x), len(y))
	case Path:
		y := b.(Path)
		for i := 0; i < len(x.Nodes) && i < len(y.Nodes); i++ {
			if c := cmp.Compare(x.Nodes[i].id, y.Nodes[i].id); c != 0 {
				return c
			}
		}
		return cmp.Compare(len(x.Nodes), len(y.Nodes))
	case string:
		return strings.Compare(x, b.(string))
	case bool:
		return cmpBool(x, b.(bool))
	case int64, float64:
		if fa, ok := a.(float64); ok && math.IsNaN(fa) {
			return 0
		}
		c, _ := compare(a, b)
		return c
	}
	return 0
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// key writes a value so that two values are equivalent (as DISTINCT and
// grouping see them: null equals null, 1 equals 1.0) exactly when their
// keys are equal.
func key(v any) string {
	var b strings.Builder
	writeKey(&b, v)
	return b.String()
}

func writeKey(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("n")
	case bool:
		if x {
			b.WriteString("T")
		} else {
			b.WriteString("F")
		}
	case int64:
		b.WriteString("i")
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e18 {
			b.WriteString("i")
			b.WriteString(strconv.FormatInt(int64(x), 10))
		} else {
			b.WriteString("f")
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		}
	case string:
		b.WriteString("s")
		b.WriteString(strconv.Itoa(len(x)))
		b.WriteByte(':')
		b.WriteString(x)
	case []any:
		b.WriteString("[")
		for _, e := range x {
			writeKey(b, e)
			b.WriteByte(',')
		}
		b.WriteString("]")
	case map[string]any:
		b.WriteString("{")
		for _, k := range sortedKeys(x) {
			b.WriteString(strconv.Itoa(len(k)))
			b.WriteByte(':')
			b.WriteString(k)
			writeKey(b, x[k])
			b.WriteByte(',')
		}
		b.WriteString("}")
	case *Node:
		b.WriteString("N")
		b.WriteString(strconv.Itoa(x.id))
	case *Rel:
		b.WriteString("R")
		b.WriteString(strconv.Itoa(x.id))
	case Path:
		b.WriteString("P")
		for _, n := range x.Nodes {
			b.WriteString(strconv.Itoa(n.id))
			b.WriteByte(',')
		}
		b.WriteByte('/')
		for _, r := range x.Rels {
			b.WriteString(strconv.Itoa(r.id))
			b.WriteByte(',')
		}
	default:
		fmt.Fprintf(b, "?%v", x)
	}
}

// truth reads a value as a predicate: true, false or null (nil); ok is
// false for a value that is not a boolean.
func truth(v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case bool:
		return x, true
	}
	return nil, false
}

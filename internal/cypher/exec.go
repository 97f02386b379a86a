package cypher

import (
	"cmp"
	"context"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/internal/cypher/parse"
)

// exec runs one query.
type exec struct {
	ctx     context.Context
	g       *Graph
	params  map[string]any
	write   bool
	aggs    map[*parse.Call]any
	regexps map[string]*regexp.Regexp
	steps   int
	stats   Stats
	// memo holds the results of subqueries by the values of the outer
	// variables they use: one that uses none runs once per query.
	memo  map[*parse.Subquery]map[string]any
	names map[*parse.Subquery][]string
	// cutClause, when set, is the MATCH or UNWIND whose output the final
	// RETURN streams: it stops after cutRows rows (Options.MaxRows).
	cutClause parse.Clause
	cutRows   int
	// at is the expression whose error would be raised now (a function
	// call, a parameter), for the error's position.
	at parse.Expr
}

// cutPoint finds the clause whose rows can be cut at max+1 (plus SKIP)
// without changing the first rows: the MATCH or UNWIND right before a
// RETURN that keeps rows in their order one for one (no ORDER BY, DISTINCT
// or aggregation), in a query of one part.
func (x *exec) cutPoint(q *parse.Query, max int) (parse.Clause, int) {
	if len(q.Parts) != 1 {
		return nil, 0
	}
	cs := q.Parts[0].Clauses
	if len(cs) < 2 {
		return nil, 0
	}
	ret, ok := cs[len(cs)-1].(*parse.Return)
	if !ok || ret.Proj.Distinct || len(ret.Proj.Order) > 0 {
		return nil, 0
	}
	for _, it := range ret.Proj.Items {
		if len(findAggregates(it.Expr)) > 0 {
			return nil, 0
		}
	}
	switch cs[len(cs)-2].(type) {
	case *parse.Match, *parse.Unwind:
	default:
		return nil, 0
	}
	rows := int64(max) + 1
	if ret.Proj.Skip != nil {
		rows += x.count(ret.Proj.Skip, "SKIP")
	}
	if rows > math.MaxInt32 {
		return nil, 0
	}
	return cs[len(cs)-2], int(rows)
}

// Stats counts what a query changed.
type Stats struct {
	NodesCreated, RelsCreated, PropsSet, LabelsAdded int
}

func (x *exec) tick() {
	x.steps++
	if x.steps&1023 == 0 && x.ctx.Err() != nil {
		panic(failure{&Error{Kind: "Timeout", Code: "Canceled", Msg: "query stopped: " + x.ctx.Err().Error(), cause: x.ctx.Err()}})
	}
}

// runQuery runs a query on input rows; a query without RETURN gives the
// rows its last clause left and no columns.
func (x *exec) runQuery(q *parse.Query, in []row) ([]string, []row, bool) {
	cols, rows, returns := x.runSingle(q.Parts[0], in)
	for i, part := range q.Parts[1:] {
		c2, r2, _ := x.runSingle(part, in)
		if !slices.Equal(cols, c2) {
			fail("SyntaxError", "DifferentColumnsInUnion", "all parts of a UNION must return the same columns")
		}
		rows = append(rows, r2...)
		if !q.All[i] {
			rows = distinctRows(cols, rows)
		}
	}
	return cols, rows, returns
}

func distinctRows(cols []string, rows []row) []row {
	return distinct(rows, cols, func(r row) row { return r })
}

// distinct keeps the first of each list item whose values of cols (vals
// gives them) are equal, in order.
func distinct[T any](list []T, cols []string, vals func(T) row) []T {
	seen := map[string]bool{}
	out := list[:0:0]
	var b strings.Builder
	for _, it := range list {
		b.Reset()
		v := vals(it)
		for _, c := range cols {
			writeKey(&b, v[c])
			b.WriteByte('|')
		}
		if k := b.String(); !seen[k] {
			seen[k] = true
			out = append(out, it)
		}
	}
	return out
}

func (x *exec) runSingle(q *parse.SingleQuery, rows []row) ([]string, []row, bool) {
	for _, c := range q.Clauses {
		switch c := c.(type) {
		case *parse.Match:
			rows = x.match(c, rows)
		case *parse.Unwind:
			rows = x.unwind(c, rows)
		case *parse.With:
			_, rows = x.project(c.Proj, rows, c.Where)
		case *parse.Return:
			cols, out := x.project(c.Proj, rows, nil)
			return cols, out, true
		case *parse.Create:
			if !x.write {
				fail("AccessMode", "WriteInReadOnly", "writes are not allowed in a read-only query (CREATE)")
			}
			rows = x.create(c, rows)
		case *parse.CallSub:
			rows = x.callSub(c, rows)
		case *parse.CallProc:
			cols, out := x.callProc(c, rows)
			if len(q.Clauses) == 1 {
				return cols, out, true
			}
			rows = out
		default:
			fail("NotSupported", "NotSupported", "not supported: %s", c.String())
		}
	}
	return nil, rows, false
}

func (x *exec) unwind(c *parse.Unwind, rows []row) []row {
	var out []row
	limit := x.limitOf(c)
	full := func() bool { return limit > 0 && len(out) >= limit }
	for _, r := range rows {
		if full() {
			return out[:limit]
		}
		if call, ok := c.Expr.(*parse.Call); ok && strings.EqualFold(call.Name, "range") && !call.Distinct {
			// UNWIND range(...): the values one by one, never the list.
			args := make([]any, len(call.Args))
			for i, a := range call.Args {
				args[i] = x.eval(a, rowScope(r))
			}
			x.at = call
			x.rangeOf(call, args, func(i int64) bool {
				nr := maps.Clone(r)
				nr[c.Var] = i
				out = append(out, nr)
				return !full()
			})
			x.at = nil
			continue
		}
		v := x.eval(c.Expr, rowScope(r))
		switch l := v.(type) {
		case nil:
		case []any:
			for _, e := range l {
				x.tick()
				if full() {
					break
				}
				nr := maps.Clone(r)
				nr[c.Var] = e
				out = append(out, nr)
			}
		default:
			nr := maps.Clone(r)
			nr[c.Var] = v
			out = append(out, nr)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// limitOf returns the rows a clause may stop after (cutPoint); 0 for all.
func (x *exec) limitOf(c parse.Clause) int {
	if x.cutClause != nil && x.cutClause == c {
		return x.cutRows
	}
	return 0
}

// Matching.

// matched is one match of a pattern: the scope with its variables bound,
// and for a one-part pattern its path.
type matched struct {
	scope *scope
	path  Path
}

// matchPattern matches parts against the graph with the variables of s
// bound; it returns every match (only the paths when pathsOnly).
func (x *exec) matchPattern(parts []*parse.PatternPart, where parse.Expr, s *scope, pathsOnly bool) []matched {
	var out []matched
	m := &matcher{x: x, vals: row{}, used: map[*Rel]bool{}}
	m.sc = &scope{row: m.vals, up: s}
	m.emit = func() {
		if where != nil {
			if t, _ := truth(x.pred(where, m.sc)); t != true {
				return
			}
		}
		mm := matched{path: m.lastPath}
		if !pathsOnly {
			mm.scope = &scope{row: maps.Clone(m.vals), up: s}
		}
		out = append(out, mm)
	}
	m.parts(parts, 0)
	return out
}

func (x *exec) match(c *parse.Match, rows []row) (out []row) {
	limit := x.limitOf(c)
	if limit > 0 {
		// Enough rows: the matcher stops where it is.
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(stopMatching); !ok {
					panic(r)
				}
			}
		}()
	}
	newVars := patternVars(c.Pattern)
	for _, r := range rows {
		n := len(out)
		m := &matcher{x: x, vals: row{}, used: map[*Rel]bool{}}
		outer := rowScope(r)
		m.sc = &scope{row: m.vals, up: outer}
		m.emit = func() {
			if c.Where != nil {
				if t, _ := truth(x.pred(c.Where, m.sc)); t != true {
					return
				}
			}
			nr := maps.Clone(r)
			for k, v := range m.vals {
				nr[k] = v
			}
			out = append(out, nr)
			if limit > 0 && len(out) >= limit {
				panic(stopMatching{})
			}
		}
		m.parts(c.Pattern, 0)
		if c.Optional && len(out) == n {
			nr := maps.Clone(r)
			for _, v := range newVars {
				if _, ok := nr[v]; !ok {
					nr[v] = nil
				}
			}
			out = append(out, nr)
			if limit > 0 && len(out) >= limit {
				return out
			}
		}
	}
	return out
}

// patternVars lists the variables a pattern names.
func patternVars(parts []*parse.PatternPart) []string {
	var vs []string
	for _, p := range parts {
		if p.Var != "" {
			vs = append(vs, p.Var)
		}
		for _, n := range p.Nodes {
			if n.Var != "" {
				vs = append(vs, n.Var)
			}
		}
		for _, r := range p.Rels {
			if r.Var != "" {
				vs = append(vs, r.Var)
			}
		}
	}
	return vs
}

type matcher struct {
	x        *exec
	vals     row
	sc       *scope
	used     map[*Rel]bool
	emit     func()
	lastPath Path
}

func (m *matcher) bound(name string) (any, bool) {
	if name == "" {
		return nil, false
	}
	return m.sc.lookup(name)
}

func (m *matcher) parts(parts []*parse.PatternPart, i int) {
	if i == len(parts) {
		m.emit()
		return
	}
	m.part(parts[i], func(p Path) {
		m.lastPath = p
		if parts[i].Var != "" {
			m.vals[parts[i].Var] = p
			m.parts(parts, i+1)
			delete(m.vals, parts[i].Var)
			return
		}
		m.parts(parts, i+1)
	})
}

// part matches one pattern part, calling done with each path found.
func (m *matcher) part(p *parse.PatternPart, done func(Path)) {
	nodes := make([]*Node, len(p.Nodes))
	hops := make([][]*Rel, len(p.Rels))
	a := m.anchor(p)
	var right, left func(i int)
	finish := func() {
		path := Path{Nodes: []*Node{nodes[0]}}
		for i, hs := range hops {
			// a hop's relationships run from nodes[i] to nodes[i+1]
			cur := nodes[i]
			for _, r := range hs {
				next := r.End
				if r.Start != cur {
					next = r.Start
				}
				path.Rels = append(path.Rels, r)
				path.Nodes = append(path.Nodes, next)
				cur = next
			}
		}
		done(path)
	}
	left = func(i int) { // nodes[i] is set; match towards 0
		if i == 0 {
			finish()
			return
		}
		m.expand(p.Rels[i-1], p.Nodes[i-1], nodes[i], true, func(n *Node, rs []*Rel) {
			nodes[i-1] = n
			hops[i-1] = rs
			left(i - 1)
		})
	}
	right = func(i int) { // nodes[i] is set; match towards the end
		if i == len(p.Nodes)-1 {
			left(a)
			return
		}
		m.expand(p.Rels[i], p.Nodes[i+1], nodes[i], false, func(n *Node, rs []*Rel) {
			nodes[i+1] = n
			hops[i] = rs
			right(i + 1)
		})
	}
	for _, n := range m.candidates(p.Nodes[a]) {
		m.x.tick()
		m.bindNode(p.Nodes[a], n, func() {
			nodes[a] = n
			right(a)
		})
	}
}

// anchor picks the node of a part to start from: a bound one, else one
// an index finds, else the one with the rarest label.
func (m *matcher) anchor(p *parse.PatternPart) int {
	best, bestCost := 0, math.MaxInt
	for i, n := range p.Nodes {
		cost := len(m.x.g.nodes) + 1
		if v, ok := m.bound(n.Var); ok {
			if _, isNode := v.(*Node); isNode || v == nil {
				cost = 0
			}
		} else if len(n.Labels) > 0 {
			cost = len(m.x.g.byLabel[n.Labels[0]])
			for _, l := range n.Labels[1:] {
				cost = min(cost, len(m.x.g.byLabel[l]))
			}
			if _, ok := n.Props.(*parse.MapLit); ok {
				cost = cost/100 + 1
			}
		}
		if cost < bestCost {
			best, bestCost = i, cost
		}
	}
	return best
}

// candidates returns the nodes that may match a node pattern, before its
// checks.
func (m *matcher) candidates(np *parse.NodePat) []*Node {
	if v, ok := m.bound(np.Var); ok {
		switch n := v.(type) {
		case *Node:
			return []*Node{n}
		case nil:
			return nil
		}
		fail("SyntaxError", "VariableTypeConflict", "%s is not a node", np.Var)
	}
	if len(np.Labels) == 0 {
		return m.x.g.nodes
	}
	label := np.Labels[0]
	for _, l := range np.Labels[1:] {
		if len(m.x.g.byLabel[l]) < len(m.x.g.byLabel[label]) {
			label = l
		}
	}
	if ml, ok := np.Props.(*parse.MapLit); ok && len(ml.Keys) > 0 {
		// An equality on a property: the index of the label's property.
		for i, k := range ml.Keys {
			v := m.x.eval(ml.Vals[i], m.sc)
			switch v.(type) {
			case nil:
				return nil
			case []any, map[string]any:
				continue // compared by value below, not indexed
			}
			return m.x.g.nodesWith(label, k, v)
		}
	}
	return m.x.g.byLabel[label]
}

// bindNode checks n against a node pattern and binds its variable.
func (m *matcher) bindNode(np *parse.NodePat, n *Node, then func()) {
	for _, l := range np.Labels {
		if !n.HasLabel(l) {
			return
		}
	}
	if np.Props != nil && !m.propsMatch(np.Props, n.Props) {
		return
	}
	if np.Var == "" {
		then()
		return
	}
	if v, ok := m.bound(np.Var); ok {
		if v != n {
			return
		}
		then()
		return
	}
	m.vals[np.Var] = n
	then()
	delete(m.vals, np.Var)
}

func (m *matcher) propsMatch(e parse.Expr, props map[string]any) bool {
	v := m.x.eval(e, m.sc)
	want, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return true
		}
		typeError("a pattern's properties must be a map")
	}
	for k, wv := range want {
		if equal(props[k], wv) != true {
			return false
		}
	}
	return true
}

// expand follows a relationship pattern from node `from` (reversed: from
// the pattern's right end to its left) to a node matching np.
func (m *matcher) expand(rp *parse.RelPat, np *parse.NodePat, from *Node, reversed bool, then func(*Node, []*Rel)) {
	dir := rp.Dir
	if reversed {
		switch dir {
		case parse.Right:
			dir = parse.Left
		case parse.Left:
			dir = parse.Right
		}
	}
	if bv, ok := m.bound(rp.Var); ok && !rp.VarLen {
		r, isRel := bv.(*Rel)
		if bv == nil {
			return
		}
		if !isRel {
			fail("SyntaxError", "VariableTypeConflict", "%s is not a relationship", rp.Var)
		}
		if m.used[r] || !m.relOK(rp, r) {
			return
		}
		var to *Node
		switch {
		case (dir == parse.Right || dir == parse.Both) && r.Start == from:
			to = r.End
		case (dir == parse.Left || dir == parse.Both) && r.End == from:
			to = r.Start
		default:
			return
		}
		m.used[r] = true
		m.bindNode(np, to, func() { then(to, []*Rel{r}) })
		delete(m.used, r)
		return
	}
	if !rp.VarLen {
		m.step(from, dir, rp, func(r *Rel, to *Node) {
			m.used[r] = true
			bind := func() { m.bindNode(np, to, func() { then(to, []*Rel{r}) }) }
			if rp.Var != "" {
				m.vals[rp.Var] = r
				bind()
				delete(m.vals, rp.Var)
			} else {
				bind()
			}
			delete(m.used, r)
		})
		return
	}
	lo, hi := rp.Min, rp.Max
	if lo < 0 {
		lo = 1
	}
	var boundList []any
	hasBound := false
	if rp.Var != "" {
		if bv, ok := m.bound(rp.Var); ok {
			l, isList := bv.([]any)
			if !isList {
				return
			}
			boundList, hasBound = l, true
		}
	}
	var path []*Rel
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		m.x.tick()
		if depth >= lo {
			rs := slices.Clone(path)
			emit := func() {
				if reversed {
					slices.Reverse(rs)
				}
				then(n, rs)
			}
			if hasBound {
				if len(boundList) == len(path) && sameRels(boundList, path, reversed) {
					m.bindNode(np, n, emit)
				}
			} else if rp.Var != "" {
				list := make([]any, len(rs))
				ordered := slices.Clone(rs)
				if reversed {
					slices.Reverse(ordered)
				}
				for i, r := range ordered {
					list[i] = r
				}
				m.vals[rp.Var] = list
				m.bindNode(np, n, emit)
				delete(m.vals, rp.Var)
			} else {
				m.bindNode(np, n, emit)
			}
		}
		if hi >= 0 && depth >= hi {
			return
		}
		m.step(n, dir, rp, func(r *Rel, to *Node) {
			m.used[r] = true
			path = append(path, r)
			walk(to, depth+1)
			path = path[:len(path)-1]
			delete(m.used, r)
		})
	}
	walk(from, 0)
}

func sameRels(list []any, path []*Rel, reversed bool) bool {
	for i := range path {
		j := i
		if reversed {
			j = len(path) - 1 - i
		}
		if list[j] != path[i] {
			return false
		}
	}
	return true
}

// step calls f with every unused relationship from n in direction dir
// that matches rp, and the node at its other end.
func (m *matcher) step(n *Node, dir parse.Direction, rp *parse.RelPat, f func(*Rel, *Node)) {
	if dir == parse.Right || dir == parse.Both {
		for _, r := range n.out {
			if !m.used[r] && m.relOK(rp, r) {
				f(r, r.End)
			}
		}
	}
	if dir == parse.Left || dir == parse.Both {
		for _, r := range n.in {
			if dir == parse.Both && r.Start == r.End {
				continue // a loop was followed once already
			}
			if !m.used[r] && m.relOK(rp, r) {
				f(r, r.Start)
			}
		}
	}
}

func (m *matcher) relOK(rp *parse.RelPat, r *Rel) bool {
	if len(rp.Types) > 0 && !slices.Contains(rp.Types, r.Type) {
		return false
	}
	return rp.Props == nil || m.propsMatch(rp.Props, r.Props)
}

// Projection: WITH and RETURN.

func (x *exec) project(p *parse.Projection, rows []row, where parse.Expr) ([]string, []row) {
	items := p.Items
	if p.Star {
		names := p.StarVars
		star := make([]*parse.ProjItem, len(names))
		for i, n := range names {
			star[i] = &parse.ProjItem{Expr: &parse.Var{Name: n}, Name: n}
		}
		items = append(star, items...)
	}
	cols := make([]string, len(items))
	for i, it := range items {
		cols[i] = it.Name
	}
	var aggs []*parse.Call
	for _, it := range items {
		aggs = append(aggs, findAggregates(it.Expr)...)
	}
	grouping := len(aggs) > 0
	for _, o := range p.Order {
		aggs = append(aggs, findAggregates(o.Expr)...)
	}
	type outRow struct {
		vals row
		env  *scope
		sort []any
	}
	var out []outRow
	if grouping {
		var keys []int
		for i, it := range items {
			if len(findAggregates(it.Expr)) == 0 {
				keys = append(keys, i)
			}
		}
		type group struct {
			first row
			rows  []row
			keyv  []any
		}
		var groups []*group
		byKey := map[string]*group{}
		for _, r := range rows {
			x.tick()
			sc := rowScope(r)
			kv := make([]any, len(keys))
			var b strings.Builder
			for j, i := range keys {
				kv[j] = x.eval(items[i].Expr, sc)
				writeKey(&b, kv[j])
				b.WriteByte('|')
			}
			k := b.String()
			g := byKey[k]
			if g == nil {
				g = &group{first: r, keyv: kv}
				byKey[k] = g
				groups = append(groups, g)
			}
			g.rows = append(g.rows, r)
		}
		if len(groups) == 0 && len(keys) == 0 {
			groups = append(groups, &group{first: row{}})
		}
		for _, g := range groups {
			saved := x.aggs
			x.aggs = map[*parse.Call]any{}
			for _, a := range aggs {
				x.aggs[a] = x.aggregate(a, g.rows)
			}
			env := rowScope(g.first)
			vals := row{}
			for j, i := range keys {
				vals[items[i].Name] = g.keyv[j]
			}
			for _, it := range items {
				if _, done := vals[it.Name]; !done || len(findAggregates(it.Expr)) > 0 {
					vals[it.Name] = x.eval(it.Expr, env)
				}
			}
			o := outRow{vals: vals, env: &scope{row: vals, up: env}}
			if len(p.Order) > 0 {
				o.sort = x.sortKeys(p.Order, items, vals, o.env)
			}
			x.aggs = saved
			out = append(out, o)
		}
	} else {
		for _, r := range rows {
			x.tick()
			sc := rowScope(r)
			vals := make(row, len(items))
			for _, it := range items {
				vals[it.Name] = x.eval(it.Expr, sc)
			}
			out = append(out, outRow{vals: vals, env: &scope{row: vals, up: sc}})
		}
		if p.Distinct {
			out = distinct(out, cols, func(o outRow) row { return o.vals })
		}
		if len(p.Order) > 0 {
			for i := range out {
				out[i].sort = x.sortKeys(p.Order, items, out[i].vals, out[i].env)
			}
		}
	}
	if grouping && p.Distinct {
		out = distinct(out, cols, func(o outRow) row { return o.vals })
	}
	if len(p.Order) > 0 {
		slices.SortStableFunc(out, func(a, b outRow) int {
			for i, o := range p.Order {
				c := order(a.sort[i], b.sort[i])
				if o.Desc {
					c = -c
				}
				if c != 0 {
					return c
				}
			}
			return 0
		})
	}
	if p.Skip != nil {
		n := x.count(p.Skip, "SKIP")
		out = out[min(int64(len(out)), n):]
	}
	if p.Limit != nil {
		n := x.count(p.Limit, "LIMIT")
		out = out[:min(int64(len(out)), n)]
	}
	res := make([]row, 0, len(out))
	for _, o := range out {
		if where != nil {
			if t, _ := truth(x.pred(where, o.env)); t != true {
				continue
			}
		}
		res = append(res, o.vals)
	}
	return cols, res
}

// sortKeys evaluates the ORDER BY keys of an output row: a key written as
// a projected expression is that column.
func (x *exec) sortKeys(order []*parse.SortItem, items []*parse.ProjItem, vals row, env *scope) []any {
	keys := make([]any, len(order))
	for i, o := range order {
		found := false
		s := o.Expr.String()
		for _, it := range items {
			if it.Expr.String() == s {
				keys[i], found = vals[it.Name], true
				break
			}
		}
		if !found {
			keys[i] = x.eval(o.Expr, env)
		}
	}
	return keys
}

// count evaluates a SKIP or LIMIT.
func (x *exec) count(e parse.Expr, what string) int64 {
	v := x.eval(e, rowScope(row{}))
	switch n := v.(type) {
	case int64:
		if n < 0 {
			fail("SyntaxError", "NegativeIntegerArgument", "%s must not be negative, not %d", what, n)
		}
		return n
	case float64:
		if n == math.Trunc(n) && n >= 0 {
			fail("SyntaxError", "InvalidArgumentType", "%s must be an integer, not %v", what, n)
		}
	}
	fail("SyntaxError", "InvalidArgumentType", "%s must be a non-negative integer, not %s", what, typeName(v))
	return 0
}

// findAggregates returns the aggregating calls of an expression, not
// looking into subqueries.
func findAggregates(e parse.Expr) []*parse.Call {
	var out []*parse.Call
	walk(e, func(e parse.Expr) bool {
		if c, ok := e.(*parse.Call); ok && isAggregate(c) {
			out = append(out, c)
			return false
		}
		_, sub := e.(*parse.Subquery)
		return !sub
	})
	return out
}

// aggregate computes an aggregating call over the rows of a group.
func (x *exec) aggregate(c *parse.Call, rows []row) any {
	name := strings.ToLower(c.Name)
	if c.Star {
		return int64(len(rows))
	}
	var vals []any
	seen := map[string]bool{}
	for _, r := range rows {
		x.tick()
		if len(c.Args) == 0 {
			fail("SyntaxError", "InvalidNumberOfArguments", "%s needs an argument", c.Name)
		}
		v := x.eval(c.Args[0], rowScope(r))
		if v == nil {
			continue
		}
		if c.Distinct {
			k := key(v)
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		vals = append(vals, v)
	}
	switch name {
	case "count":
		return int64(len(vals))
	case "collect":
		if vals == nil {
			return []any{}
		}
		return vals
	case "sum":
		var si int64
		var sf float64
		isFloat := false
		for _, v := range vals {
			switch n := v.(type) {
			case int64:
				si += n
			case float64:
				sf += n
				isFloat = true
			default:
				typeError("sum needs numbers, not %s", typeName(v))
			}
		}
		if isFloat {
			return sf + float64(si)
		}
		return si
	case "avg":
		if len(vals) == 0 {
			return nil
		}
		s := 0.0
		for _, v := range vals {
			s += num("avg", v)
		}
		return s / float64(len(vals))
	case "min", "max":
		if len(vals) == 0 {
			return nil
		}
		best := vals[0]
		for _, v := range vals[1:] {
			c := order(v, best)
			if name == "min" && c < 0 || name == "max" && c > 0 {
				best = v
			}
		}
		return best
	case "stdev", "stdevp":
		n := float64(len(vals))
		if n == 0 || name == "stdev" && n == 1 {
			return 0.0
		}
		mean := 0.0
		for _, v := range vals {
			mean += num(name, v) / n
		}
		ss := 0.0
		for _, v := range vals {
			d := num(name, v) - mean
			ss += d * d
		}
		if name == "stdev" {
			return math.Sqrt(ss / (n - 1))
		}
		return math.Sqrt(ss / n)
	case "percentilecont", "percentiledisc":
		if len(c.Args) != 2 {
			fail("SyntaxError", "InvalidNumberOfArguments", "%s takes 2 arguments", c.Name)
		}
		var pv any
		if len(rows) > 0 {
			pv = x.eval(c.Args[1], rowScope(rows[0]))
		} else {
			pv = x.eval(c.Args[1], rowScope(row{}))
		}
		p := num(c.Name, pv)
		if p < 0 || p > 1 {
			fail("ArgumentError", "NumberOutOfRange", "%s needs a percentile between 0 and 1, not %v", c.Name, p)
		}
		if len(vals) == 0 {
			return nil
		}
		fs := make([]float64, len(vals))
		for i, v := range vals {
			fs[i] = num(c.Name, v)
		}
		slices.Sort(fs)
		if name == "percentiledisc" {
			// The value itself, keeping its type.
			i := max(0, int(math.Ceil(p*float64(len(vals))))-1)
			sorted := slices.Clone(vals)
			slices.SortStableFunc(sorted, func(a, b any) int { return cmp.Compare(num("", a), num("", b)) })
			return sorted[i]
		}
		pos := p * float64(len(fs)-1)
		lo := int(math.Floor(pos))
		hi := int(math.Ceil(pos))
		if lo == hi {
			return fs[lo]
		}
		return fs[lo] + (pos-float64(lo))*(fs[hi]-fs[lo])
	}
	fail("SyntaxError", "UnknownFunction", "unknown aggregation %s", c.Name)
	return nil
}

// Writes.

func (x *exec) create(c *parse.Create, rows []row) []row {
	out := make([]row, 0, len(rows))
	for _, r := range rows {
		nr := maps.Clone(r)
		sc := rowScope(nr)
		for _, p := range c.Pattern {
			nodes := make([]*Node, len(p.Nodes))
			for i, np := range p.Nodes {
				if np.Var != "" {
					if v, ok := nr[np.Var]; ok {
						n, isNode := v.(*Node)
						if !isNode {
							fail("SyntaxError", "VariableAlreadyBound", "%s is already bound", np.Var)
						}
						if len(np.Labels) > 0 || np.Props != nil {
							fail("SyntaxError", "VariableAlreadyBound", "%s is already bound", np.Var)
						}
						nodes[i] = n
						continue
					}
				}
				props := x.createProps(np.Props, sc)
				nodes[i] = x.g.AddNode(slices.Clone(np.Labels), props)
				x.stats.NodesCreated++
				x.stats.PropsSet += len(props)
				if np.Var != "" {
					nr[np.Var] = nodes[i]
				}
			}
			path := Path{Nodes: []*Node{nodes[0]}}
			for i, rp := range p.Rels {
				if len(rp.Types) != 1 {
					fail("SyntaxError", "NoSingleRelationshipType", "CREATE needs exactly one relationship type")
				}
				if rp.Dir == parse.Both {
					fail("SyntaxError", "RequiresDirectedRelationship", "CREATE needs a direction")
				}
				if rp.VarLen {
					fail("SyntaxError", "CreatingVarLength", "CREATE cannot make variable-length relationships")
				}
				a, b := nodes[i], nodes[i+1]
				if rp.Dir == parse.Left {
					a, b = b, a
				}
				props := x.createProps(rp.Props, sc)
				rel := x.g.AddRel(rp.Types[0], a, b, props)
				x.stats.RelsCreated++
				x.stats.PropsSet += len(props)
				if rp.Var != "" {
					nr[rp.Var] = rel
				}
				path.Rels = append(path.Rels, rel)
				path.Nodes = append(path.Nodes, nodes[i+1])
			}
			if p.Var != "" {
				nr[p.Var] = path
			}
		}
		out = append(out, nr)
	}
	return out
}

func (x *exec) createProps(e parse.Expr, sc *scope) map[string]any {
	out := map[string]any{}
	if e == nil {
		return out
	}
	v := x.eval(e, sc)
	m, ok := v.(map[string]any)
	if !ok {
		typeError("properties must be a map")
	}
	for k, pv := range m {
		if pv != nil {
			out[k] = pv
		}
	}
	return out
}

// Subqueries.

func (x *exec) callSub(c *parse.CallSub, rows []row) []row {
	var out []row
	for _, r := range rows {
		_, inner, returns := x.runQuery(c.Query, []row{r})
		if !returns {
			out = append(out, r)
			continue
		}
		for _, ir := range inner {
			nr := maps.Clone(r)
			for k, v := range ir {
				nr[k] = v
			}
			out = append(out, nr)
		}
	}
	return out
}

func (x *exec) subquery(e *parse.Subquery, s *scope) any {
	// The result depends only on the outer variables the subquery names.
	names, ok := x.names[e]
	if !ok {
		names = subqueryNames(e)
		if x.names == nil {
			x.names = map[*parse.Subquery][]string{}
		}
		x.names[e] = names
	}
	var b strings.Builder
	for _, n := range names {
		if v, ok := s.lookup(n); ok {
			b.WriteString(n)
			b.WriteByte('=')
			writeKey(&b, v)
			b.WriteByte(';')
		}
	}
	k := b.String()
	if v, ok := x.memo[e][k]; ok {
		return v
	}
	v := x.runSubquery(e, s)
	if x.memo == nil {
		x.memo = map[*parse.Subquery]map[string]any{}
	}
	if x.memo[e] == nil {
		x.memo[e] = map[string]any{}
	}
	x.memo[e][k] = v
	return v
}

// subqueryNames lists every name a subquery uses, sorted: the outer
// variables among them are its inputs.
func subqueryNames(e *parse.Subquery) []string {
	seen := map[string]bool{}
	var expr func(parse.Expr)
	var pattern func([]*parse.PatternPart)
	var query func(*parse.Query)
	expr = func(x parse.Expr) {
		walk(x, func(x parse.Expr) bool {
			switch v := x.(type) {
			case *parse.Var:
				seen[v.Name] = true
			case *parse.Subquery:
				if v.Query != nil {
					query(v.Query)
				}
				pattern(v.Pattern)
				expr(v.Where)
				return false
			case *parse.PatternExpr:
				pattern([]*parse.PatternPart{v.Pattern})
			case *parse.PatternComp:
				pattern([]*parse.PatternPart{v.Pattern})
			}
			return true
		})
	}
	pattern = func(ps []*parse.PatternPart) {
		for _, v := range patternVars(ps) {
			seen[v] = true
		}
		walkPattern(ps, func(x parse.Expr) bool { expr(x); return false })
	}
	projection := func(p *parse.Projection) {
		for _, it := range p.Items {
			expr(it.Expr)
		}
		for _, o := range p.Order {
			expr(o.Expr)
		}
		if p.Star {
			seen["*"] = true
		}
	}
	query = func(q *parse.Query) {
		for _, part := range q.Parts {
			for _, c := range part.Clauses {
				switch c := c.(type) {
				case *parse.Match:
					pattern(c.Pattern)
					expr(c.Where)
				case *parse.Unwind:
					expr(c.Expr)
				case *parse.With:
					projection(c.Proj)
					expr(c.Where)
				case *parse.Return:
					projection(c.Proj)
				case *parse.CallSub:
					query(c.Query)
				case *parse.CallProc:
					for _, a := range c.Args {
						expr(a)
					}
					expr(c.Where)
				case *parse.Create:
					pattern(c.Pattern)
				}
			}
		}
	}
	if e.Query != nil {
		query(e.Query)
	}
	pattern(e.Pattern)
	expr(e.Where)
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// stopMatching ends a match early (EXISTS needs one match).
type stopMatching struct{}

func (x *exec) runSubquery(e *parse.Subquery, s *scope) any {
	parts, where, ret := simpleSubquery(e)
	if parts != nil && (e.Kind != "COLLECT" || ret != nil && len(ret.Items) == 1) {
		// One MATCH (and WHERE), perhaps a plain RETURN: matched in place.
		if e.Kind == "EXISTS" {
			found := false
			func() {
				defer func() {
					if r := recover(); r != nil {
						if _, ok := r.(stopMatching); !ok {
							panic(r)
						}
					}
				}()
				m := &matcher{x: x, vals: row{}, used: map[*Rel]bool{}}
				m.sc = &scope{row: m.vals, up: s}
				m.emit = func() {
					if where != nil {
						if t, _ := truth(x.pred(where, m.sc)); t != true {
							return
						}
					}
					found = true
					panic(stopMatching{})
				}
				m.parts(parts, 0)
			}()
			return found
		}
		ms := x.matchPattern(parts, where, s, false)
		if ret == nil {
			return int64(len(ms))
		}
		var vals []any
		seen := map[string]bool{}
		for _, m := range ms {
			rowVals := make([]any, len(ret.Items))
			var b strings.Builder
			for i, it := range ret.Items {
				rowVals[i] = x.eval(it.Expr, m.scope)
				writeKey(&b, rowVals[i])
				b.WriteByte('|')
			}
			if ret.Distinct {
				if k := b.String(); seen[k] {
					continue
				} else {
					seen[k] = true
				}
			}
			vals = append(vals, rowVals[0])
		}
		if e.Kind == "COUNT" {
			return int64(len(vals))
		}
		if vals == nil {
			vals = []any{}
		}
		return vals
	}
	var n int
	var values []any
	if e.Query == nil {
		n = len(x.matchPattern(e.Pattern, e.Where, s, false))
	} else {
		cols, rows, _ := x.runQuery(e.Query, []row{s.flatten()})
		n = len(rows)
		if e.Kind == "COLLECT" {
			if len(cols) != 1 {
				fail("SyntaxError", "InvalidSubquery", "COLLECT { } must return one column")
			}
			values = make([]any, len(rows))
			for i, r := range rows {
				values[i] = r[cols[0]]
			}
		}
	}
	switch e.Kind {
	case "EXISTS":
		return n > 0
	case "COUNT":
		return int64(n)
	}
	if values == nil {
		values = []any{}
	}
	return values
}

// simpleSubquery returns the pattern and WHERE of a subquery that is one
// MATCH with perhaps a RETURN of plain items (no aggregation, order or
// paging), which can be matched in place; nil otherwise.
func simpleSubquery(e *parse.Subquery) ([]*parse.PatternPart, parse.Expr, *parse.Projection) {
	if e.Query == nil {
		return e.Pattern, e.Where, nil
	}
	if len(e.Query.Parts) != 1 {
		return nil, nil, nil
	}
	cs := e.Query.Parts[0].Clauses
	m, ok := cs[0].(*parse.Match)
	if !ok || m.Optional || len(cs) > 2 {
		return nil, nil, nil
	}
	if len(cs) == 1 {
		return m.Pattern, m.Where, nil
	}
	r, ok := cs[1].(*parse.Return)
	if !ok || r.Proj.Star || len(r.Proj.Order) > 0 || r.Proj.Skip != nil || r.Proj.Limit != nil {
		return nil, nil, nil
	}
	for _, it := range r.Proj.Items {
		if len(findAggregates(it.Expr)) > 0 {
			return nil, nil, nil
		}
	}
	return m.Pattern, m.Where, r.Proj
}

// Procedures.

func (x *exec) callProc(c *parse.CallProc, rows []row) ([]string, []row) {
	name := strings.ToLower(c.Name)
	var outCols []string
	var produce func(args []any) [][]any
	switch name {
	case "db.index.fulltext.querynodes":
		outCols = []string{"node", "score"}
		produce = func(args []any) [][]any {
			if len(args) < 2 {
				fail("ProcedureError", "InvalidArgument", "%s needs an index name and a query", c.Name)
			}
			idx, _ := args[0].(string)
			q, ok := args[1].(string)
			if !ok {
				fail("ProcedureError", "InvalidArgument", "the full-text query must be a string")
			}
			ix, ok := x.g.textIndex(idx)
			if !ok {
				fail("ProcedureError", "IndexNotFound", "there is no full-text index %s", idx)
			}
			hits, err := ix.query(q)
			if err != nil {
				fail("ProcedureError", "InvalidFullTextQuery", "%v", err)
			}
			out := make([][]any, len(hits))
			for i, h := range hits {
				out[i] = []any{h.node, h.score}
			}
			return out
		}
	case "db.labels":
		outCols = []string{"label"}
		produce = func([]any) [][]any {
			var out [][]any
			for _, l := range slices.Sorted(maps.Keys(x.g.byLabel)) {
				if len(x.g.byLabel[l]) > 0 {
					out = append(out, []any{l})
				}
			}
			return out
		}
	case "db.relationshiptypes":
		outCols = []string{"relationshipType"}
		produce = func([]any) [][]any {
			seen := map[string]bool{}
			for _, r := range x.g.rels {
				seen[r.Type] = true
			}
			var out [][]any
			for _, t := range slices.Sorted(maps.Keys(seen)) {
				out = append(out, []any{t})
			}
			return out
		}
	default:
		fail("ProcedureError", "ProcedureNotFound", "there is no procedure %s", c.Name)
	}
	yield := c.Yield
	if len(yield) == 0 || c.YieldAll {
		yield = nil
		for _, col := range outCols {
			yield = append(yield, parse.YieldItem{Name: col, Alias: col})
		}
	}
	cols := make([]string, len(yield))
	idx := make([]int, len(yield))
	for i, y := range yield {
		cols[i] = y.Alias
		idx[i] = slices.Index(outCols, y.Name)
		if idx[i] < 0 {
			fail("SyntaxError", "UndefinedVariable", "%s has no output %s", c.Name, y.Name)
		}
	}
	var out []row
	for _, r := range rows {
		sc := rowScope(r)
		args := make([]any, len(c.Args))
		for i, a := range c.Args {
			args[i] = x.eval(a, sc)
		}
		for _, rec := range produce(args) {
			nr := maps.Clone(r)
			for i, y := range yield {
				nr[y.Alias] = rec[idx[i]]
			}
			if c.Where != nil {
				if t, _ := truth(x.eval(c.Where, rowScope(nr))); t != true {
					continue
				}
			}
			out = append(out, nr)
		}
	}
	return cols, out
}

package cypher

import (
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/internal/cypher/parse"
)

// walk calls f on e and, while f returns true, on its subexpressions.
func walk(e parse.Expr, f func(parse.Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	switch e := e.(type) {
	case *parse.Prop:
		walk(e.X, f)
	case *parse.Index:
		walk(e.X, f)
		walk(e.I, f)
	case *parse.Slice:
		walk(e.X, f)
		walk(e.From, f)
		walk(e.To, f)
	case *parse.Binary:
		walk(e.L, f)
		walk(e.R, f)
	case *parse.Unary:
		walk(e.X, f)
	case *parse.IsNull:
		walk(e.X, f)
	case *parse.HasLabels:
		walk(e.X, f)
	case *parse.Call:
		for _, a := range e.Args {
			walk(a, f)
		}
	case *parse.Case:
		walk(e.Test, f)
		for i := range e.Whens {
			walk(e.Whens[i], f)
			walk(e.Thens[i], f)
		}
		walk(e.Else, f)
	case *parse.ListLit:
		for _, a := range e.Items {
			walk(a, f)
		}
	case *parse.MapLit:
		for _, a := range e.Vals {
			walk(a, f)
		}
	case *parse.MapProj:
		walk(e.X, f)
		for _, it := range e.Items {
			walk(it.Expr, f)
		}
	case *parse.ListComp:
		walk(e.In, f)
		walk(e.Where, f)
		walk(e.Proj, f)
	case *parse.Quantifier:
		walk(e.In, f)
		walk(e.Where, f)
	case *parse.Reduce:
		walk(e.Init, f)
		walk(e.In, f)
		walk(e.Expr, f)
	case *parse.PatternComp:
		walkPattern([]*parse.PatternPart{e.Pattern}, f)
		walk(e.Where, f)
		walk(e.Proj, f)
	case *parse.PatternExpr:
		walkPattern([]*parse.PatternPart{e.Pattern}, f)
	case *parse.Subquery:
		walkPattern(e.Pattern, f)
		walk(e.Where, f)
	}
}

func walkPattern(parts []*parse.PatternPart, f func(parse.Expr) bool) {
	for _, p := range parts {
		for _, n := range p.Nodes {
			walk(n.Props, f)
		}
		for _, r := range p.Rels {
			walk(r.Props, f)
		}
	}
}

// kinds of variables, for type conflicts.
const (
	kValue = "value" // a literal, list or map: not a graph element
	kAny   = "any"
	kNode  = "node"
	kRel   = "rel"
	kPath  = "path"
	kList  = "list"
)

type vars map[string]string

func (v vars) clone() vars {
	out := make(vars, len(v))
	for k, x := range v {
		out[k] = x
	}
	return out
}

type checker struct {
	src string
}

func (c *checker) fail(e parse.Expr, pos int, code, format string, args ...any) {
	if e != nil {
		pos, _ = e.Span()
	}
	pe := errorAtPos(c.src, pos)
	panic(failure{&Error{Kind: "SyntaxError", Code: code, Msg: sprintf(format, args...), Compile: true,
		Line: pe.Line, Col: pe.Col, Snippet: pe.Snippet}})
}

// check checks a query before it runs.
func check(q *parse.Query, src string) (err *Error) {
	defer func() {
		if r := recover(); r != nil {
			f, ok := r.(failure)
			if !ok {
				panic(r)
			}
			err = f.err
		}
	}()
	c := &checker{src: src}
	c.query(q, vars{}, false)
	return nil
}

// query checks a query whose clauses see scope; sub says it is a
// subquery (which need not end with RETURN).
func (c *checker) query(q *parse.Query, scope vars, sub bool) vars {
	for i := 1; i < len(q.All); i++ {
		if q.All[i] != q.All[0] {
			c.fail(nil, 0, "InvalidClauseComposition", "UNION and UNION ALL cannot be mixed")
		}
	}
	var cols []string
	var out vars
	for i, part := range q.Parts {
		pc, o := c.single(part, scope.clone(), sub)
		if i == 0 {
			cols, out = pc, o
		} else if !slices.Equal(cols, pc) {
			c.fail(nil, 0, "DifferentColumnsInUnion", "all parts of a UNION must return the same columns")
		}
	}
	return out
}

func (c *checker) single(q *parse.SingleQuery, scope vars, sub bool) ([]string, vars) {
	var cols []string
	for i, cl := range q.Clauses {
		last := i == len(q.Clauses)-1
		switch cl := cl.(type) {
		case *parse.Match:
			c.pattern(cl.Pattern, scope, false)
			c.expr(cl.Where, scope, false)
		case *parse.Unwind:
			c.expr(cl.Expr, scope, false)
			if _, ok := scope[cl.Var]; ok {
				c.fail(nil, cl.Pos, "VariableAlreadyBound", "variable %s is already bound", cl.Var)
			}
			scope[cl.Var] = kAny
		case *parse.With:
			var whereScope vars
			scope, cols, whereScope = c.projection(cl.Proj, scope, true)
			c.expr(cl.Where, whereScope, false)
		case *parse.Return:
			if !last {
				c.fail(nil, cl.Pos, "UnexpectedSyntax", "RETURN must be the last clause")
			}
			scope, cols, _ = c.projection(cl.Proj, scope, false)
		case *parse.Create:
			c.pattern(cl.Pattern, scope, true)
		case *parse.CallSub:
			inner := c.query(cl.Query, scope, true)
			for k, v := range inner {
				if _, ok := scope[k]; ok {
					c.fail(nil, cl.Pos, "VariableAlreadyBound", "variable %s is already bound", k)
				}
				scope[k] = v
			}
		case *parse.CallProc:
			for _, a := range cl.Args {
				c.expr(a, scope, false)
			}
			for _, y := range cl.Yield {
				if _, ok := scope[y.Alias]; ok {
					c.fail(nil, cl.Pos, "VariableAlreadyBound", "variable %s is already bound", y.Alias)
				}
				scope[y.Alias] = kAny
			}
			c.expr(cl.Where, scope, false)
		}
	}
	return cols, scope
}

func (c *checker) pattern(parts []*parse.PatternPart, scope vars, create bool) {
	seenRels := map[string]bool{}
	for _, p := range parts {
		if p.Var != "" {
			if _, ok := scope[p.Var]; ok {
				c.fail(nil, p.Pos, "VariableAlreadyBound", "variable %s is already bound", p.Var)
			}
			if slices.Contains(patternVars([]*parse.PatternPart{{Nodes: p.Nodes, Rels: p.Rels}}), p.Var) {
				c.fail(nil, p.Pos, "VariableAlreadyBound", "variable %s names the path and an element of it", p.Var)
			}
		}
		for _, n := range p.Nodes {
			if _, isParam := n.Props.(*parse.Param); isParam && !create {
				c.fail(n.Props, 0, "InvalidParameterUse", "parameter maps cannot be used in MATCH patterns (use a WHERE)")
			}
			c.expr(n.Props, scope, false)
			if n.Var == "" {
				continue
			}
			if k, ok := scope[n.Var]; ok {
				if k != kNode && k != kAny {
					if strings.HasPrefix(k, kValue) {
						k = "value"
					}
					c.fail(nil, n.Pos, "VariableTypeConflict", "variable %s is a %s, not a node", n.Var, k)
				}
				if create && (len(n.Labels) > 0 || n.Props != nil) {
					c.fail(nil, n.Pos, "VariableAlreadyBound", "variable %s is already bound", n.Var)
				}
				if create && len(p.Nodes) == 1 {
					c.fail(nil, n.Pos, "VariableAlreadyBound", "variable %s is already bound", n.Var)
				}
			}
			scope[n.Var] = kNode
		}
		for _, r := range p.Rels {
			if create {
				if len(r.Types) != 1 {
					c.fail(nil, r.Pos, "NoSingleRelationshipType", "CREATE needs exactly one relationship type")
				}
				if r.Dir == parse.Both {
					c.fail(nil, r.Pos, "RequiresDirectedRelationship", "CREATE needs a relationship direction")
				}
				if r.VarLen {
					c.fail(nil, r.Pos, "CreatingVarLength", "CREATE cannot make variable-length relationships")
				}
			}
			if _, isParam := r.Props.(*parse.Param); isParam && !create {
				c.fail(r.Props, 0, "InvalidParameterUse", "parameter maps cannot be used in MATCH patterns (use a WHERE)")
			}
			c.expr(r.Props, scope, false)
			if r.Var == "" {
				continue
			}
			if seenRels[r.Var] {
				c.fail(nil, r.Pos, "RelationshipUniquenessViolation", "relationship variable %s is used twice in one pattern", r.Var)
			}
			seenRels[r.Var] = true
			want := kRel
			if r.VarLen {
				want = kList
			}
			if k, ok := scope[r.Var]; ok {
				if create {
					c.fail(nil, r.Pos, "VariableAlreadyBound", "variable %s is already bound", r.Var)
				}
				if k != want && k != kAny {
					c.fail(nil, r.Pos, "VariableTypeConflict", "variable %s is a %s, not a %s", r.Var, k, want)
				}
			}
			scope[r.Var] = want
		}
		if p.Var != "" {
			scope[p.Var] = kPath
		}
	}
}

// projection checks WITH or RETURN and returns the scope after it.
func (c *checker) projection(p *parse.Projection, scope vars, with bool) (vars, []string, vars) {
	out := vars{}
	var cols []string
	if p.Star {
		if len(scope) == 0 && !with {
			c.fail(nil, 0, "NoVariablesInScope", "RETURN * needs variables in scope")
		}
		for k, v := range scope {
			out[k] = v
			cols = append(cols, k)
		}
		slices.Sort(cols)
		p.StarVars = slices.Clone(cols)
	}
	aggregating := false
	var keys []string // grouping key expressions
	for _, it := range p.Items {
		c.expr(it.Expr, scope, true)
		if len(findAggregates(it.Expr)) > 0 {
			aggregating = true
		} else {
			keys = append(keys, it.Expr.String())
		}
		if with && !it.Aliased {
			if _, isVar := it.Expr.(*parse.Var); !isVar {
				c.fail(it.Expr, 0, "NoExpressionAlias", "expression in WITH must be aliased (use AS)")
			}
		}
		if slices.Contains(cols, it.Name) {
			c.fail(it.Expr, 0, "ColumnNameConflict", "column %s is given twice", it.Name)
		}
		cols = append(cols, it.Name)
		kind := kAny
		if v, ok := it.Expr.(*parse.Var); ok {
			kind = scope[v.Name]
		} else {
			switch t := staticType(it.Expr, nil); t {
			case "", "NULL":
			case "LIST":
				kind = kList
			default:
				kind = kValue + ":" + t
			}
		}
		out[it.Name] = kind
	}
	if aggregating {
		for _, it := range p.Items {
			if len(findAggregates(it.Expr)) > 0 {
				c.groupedOnly(it.Expr, keys, nil)
			}
		}
	}
	aliases := slices.Clone(keys)
	for _, it := range p.Items {
		aliases = append(aliases, parse.Name(it.Name))
	}
	// ORDER BY sees the projected names, and the earlier variables unless
	// the projection aggregates or is DISTINCT.
	orderScope := out.clone()
	for k, v := range scope {
		if _, ok := orderScope[k]; !ok {
			orderScope[k] = v
		}
	}
	for _, o := range p.Order {
		projected := false
		for _, it := range p.Items {
			if it.Expr.String() == o.Expr.String() {
				projected = true
			}
		}
		if projected {
			continue
		}
		if aggregating {
			c.groupedOnly(o.Expr, aliases, nil)
		} else if p.Distinct {
			// Only projected columns (or expressions of them) may sort.
			walk(o.Expr, func(e parse.Expr) bool {
				if v, ok := e.(*parse.Var); ok {
					if _, ok := out[v.Name]; !ok {
						if _, earlier := scope[v.Name]; earlier {
							c.fail(v, 0, "UndefinedVariable", "ORDER BY after DISTINCT can only use the projected columns, not %s", v.Name)
						}
					}
				}
				return true
			})
		}
		c.expr(o.Expr, orderScope, aggregating)
		if len(findAggregates(o.Expr)) > 0 && !aggregating {
			c.fail(o.Expr, 0, "InvalidAggregation", "ORDER BY cannot aggregate when the projection does not")
		}
	}
	c.constant(p.Skip, "SKIP")
	c.constant(p.Limit, "LIMIT")
	whereScope := out
	if !aggregating {
		whereScope = orderScope
	}
	return out, cols, whereScope
}

// groupedOnly checks that an aggregating expression uses variables only
// inside its aggregations or as grouping keys.
func (c *checker) groupedOnly(e parse.Expr, keys []string, local []string) {
	walk(e, func(e parse.Expr) bool {
		if simpleKey(e) && slices.Contains(keys, e.String()) {
			return false
		}
		switch x := e.(type) {
		case *parse.Call:
			if isAggregate(x) {
				return false
			}
		case *parse.Var:
			if !slices.Contains(local, x.Name) {
				c.fail(x, 0, "AmbiguousAggregationExpression", "%s is neither aggregated nor a grouping key", x.Name)
			}
		case *parse.ListComp:
			c.groupedOnly(x.In, keys, local)
			inner := append(slices.Clone(local), x.Var)
			if x.Where != nil {
				c.groupedOnly(x.Where, keys, inner)
			}
			if x.Proj != nil {
				c.groupedOnly(x.Proj, keys, inner)
			}
			return false
		case *parse.Quantifier:
			c.groupedOnly(x.In, keys, local)
			if x.Where != nil {
				c.groupedOnly(x.Where, keys, append(slices.Clone(local), x.Var))
			}
			return false
		case *parse.Subquery, *parse.PatternComp, *parse.PatternExpr:
			return false
		}
		return true
	})
}

// simpleKey reports whether an expression may stand for a grouping key
// inside an aggregating expression: a variable or a property of one.
func simpleKey(e parse.Expr) bool {
	switch x := e.(type) {
	case *parse.Var:
		return true
	case *parse.Prop:
		_, ok := x.X.(*parse.Var)
		return ok
	}
	return false
}

// constant checks a SKIP or LIMIT: no variables; a literal must be a
// non-negative integer.
func (c *checker) constant(e parse.Expr, what string) {
	if e == nil {
		return
	}
	walk(e, func(x parse.Expr) bool {
		switch x.(type) {
		case *parse.Var, *parse.PatternExpr, *parse.PatternComp, *parse.Subquery:
			c.fail(x, 0, "NonConstantExpression", "%s must not depend on variables", what)
		}
		return true
	})
	c.expr(e, vars{}, false)
	switch l := e.(type) {
	case *parse.Literal:
		switch v := l.Value.(type) {
		case int64:
			if v < 0 {
				c.fail(e, 0, "NegativeIntegerArgument", "%s must not be negative", what)
			}
		default:
			c.fail(e, 0, "InvalidArgumentType", "%s must be an integer", what)
		}
	case *parse.Unary:
		if l.Op == "-" {
			c.fail(e, 0, "NegativeIntegerArgument", "%s must not be negative", what)
		}
	}
}

var functions = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`coalesce size length head last tail reverse range keys labels type id elementid
		properties startnode endnode nodes relationships exists tolower toupper trim ltrim rtrim replace split
		substring left right tostring tostringornull tointeger tointegerornull tofloat tofloatornull toboolean
		tobooleanornull abs sign round ceil floor sqrt exp log log10 sin cos tan asin acos atan atan2 degrees
		radians pi e rand isempty valuetype`) {
		functions[f] = true
	}
	for f := range aggregates {
		functions[f] = true
	}
}

// expr checks an expression: its variables are in scope, its functions
// known, aggregation only where allowed, literal operands of the right
// type.
func (c *checker) expr(e parse.Expr, scope vars, allowAgg bool) {
	if e == nil {
		return
	}
	switch x := e.(type) {
	case *parse.Var:
		if _, ok := scope[x.Name]; !ok {
			c.fail(x, 0, "UndefinedVariable", "variable %s is not defined", x.Name)
		}
	case *parse.Call:
		name := strings.ToLower(x.Name)
		if !functions[name] {
			c.fail(x, 0, "UnknownFunction", "unknown function %s", x.Name)
		}
		if aggregates[name] {
			if !allowAgg {
				c.fail(x, 0, "InvalidAggregation", "aggregation %s is not allowed here", x.Name)
			}
			for _, a := range x.Args {
				if len(findAggregates(a)) > 0 {
					c.fail(a, 0, "NestedAggregation", "an aggregation cannot hold another")
				}
				walk(a, func(e parse.Expr) bool {
					if f, ok := e.(*parse.Call); ok && strings.EqualFold(f.Name, "rand") {
						c.fail(f, 0, "NonConstantExpression", "rand() cannot be aggregated")
					}
					return true
				})
				c.expr(a, scope, false)
			}
			return
		}
		for _, a := range x.Args {
			if _, ok := a.(*parse.PatternExpr); ok {
				c.fail(a, 0, "UnexpectedSyntax", "a pattern can only be a predicate here: use COUNT { } or EXISTS { }")
			}
		}
		if len(x.Args) == 1 {
			t := staticType(x.Args[0], scope)
			bad := false
			switch name {
			case "labels":
				bad = t != "" && t != "NODE" && t != "NULL"
			case "type":
				bad = t != "" && t != "RELATIONSHIP" && t != "NULL"
			case "properties":
				bad = t != "" && t != "NODE" && t != "RELATIONSHIP" && t != "MAP" && t != "NULL"
			case "size":
				bad = t == "PATH" || t == "NODE" || t == "RELATIONSHIP" || t == "INTEGER" || t == "FLOAT" || t == "BOOLEAN"
			case "length":
				bad = t != "" && t != "PATH" && t != "NULL"
			}
			if bad {
				c.fail(x.Args[0], 0, "InvalidArgumentType", "%s cannot take %s", x.Name, t)
			}
		}
		if x.Distinct {
			c.fail(x, 0, "InvalidArgumentType", "DISTINCT is only for aggregations")
		}
		for _, a := range x.Args {
			c.expr(a, scope, allowAgg)
		}
		return
	case *parse.Binary:
		switch x.Op {
		case "AND", "OR", "XOR":
			c.boolOperand(x.L)
			c.boolOperand(x.R)
		case "IN":
			if t := staticType(x.R, nil); t != "" && t != "LIST" && t != "NULL" {
				c.fail(x.R, 0, "InvalidArgumentType", "IN needs a list, not %s", t)
			}
		}
	case *parse.Unary:
		if x.Op == "NOT" {
			c.boolOperand(x.X)
		}
		if x.Op == "-" || x.Op == "+" {
			if t := staticType(x.X, nil); t != "" && t != "INTEGER" && t != "FLOAT" && t != "NULL" {
				c.fail(x.X, 0, "InvalidArgumentType", "%s cannot apply to %s", x.Op, t)
			}
		}
	case *parse.ListComp:
		c.expr(x.In, scope, allowAgg)
		inner := scope.clone()
		inner[x.Var] = kAny
		c.expr(x.Where, inner, false)
		c.expr(x.Proj, inner, false)
		return
	case *parse.Quantifier:
		c.expr(x.In, scope, allowAgg)
		inner := scope.clone()
		inner[x.Var] = kAny
		c.expr(x.Where, inner, false)
		return
	case *parse.Reduce:
		c.expr(x.Init, scope, allowAgg)
		c.expr(x.In, scope, allowAgg)
		inner := scope.clone()
		inner[x.Acc] = kAny
		inner[x.Var] = kAny
		c.expr(x.Expr, inner, false)
		return
	case *parse.PatternExpr:
		for _, v := range patternVars([]*parse.PatternPart{x.Pattern}) {
			if _, ok := scope[v]; !ok {
				c.fail(x, 0, "UndefinedVariable", "variable %s is not defined (a pattern expression cannot introduce variables)", v)
			}
		}
		inner := scope.clone()
		c.pattern([]*parse.PatternPart{x.Pattern}, inner, false)
		return
	case *parse.PatternComp:
		inner := scope.clone()
		if x.Pattern.Var != "" {
			delete(inner, x.Pattern.Var)
		}
		c.pattern([]*parse.PatternPart{x.Pattern}, inner, false)
		c.expr(x.Where, inner, false)
		c.expr(x.Proj, inner, false)
		return
	case *parse.Subquery:
		inner := scope.clone()
		if x.Query != nil {
			c.query(x.Query, inner, true)
		} else {
			c.pattern(x.Pattern, inner, false)
			c.expr(x.Where, inner, false)
		}
		return
	case *parse.MapLit:
		seen := map[string]bool{}
		for _, k := range x.Keys {
			if seen[k] {
				c.fail(x, 0, "DuplicateKey", "map key %s is given twice", k)
			}
			seen[k] = true
		}
	case *parse.Index:
		if t := staticType(x.X, nil); t == "INTEGER" || t == "FLOAT" || t == "BOOLEAN" || t == "STRING" {
			c.fail(x.X, 0, "InvalidArgumentType", "cannot index %s", t)
		}
		if t := staticType(x.I, nil); t != "" && t != "INTEGER" && t != "STRING" && t != "NULL" {
			if lt := staticType(x.X, nil); lt == "LIST" || t != "STRING" && lt == "MAP" {
				c.fail(x.I, 0, "InvalidArgumentType", "an index cannot be %s", t)
			}
		}
		if lt := staticType(x.X, nil); lt == "LIST" && staticType(x.I, nil) == "STRING" || lt == "MAP" && staticType(x.I, nil) == "INTEGER" {
			c.fail(x.I, 0, "InvalidArgumentType", "wrong index type")
		}
	case *parse.Prop:
		switch t := staticType(x.X, scope); t {
		case "INTEGER", "FLOAT", "BOOLEAN", "STRING", "LIST":
			pos, _ := x.X.Span()
			pe := errorAtPos(c.src, pos)
			panic(failure{&Error{Kind: "TypeError", Code: "InvalidArgumentType", Msg: sprintf("%s has no properties", t),
				Compile: true, Line: pe.Line, Col: pe.Col, Snippet: pe.Snippet}})
		case "PATH":
			c.fail(x.X, 0, "InvalidArgumentType", "a path has no properties")
		}
	}
	walkChildren(e, func(k parse.Expr) { c.expr(k, scope, allowAgg) })
}

// walkChildren calls f on the direct subexpressions of e.
func walkChildren(e parse.Expr, f func(parse.Expr)) {
	first := true
	walk(e, func(x parse.Expr) bool {
		if first {
			first = false
			return true
		}
		f(x)
		return false
	})
}

func (c *checker) boolOperand(e parse.Expr) {
	if t := staticType(e, nil); t != "" && t != "BOOLEAN" && t != "NULL" {
		c.fail(e, 0, "InvalidArgumentType", "expected a boolean, not %s", t)
	}
}

// staticType is the type of an expression known before it runs (a
// literal's, or a variable's kind in scope), or "".
func staticType(e parse.Expr, scope vars) string {
	switch x := e.(type) {
	case *parse.Var:
		switch k := scope[x.Name]; k {
		case kNode:
			return "NODE"
		case kRel:
			return "RELATIONSHIP"
		case kPath:
			return "PATH"
		case kList:
			return "LIST"
		default:
			if t, ok := strings.CutPrefix(k, kValue+":"); ok {
				return t
			}
		}
	case *parse.Literal:
		return typeName(x.Value)
	case *parse.ListLit, *parse.ListComp:
		return "LIST"
	case *parse.MapLit:
		return "MAP"
	}
	return ""
}

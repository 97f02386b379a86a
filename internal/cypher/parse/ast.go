package parse

import (
	"fmt"
	"strconv"
	"strings"
)

// Query is a statement: single queries joined by UNION (All[i] says
// whether the i-th UNION is UNION ALL).
type Query struct {
	Parts []*SingleQuery
	All   []bool
}

// SingleQuery is a run of clauses.
type SingleQuery struct {
	Clauses []Clause
}

// Clause is one clause of a query.
type Clause interface {
	clause()
	String() string
}

// Match is MATCH or OPTIONAL MATCH.
type Match struct {
	Optional bool
	Pattern  []*PatternPart
	Where    Expr
	Pos      int
}

// Unwind is UNWIND expr AS var.
type Unwind struct {
	Expr Expr
	Var  string
	Pos  int
}

// With is WITH, Return is RETURN: a projection, and for WITH a WHERE.
type With struct {
	Proj  *Projection
	Where Expr
	Pos   int
}

// Return is RETURN.
type Return struct {
	Proj *Projection
	Pos  int
}

// Create is CREATE.
type Create struct {
	Pattern []*PatternPart
	Pos     int
}

// CallSub is CALL { subquery }.
type CallSub struct {
	Query *Query
	Pos   int
}

// CallProc is CALL name(args) [YIELD items [WHERE ...]].
type CallProc struct {
	Name     string   // the parts joined by "."
	Parts    []string // the name's parts, as written (quoted or not)
	Args     []Expr
	Implicit bool // no argument list: the arguments are the parameters of the same names
	Yield    []YieldItem
	YieldAll bool
	Where    Expr
	Pos      int
}

// YieldItem is one output of a procedure, with its alias.
type YieldItem struct {
	Name, Alias string
}

func (*Match) clause()    {}
func (*Unwind) clause()   {}
func (*With) clause()     {}
func (*Return) clause()   {}
func (*Create) clause()   {}
func (*CallSub) clause()  {}
func (*CallProc) clause() {}

// Projection is the body of WITH and RETURN.
type Projection struct {
	Distinct bool
	Star     bool
	StarVars []string // the variables * stands for, sorted (set when the query is checked)
	Items    []*ProjItem
	Order    []*SortItem
	Skip     Expr
	Limit    Expr
}

// ProjItem is one projected expression: Name is its column, the alias or
// else the expression's source text.
type ProjItem struct {
	Expr    Expr
	Alias   string
	Name    string
	Aliased bool
}

// SortItem is one ORDER BY key.
type SortItem struct {
	Expr Expr
	Desc bool
}

// PatternPart is one comma-separated part of a pattern: Var names the
// path, Nodes and Rels alternate (len(Rels) == len(Nodes)-1).
type PatternPart struct {
	Var   string
	Nodes []*NodePat
	Rels  []*RelPat
	Pos   int
}

// NodePat is (var:Label:Label {props}).
type NodePat struct {
	Var    string
	Labels []string
	Props  Expr // a *MapLit or a *Param, or nil
	Pos    int
}

// Direction of a relationship pattern.
type Direction int

// The directions: Right is -->, Left <--, Both -- (either way).
const (
	Both Direction = iota
	Right
	Left
)

// RelPat is -[var:T|U *min..max {props}]->.
type RelPat struct {
	Var      string
	Types    []string
	Dir      Direction
	Props    Expr
	VarLen   bool
	Min, Max int // -1: unbounded (Min -1 means 1)
	Pos      int
}

// Expr is an expression.
type Expr interface {
	expr()
	String() string
	Span() (start, end int)
}

type span struct{ Start, End int }

func (s span) Span() (int, int) { return s.Start, s.End }

// Literal is a constant: nil, bool, int64, float64 or string.
type Literal struct {
	span
	Value any
}

// Param is $name.
type Param struct {
	span
	Name string
}

// Var is a variable.
type Var struct {
	span
	Name string
}

// Prop is x.key.
type Prop struct {
	span
	X   Expr
	Key string
}

// Index is x[i].
type Index struct {
	span
	X, I Expr
}

// Slice is x[from..to] (From or To may be nil).
type Slice struct {
	span
	X, From, To Expr
}

// Binary is l op r; Op is upper case ("AND", "+", "STARTS WITH", "IN").
type Binary struct {
	span
	Op   string
	L, R Expr
}

// Unary is op x: "NOT", "-", "+".
type Unary struct {
	span
	Op string
	X  Expr
}

// IsNull is x IS [NOT] NULL.
type IsNull struct {
	span
	X   Expr
	Not bool
}

// HasLabels is x:Label:Label.
type HasLabels struct {
	span
	X      Expr
	Labels []string
}

// Call is a function call; Star is count(*).
type Call struct {
	span
	Name     string // as written, namespaces included
	Distinct bool
	Args     []Expr
	Star     bool
}

// Case is CASE [test] WHEN ... THEN ... [ELSE ...] END.
type Case struct {
	span
	Test  Expr
	Whens []Expr
	Thens []Expr
	Else  Expr
}

// ListLit is [a, b].
type ListLit struct {
	span
	Items []Expr
}

// MapLit is {k: v}.
type MapLit struct {
	span
	Keys []string
	Vals []Expr
}

// MapProj is x{.a, b: expr, .*}.
type MapProj struct {
	span
	X     Expr
	Items []MapProjItem
}

// MapProjItem is one item of a map projection: .key, key: expr, a
// variable, or .* (All).
type MapProjItem struct {
	Key  string
	Expr Expr // nil for .key and .*
	All  bool
	Var  bool // the item is a variable: its name and value
}

// ListComp is [v IN list WHERE pred | proj].
type ListComp struct {
	span
	Var   string
	In    Expr
	Where Expr
	Proj  Expr
}

// PatternComp is [p = pattern WHERE pred | proj].
type PatternComp struct {
	span
	Pattern *PatternPart
	Where   Expr
	Proj    Expr
}

// PatternExpr is a pattern used as an expression (a list of paths, true
// in a predicate when there is one).
type PatternExpr struct {
	span
	Pattern *PatternPart
}

// Quantifier is all/any/none/single(v IN list WHERE pred).
type Quantifier struct {
	span
	Kind  string
	Var   string
	In    Expr
	Where Expr
}

// Reduce is reduce(acc = init, v IN list | expr).
type Reduce struct {
	span
	Acc  string
	Init Expr
	Var  string
	In   Expr
	Expr Expr
}

// Subquery is EXISTS { }, COUNT { } or COLLECT { }: Query is the full
// subquery, or Pattern and Where for the short form.
type Subquery struct {
	span
	Kind    string // EXISTS, COUNT, COLLECT
	Query   *Query
	Pattern []*PatternPart
	Where   Expr
}

func (*Literal) expr()     {}
func (*Param) expr()       {}
func (*Var) expr()         {}
func (*Prop) expr()        {}
func (*Index) expr()       {}
func (*Slice) expr()       {}
func (*Binary) expr()      {}
func (*Unary) expr()       {}
func (*IsNull) expr()      {}
func (*HasLabels) expr()   {}
func (*Call) expr()        {}
func (*Case) expr()        {}
func (*ListLit) expr()     {}
func (*MapLit) expr()      {}
func (*MapProj) expr()     {}
func (*ListComp) expr()    {}
func (*PatternComp) expr() {}
func (*PatternExpr) expr() {}
func (*Quantifier) expr()  {}
func (*Reduce) expr()      {}
func (*Subquery) expr()    {}

// Name quotes a name with backticks when it is not a plain identifier.
func Name(s string) string {
	if s == "" {
		return "``"
	}
	for i, r := range s {
		if !(isIdentPart(r)) || i == 0 && !isIdentStart(r) {
			return "`" + strings.ReplaceAll(s, "`", "``") + "`"
		}
	}
	if reserved[strings.ToUpper(s)] {
		return "`" + s + "`"
	}
	return s
}

// Quote returns s as a single-quoted Cypher string literal: a
// backslash, quotes and control characters are escaped; other characters,
// any Unicode, are written as they are. Invalid UTF-8 becomes U+FFFD.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func (e *Literal) String() string {
	switch v := e.Value.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") { // NaN, Inf never come from a literal
			s += ".0"
		}
		return s
	case string:
		return Quote(v)
	}
	return "null"
}
func (e *Param) String() string {
	if n := Name(e.Name); !strings.HasPrefix(n, "`") || reserved[strings.ToUpper(e.Name)] {
		return "$" + strings.Trim(n, "`")
	}
	return "$" + Name(e.Name)
}
func (e *Var) String() string   { return Name(e.Name) }
func (e *Prop) String() string  { return e.X.String() + "." + Name(e.Key) }
func (e *Index) String() string { return e.X.String() + "[" + e.I.String() + "]" }
func (e *Slice) String() string {
	s := e.X.String() + "["
	if e.From != nil {
		s += e.From.String()
	}
	s += ".."
	if e.To != nil {
		s += e.To.String()
	}
	return s + "]"
}
func (e *Binary) String() string { return "(" + e.L.String() + " " + e.Op + " " + e.R.String() + ")" }
func (e *Unary) String() string {
	if e.Op == "NOT" {
		return "(NOT " + e.X.String() + ")"
	}
	return "(" + e.Op + e.X.String() + ")"
}
func (e *IsNull) String() string {
	if e.Not {
		return "(" + e.X.String() + " IS NOT NULL)"
	}
	return "(" + e.X.String() + " IS NULL)"
}
func (e *HasLabels) String() string { return "(" + e.X.String() + labelString(e.Labels) + ")" }
func (e *Call) String() string {
	if e.Star {
		return e.Name + "(*)"
	}
	s := e.Name + "("
	if e.Distinct {
		s += "DISTINCT "
	}
	return s + exprList(e.Args) + ")"
}
func (e *Case) String() string {
	var b strings.Builder
	b.WriteString("CASE")
	if e.Test != nil {
		b.WriteString(" " + e.Test.String())
	}
	for i := range e.Whens {
		b.WriteString(" WHEN " + e.Whens[i].String() + " THEN " + e.Thens[i].String())
	}
	if e.Else != nil {
		b.WriteString(" ELSE " + e.Else.String())
	}
	b.WriteString(" END")
	return b.String()
}
func (e *ListLit) String() string { return "[" + exprList(e.Items) + "]" }
func (e *MapLit) String() string {
	parts := make([]string, len(e.Keys))
	for i, k := range e.Keys {
		parts[i] = Name(k) + ": " + e.Vals[i].String()
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
func (e *MapProj) String() string {
	parts := make([]string, len(e.Items))
	for i, it := range e.Items {
		switch {
		case it.All:
			parts[i] = ".*"
		case it.Var:
			parts[i] = Name(it.Key)
		case it.Expr == nil:
			parts[i] = "." + Name(it.Key)
		default:
			parts[i] = Name(it.Key) + ": " + it.Expr.String()
		}
	}
	return e.X.String() + "{" + strings.Join(parts, ", ") + "}"
}
func (e *ListComp) String() string {
	s := "[" + Name(e.Var) + " IN " + e.In.String()
	if e.Where != nil {
		s += " WHERE " + e.Where.String()
	}
	if e.Proj != nil {
		s += " | " + e.Proj.String()
	}
	return s + "]"
}
func (e *PatternComp) String() string {
	s := "[" + e.Pattern.String()
	if e.Where != nil {
		s += " WHERE " + e.Where.String()
	}
	return s + " | " + e.Proj.String() + "]"
}
func (e *PatternExpr) String() string { return e.Pattern.String() }
func (e *Quantifier) String() string {
	s := e.Kind + "(" + Name(e.Var) + " IN " + e.In.String()
	if e.Where != nil {
		s += " WHERE " + e.Where.String()
	}
	return s + ")"
}
func (e *Reduce) String() string {
	return "reduce(" + Name(e.Acc) + " = " + e.Init.String() + ", " + Name(e.Var) + " IN " + e.In.String() + " | " + e.Expr.String() + ")"
}
func (e *Subquery) String() string {
	if e.Query != nil {
		return e.Kind + " { " + e.Query.String() + " }"
	}
	s := e.Kind + " { " + patternString(e.Pattern)
	if e.Where != nil {
		s += " WHERE " + e.Where.String()
	}
	return s + " }"
}

func exprList(xs []Expr) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, ", ")
}

func labelString(ls []string) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(":" + Name(l))
	}
	return b.String()
}

func patternString(ps []*PatternPart) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, ", ")
}

// String prints the pattern part.
func (p *PatternPart) String() string {
	var b strings.Builder
	if p.Var != "" {
		b.WriteString(Name(p.Var) + " = ")
	}
	for i, n := range p.Nodes {
		if i > 0 {
			b.WriteString(p.Rels[i-1].String())
		}
		b.WriteString(n.String())
	}
	return b.String()
}

// String prints the node pattern.
func (n *NodePat) String() string {
	s := "(" + optName(n.Var) + labelString(n.Labels)
	if n.Props != nil {
		if s != "(" {
			s += " "
		}
		s += n.Props.String()
	}
	return s + ")"
}

func optName(s string) string {
	if s == "" {
		return ""
	}
	return Name(s)
}

// String prints the relationship pattern.
func (r *RelPat) String() string {
	var in strings.Builder
	in.WriteString(optName(r.Var))
	for i, t := range r.Types {
		if i == 0 {
			in.WriteString(":")
		} else {
			in.WriteString("|")
		}
		in.WriteString(Name(t))
	}
	if r.VarLen {
		in.WriteString("*")
		if r.Min >= 0 {
			in.WriteString(strconv.Itoa(r.Min))
		}
		if r.Min < 0 || r.Max != r.Min {
			in.WriteString("..")
			if r.Max >= 0 {
				in.WriteString(strconv.Itoa(r.Max))
			}
		}
	}
	if r.Props != nil {
		in.WriteString(" " + r.Props.String())
	}
	body := "-[" + in.String() + "]-"
	switch r.Dir {
	case Right:
		return body + ">"
	case Left:
		return "<" + body
	}
	return body
}

// String prints the query.
func (q *Query) String() string {
	var b strings.Builder
	for i, p := range q.Parts {
		if i > 0 {
			if q.All[i-1] {
				b.WriteString(" UNION ALL ")
			} else {
				b.WriteString(" UNION ")
			}
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// String prints the single query.
func (q *SingleQuery) String() string {
	parts := make([]string, len(q.Clauses))
	for i, c := range q.Clauses {
		parts[i] = c.String()
	}
	return strings.Join(parts, " ")
}

func (c *Match) String() string {
	s := "MATCH " + patternString(c.Pattern)
	if c.Optional {
		s = "OPTIONAL " + s
	}
	if c.Where != nil {
		s += " WHERE " + c.Where.String()
	}
	return s
}
func (c *Unwind) String() string { return "UNWIND " + c.Expr.String() + " AS " + Name(c.Var) }
func (c *With) String() string {
	s := "WITH " + c.Proj.String()
	if c.Where != nil {
		s += " WHERE " + c.Where.String()
	}
	return s
}
func (c *Return) String() string { return "RETURN " + c.Proj.String() }
func (c *Create) String() string { return "CREATE " + patternString(c.Pattern) }
func (c *CallSub) String() string {
	return "CALL { " + c.Query.String() + " }"
}
func (c *CallProc) String() string {
	parts := make([]string, len(c.Parts))
	for i, p := range c.Parts {
		parts[i] = Name(p)
	}
	s := "CALL " + strings.Join(parts, ".")
	if !c.Implicit {
		s += "(" + exprList(c.Args) + ")"
	}
	if c.YieldAll {
		s += " YIELD *"
	} else if len(c.Yield) > 0 {
		parts := make([]string, len(c.Yield))
		for i, y := range c.Yield {
			parts[i] = Name(y.Name)
			if y.Alias != y.Name {
				parts[i] += " AS " + Name(y.Alias)
			}
		}
		s += " YIELD " + strings.Join(parts, ", ")
	}
	if c.Where != nil {
		s += " WHERE " + c.Where.String()
	}
	return s
}

// String prints the projection body (after WITH or RETURN).
func (p *Projection) String() string {
	var b strings.Builder
	if p.Distinct {
		b.WriteString("DISTINCT ")
	}
	var items []string
	if p.Star {
		items = append(items, "*")
	}
	for _, it := range p.Items {
		s := it.Expr.String()
		if it.Aliased {
			s += " AS " + Name(it.Alias)
		} else if v, ok := it.Expr.(*Var); !ok || v.Name != it.Name {
			s += " AS " + Name(it.Name)
		}
		items = append(items, s)
	}
	b.WriteString(strings.Join(items, ", "))
	if len(p.Order) > 0 {
		parts := make([]string, len(p.Order))
		for i, o := range p.Order {
			parts[i] = o.Expr.String()
			if o.Desc {
				parts[i] += " DESC"
			}
		}
		b.WriteString(" ORDER BY " + strings.Join(parts, ", "))
	}
	if p.Skip != nil {
		b.WriteString(" SKIP " + p.Skip.String())
	}
	if p.Limit != nil {
		b.WriteString(" LIMIT " + p.Limit.String())
	}
	return b.String()
}

// keywords are the reserved words a plain name may not be.
var keywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`ALL AND AS ASC ASCENDING BY CALL CASE CONTAINS COUNT CREATE DELETE DESC DESCENDING
		DETACH DISTINCT ELSE END ENDS EXISTS FALSE IN IS LIMIT MATCH MERGE NOT NULL OPTIONAL OR ORDER REMOVE
		RETURN SET SKIP STARTS THEN TRUE UNION UNWIND WHEN WHERE WITH XOR YIELD`) {
		keywords[k] = true
	}
}

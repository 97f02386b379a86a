package parse

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Parse reads one Cypher statement.
func Parse(src string) (q *Query, err error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			q, err = nil, pe
		}
	}()
	q = p.query()
	p.accept(";")
	if t := p.peek(); t.Kind != EOF {
		p.fail(t.Pos, "UnexpectedSyntax", "unexpected %s", describe(t))
	}
	return q, nil
}

type parser struct {
	src      string
	toks     []Token
	i        int
	declared map[string]bool // names given with AS: a reserved word may then be a variable
}

func (p *parser) peek() Token { return p.toks[p.i] }
func (p *parser) peekN(n int) Token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() Token {
	t := p.toks[p.i]
	if t.Kind != EOF {
		p.i++
	}
	return t
}

// end is the byte offset just after the last token consumed.
func (p *parser) end() int {
	if p.i == 0 {
		return 0
	}
	t := p.toks[p.i-1]
	return t.Pos + len(t.Text)
}

func (p *parser) fail(pos int, code, format string, args ...any) {
	panic(errorAt(p.src, pos, code, format, args...))
}

func describe(t Token) string {
	if t.Kind == EOF {
		return "end of input"
	}
	return strconv.Quote(t.Text)
}

// isKw reports whether the token at offset n is the keyword kw.
func (p *parser) isKw(n int, kw string) bool {
	t := p.peekN(n)
	return t.Kind == Ident && strings.EqualFold(t.Text, kw)
}

func (p *parser) acceptKw(kws ...string) bool {
	for i, kw := range kws {
		if !p.isKw(i, kw) {
			return false
		}
	}
	p.i += len(kws)
	return true
}

func (p *parser) expectKw(kw string) {
	if !p.acceptKw(kw) {
		t := p.peek()
		p.fail(t.Pos, "UnexpectedSyntax", "expected %s, found %s", kw, describe(t))
	}
}

func (p *parser) isOp(n int, op string) bool {
	t := p.peekN(n)
	return t.Kind == Op && t.Text == op
}

func (p *parser) accept(op string) bool {
	if p.isOp(0, op) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expect(op string) Token {
	if !p.isOp(0, op) {
		t := p.peek()
		p.fail(t.Pos, "UnexpectedSyntax", "expected %q, found %s", op, describe(t))
	}
	return p.next()
}

// name reads a name: an identifier (keywords included) or a quoted one.
func (p *parser) name(what string) string {
	t := p.peek()
	switch t.Kind {
	case Ident:
		p.i++
		return t.Text
	case Quoted:
		p.i++
		return t.Value
	}
	p.fail(t.Pos, "UnexpectedSyntax", "expected %s, found %s", what, describe(t))
	return ""
}

func (p *parser) isName(n int) bool {
	k := p.peekN(n).Kind
	return k == Ident || k == Quoted
}

// alias reads a name given with AS, which may be any word; a reserved one
// can then be used as a variable.
func (p *parser) alias() string {
	n := p.name("a name")
	if p.declared == nil {
		p.declared = map[string]bool{}
	}
	p.declared[strings.ToUpper(n)] = true
	return n
}

// variable reads a variable name, which may not be a reserved word unless
// quoted.
func (p *parser) variable() string {
	t := p.peek()
	if t.Kind == Ident && reserved[strings.ToUpper(t.Text)] {
		p.fail(t.Pos, "UnexpectedSyntax", "expected a variable, found the keyword %s", t.Text)
	}
	return p.name("a variable")
}

func (p *parser) query() *Query {
	q := &Query{Parts: []*SingleQuery{p.singleQuery()}}
	for p.acceptKw("UNION") {
		q.All = append(q.All, p.acceptKw("ALL"))
		q.Parts = append(q.Parts, p.singleQuery())
	}
	return q
}

func (p *parser) atQueryEnd() bool {
	t := p.peek()
	return t.Kind == EOF || p.isOp(0, "}") || p.isOp(0, ";") || p.isKw(0, "UNION")
}

func (p *parser) singleQuery() *SingleQuery {
	q := &SingleQuery{}
	for !p.atQueryEnd() {
		q.Clauses = append(q.Clauses, p.clause())
	}
	if len(q.Clauses) == 0 {
		t := p.peek()
		p.fail(t.Pos, "UnexpectedSyntax", "expected a clause, found %s", describe(t))
	}
	return q
}

func (p *parser) clause() Clause {
	t := p.peek()
	switch {
	case p.acceptKw("OPTIONAL", "MATCH"):
		return p.match(true, t.Pos)
	case p.acceptKw("MATCH"):
		return p.match(false, t.Pos)
	case p.acceptKw("UNWIND"):
		x := p.expr()
		p.expectKw("AS")
		return &Unwind{Expr: x, Var: p.alias(), Pos: t.Pos}
	case p.acceptKw("WITH"):
		c := &With{Proj: p.projection(), Pos: t.Pos}
		if p.acceptKw("WHERE") {
			c.Where = p.expr()
		}
		return c
	case p.acceptKw("RETURN"):
		return &Return{Proj: p.projection(), Pos: t.Pos}
	case p.acceptKw("CREATE"):
		return &Create{Pattern: p.pattern(), Pos: t.Pos}
	case p.acceptKw("CALL"):
		if p.accept("{") {
			q := p.query()
			p.expect("}")
			if p.isKw(0, "IN") {
				p.fail(p.peek().Pos, "NotSupported", "not supported: CALL { } IN TRANSACTIONS")
			}
			return &CallSub{Query: q, Pos: t.Pos}
		}
		return p.callProc(t.Pos)
	}
	if t.Kind == Ident {
		switch strings.ToUpper(t.Text) {
		case "SET", "DELETE", "DETACH", "REMOVE", "MERGE", "FOREACH", "LOAD", "USE", "FINISH", "INSERT", "NODETACH", "FILTER", "LET", "ORDER", "SKIP", "LIMIT", "OFFSET":
			if kw := strings.ToUpper(t.Text); kw == "ORDER" || kw == "SKIP" || kw == "LIMIT" || kw == "OFFSET" {
				p.fail(t.Pos, "UnexpectedSyntax", "%s must follow WITH or RETURN", kw)
			}
			p.fail(t.Pos, "NotSupported", "not supported: %s", strings.ToUpper(t.Text))
		}
	}
	p.fail(t.Pos, "UnexpectedSyntax", "expected a clause, found %s", describe(t))
	return nil
}

func (p *parser) match(optional bool, pos int) *Match {
	m := &Match{Optional: optional, Pattern: p.pattern(), Pos: pos}
	if p.acceptKw("WHERE") {
		m.Where = p.expr()
	}
	return m
}

func (p *parser) callProc(pos int) *CallProc {
	var parts []string
	for {
		t := p.peek()
		part := p.name("a procedure name")
		if part == "" {
			p.fail(t.Pos, "UnexpectedSyntax", "expected a procedure name, found an empty name")
		}
		parts = append(parts, part)
		if !p.accept(".") {
			break
		}
	}
	c := &CallProc{Name: strings.Join(parts, "."), Parts: parts, Pos: pos}
	if p.accept("(") {
		if !p.accept(")") {
			c.Args = append(c.Args, p.expr())
			for p.accept(",") {
				c.Args = append(c.Args, p.expr())
			}
			p.expect(")")
		}
	} else {
		c.Implicit = true
	}
	if p.acceptKw("YIELD") {
		if p.accept("*") {
			c.YieldAll = true
		} else {
			for {
				n := p.name("a procedure output")
				y := YieldItem{Name: n, Alias: n}
				if p.acceptKw("AS") {
					y.Alias = p.variable()
				}
				c.Yield = append(c.Yield, y)
				if !p.accept(",") {
					break
				}
			}
			if p.acceptKw("WHERE") {
				c.Where = p.expr()
			}
		}
	}
	return c
}

func (p *parser) projection() *Projection {
	pr := &Projection{}
	pr.Distinct = p.acceptKw("DISTINCT")
	if p.accept("*") {
		pr.Star = true
		if !p.accept(",") {
			goto tail
		}
	}
	for {
		start := p.peek().Pos
		x := p.expr()
		it := &ProjItem{Expr: x, Name: strings.TrimSpace(p.src[start:p.end()])}
		if v, ok := x.(*Var); ok {
			it.Name = v.Name // `a` names the column a
		}
		if p.acceptKw("AS") {
			it.Alias = p.alias()
			it.Name = it.Alias
			it.Aliased = true
		}
		pr.Items = append(pr.Items, it)
		if !p.accept(",") {
			break
		}
	}
tail:
	if p.acceptKw("ORDER") {
		p.expectKw("BY")
		for {
			s := &SortItem{Expr: p.expr()}
			switch {
			case p.acceptKw("DESC"), p.acceptKw("DESCENDING"):
				s.Desc = true
			case p.acceptKw("ASC"), p.acceptKw("ASCENDING"):
			}
			pr.Order = append(pr.Order, s)
			if !p.accept(",") {
				break
			}
		}
	}
	if p.acceptKw("SKIP") || p.acceptKw("OFFSET") {
		pr.Skip = p.expr()
	}
	if p.acceptKw("LIMIT") {
		pr.Limit = p.expr()
	}
	return pr
}

func (p *parser) pattern() []*PatternPart {
	parts := []*PatternPart{p.patternPart()}
	for p.accept(",") {
		parts = append(parts, p.patternPart())
	}
	return parts
}

func (p *parser) patternPart() *PatternPart {
	pp := &PatternPart{Pos: p.peek().Pos}
	if p.isName(0) && p.isOp(1, "=") {
		pp.Var = p.variable()
		p.next()
	}
	if p.isName(0) && p.isOp(1, "(") {
		t := p.peek()
		p.fail(t.Pos, "NotSupported", "not supported: %s(...) in a pattern", t.Text)
	}
	pp.Nodes = append(pp.Nodes, p.nodePattern())
	for p.isOp(0, "-") || p.isOp(0, "<-") {
		pp.Rels = append(pp.Rels, p.relPattern())
		pp.Nodes = append(pp.Nodes, p.nodePattern())
	}
	return pp
}

func (p *parser) nodePattern() *NodePat {
	t := p.expect("(")
	n := &NodePat{Pos: t.Pos}
	if p.isName(0) {
		n.Var = p.variable()
	}
	for p.accept(":") {
		n.Labels = append(n.Labels, p.name("a label"))
	}
	if p.isOp(0, "{") {
		n.Props = p.mapLit()
	} else if p.peek().Kind == ParamTok {
		t := p.next()
		n.Props = &Param{span{t.Pos, t.Pos + len(t.Text)}, t.Value}
	}
	if p.isKw(0, "WHERE") {
		p.fail(p.peek().Pos, "NotSupported", "not supported: WHERE inside a node pattern")
	}
	p.expect(")")
	return n
}

func (p *parser) relPattern() *RelPat {
	r := &RelPat{Pos: p.peek().Pos, Min: 1, Max: 1}
	left := false
	if p.accept("<-") {
		left = true
	} else {
		p.expect("-")
	}
	if p.accept("[") {
		if p.isName(0) {
			r.Var = p.variable()
		}
		if p.accept(":") {
			r.Types = append(r.Types, p.name("a relationship type"))
			for p.accept("|") {
				p.accept(":")
				r.Types = append(r.Types, p.name("a relationship type"))
			}
		}
		if p.accept("*") {
			r.VarLen = true
			r.Min, r.Max = -1, -1
			if p.peek().Kind == Int {
				r.Min = p.smallInt()
				r.Max = r.Min
			}
			if p.accept("..") {
				r.Max = -1
				if p.peek().Kind == Int {
					r.Max = p.smallInt()
				}
			} else if p.peek().Kind == Float && strings.HasPrefix(p.peek().Text, ".") {
				// "*..3" lexes as "*" then ".3"? no: ".." is an operator; but "*1..3" may lex "1." badly
				p.fail(p.peek().Pos, "UnexpectedSyntax", "bad variable length")
			}
		}
		if p.isOp(0, "{") {
			r.Props = p.mapLit()
		} else if p.peek().Kind == ParamTok {
			t := p.next()
			r.Props = &Param{span{t.Pos, t.Pos + len(t.Text)}, t.Value}
		}
		p.expect("]")
	}
	right := false
	if p.accept("->") {
		right = true
	} else {
		p.expect("-")
	}
	switch {
	case left && right, !left && !right:
		r.Dir = Both
	case left:
		r.Dir = Left
	default:
		r.Dir = Right
	}
	return r
}

func (p *parser) smallInt() int {
	t := p.next()
	n, err := strconv.Atoi(t.Text)
	if err != nil || n < 0 {
		p.fail(t.Pos, "InvalidArgumentType", "bad length %s in a variable-length relationship", t.Text)
	}
	return n
}

func (p *parser) mapLit() *MapLit {
	t := p.expect("{")
	m := &MapLit{}
	if !p.accept("}") {
		for {
			m.Keys = append(m.Keys, p.name("a map key"))
			p.expect(":")
			m.Vals = append(m.Vals, p.expr())
			if !p.accept(",") {
				break
			}
		}
		p.expect("}")
	}
	m.span = span{t.Pos, p.end()}
	return m
}

// Expressions, lowest precedence first.

func (p *parser) expr() Expr { return p.or() }

func (p *parser) binary(start int, op string, l, r Expr) Expr {
	return &Binary{span{start, p.end()}, op, l, r}
}

func (p *parser) or() Expr {
	start := p.peek().Pos
	x := p.xor()
	for p.acceptKw("OR") {
		x = p.binary(start, "OR", x, p.xor())
	}
	return x
}

func (p *parser) xor() Expr {
	start := p.peek().Pos
	x := p.and()
	for p.acceptKw("XOR") {
		x = p.binary(start, "XOR", x, p.and())
	}
	return x
}

func (p *parser) and() Expr {
	start := p.peek().Pos
	x := p.not()
	for p.acceptKw("AND") {
		x = p.binary(start, "AND", x, p.not())
	}
	return x
}

func (p *parser) not() Expr {
	start := p.peek().Pos
	if p.acceptKw("NOT") {
		x := p.not()
		return &Unary{span{start, p.end()}, "NOT", x}
	}
	return p.comparison()
}

var cmpOps = map[string]bool{"=": true, "<>": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true, "=~": true}

func (p *parser) comparison() Expr {
	start := p.peek().Pos
	x := p.predicate()
	var chain Expr
	for {
		t := p.peek()
		if t.Kind == Op && t.Text == "<-" {
			// "a<-1": less than minus one
			p.toks[p.i] = Token{Kind: Op, Text: "<", Pos: t.Pos}
			p.toks = append(p.toks[:p.i+1], append([]Token{{Kind: Op, Text: "-", Pos: t.Pos + 1}}, p.toks[p.i+1:]...)...)
			t = p.peek()
		}
		if t.Kind != Op || !cmpOps[t.Text] {
			break
		}
		p.next()
		op := t.Text
		if op == "!=" {
			op = "<>"
		}
		r := p.predicate()
		c := p.binary(start, op, x, r)
		if chain == nil {
			chain = c
		} else {
			chain = p.binary(start, "AND", chain, c)
		}
		x = r
	}
	if chain != nil {
		return chain
	}
	return x
}

func (p *parser) predicate() Expr {
	start := p.peek().Pos
	x := p.addSub()
	for {
		switch {
		case p.acceptKw("STARTS", "WITH"):
			x = p.binary(start, "STARTS WITH", x, p.addSub())
		case p.acceptKw("ENDS", "WITH"):
			x = p.binary(start, "ENDS WITH", x, p.addSub())
		case p.acceptKw("CONTAINS"):
			x = p.binary(start, "CONTAINS", x, p.addSub())
		case p.acceptKw("IN"):
			x = p.binary(start, "IN", x, p.addSub())
		case p.acceptKw("IS", "NULL"):
			x = &IsNull{span{start, p.end()}, x, false}
		case p.acceptKw("IS", "NOT", "NULL"):
			x = &IsNull{span{start, p.end()}, x, true}
		default:
			return x
		}
	}
}

func (p *parser) addSub() Expr {
	start := p.peek().Pos
	x := p.mulDiv()
	for p.isOp(0, "+") || p.isOp(0, "-") {
		op := p.next().Text
		x = p.binary(start, op, x, p.mulDiv())
	}
	return x
}

func (p *parser) mulDiv() Expr {
	start := p.peek().Pos
	x := p.power()
	for p.isOp(0, "*") || p.isOp(0, "/") || p.isOp(0, "%") {
		op := p.next().Text
		x = p.binary(start, op, x, p.power())
	}
	return x
}

func (p *parser) power() Expr {
	start := p.peek().Pos
	x := p.unary()
	for p.accept("^") {
		x = p.binary(start, "^", x, p.unary())
	}
	return x
}

func (p *parser) unary() Expr {
	t := p.peek()
	if p.isOp(0, "-") || p.isOp(0, "+") {
		p.next()
		if t.Text == "-" && (p.peek().Kind == Int || p.peek().Kind == Float) && p.peek().Pos == t.Pos+1 {
			// A negative literal: -9223372036854775808 fits.
			n := p.next()
			lit := p.number(n, true)
			lit.span = span{t.Pos, p.end()}
			return p.postfix(lit, t.Pos)
		}
		x := p.unary()
		return &Unary{span{t.Pos, p.end()}, t.Text, x}
	}
	return p.postfix(p.atom(), t.Pos)
}

func (p *parser) postfix(x Expr, start int) Expr {
	for {
		switch {
		case p.isOp(0, "."):
			p.next()
			key := p.name("a property name")
			x = &Prop{span{start, p.end()}, x, key}
		case p.isOp(0, "["):
			p.next()
			var from, to Expr
			if !p.isOp(0, "..") {
				from = p.expr()
			}
			if p.accept("..") {
				if !p.isOp(0, "]") {
					to = p.expr()
				}
				p.expect("]")
				x = &Slice{span{start, p.end()}, x, from, to}
				continue
			}
			if from == nil {
				p.fail(p.peek().Pos, "UnexpectedSyntax", "expected an index")
			}
			p.expect("]")
			x = &Index{span{start, p.end()}, x, from}
		case p.isOp(0, ":") && p.isName(1):
			var labels []string
			for p.accept(":") {
				labels = append(labels, p.name("a label"))
			}
			x = &HasLabels{span{start, p.end()}, x, labels}
		default:
			return x
		}
	}
}

// number reads an integer or float token, negated when neg.
func (p *parser) number(t Token, neg bool) *Literal {
	text := t.Text
	lit := &Literal{span: span{t.Pos, t.Pos + len(text)}}
	if t.Kind == Float {
		clean := strings.ReplaceAll(text, "_", "")
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange && !math.IsInf(f, 0) {
				lit.Value = f // underflow to zero is fine
			} else if ok && ne.Err == strconv.ErrRange {
				p.fail(t.Pos, "FloatingPointOverflow", "float literal %s is too large", text)
			} else {
				p.fail(t.Pos, "InvalidNumberLiteral", "invalid number %s", text)
			}
		}
		if neg {
			f = -f
		}
		lit.Value = f
		return lit
	}
	base, digits := 10, text
	switch {
	case strings.HasPrefix(strings.ToLower(text), "0x"):
		base, digits = 16, text[2:]
	case strings.HasPrefix(strings.ToLower(text), "0o"):
		base, digits = 8, text[2:]
	case len(text) > 1 && text[0] == '0' && !strings.ContainsAny(text, "_"):
		base, digits = 8, text[1:] // 0755: octal, as in Cypher 4
	}
	digits = strings.ReplaceAll(digits, "_", "")
	n, ok := new(big.Int).SetString(digits, base)
	if !ok || digits == "" {
		p.fail(t.Pos, "InvalidNumberLiteral", "invalid number %s", text)
	}
	if neg {
		n.Neg(n)
	}
	if !n.IsInt64() {
		p.fail(t.Pos, "IntegerOverflow", "integer %s is too large", text)
	}
	lit.Value = n.Int64()
	return lit
}

func (p *parser) atom() Expr {
	t := p.peek()
	switch t.Kind {
	case Int, Float:
		p.next()
		return p.number(t, false)
	case String:
		p.next()
		return &Literal{span{t.Pos, p.end()}, t.Value}
	case ParamTok:
		p.next()
		return &Param{span{t.Pos, p.end()}, t.Value}
	case Op:
		switch t.Text {
		case "(":
			return p.parenOrPattern()
		case "[":
			return p.bracket()
		case "{":
			return p.mapLit()
		}
		p.fail(t.Pos, "UnexpectedSyntax", "unexpected %s", describe(t))
	case Quoted:
		p.next()
		return p.afterName(&Var{span{t.Pos, p.end()}, t.Value})
	case Ident:
		return p.identAtom()
	}
	p.fail(t.Pos, "UnexpectedSyntax", "expected an expression, found %s", describe(t))
	return nil
}

func (p *parser) afterName(v *Var) Expr {
	if p.isOp(0, "{") {
		return p.mapProjection(v)
	}
	return v
}

func (p *parser) identAtom() Expr {
	t := p.peek()
	up := strings.ToUpper(t.Text)
	switch up {
	case "TRUE", "FALSE":
		p.next()
		return &Literal{span{t.Pos, p.end()}, up == "TRUE"}
	case "NULL":
		p.next()
		return &Literal{span{t.Pos, p.end()}, nil}
	case "CASE":
		return p.caseExpr()
	case "EXISTS", "COUNT", "COLLECT":
		if p.isOp(1, "{") {
			p.next()
			return p.subquery(up, t.Pos)
		}
	case "ALL", "ANY", "NONE", "SINGLE":
		if p.isOp(1, "(") && p.isName(2) && p.isKw(3, "IN") {
			p.i += 2
			v := p.variable()
			p.expectKw("IN")
			in := p.expr()
			q := &Quantifier{Kind: strings.ToLower(up), Var: v, In: in}
			if p.acceptKw("WHERE") {
				q.Where = p.expr()
			}
			p.expect(")")
			q.span = span{t.Pos, p.end()}
			return q
		}
	case "REDUCE":
		if p.isOp(1, "(") {
			p.i += 2
			r := &Reduce{Acc: p.variable()}
			p.expect("=")
			r.Init = p.expr()
			p.expect(",")
			r.Var = p.variable()
			p.expectKw("IN")
			r.In = p.expr()
			p.expect("|")
			r.Expr = p.expr()
			p.expect(")")
			r.span = span{t.Pos, p.end()}
			return r
		}
	}
	// A function call: name(...) or ns.name(...).
	n := 0
	for p.peekN(n).Kind == Ident || p.peekN(n).Kind == Quoted {
		if p.isOp(n+1, "(") {
			return p.call(n)
		}
		if !p.isOp(n+1, ".") {
			break
		}
		n += 2
	}
	if reserved[up] && !p.declared[up] {
		p.fail(t.Pos, "UnexpectedSyntax", "unexpected keyword %s", t.Text)
	}
	p.next()
	return p.afterName(&Var{span{t.Pos, p.end()}, t.Text})
}

// call reads a function call whose name spans tokens 0..n.
func (p *parser) call(n int) Expr {
	start := p.peek().Pos
	var parts []string
	for i := 0; i <= n; i += 2 {
		t := p.peekN(i)
		if t.Kind == Quoted {
			parts = append(parts, t.Value)
		} else {
			parts = append(parts, t.Text)
		}
	}
	p.i += n + 1
	p.expect("(")
	c := &Call{Name: strings.Join(parts, ".")}
	if p.accept("*") {
		if !strings.EqualFold(c.Name, "count") {
			p.fail(start, "UnexpectedSyntax", "only count takes *")
		}
		c.Star = true
		p.expect(")")
		c.span = span{start, p.end()}
		return c
	}
	c.Distinct = p.acceptKw("DISTINCT")
	if !p.accept(")") {
		c.Args = append(c.Args, p.expr())
		for p.accept(",") {
			c.Args = append(c.Args, p.expr())
		}
		p.expect(")")
	}
	c.span = span{start, p.end()}
	return c
}

func (p *parser) caseExpr() Expr {
	start := p.next().Pos
	c := &Case{}
	if !p.isKw(0, "WHEN") {
		c.Test = p.expr()
	}
	for p.acceptKw("WHEN") {
		c.Whens = append(c.Whens, p.expr())
		p.expectKw("THEN")
		c.Thens = append(c.Thens, p.expr())
	}
	if len(c.Whens) == 0 {
		p.fail(p.peek().Pos, "UnexpectedSyntax", "CASE needs a WHEN")
	}
	if p.acceptKw("ELSE") {
		c.Else = p.expr()
	}
	p.expectKw("END")
	c.span = span{start, p.end()}
	return c
}

func (p *parser) subquery(kind string, start int) Expr {
	p.expect("{")
	s := &Subquery{Kind: kind}
	if p.isOp(0, "(") || p.isName(0) && p.isOp(1, "=") {
		save := p.i
		if pat, ok := attempt(p, p.pattern); ok && (p.isOp(0, "}") || p.isKw(0, "WHERE")) {
			s.Pattern = pat
			if p.acceptKw("WHERE") {
				s.Where = p.expr()
			}
			p.expect("}")
			s.span = span{start, p.end()}
			return s
		}
		p.i = save
	}
	s.Query = p.query()
	p.expect("}")
	s.span = span{start, p.end()}
	return s
}

// attempt runs read and returns what it read, or, when it fails with a
// syntax error, ok false with the position restored: the parser's one
// backtracking point (a pattern or an expression after "(" or "[").
func attempt[T any](p *parser, read func() T) (v T, ok bool) {
	save := p.i
	defer func() {
		if r := recover(); r != nil {
			if _, isErr := r.(*Error); !isErr {
				panic(r)
			}
			p.i = save
			var zero T
			v, ok = zero, false
		}
	}()
	return read(), true
}

func (p *parser) parenOrPattern() Expr {
	start := p.peek().Pos
	save := p.i
	if pp, ok := attempt(p, p.patternPart); ok && len(pp.Rels) > 0 {
		return &PatternExpr{span{start, p.end()}, pp}
	}
	p.i = save
	p.expect("(")
	x := p.expr()
	p.expect(")")
	return x
}

func (p *parser) bracket() Expr {
	start := p.peek().Pos
	// [v IN list ...]: a list comprehension.
	if p.isName(1) && p.isKw(2, "IN") {
		p.next()
		lc := &ListComp{Var: p.variable()}
		p.expectKw("IN")
		lc.In = p.expr()
		if p.acceptKw("WHERE") {
			lc.Where = p.expr()
		}
		if p.accept("|") {
			lc.Proj = p.expr()
		}
		p.expect("]")
		lc.span = span{start, p.end()}
		return lc
	}
	// [p = (a)-->(b) WHERE ... | expr]: a pattern comprehension.
	if p.isOp(1, "(") || p.isName(1) && p.isOp(2, "=") {
		save := p.i
		p.next()
		if pp, ok := attempt(p, p.patternPart); ok && len(pp.Rels) > 0 && (p.isKw(0, "WHERE") || p.isOp(0, "|")) {
			pc := &PatternComp{Pattern: pp}
			if p.acceptKw("WHERE") {
				pc.Where = p.expr()
			}
			p.expect("|")
			pc.Proj = p.expr()
			p.expect("]")
			pc.span = span{start, p.end()}
			return pc
		}
		p.i = save
	}
	p.next()
	l := &ListLit{}
	if !p.accept("]") {
		l.Items = append(l.Items, p.expr())
		for p.accept(",") {
			l.Items = append(l.Items, p.expr())
		}
		p.expect("]")
	}
	l.span = span{start, p.end()}
	return l
}

func (p *parser) mapProjection(v *Var) Expr {
	p.expect("{")
	mp := &MapProj{X: v}
	if !p.accept("}") {
		for {
			switch {
			case p.accept("."):
				if p.accept("*") {
					mp.Items = append(mp.Items, MapProjItem{All: true})
				} else {
					mp.Items = append(mp.Items, MapProjItem{Key: p.name("a property name")})
				}
			case p.isName(0) && p.isOp(1, ":"):
				k := p.name("a key")
				p.next()
				mp.Items = append(mp.Items, MapProjItem{Key: k, Expr: p.expr()})
			default:
				t := p.peek()
				name := p.variable()
				mp.Items = append(mp.Items, MapProjItem{Key: name, Var: true, Expr: &Var{span{t.Pos, p.end()}, name}})
			}
			if !p.accept(",") {
				break
			}
		}
		p.expect("}")
	}
	mp.span = span{v.Start, p.end()}
	return mp
}

// reserved are the words that may not be a plain variable: those that
// begin or join clauses and expressions.
var reserved = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`AND AS ASC ASCENDING BY CALL CASE CONTAINS CREATE DELETE DESC DESCENDING DETACH
		DISTINCT ELSE END ENDS IN IS LIMIT MATCH MERGE NOT OPTIONAL OR ORDER REMOVE RETURN SET SKIP STARTS THEN
		UNION UNWIND WHEN WHERE WITH XOR YIELD`) {
		reserved[k] = true
	}
}

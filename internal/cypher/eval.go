package cypher

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/internal/cypher/parse"
)

// row holds the variables of one row.
type row map[string]any

// scope is the variables an expression sees: local ones (a comprehension's
// variable) over a row.
type scope struct {
	name string
	val  any
	up   *scope
	row  row
}

func (s *scope) lookup(name string) (any, bool) {
	for c := s; c != nil; c = c.up {
		if c.row != nil {
			v, ok := c.row[name]
			if ok {
				return v, true
			}
			continue
		}
		if c.name == name {
			return c.val, true
		}
	}
	return nil, false
}

func (s *scope) with(name string, v any) *scope { return &scope{name: name, val: v, up: s} }

func rowScope(r row) *scope { return &scope{row: r} }

// flatten returns every variable a scope sees as one row.
func (s *scope) flatten() row {
	out := row{}
	var chain []*scope
	for c := s; c != nil; c = c.up {
		chain = append(chain, c)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		if c.row != nil {
			for k, v := range c.row {
				out[k] = v
			}
		} else {
			out[c.name] = c.val
		}
	}
	return out
}

var aggregates = map[string]bool{"count": true, "sum": true, "avg": true, "min": true, "max": true, "collect": true,
	"stdev": true, "stdevp": true, "percentilecont": true, "percentiledisc": true}

func isAggregate(c *parse.Call) bool { return aggregates[strings.ToLower(c.Name)] }

// pred evaluates a predicate: a pattern is true when it has a match.
func (x *exec) pred(e parse.Expr, s *scope) any {
	if pe, ok := e.(*parse.PatternExpr); ok {
		return len(x.matchPattern([]*parse.PatternPart{pe.Pattern}, nil, s, true)) > 0
	}
	return x.eval(e, s)
}

func (x *exec) eval(e parse.Expr, s *scope) any {
	switch e := e.(type) {
	case *parse.Literal:
		return e.Value
	case *parse.Param:
		v, ok := x.params[e.Name]
		if !ok {
			x.at = e
			fail("ParameterMissing", "MissingParameter", "expected a parameter named %s", e.Name)
		}
		return normalize(v)
	case *parse.Var:
		v, ok := s.lookup(e.Name)
		if !ok {
			fail("SyntaxError", "UndefinedVariable", "variable %s not defined", e.Name)
		}
		return v
	case *parse.Prop:
		return property(x.eval(e.X, s), e.Key)
	case *parse.Index:
		return index(x.eval(e.X, s), x.eval(e.I, s))
	case *parse.Slice:
		return x.slice(e, s)
	case *parse.Binary:
		return x.binary(e, s)
	case *parse.Unary:
		var v any
		if e.Op == "NOT" {
			v = x.pred(e.X, s)
		} else {
			v = x.eval(e.X, s)
		}
		switch e.Op {
		case "NOT":
			t, ok := truth(v)
			if !ok {
				typeError("NOT needs a boolean, not %s", typeName(v))
			}
			if t == nil {
				return nil
			}
			return !t.(bool)
		case "-":
			switch n := v.(type) {
			case nil:
				return nil
			case int64:
				if n == math.MinInt64 {
					fail("ArgumentError", "NumberOutOfRange", "integer overflow")
				}
				return -n
			case float64:
				return -n
			}
			typeError("cannot negate %s", typeName(v))
		case "+":
			switch v.(type) {
			case nil, int64, float64:
				return v
			}
			typeError("cannot apply + to %s", typeName(v))
		}
	case *parse.IsNull:
		v := x.eval(e.X, s)
		return (v == nil) != e.Not
	case *parse.HasLabels:
		v := x.eval(e.X, s)
		switch n := v.(type) {
		case nil:
			return nil
		case *Node:
			for _, l := range e.Labels {
				if !n.HasLabel(l) {
					return false
				}
			}
			return true
		case *Rel:
			for _, l := range e.Labels {
				if n.Type != l {
					return false
				}
			}
			return true
		}
		typeError("cannot check labels of %s", typeName(v))
	case *parse.Call:
		return x.call(e, s)
	case *parse.Case:
		return x.caseExpr(e, s)
	case *parse.ListLit:
		out := make([]any, len(e.Items))
		for i, it := range e.Items {
			out[i] = x.eval(it, s)
		}
		return out
	case *parse.MapLit:
		out := make(map[string]any, len(e.Keys))
		for i, k := range e.Keys {
			out[k] = x.eval(e.Vals[i], s)
		}
		return out
	case *parse.MapProj:
		return x.mapProj(e, s)
	case *parse.ListComp:
		list, ok := x.evalList(e.In, s, "a list comprehension")
		if !ok {
			return nil
		}
		out := []any{}
		for _, v := range list {
			x.tick()
			inner := s.with(e.Var, v)
			if e.Where != nil {
				if t, _ := truth(x.pred(e.Where, inner)); t != true {
					continue
				}
			}
			if e.Proj != nil {
				out = append(out, x.eval(e.Proj, inner))
			} else {
				out = append(out, v)
			}
		}
		return out
	case *parse.Quantifier:
		return x.quantifier(e, s)
	case *parse.Reduce:
		list, ok := x.evalList(e.In, s, "reduce")
		if !ok {
			return nil
		}
		acc := x.eval(e.Init, s)
		for _, v := range list {
			x.tick()
			acc = x.eval(e.Expr, s.with(e.Acc, acc).with(e.Var, v))
		}
		return acc
	case *parse.PatternExpr:
		paths := x.matchPattern([]*parse.PatternPart{e.Pattern}, nil, s, true)
		out := make([]any, len(paths))
		for i, r := range paths {
			out[i] = r.path
		}
		return out
	case *parse.PatternComp:
		var out []any
		for _, m := range x.matchPattern([]*parse.PatternPart{e.Pattern}, e.Where, s, false) {
			out = append(out, x.eval(e.Proj, m.scope))
		}
		if out == nil {
			out = []any{}
		}
		return out
	case *parse.Subquery:
		return x.subquery(e, s)
	}
	fail("NotSupported", "NotSupported", "not supported: the expression %s", e.String())
	return nil
}

// normalize turns parameter values into engine values (int → int64,
// []string → []any, ...).
func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case float32:
		return float64(x)
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []int64:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	}
	return v
}

func property(v any, k string) any {
	switch o := v.(type) {
	case nil:
		return nil
	case *Node:
		return o.Props[k]
	case *Rel:
		return o.Props[k]
	case map[string]any:
		return o[k]
	}
	typeError("cannot read property %s of %s", k, typeName(v))
	return nil
}

func index(v, i any) any {
	if v == nil || i == nil {
		return nil
	}
	switch o := v.(type) {
	case []any:
		n, ok := i.(int64)
		if !ok {
			typeError("a list index must be an integer, not %s", typeName(i))
		}
		if n < 0 {
			n += int64(len(o))
		}
		if n < 0 || n >= int64(len(o)) {
			return nil
		}
		return o[n]
	case map[string]any, *Node, *Rel:
		k, ok := i.(string)
		if !ok {
			fail("TypeError", "MapElementAccessByNonString", "a map key must be a string, not %s", typeName(i))
		}
		return property(v, k)
	}
	typeError("cannot index %s", typeName(v))
	return nil
}

func (x *exec) slice(e *parse.Slice, s *scope) any {
	v := x.eval(e.X, s)
	var from, to any
	if e.From != nil {
		from = x.eval(e.From, s)
		if from == nil {
			return nil
		}
	}
	if e.To != nil {
		to = x.eval(e.To, s)
		if to == nil {
			return nil
		}
	}
	if v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		typeError("cannot slice %s", typeName(v))
	}
	n := int64(len(list))
	lo, hi := int64(0), n
	if from != nil {
		f, ok := from.(int64)
		if !ok {
			typeError("a slice bound must be an integer")
		}
		lo = f
	}
	if to != nil {
		t, ok := to.(int64)
		if !ok {
			typeError("a slice bound must be an integer")
		}
		hi = t
	}
	if lo < 0 {
		lo += n
	}
	if hi < 0 {
		hi += n
	}
	lo = max(0, min(lo, n))
	hi = max(0, min(hi, n))
	if lo >= hi {
		return []any{}
	}
	return slices.Clone(list[lo:hi])
}

func (x *exec) binary(e *parse.Binary, s *scope) any {
	switch e.Op {
	case "AND", "OR", "XOR":
		return x.logic(e, s)
	}
	l := x.eval(e.L, s)
	r := x.eval(e.R, s)
	switch e.Op {
	case "=":
		return equal(l, r)
	case "<>":
		eq := equal(l, r)
		if eq == nil {
			return nil
		}
		return !eq.(bool)
	case "<", ">", "<=", ">=":
		if l == nil || r == nil {
			return nil
		}
		if isNaN(l) && isNumber(r) || isNaN(r) && isNumber(l) {
			return false
		}
		c, ok := compare(l, r)
		if !ok {
			return nil
		}
		switch e.Op {
		case "<":
			return c < 0
		case ">":
			return c > 0
		case "<=":
			return c <= 0
		}
		return c >= 0
	case "STARTS WITH", "ENDS WITH", "CONTAINS":
		a, ok1 := l.(string)
		b, ok2 := r.(string)
		if !ok1 || !ok2 {
			return nil
		}
		switch e.Op {
		case "STARTS WITH":
			return strings.HasPrefix(a, b)
		case "ENDS WITH":
			return strings.HasSuffix(a, b)
		}
		return strings.Contains(a, b)
	case "=~":
		a, ok1 := l.(string)
		b, ok2 := r.(string)
		if !ok1 || !ok2 {
			return nil
		}
		re, err := x.regexp(b)
		if err != nil {
			fail("ArgumentError", "InvalidArgumentValue", "invalid regular expression %q: %v", b, err)
		}
		return re.MatchString(a)
	case "IN":
		if r == nil {
			return nil
		}
		list, ok := r.([]any)
		if !ok {
			typeError("IN needs a list, not %s", typeName(r))
		}
		var res any = false
		for _, v := range list {
			switch equal(l, v) {
			case true:
				return true
			case nil:
				res = nil
			}
		}
		return res
	case "+":
		return add(l, r)
	case "-", "*", "/", "%", "^":
		return arith(e.Op, l, r)
	}
	fail("NotSupported", "NotSupported", "not supported: the operator %s", e.Op)
	return nil
}

func (x *exec) regexp(p string) (*regexp.Regexp, error) {
	if re, ok := x.regexps[p]; ok {
		return re, nil
	}
	re, err := regexp.Compile("^(?:" + p + ")$")
	if err != nil {
		return nil, err
	}
	if x.regexps == nil {
		x.regexps = map[string]*regexp.Regexp{}
	}
	x.regexps[p] = re
	return re, nil
}

func (x *exec) logic(e *parse.Binary, s *scope) any {
	l, ok := truth(x.pred(e.L, s))
	if !ok {
		typeError("%s needs booleans", e.Op)
	}
	// Short-circuit where the result is known.
	if e.Op == "AND" && l == false {
		if _, ok := truth(x.pred(e.R, s)); !ok {
			typeError("AND needs booleans")
		}
		return false
	}
	if e.Op == "OR" && l == true {
		if _, ok := truth(x.pred(e.R, s)); !ok {
			typeError("OR needs booleans")
		}
		return true
	}
	r, ok := truth(x.pred(e.R, s))
	if !ok {
		typeError("%s needs booleans", e.Op)
	}
	switch e.Op {
	case "AND":
		if r == false {
			return false
		}
		if l == nil || r == nil {
			return nil
		}
		return true
	case "OR":
		if r == true {
			return true
		}
		if l == nil || r == nil {
			return nil
		}
		return false
	}
	if l == nil || r == nil {
		return nil
	}
	return l.(bool) != r.(bool)
}

func add(l, r any) any {
	if l == nil || r == nil {
		return nil
	}
	switch a := l.(type) {
	case int64:
		switch b := r.(type) {
		case int64:
			s := a + b
			if (s > a) != (b > 0) {
				fail("ArgumentError", "NumberOutOfRange", "integer overflow")
			}
			return s
		case float64:
			return float64(a) + b
		case string:
			return strconv.FormatInt(a, 10) + b
		case []any:
			return append([]any{a}, b...)
		}
	case float64:
		switch b := r.(type) {
		case int64:
			return a + float64(b)
		case float64:
			return a + b
		case string:
			return formatFloat(a) + b
		case []any:
			return append([]any{a}, b...)
		}
	case string:
		switch b := r.(type) {
		case string:
			return a + b
		case int64:
			return a + strconv.FormatInt(b, 10)
		case float64:
			return a + formatFloat(b)
		case []any:
			return append([]any{a}, b...)
		case bool:
			return a + strconv.FormatBool(b)
		}
	case []any:
		if b, ok := r.([]any); ok {
			return append(slices.Clone(a), b...)
		}
		return append(slices.Clone(a), r)
	}
	if b, ok := r.([]any); ok {
		return append([]any{l}, b...)
	}
	typeError("cannot add %s and %s", typeName(l), typeName(r))
	return nil
}

func arith(op string, l, r any) any {
	if l == nil || r == nil {
		return nil
	}
	ai, aInt := l.(int64)
	bi, bInt := r.(int64)
	af, aF := l.(float64)
	bf, bF := r.(float64)
	if !(aInt || aF) || !(bInt || bF) {
		typeError("cannot apply %s to %s and %s", op, typeName(l), typeName(r))
	}
	if aInt && bInt && op != "^" {
		switch op {
		case "-":
			d := ai - bi
			if (d < ai) != (bi > 0) {
				fail("ArgumentError", "NumberOutOfRange", "integer overflow")
			}
			return d
		case "*":
			if ai != 0 && bi != 0 {
				p := ai * bi
				if p/bi != ai || (ai == -1 && bi == math.MinInt64) || (bi == -1 && ai == math.MinInt64) {
					fail("ArgumentError", "NumberOutOfRange", "integer overflow")
				}
				return p
			}
			return int64(0)
		case "/":
			if bi == 0 {
				fail("ArgumentError", "DivisionByZero", "/ by zero")
			}
			return ai / bi
		case "%":
			if bi == 0 {
				fail("ArgumentError", "DivisionByZero", "%% by zero")
			}
			return ai % bi
		}
	}
	if aInt {
		af = float64(ai)
	}
	if bInt {
		bf = float64(bi)
	}
	switch op {
	case "-":
		return af - bf
	case "*":
		return af * bf
	case "/":
		return af / bf
	case "%":
		return math.Mod(af, bf)
	}
	return math.Pow(af, bf)
}

func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e16 {
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if strings.Contains(s, "e") {
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		exp = strings.TrimPrefix(exp, "+")
		s = mant + "E" + exp
	}
	return s
}

func (x *exec) caseExpr(e *parse.Case, s *scope) any {
	if e.Test != nil {
		v := x.eval(e.Test, s)
		for i, w := range e.Whens {
			if equal(v, x.eval(w, s)) == true {
				return x.eval(e.Thens[i], s)
			}
		}
	} else {
		for i, w := range e.Whens {
			if t, _ := truth(x.pred(w, s)); t == true {
				return x.eval(e.Thens[i], s)
			}
		}
	}
	if e.Else != nil {
		return x.eval(e.Else, s)
	}
	return nil
}

func (x *exec) mapProj(e *parse.MapProj, s *scope) any {
	v := x.eval(e.X, s)
	if v == nil {
		return nil
	}
	var props map[string]any
	switch o := v.(type) {
	case *Node:
		props = o.Props
	case *Rel:
		props = o.Props
	case map[string]any:
		props = o
	default:
		typeError("cannot project %s", typeName(v))
	}
	out := map[string]any{}
	for _, it := range e.Items {
		switch {
		case it.All:
			for k, pv := range props {
				out[k] = pv
			}
		case it.Expr == nil:
			out[it.Key] = props[it.Key]
		default:
			out[it.Key] = x.eval(it.Expr, s)
		}
	}
	return out
}

// evalList evaluates the list a comprehension, reduce or quantifier (what)
// runs over: false for null, a type error for what is not a list.
func (x *exec) evalList(e parse.Expr, s *scope, what string) ([]any, bool) {
	l := x.eval(e, s)
	if l == nil {
		return nil, false
	}
	list, ok := l.([]any)
	if !ok {
		typeError("%s needs a list, not %s", what, typeName(l))
	}
	return list, true
}

func (x *exec) quantifier(e *parse.Quantifier, s *scope) any {
	list, ok := x.evalList(e.In, s, e.Kind)
	if !ok {
		return nil
	}
	trues, nulls := 0, 0
	for _, v := range list {
		x.tick()
		var t any = true
		if e.Where != nil {
			var ok bool
			t, ok = truth(x.pred(e.Where, s.with(e.Var, v)))
			if !ok {
				typeError("%s needs a boolean predicate", e.Kind)
			}
		}
		switch t {
		case true:
			trues++
			if e.Kind == "any" {
				return true
			}
			if e.Kind == "none" {
				return false
			}
		case false:
			if e.Kind == "all" {
				return false
			}
		default:
			nulls++
		}
	}
	falses := len(list) - trues - nulls
	switch e.Kind {
	case "all":
		if nulls > 0 {
			return nil
		}
		return true
	case "any":
		if nulls > 0 {
			return nil
		}
		return false
	case "none":
		if nulls > 0 {
			return nil
		}
		return true
	}
	// single
	_ = falses
	if trues > 1 {
		return false
	}
	if nulls > 0 {
		return nil
	}
	return trues == 1
}

// maxRange is the most values range gives.
const maxRange = 10_000_000

// rangeOf calls each with the values of range(args...) in order, until
// each returns false, without making the list; past maxRange values it
// fails, and it stops with the query's deadline.
func (x *exec) rangeOf(e *parse.Call, a []any, each func(int64) bool) {
	arity(e, 2, 3)
	ints := make([]int64, len(a))
	for i, v := range a {
		n, ok := v.(int64)
		if !ok {
			fail("ArgumentError", "InvalidArgumentType", "range needs integers, not %s", typeName(v))
		}
		ints[i] = n
	}
	from, to := ints[0], ints[1]
	step := int64(1)
	if len(a) == 3 {
		step = ints[2]
	}
	if step == 0 {
		fail("ArgumentError", "NumberOutOfRange", "range step must not be 0")
	}
	n := 0
	for i := from; step > 0 && i <= to || step < 0 && i >= to; i += step {
		x.tick()
		if n++; n > maxRange {
			fail("ArgumentError", "NumberOutOfRange", "range too large (more than %d values)", maxRange)
		}
		if !each(i) {
			return
		}
		if step > 0 && i > math.MaxInt64-step || step < 0 && i < math.MinInt64-step {
			return // the next value would overflow
		}
	}
}

func (x *exec) call(e *parse.Call, s *scope) any {
	name := strings.ToLower(e.Name)
	if aggregates[name] {
		if v, ok := x.aggs[e]; ok {
			return v
		}
		fail("SyntaxError", "InvalidAggregation", "aggregation %s is not allowed here", e.Name)
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = x.eval(a, s)
	}
	x.at = e
	v := x.function(name, e, args)
	x.at = nil
	return v
}

func arity(e *parse.Call, min, max int) {
	if len(e.Args) < min || len(e.Args) > max {
		fail("SyntaxError", "InvalidNumberOfArguments", "%s takes %d argument(s), not %d", e.Name, min, len(e.Args))
	}
}

func num(f string, v any) float64 {
	switch n := v.(type) {
	case int64:
		return float64(n)
	case float64:
		return n
	}
	typeError("%s needs a number, not %s", f, typeName(v))
	return 0
}

func str(f string, v any) string {
	s, ok := v.(string)
	if !ok {
		typeError("%s needs a string, not %s", f, typeName(v))
	}
	return s
}

func integer(f string, v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case float64:
		if n == math.Trunc(n) {
			return int64(n)
		}
	}
	typeError("%s needs an integer, not %s", f, typeName(v))
	return 0
}

// function evaluates a non-aggregating function on evaluated arguments.
func (x *exec) function(name string, e *parse.Call, a []any) any {
	nullIn := func() bool {
		for _, v := range a {
			if v == nil {
				return true
			}
		}
		return false
	}
	switch name {
	case "coalesce":
		for _, v := range a {
			if v != nil {
				return v
			}
		}
		return nil
	case "size":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case string:
			return int64(utf8.RuneCountInString(v))
		case []any:
			return int64(len(v))
		case map[string]any:
			return int64(len(v))
		}
		typeError("size needs a string or a list, not %s", typeName(a[0]))
	case "length":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case Path:
			return int64(len(v.Rels))
		case string:
			return int64(utf8.RuneCountInString(v))
		case []any:
			return int64(len(v))
		}
		typeError("length needs a path, not %s", typeName(a[0]))
	case "head", "last":
		arity(e, 1, 1)
		if a[0] == nil {
			return nil
		}
		l, ok := a[0].([]any)
		if !ok {
			typeError("%s needs a list", name)
		}
		if len(l) == 0 {
			return nil
		}
		if name == "head" {
			return l[0]
		}
		return l[len(l)-1]
	case "tail":
		arity(e, 1, 1)
		if a[0] == nil {
			return nil
		}
		l, ok := a[0].([]any)
		if !ok {
			typeError("tail needs a list")
		}
		if len(l) == 0 {
			return []any{}
		}
		return slices.Clone(l[1:])
	case "reverse":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case string:
			r := []rune(v)
			slices.Reverse(r)
			return string(r)
		case []any:
			out := slices.Clone(v)
			slices.Reverse(out)
			return out
		}
		typeError("reverse needs a string or a list")
	case "range":
		out := []any{}
		x.rangeOf(e, a, func(i int64) bool {
			out = append(out, i)
			return true
		})
		return out
	case "keys":
		arity(e, 1, 1)
		var m map[string]any
		switch v := a[0].(type) {
		case nil:
			return nil
		case *Node:
			m = v.Props
		case *Rel:
			m = v.Props
		case map[string]any:
			m = v
		default:
			typeError("keys needs a map, node or relationship")
		}
		out := []any{}
		for _, k := range sortedKeys(m) {
			if _, isMap := a[0].(map[string]any); isMap || m[k] != nil {
				out = append(out, k)
			}
		}
		return out
	case "labels":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case *Node:
			out := make([]any, len(v.Labels))
			for i, l := range v.Labels {
				out[i] = l
			}
			return out
		}
		typeError("labels needs a node, not %s", typeName(a[0]))
	case "type":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case *Rel:
			return v.Type
		}
		typeError("type needs a relationship, not %s", typeName(a[0]))
	case "id", "elementid":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case *Node:
			if name == "id" {
				return int64(v.id)
			}
			return "n" + strconv.Itoa(v.id)
		case *Rel:
			if name == "id" {
				return int64(v.id)
			}
			return "r" + strconv.Itoa(v.id)
		}
		typeError("%s needs a node or relationship", e.Name)
	case "properties":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case *Node:
			out := map[string]any{}
			for k, p := range v.Props {
				out[k] = p
			}
			return out
		case *Rel:
			out := map[string]any{}
			for k, p := range v.Props {
				out[k] = p
			}
			return out
		case map[string]any:
			return v
		}
		typeError("properties needs a node, relationship or map")
	case "startnode", "endnode":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case *Rel:
			if name == "startnode" {
				return v.Start
			}
			return v.End
		}
		typeError("%s needs a relationship", e.Name)
	case "nodes", "relationships":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case Path:
			if name == "nodes" {
				out := make([]any, len(v.Nodes))
				for i, n := range v.Nodes {
					out[i] = n
				}
				return out
			}
			out := make([]any, len(v.Rels))
			for i, r := range v.Rels {
				out[i] = r
			}
			return out
		}
		typeError("%s needs a path", e.Name)
	case "exists":
		arity(e, 1, 1)
		return a[0] != nil
	case "tolower", "toupper", "trim", "ltrim", "rtrim":
		arity(e, 1, 1)
		if a[0] == nil {
			return nil
		}
		v := str(e.Name, a[0])
		switch name {
		case "tolower":
			return strings.ToLower(v)
		case "toupper":
			return strings.ToUpper(v)
		case "trim":
			return strings.TrimFunc(v, unicode.IsSpace)
		case "ltrim":
			return strings.TrimLeftFunc(v, unicode.IsSpace)
		}
		return strings.TrimRightFunc(v, unicode.IsSpace)
	case "replace":
		arity(e, 3, 3)
		if nullIn() {
			return nil
		}
		return strings.ReplaceAll(str("replace", a[0]), str("replace", a[1]), str("replace", a[2]))
	case "split":
		arity(e, 2, 2)
		if nullIn() {
			return nil
		}
		parts := strings.Split(str("split", a[0]), str("split", a[1]))
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out
	case "substring":
		arity(e, 2, 3)
		if a[0] == nil {
			return nil
		}
		r := []rune(str("substring", a[0]))
		start := integer("substring", a[1])
		if start < 0 {
			fail("ArgumentError", "NumberOutOfRange", "substring start must not be negative")
		}
		end := int64(len(r))
		if len(a) == 3 {
			l := integer("substring", a[2])
			if l < 0 {
				fail("ArgumentError", "NumberOutOfRange", "substring length must not be negative")
			}
			end = min(end, start+l)
		}
		if start >= int64(len(r)) {
			return ""
		}
		return string(r[start:end])
	case "left", "right":
		arity(e, 2, 2)
		if a[0] == nil {
			return nil
		}
		if a[1] == nil {
			fail("ArgumentError", "InvalidArgumentValue", "%s needs a length", e.Name)
		}
		r := []rune(str(e.Name, a[0]))
		n := integer(e.Name, a[1])
		if n < 0 {
			fail("ArgumentError", "NumberOutOfRange", "%s length must not be negative", e.Name)
		}
		n = min(n, int64(len(r)))
		if name == "left" {
			return string(r[:n])
		}
		return string(r[int64(len(r))-n:])
	case "tostring":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case string:
			return v
		case int64:
			return strconv.FormatInt(v, 10)
		case float64:
			return formatFloat(v)
		case bool:
			return strconv.FormatBool(v)
		}
		typeError("toString cannot convert %s", typeName(a[0]))
	case "tostringornull":
		switch v := a[0].(type) {
		case string, int64, float64, bool:
			return x.function("tostring", e, []any{v})
		}
		return nil
	case "tointeger", "tointegerornull":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case int64:
			return v
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) || v >= 9.3e18 || v <= -9.3e18 {
				return nil
			}
			return int64(v)
		case string:
			s := strings.TrimSpace(v)
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return n
			}
			if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				return int64(f)
			}
			return nil
		case bool:
			if v {
				return int64(1)
			}
			return int64(0)
		}
		if name == "tointegerornull" {
			return nil
		}
		typeError("toInteger cannot convert %s", typeName(a[0]))
	case "tofloat", "tofloatornull":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case int64:
			return float64(v)
		case float64:
			return v
		case string:
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				return nil
			}
			return f
		}
		if name == "tofloatornull" {
			return nil
		}
		typeError("toFloat cannot convert %s", typeName(a[0]))
	case "toboolean", "tobooleanornull":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case bool:
			return v
		case string:
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "true":
				return true
			case "false":
				return false
			}
			return nil
		case int64:
			return v != 0
		}
		if name == "tobooleanornull" {
			return nil
		}
		typeError("toBoolean cannot convert %s", typeName(a[0]))
	case "abs":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case int64:
			if v < 0 {
				return -v
			}
			return v
		case float64:
			return math.Abs(v)
		}
		typeError("abs needs a number")
	case "sign":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case int64:
			switch {
			case v > 0:
				return int64(1)
			case v < 0:
				return int64(-1)
			}
			return int64(0)
		case float64:
			switch {
			case v > 0:
				return int64(1)
			case v < 0:
				return int64(-1)
			}
			return int64(0)
		}
		typeError("sign needs a number")
	case "round":
		arity(e, 1, 3)
		if a[0] == nil {
			return nil
		}
		f := num("round", a[0])
		if len(a) >= 2 {
			if a[1] == nil {
				return nil
			}
			return roundDecimal(f, integer("round", a[1]))
		}
		return roundHalfUp(f)
	case "ceil", "floor", "sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "degrees", "radians":
		arity(e, 1, 1)
		if a[0] == nil {
			return nil
		}
		f := num(e.Name, a[0])
		switch name {
		case "ceil":
			return math.Ceil(f)
		case "floor":
			return math.Floor(f)
		case "sqrt":
			return math.Sqrt(f)
		case "exp":
			return math.Exp(f)
		case "log":
			return math.Log(f)
		case "log10":
			return math.Log10(f)
		case "sin":
			return math.Sin(f)
		case "cos":
			return math.Cos(f)
		case "tan":
			return math.Tan(f)
		case "asin":
			return math.Asin(f)
		case "acos":
			return math.Acos(f)
		case "atan":
			return math.Atan(f)
		case "degrees":
			return f * 180 / math.Pi
		}
		return f * math.Pi / 180
	case "atan2":
		arity(e, 2, 2)
		if nullIn() {
			return nil
		}
		return math.Atan2(num("atan2", a[0]), num("atan2", a[1]))
	case "pi":
		return math.Pi
	case "e":
		return math.E
	case "rand":
		return 0.5
	case "isempty":
		arity(e, 1, 1)
		switch v := a[0].(type) {
		case nil:
			return nil
		case string:
			return v == ""
		case []any:
			return len(v) == 0
		case map[string]any:
			return len(v) == 0
		}
		typeError("isEmpty needs a string, list or map")
	case "valuetype":
		return typeName(a[0])
	}
	fail("SyntaxError", "UnknownFunction", "unknown function %s", e.Name)
	return nil
}

// roundHalfUp rounds half away from zero for positives and towards
// positive infinity at .5 for negatives, as Cypher's round does.
func roundHalfUp(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	return math.Floor(f + 0.5)
}

// roundDecimal rounds f to p decimals, half away from zero, on its
// shortest decimal form (as Java's BigDecimal.valueOf(f).setScale(p,
// HALF_UP) does), so that round(0.285, 2) is 0.29.
func roundDecimal(f float64, p int64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) || p > 300 {
		return f
	}
	if p < 0 {
		m := math.Pow(10, float64(-p))
		return math.Round(f/m) * m
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if int64(len(frac)) <= p {
		return f
	}
	digits := []byte(intPart + frac[:p])
	up := frac[p] >= '5'
	if up {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	n := len(digits) - int(p)
	out := string(digits[:n])
	if p > 0 {
		out += "." + string(digits[n:])
	}
	r, _ := strconv.ParseFloat(out, 64)
	if f < 0 {
		r = -r
	}
	return r
}

func isNaN(v any) bool {
	f, ok := v.(float64)
	return ok && math.IsNaN(f)
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

package cypher

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// render writes a value in the TCK's result notation, canonically: map
// keys and labels sorted, floats in their shortest form; with sortLists,
// list elements sorted too.
func render(v any, sortLists bool) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return renderFloat(x)
	case string:
		return "'" + strings.ReplaceAll(x, "'", `\'`) + "'"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = render(e, sortLists)
		}
		if sortLists {
			slices.Sort(parts)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		return renderMap(x, sortLists)
	case *Node:
		return renderNode(slices.Clone(x.Labels), x.Props, sortLists)
	case *Rel:
		return renderRel(x.Type, x.Props, sortLists)
	case Path:
		var b strings.Builder
		b.WriteString("<")
		b.WriteString(render(x.Nodes[0], sortLists))
		for i, r := range x.Rels {
			if r.Start == x.Nodes[i] {
				b.WriteString("-" + render(r, sortLists) + "->")
			} else {
				b.WriteString("<-" + render(r, sortLists) + "-")
			}
			b.WriteString(render(x.Nodes[i+1], sortLists))
		}
		b.WriteString(">")
		return b.String()
	case tckNode:
		return renderNode(x.labels, x.props, sortLists)
	case tckRel:
		return renderRel(x.typ, x.props, sortLists)
	case tckPath:
		var b strings.Builder
		b.WriteString("<")
		for i, p := range x.parts {
			if i%2 == 0 {
				b.WriteString(render(p, sortLists))
				continue
			}
			r := p.(tckRel)
			if r.left {
				b.WriteString("<-" + render(r, sortLists) + "-")
			} else {
				b.WriteString("-" + render(r, sortLists) + "->")
			}
		}
		b.WriteString(">")
		return b.String()
	}
	return fmt.Sprintf("?%v", v)
}

func renderFloat(f float64) string {
	if f == 0 {
		f = 0 // -0.0 is 0.0
	}
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func renderMap(m map[string]any, sortLists bool) string {
	keys := sortedKeys(m)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+render(m[k], sortLists))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func renderNode(labels []string, props map[string]any, sortLists bool) string {
	slices.Sort(labels)
	s := "("
	for _, l := range labels {
		s += ":" + l
	}
	if len(props) > 0 {
		if len(labels) > 0 {
			s += " "
		}
		s += renderMap(props, sortLists)
	}
	return s + ")"
}

func renderRel(typ string, props map[string]any, sortLists bool) string {
	s := "[:" + typ
	if len(props) > 0 {
		s += " " + renderMap(props, sortLists)
	}
	return s + "]"
}

type tckNode struct {
	labels []string
	props  map[string]any
}

type tckRel struct {
	typ   string
	props map[string]any
	left  bool
}

type tckPath struct{ parts []any }

// parseTCK reads a value in the TCK's notation.
func parseTCK(s string) (any, error) {
	p := &tckParser{s: strings.TrimSpace(s)}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i != len(p.s) {
		return nil, fmt.Errorf("trailing %q in %q", p.s[p.i:], s)
	}
	return v, nil
}

type tckParser struct {
	s string
	i int
}

func (p *tckParser) ws() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\n' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *tckParser) peek() byte {
	p.ws()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *tckParser) eat(c byte) error {
	if p.peek() != c {
		return fmt.Errorf("expected %c at %d in %q", c, p.i, p.s)
	}
	p.i++
	return nil
}

func (p *tckParser) value() (any, error) {
	switch c := p.peek(); {
	case c == '\'':
		return p.str()
	case c == '[':
		if p.i+1 < len(p.s) && p.s[p.i+1] == ':' {
			return p.rel(false)
		}
		p.i++
		out := []any{}
		if p.peek() == ']' {
			p.i++
			return out, nil
		}
		for {
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			if p.peek() == ',' {
				p.i++
				continue
			}
			return out, p.eat(']')
		}
	case c == '{':
		return p.mapv()
	case c == '(':
		return p.node()
	case c == '<':
		p.i++
		var parts []any
		n, err := p.node()
		if err != nil {
			return nil, err
		}
		parts = append(parts, n)
		for p.peek() != '>' {
			left := false
			if strings.HasPrefix(p.s[p.i:], "<-") {
				left = true
				p.i += 2
			} else if err := p.eat('-'); err != nil {
				return nil, err
			}
			r, err := p.rel(left)
			if err != nil {
				return nil, err
			}
			if left {
				if err := p.eat('-'); err != nil {
					return nil, err
				}
			} else {
				if !strings.HasPrefix(p.s[p.i:], "->") {
					return nil, fmt.Errorf("expected -> in %q", p.s)
				}
				p.i += 2
			}
			n, err := p.node()
			if err != nil {
				return nil, err
			}
			parts = append(parts, r, n)
		}
		p.i++
		return tckPath{parts}, nil
	}
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(",]}) ", rune(p.s[p.i])) {
		p.i++
	}
	w := p.s[start:p.i]
	switch w {
	case "null":
		return nil, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "NaN":
		return math.NaN(), nil
	case "Inf", "Infinity":
		return math.Inf(1), nil
	case "-Inf", "-Infinity":
		return math.Inf(-1), nil
	}
	if n, err := strconv.ParseInt(w, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(w, 64); err == nil {
		return f, nil
	}
	return nil, fmt.Errorf("cannot read %q", w)
}

func (p *tckParser) str() (any, error) {
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '\\' && p.i+1 < len(p.s) {
			b.WriteByte(p.s[p.i+1])
			p.i += 2
			continue
		}
		if c == '\'' {
			p.i++
			return b.String(), nil
		}
		b.WriteByte(c)
		p.i++
	}
	return nil, fmt.Errorf("unterminated string in %q", p.s)
}

func (p *tckParser) name() string {
	p.ws()
	start := p.i
	if p.i < len(p.s) && p.s[p.i] == '`' {
		end := strings.IndexByte(p.s[p.i+1:], '`')
		p.i += end + 2
		return p.s[start+1 : p.i-1]
	}
	for p.i < len(p.s) && (p.s[p.i] == '_' || p.s[p.i] >= 'a' && p.s[p.i] <= 'z' || p.s[p.i] >= 'A' && p.s[p.i] <= 'Z' || p.s[p.i] >= '0' && p.s[p.i] <= '9') {
		p.i++
	}
	return p.s[start:p.i]
}

func (p *tckParser) mapv() (map[string]any, error) {
	if err := p.eat('{'); err != nil {
		return nil, err
	}
	m := map[string]any{}
	if p.peek() == '}' {
		p.i++
		return m, nil
	}
	for {
		k := p.name()
		if err := p.eat(':'); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		m[k] = v
		if p.peek() == ',' {
			p.i++
			continue
		}
		return m, p.eat('}')
	}
}

func (p *tckParser) node() (any, error) {
	if err := p.eat('('); err != nil {
		return nil, err
	}
	n := tckNode{props: map[string]any{}}
	for p.peek() == ':' {
		p.i++
		n.labels = append(n.labels, p.name())
	}
	if p.peek() == '{' {
		m, err := p.mapv()
		if err != nil {
			return nil, err
		}
		n.props = m
	}
	return n, p.eat(')')
}

func (p *tckParser) rel(left bool) (any, error) {
	if err := p.eat('['); err != nil {
		return nil, err
	}
	r := tckRel{props: map[string]any{}, left: left}
	if err := p.eat(':'); err != nil {
		return nil, err
	}
	r.typ = p.name()
	if p.peek() == '{' {
		m, err := p.mapv()
		if err != nil {
			return nil, err
		}
		r.props = m
	}
	return r, p.eat(']')
}

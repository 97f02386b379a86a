package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/cypher/parse"
)

// BatchSize is the number of rows in one UNWIND statement of Cypher.
const BatchSize = 500

// Cypher writes g as a script for cypher-shell: first a uniqueness
// constraint on id for every label g has (named as the Neo4j store names
// them, so the script and the store agree), then the nodes of each label,
// then the relationships of each type, each as
//
//	UNWIND [{id: 'talk:...', title: '...'}, ...] AS row
//	MERGE (n:Talk {id: row.id}) SET n += row;
//
// with at most BatchSize rows per statement. Relationships MATCH both ends
// by label and id and MERGE, so running the script twice changes nothing.
// Every value is a Cypher literal; strings are single-quoted with
// backslash escapes.
func Cypher(w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriter(w)
	c := &cypherWriter{w: bw}
	c.line("// talkgraph export: run with cypher-shell -f FILE")
	labels, nodes := nodesByLabel(g)
	for _, l := range labels {
		name := strings.ToLower(string(l)) + "_id"
		c.line("CREATE CONSTRAINT " + quoteKey(name) + " IF NOT EXISTS FOR (n:" + quoteKey(string(l)) + ") REQUIRE n.id IS UNIQUE;")
	}
	for _, l := range labels {
		ns := nodes[l]
		for start := 0; start < len(ns); start += BatchSize {
			batch := ns[start:min(start+BatchSize, len(ns))]
			c.raw("UNWIND [")
			for i, n := range batch {
				p := nodeProps(n)
				p[graph.StoredID] = n.ID
				c.row(i, p)
			}
			c.line("\n] AS row\nMERGE (n:" + quoteKey(string(l)) + " {id: row.id}) SET n += row;")
		}
	}
	types, rs := relsByType(g)
	for _, t := range types {
		// Group by the labels of the ends, so MATCH uses the constraints.
		type ends struct{ from, to graph.Label }
		var order []ends
		groups := map[ends][]*graph.Rel{}
		for _, r := range rs[t] {
			a, _ := g.Node(r.From)
			b, _ := g.Node(r.To)
			e := ends{a.Label, b.Label}
			if _, ok := groups[e]; !ok {
				order = append(order, e)
			}
			groups[e] = append(groups[e], r)
		}
		// order follows the relationships' sort, which is deterministic.
		for _, e := range order {
			list := groups[e]
			for start := 0; start < len(list); start += BatchSize {
				batch := list[start:min(start+BatchSize, len(list))]
				c.raw("UNWIND [")
				for i, r := range batch {
					c.row(i, map[string]any{"from": r.From, "to": r.To, "props": relProps(r)})
				}
				c.line("\n] AS row\nMATCH (a:" + quoteKey(string(e.from)) + " {id: row.from})\nMATCH (b:" + quoteKey(string(e.to)) +
					" {id: row.to})\nMERGE (a)-[r:" + quoteKey(string(t)) + "]->(b) SET r += row.props;")
			}
		}
	}
	if c.err != nil {
		return fmt.Errorf("write cypher: %w", c.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write cypher: %w", err)
	}
	return nil
}

type cypherWriter struct {
	w   *bufio.Writer
	err error
}

func (c *cypherWriter) raw(s string) {
	if c.err == nil {
		_, c.err = c.w.WriteString(s)
	}
}

func (c *cypherWriter) line(s string) { c.raw(s + "\n") }

// row writes the i-th map of an UNWIND list, one per line.
func (c *cypherWriter) row(i int, p map[string]any) {
	if i > 0 {
		c.raw(",")
	}
	c.raw("\n  " + cypherMap(p))
}

// cypherMap returns p as a Cypher map literal, keys sorted.
func cypherMap(p map[string]any) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range sortedKeys(p) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteKey(k))
		b.WriteString(": ")
		b.WriteString(cypherValue(p[k]))
	}
	b.WriteByte('}')
	return b.String()
}

// cypherValue returns v as a Cypher literal.
func cypherValue(v any) string {
	switch v := v.(type) {
	case string:
		return parse.Quote(v)
	case int64:
		if v == math.MinInt64 {
			return "(-9223372036854775807 - 1)"
		}
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case float64:
		return cypherFloat(v)
	case bool:
		return strconv.FormatBool(v)
	case []string:
		var b strings.Builder
		b.WriteByte('[')
		for i, s := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(parse.Quote(s))
		}
		b.WriteByte(']')
		return b.String()
	case map[string]any:
		return cypherMap(v)
	case nil:
		return "null"
	}
	return parse.Quote(fmt.Sprint(v))
}

// cypherFloat returns f as a Cypher float literal: always with a decimal
// point or an exponent, the exponent without "+".
func cypherFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "0.0/0.0"
	case math.IsInf(f, 1):
		return "1.0/0.0"
	case math.IsInf(f, -1):
		return "-1.0/0.0"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant, exp := s[:i], strings.TrimPrefix(s[i+1:], "+")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		return mant + "e" + exp
	}
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// quoteKey returns k as a map key: as it is when it is a plain identifier,
// else in backquotes.
func quoteKey(k string) string {
	if isIdent(k) {
		return k
	}
	return quoteName(k)
}

// quoteName returns name in backquotes, doubling any backquote in it.
func quoteName(name string) string { return "`" + strings.ReplaceAll(name, "`", "``") + "`" }

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', r < unicode.MaxASCII && unicode.IsLetter(r):
		case i > 0 && r < unicode.MaxASCII && unicode.IsDigit(r):
		default:
			return false
		}
	}
	return true
}

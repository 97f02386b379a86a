package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/talkgraph/talkgraph/graph"
)

// graphMLTypes maps a column kind to a GraphML attr.type. GraphML has no
// lists: they are written as strings joined by ";".
var graphMLTypes = map[kind]string{
	kindString: "string", kindLong: "long", kindDouble: "double", kindBool: "boolean", kindList: "string",
}

// GraphML writes g as a directed GraphML document that Gephi and yEd open.
//
// Every node has a "label" attribute, its display name (a talk's title, a
// tool's name), a "labels" attribute as APOC writes it (":Talk"), and its
// properties; every edge has a "label" attribute, its type (MENTIONS), and
// a "count". Each attribute is declared once by a <key> with its type
// (string, long, double or boolean).
func GraphML(w io.Writer, g *graph.Graph) error {
	nodes := g.Nodes()
	rs := rels(g)
	nprops := make([]map[string]any, len(nodes))
	for i, n := range nodes {
		p := nodeProps(n)
		reserve(p, "label", "labels")
		p["label"] = n.Name()
		p["labels"] = ":" + string(n.Label)
		nprops[i] = p
	}
	rprops := make([]map[string]any, len(rs))
	for i, r := range rs {
		p := relProps(r)
		reserve(p, "label")
		p["label"] = string(r.Type)
		rprops[i] = p
	}
	ncols := graphMLColumns(nprops)
	rcols := graphMLColumns(rprops)

	bw := bufio.NewWriter(w)
	x := &xmlWriter{w: bw}
	x.raw(xml.Header)
	x.raw(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for i, c := range ncols {
		x.key("n"+strconv.Itoa(i), "node", c)
	}
	for i, c := range rcols {
		x.key("e"+strconv.Itoa(i), "edge", c)
	}
	x.raw(`  <graph id="talkgraph" edgedefault="directed">` + "\n")
	for i, n := range nodes {
		x.raw(`    <node id="`)
		x.escape(n.ID)
		x.raw("\">\n")
		x.data("n", ncols, nprops[i])
		x.raw("    </node>\n")
	}
	for i, r := range rs {
		x.raw(`    <edge id="e` + strconv.Itoa(i) + `" source="`)
		x.escape(r.From)
		x.raw(`" target="`)
		x.escape(r.To)
		x.raw("\">\n")
		x.data("e", rcols, rprops[i])
		x.raw("    </edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	if x.err != nil {
		return fmt.Errorf("write graphml: %w", x.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write graphml: %w", err)
	}
	return nil
}

// graphMLColumns returns the columns of props with "label" first.
func graphMLColumns(props []map[string]any) []column {
	cols := columns(props)
	for i, c := range cols {
		if c.name == "label" {
			copy(cols[1:i+1], cols[:i])
			cols[0] = c
			break
		}
	}
	return cols
}

// xmlWriter writes XML text, keeping the first error.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// escape writes s as XML character data, valid in text and in a quoted
// attribute: xml.EscapeText escapes quotes, '<', '>', '&', tabs and
// newlines, and replaces characters XML cannot hold by U+FFFD.
func (x *xmlWriter) escape(s string) {
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(s))
	}
}

func (x *xmlWriter) key(id, domain string, c column) {
	x.raw(`  <key id="` + id + `" for="` + domain + `" attr.name="`)
	x.escape(c.name)
	x.raw(`" attr.type="` + graphMLTypes[c.kind] + "\"/>\n")
}

// data writes a <data> element for every column that p has.
func (x *xmlWriter) data(prefix string, cols []column, p map[string]any) {
	for i, c := range cols {
		v, ok := p[c.name]
		if !ok {
			continue
		}
		x.raw(`      <data key="` + prefix + strconv.Itoa(i) + `">`)
		x.escape(text(convert(v, c.kind), c.kind, ";"))
		x.raw("</data>\n")
	}
}

// reserve renames the properties of p named like one of names to "prop_"
// and the name.
func reserve(p map[string]any, names ...string) {
	for _, k := range names {
		if v, ok := p[k]; ok {
			delete(p, k)
			p["prop_"+k] = v
		}
	}
}

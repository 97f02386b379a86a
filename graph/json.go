package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// graphJSON is the JSON form of a Graph.
type graphJSON struct {
	Nodes []Node `json:"nodes"`
	Rels  []Rel  `json:"rels"`
}

// MarshalJSON encodes g as {"nodes":[...],"rels":[...]}: nodes sorted by ID,
// relationships in the order of Rels, each with the field names of the Node
// and Rel struct tags, and property keys sorted, so the same graph always
// gives the same bytes. As with encoding/json, "<", ">" and "&" in strings
// are written as \u escapes, so the bytes are the same whether the graph is
// encoded alone or inside another value, with or without HTML escaping.
//
// Property values keep their Go types through a round trip. UnmarshalJSON
// reads numbers exactly: one written with a decimal point or an exponent
// becomes a float64 and any other an int64, so floats are always written with
// one ("2.0", "1e+21"). A []string is written as an array of strings, and a
// nil one reads back as empty.
//
// MarshalJSON fails on a label or relationship type outside the schema and on
// a property value of another type than string, int64, float64 (finite),
// bool or []string; the error names the node or relationship and wraps
// ErrInvalid.
func (g *Graph) MarshalJSON() ([]byte, error) {
	if g.enc != nil {
		return slices.Clone(g.enc), nil
	}
	out := graphJSON{Nodes: make([]Node, 0, len(g.nodes)), Rels: make([]Rel, 0, len(g.rels))}
	for _, n := range g.Nodes() {
		if !n.Label.Valid() {
			return nil, fmt.Errorf("node %q: unknown label %q: %w", n.ID, n.Label, ErrInvalid)
		}
		p, err := encodeProps(n.Props)
		if err != nil {
			return nil, fmt.Errorf("node %q: %w", n.ID, err)
		}
		out.Nodes = append(out.Nodes, Node{ID: n.ID, Label: n.Label, Props: p, Sources: n.Sources})
	}
	for _, r := range g.Rels() {
		if !r.Type.Valid() {
			return nil, fmt.Errorf("%s: unknown relationship type: %w", relName(r), ErrInvalid)
		}
		p, err := encodeProps(r.Props)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", relName(r), err)
		}
		out.Rels = append(out.Rels, Rel{Type: r.Type, From: r.From, To: r.To, Props: p, Sources: r.Sources})
	}
	return json.Marshal(out)
}

// UnmarshalJSON replaces g's contents with the graph that data encodes. It
// rejects labels and relationship types outside the schema, empty or
// duplicate IDs and relationships, and property values that are not a
// string, number, boolean or array of strings; the error names the node (or
// the relationship's endpoints) and wraps ErrInvalid.
func (g *Graph) UnmarshalJSON(data []byte) error {
	in, ok := scanGraphJSON(data)
	if !ok {
		var err error
		if in, err = decodeGraphJSON(data); err != nil {
			return err
		}
	}
	out := New()
	for _, n := range in.Nodes {
		if err := out.addDecodedNode(n); err != nil {
			return err
		}
	}
	for _, r := range in.Rels {
		if err := out.addDecodedRel(r); err != nil {
			return err
		}
	}
	*g = *out
	return nil
}

// decodeGraphJSON decodes data with encoding/json, property values as
// decodeProps makes them: what scanGraphJSON does not read, and the errors.
func decodeGraphJSON(data []byte) (graphJSON, error) {
	var in graphJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&in); err != nil {
		return in, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return in, fmt.Errorf("graph: unexpected data after the graph object: %w", ErrInvalid)
	}
	for i := range in.Nodes {
		n := &in.Nodes[i]
		p, err := decodeProps(n.Props)
		if err != nil {
			return in, fmt.Errorf("node %q: %w", n.ID, err)
		}
		n.Props = p
	}
	for i := range in.Rels {
		r := &in.Rels[i]
		p, err := decodeProps(r.Props)
		if err != nil {
			return in, fmt.Errorf("%s: %w", relName(r), err)
		}
		r.Props = p
	}
	return in, nil
}

// UnmarshalStored is UnmarshalJSON for data that MarshalJSON wrote and a
// store kept (checked against its hash): g keeps the bytes, and
// MarshalJSON gives them back until g changes, without encoding again.
func (g *Graph) UnmarshalStored(data []byte) error {
	if err := g.UnmarshalJSON(data); err != nil {
		return err
	}
	g.enc = data
	return nil
}

func (g *Graph) addDecodedNode(n Node) error {
	switch _, dup := g.nodes[n.ID]; {
	case n.ID == "":
		return fmt.Errorf("node with label %q: empty id: %w", n.Label, ErrInvalid)
	case !n.Label.Valid():
		return fmt.Errorf("node %q: unknown label %q: %w", n.ID, n.Label, ErrInvalid)
	case dup:
		return fmt.Errorf("node %q: duplicate id: %w", n.ID, ErrInvalid)
	}
	g.nodes[n.ID] = &n
	return nil
}

func (g *Graph) addDecodedRel(r Rel) error {
	switch _, dup := g.rels[r.Key()]; {
	case r.From == "" || r.To == "":
		return fmt.Errorf("%s: empty endpoint id: %w", relName(&r), ErrInvalid)
	case !r.Type.Valid():
		return fmt.Errorf("%s: unknown relationship type: %w", relName(&r), ErrInvalid)
	case dup:
		return fmt.Errorf("%s: duplicate relationship: %w", relName(&r), ErrInvalid)
	}
	g.rels[r.Key()] = &r
	return nil
}

func relName(r *Rel) string {
	return fmt.Sprintf("relationship %q -[%s]-> %q", r.From, r.Type, r.To)
}

// encodeProps returns a copy of p ready for encoding/json, with each float
// turned into a json.Number that keeps a decimal point or an exponent.
func encodeProps(p map[string]any) (map[string]any, error) {
	if len(p) == 0 {
		return nil, nil
	}
	out := make(map[string]any, len(p))
	for k, v := range p {
		switch v := v.(type) {
		case string, int64, bool:
			out[k] = v
		case []string:
			if v == nil {
				v = []string{}
			}
			out[k] = v
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("property %q: float %v has no JSON form: %w", k, v, ErrInvalid)
			}
			out[k] = json.Number(formatFloat(v))
		default:
			return nil, fmt.Errorf("property %q: unsupported type %T (want string, int64, float64, bool or []string): %w", k, v, ErrInvalid)
		}
	}
	return out, nil
}

// formatFloat formats f as encoding/json does, then adds ".0" when the
// result would read as an integer.
func formatFloat(f float64) string {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	s := strconv.FormatFloat(f, format, -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// decodeProps turns the values that a json.Decoder with UseNumber produced
// back into property values, in place.
func decodeProps(p map[string]any) (map[string]any, error) {
	if len(p) == 0 {
		return nil, nil
	}
	for k, v := range p {
		d, err := decodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		p[k] = d
	}
	return p, nil
}

func decodeValue(v any) (any, error) {
	switch v := v.(type) {
	case string, bool:
		return v, nil
	case json.Number:
		var n any
		var err error
		if strings.ContainsAny(string(v), ".eE") {
			n, err = strconv.ParseFloat(string(v), 64)
		} else {
			n, err = strconv.ParseInt(string(v), 10, 64)
		}
		if err != nil {
			return nil, fmt.Errorf("number %s out of range: %w", v, ErrInvalid)
		}
		return n, nil
	case []any:
		out := make([]string, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("list element %d is %s, want a string: %w", i, jsonKind(e), ErrInvalid)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, fmt.Errorf("value is %s, want a string, number, boolean or list of strings: %w", jsonKind(v), ErrInvalid)
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	}
	return "an object"
}

// Stored returns a copy of g equal to what UnmarshalStored(data) gives,
// where data is g.MarshalJSON(), without decoding data: empty property
// maps and source lists become nil, a nil []string an empty one, and the
// copy keeps data for MarshalJSON. ok is false when decoding would change
// more than that (a string that is not valid UTF-8, which JSON replaces):
// then decode data instead.
func (g *Graph) Stored(data []byte) (out *Graph, ok bool) {
	out = &Graph{nodes: make(map[string]*Node, len(g.nodes)), rels: make(map[RelKey]*Rel, len(g.rels)), enc: data}
	valid := func(s string) bool { return utf8.ValidString(s) }
	props := func(p map[string]any) (map[string]any, bool) {
		if len(p) == 0 {
			return nil, true
		}
		c := make(map[string]any, len(p))
		for k, v := range p {
			if !valid(k) {
				return nil, false
			}
			switch v := v.(type) {
			case string:
				if !valid(v) {
					return nil, false
				}
				c[k] = v
			case []string:
				l := make([]string, len(v))
				for i, s := range v {
					if !valid(s) {
						return nil, false
					}
					l[i] = s
				}
				c[k] = l
			default:
				c[k] = v
			}
		}
		return c, true
	}
	sources := func(srcs []Source) ([]Source, bool) {
		if len(srcs) == 0 {
			return nil, true
		}
		for _, s := range srcs {
			if !valid(s.Note) {
				return nil, false
			}
		}
		return slices.Clone(srcs), true
	}
	for id, n := range g.nodes {
		c := Node{ID: n.ID, Label: n.Label}
		var ok1, ok2 bool
		c.Props, ok1 = props(n.Props)
		c.Sources, ok2 = sources(n.Sources)
		if !ok1 || !ok2 || !valid(n.ID) || !valid(string(n.Label)) {
			return nil, false
		}
		out.nodes[id] = &c
	}
	for k, r := range g.rels {
		c := Rel{Type: r.Type, From: r.From, To: r.To}
		var ok1, ok2 bool
		c.Props, ok1 = props(r.Props)
		c.Sources, ok2 = sources(r.Sources)
		if !ok1 || !ok2 || !valid(r.From) || !valid(r.To) || !valid(string(r.Type)) {
			return nil, false
		}
		out.rels[k] = &c
	}
	return out, true
}

package graph

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// binaryMagic starts the binary form of a graph (version 1).
const binaryMagic = "TGGRAPH1"

// Kinds of property values in the binary form.
const (
	kindString byte = iota + 1
	kindInt
	kindFloat
	kindBool
	kindStrings
)

// MarshalBinary encodes g compactly, for a store to keep a merged graph
// that opens without parsing JSON: every string once in a table, then the
// nodes sorted by ID and the relationships in the order of Rels, each
// referring to the table. The same graph always gives the same bytes. It
// fails as MarshalJSON does, on what the schema or the property types
// reject, but it accepts relationships whose nodes g does not hold.
func (g *Graph) MarshalBinary() ([]byte, error) {
	e := binEncoder{index: make(map[string]uint64, 2*len(g.nodes)+len(g.rels)/2)}
	nodes, rels := g.Nodes(), g.relsSorted()
	for _, n := range nodes {
		if !n.Label.Valid() {
			return nil, fmt.Errorf("node %q: unknown label %q: %w", n.ID, n.Label, ErrInvalid)
		}
		e.str(n.ID)
		e.str(string(n.Label))
		if err := e.props(n.Props); err != nil {
			return nil, fmt.Errorf("node %q: %w", n.ID, err)
		}
		if err := checkLines(n.Sources); err != nil {
			return nil, fmt.Errorf("node %q: %w", n.ID, err)
		}
		e.sources(n.Sources)
	}
	for _, r := range rels {
		if !r.Type.Valid() {
			return nil, fmt.Errorf("%s: unknown relationship type: %w", relName(r), ErrInvalid)
		}
		e.str(string(r.Type))
		e.str(r.From)
		e.str(r.To)
		if err := e.props(r.Props); err != nil {
			return nil, fmt.Errorf("%s: %w", relName(r), err)
		}
		if err := checkLines(r.Sources); err != nil {
			return nil, fmt.Errorf("%s: %w", relName(r), err)
		}
		e.sources(r.Sources)
	}
	// magic, string count, the strings' lengths and bytes, then the counts
	// of nodes and relationships and their records.
	out := make([]byte, 0, len(binaryMagic)+len(e.table)+len(e.body)+binary.MaxVarintLen64*(len(e.strs)+3))
	out = append(out, binaryMagic...)
	out = binary.AppendUvarint(out, uint64(len(e.strs)))
	for _, s := range e.strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	out = append(out, e.table...)
	out = binary.AppendUvarint(out, uint64(len(nodes)))
	out = binary.AppendUvarint(out, uint64(len(rels)))
	return append(out, e.body...), nil
}

// relsSorted returns the relationships in the order of Rels, sorted
// faster: grouped by start node (in the order of the nodes' IDs), each
// group sorted by type and end.
func (g *Graph) relsSorted() []*Rel {
	from := make(map[string][]*Rel, len(g.nodes))
	for _, r := range g.rels {
		from[r.From] = append(from[r.From], r)
	}
	starts := make([]string, 0, len(from))
	for id := range from {
		starts = append(starts, id)
	}
	slices.Sort(starts)
	out := make([]*Rel, 0, len(g.rels))
	for _, id := range starts {
		group := from[id]
		slices.SortFunc(group, func(a, b *Rel) int {
			if a.Type != b.Type {
				return cmp.Compare(a.Type, b.Type)
			}
			return cmp.Compare(a.To, b.To)
		})
		out = append(out, group...)
	}
	return out
}

type binEncoder struct {
	index map[string]uint64
	strs  []string
	table []byte
	body  []byte
}

func (e *binEncoder) str(s string) {
	i, ok := e.index[s]
	if !ok {
		i = uint64(len(e.strs))
		e.index[s] = i
		e.strs = append(e.strs, s)
		e.table = append(e.table, s...)
	}
	e.body = binary.AppendUvarint(e.body, i)
}

func (e *binEncoder) num(n uint64) { e.body = binary.AppendUvarint(e.body, n) }

func (e *binEncoder) props(p map[string]any) error {
	var buf [8]string
	keys := buf[:0]
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.num(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		switch v := p[k].(type) {
		case string:
			e.body = append(e.body, kindString)
			e.str(v)
		case int64:
			e.body = append(e.body, kindInt)
			e.body = binary.AppendVarint(e.body, v)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("property %q: float %v is not stored: %w", k, v, ErrInvalid)
			}
			e.body = append(e.body, kindFloat)
			e.body = binary.LittleEndian.AppendUint64(e.body, math.Float64bits(v))
		case bool:
			e.body = append(e.body, kindBool)
			if v {
				e.body = append(e.body, 1)
			} else {
				e.body = append(e.body, 0)
			}
		case []string:
			e.body = append(e.body, kindStrings)
			e.num(uint64(len(v)))
			for _, s := range v {
				e.str(s)
			}
		default:
			return fmt.Errorf("property %q: unsupported type %T (want string, int64, float64, bool or []string): %w", k, v, ErrInvalid)
		}
	}
	return nil
}

func (e *binEncoder) sources(srcs []Source) {
	e.num(uint64(len(srcs)))
	for _, s := range srcs {
		e.str(s.Note)
		e.num(uint64(s.Line))
		e.num(uint64(s.EndLine))
	}
}

// UnmarshalBinary replaces g's contents with the graph that data, written by
// MarshalBinary, encodes. It checks what UnmarshalJSON checks (labels,
// types, empty and duplicate IDs, property types) and that every reference
// and length is within data, so that no input makes it panic; the error
// gives the byte offset and wraps ErrInvalid. A []string property decodes
// as an empty (not nil) slice, as from JSON, and an empty property map as
// nil.
func (g *Graph) UnmarshalBinary(data []byte) error {
	d := binDecoder{data: data}
	if len(data) < len(binaryMagic) || string(data[:len(binaryMagic)]) != binaryMagic {
		return fmt.Errorf("graph: not a binary graph (no %q header): %w", binaryMagic, ErrInvalid)
	}
	d.off = len(binaryMagic)
	nstr := d.count(1)
	lens := make([]int, nstr)
	total := 0
	for i := range lens {
		lens[i] = d.count(1)
		total += lens[i]
	}
	if d.err == nil && total > len(data)-d.off {
		d.fail("string table beyond the end")
	}
	if d.err != nil {
		return d.err
	}
	// One allocation for every string: each is a slice of the table.
	table := string(data[d.off : d.off+total])
	d.off += total
	d.strs = make([]string, nstr)
	at := 0
	for i, n := range lens {
		d.strs[i] = table[at : at+n]
		at += n
	}
	// A node takes 4 bytes at least (id, label, props and sources counts),
	// a relationship 5: counts past that are refused before allocating.
	nn, nr := d.count(4), d.count(5)
	if d.err == nil && uint64(nn)*4+uint64(nr)*5 > uint64(len(d.data)-d.off) {
		d.fail("count beyond the end")
		nn, nr = 0, 0
	}
	out := &Graph{nodes: make(map[string]*Node, nn), rels: make(map[RelKey]*Rel, nr)}
	nodes := make([]Node, nn)
	for i := 0; i < nn && d.err == nil; i++ {
		n := &nodes[i]
		n.ID, n.Label = d.str(), Label(d.str())
		n.Props = d.props()
		n.Sources = d.sources()
		switch _, dup := out.nodes[n.ID]; {
		case d.err != nil:
		case n.ID == "":
			d.fail(fmt.Sprintf("node with label %q: empty id", n.Label))
		case !n.Label.Valid():
			d.fail(fmt.Sprintf("node %q: unknown label %q", n.ID, n.Label))
		case dup:
			d.fail(fmt.Sprintf("node %q: duplicate id", n.ID))
		default:
			out.nodes[n.ID] = n
		}
	}
	rels := make([]Rel, nr)
	for i := 0; i < nr && d.err == nil; i++ {
		r := &rels[i]
		r.Type, r.From, r.To = RelType(d.str()), d.str(), d.str()
		r.Props = d.props()
		r.Sources = d.sources()
		switch _, dup := out.rels[r.Key()]; {
		case d.err != nil:
		case r.From == "" || r.To == "":
			d.fail(relName(r) + ": empty endpoint id")
		case !r.Type.Valid():
			d.fail(relName(r) + ": unknown relationship type")
		case dup:
			d.fail(relName(r) + ": duplicate relationship")
		default:
			out.rels[r.Key()] = r
		}
	}
	if d.err == nil && d.off != len(data) {
		d.fail("unexpected data after the graph")
	}
	if d.err != nil {
		return d.err
	}
	*g = *out
	return nil
}

type binDecoder struct {
	data []byte
	off  int
	strs []string
	err  error

	// Slabs that sources and string lists are cut from, to allocate
	// few large blocks rather than many small ones.
	srcSlab []Source
	strSlab []string
}

// fromSlab returns a slice of n cut from *slab (capped, so that appending
// to it never writes into the next one), starting a new slab of 4,096 when
// it runs short; more than 256 get their own allocation.
func fromSlab[T any](slab *[]T, n int) []T {
	if n > 256 {
		return make([]T, n)
	}
	if len(*slab) < n {
		*slab = make([]T, 4096)
	}
	out := (*slab)[:n:n]
	*slab = (*slab)[n:]
	return out
}

func (d *binDecoder) fail(msg string) {
	if d.err == nil {
		d.err = fmt.Errorf("graph: byte %d: %s: %w", d.off, msg, ErrInvalid)
	}
}

func (d *binDecoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data[d.off:])
	if n <= 0 {
		d.fail("bad number")
		return 0
	}
	d.off += n
	return v
}

// count reads a count of items that take at least size bytes each, and
// checks that they can fit in what is left of the data.
func (d *binDecoder) count(size int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64((len(d.data)-d.off)/size) {
		d.fail("count beyond the end")
		return 0
	}
	return int(v)
}

func (d *binDecoder) str() string {
	i := d.uvarint()
	if d.err == nil && i >= uint64(len(d.strs)) {
		d.fail("string reference out of range")
	}
	if d.err != nil {
		return ""
	}
	return d.strs[i]
}

func (d *binDecoder) props() map[string]any {
	n := d.count(2)
	if n == 0 || d.err != nil {
		return nil
	}
	p := make(map[string]any, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		if d.err == nil && d.off >= len(d.data) {
			d.fail("property value beyond the end")
		}
		if d.err != nil {
			return nil
		}
		kind := d.data[d.off]
		d.off++
		switch kind {
		case kindString:
			p[k] = d.str()
		case kindInt:
			v, m := binary.Varint(d.data[d.off:])
			if m <= 0 {
				d.fail("bad integer")
				return nil
			}
			d.off += m
			p[k] = v
		case kindFloat:
			if len(d.data)-d.off < 8 {
				d.fail("float beyond the end")
				return nil
			}
			f := math.Float64frombits(binary.LittleEndian.Uint64(d.data[d.off:]))
			d.off += 8
			if math.IsNaN(f) || math.IsInf(f, 0) {
				d.fail(fmt.Sprintf("property %q: float %v", k, f))
				return nil
			}
			p[k] = f
		case kindBool:
			if d.off >= len(d.data) || d.data[d.off] > 1 {
				d.fail("bad boolean")
				return nil
			}
			p[k] = d.data[d.off] == 1
			d.off++
		case kindStrings:
			m := d.count(1)
			ss := fromSlab(&d.strSlab, m)
			for j := range ss {
				ss[j] = d.str()
			}
			p[k] = ss
		default:
			d.off--
			d.fail(fmt.Sprintf("property %q: unknown value kind %d", k, kind))
			return nil
		}
		if _, dup := p[k]; dup && len(p) < i+1 {
			d.fail(fmt.Sprintf("property %q twice", k))
		}
	}
	return p
}

func (d *binDecoder) sources() []Source {
	n := d.count(3)
	if n == 0 || d.err != nil {
		return nil
	}
	out := fromSlab(&d.srcSlab, n)
	for i := range out {
		out[i].Note = d.str()
		line, end := d.uvarint(), d.uvarint()
		if line > MaxLine || end > MaxLine {
			d.fail("line out of range")
		}
		out[i].Line, out[i].EndLine = int(line), int(end)
	}
	return out
}

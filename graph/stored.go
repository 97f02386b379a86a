package graph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The properties a store adds to every node and relationship it holds, so
// that Cypher sees them; they are not graph properties.
const (
	StoredID      = "id"
	StoredNotes   = "notes"   // paths of the notes that support the fact
	StoredSources = "sources" // "path:line" or "path:line-end" of every source
	StoredCount   = "count"   // MENTIONS: how many lines name the entity
)

// Reserved reports whether a property name is one a store adds; a graph
// property of that name is stored as "prop_" + name.
func Reserved(key string) bool {
	return key == StoredID || key == StoredNotes || key == StoredSources || key == StoredCount
}

// Span returns the source of lines line to end of a note, in the one form
// every source takes: a single line has EndLine 0, so that "a.md:4" and
// "a.md:4-4" are never two sources.
func Span(note string, line, end int) Source {
	if end <= line {
		end = 0
	}
	return Source{Note: note, Line: line, EndLine: end}
}

// String writes the source as every store and export writes it: "path:line"
// for one line, "path:line-end" for a range.
func (s Source) String() string {
	out := s.Note + ":" + strconv.Itoa(s.Line)
	if s.EndLine > s.Line {
		out += "-" + strconv.Itoa(s.EndLine)
	}
	return out
}

// ParseSource reads a source written by Source.String, in the form Span
// gives: "a.md:4-4", which older Neo4j loads wrote, reads as "a.md:4".
func ParseSource(s string) (Source, error) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return Source{}, fmt.Errorf("source %q: no line", s)
	}
	src := Source{Note: s[:i]}
	lines := s[i+1:]
	var err error
	if j := strings.IndexByte(lines, '-'); j >= 0 {
		if src.EndLine, err = strconv.Atoi(lines[j+1:]); err != nil {
			return Source{}, fmt.Errorf("source %q: %w", s, err)
		}
		lines = lines[:j]
	}
	if src.Line, err = strconv.Atoi(lines); err != nil {
		return Source{}, fmt.Errorf("source %q: %w", s, err)
	}
	return Span(src.Note, src.Line, src.EndLine), nil
}

// SourceStrings writes every source with Source.String.
func SourceStrings(srcs []Source) []string {
	out := make([]string, len(srcs))
	for i, s := range srcs {
		out[i] = s.String()
	}
	return out
}

// NotesOf returns the sorted distinct notes of srcs.
func NotesOf(srcs []Source) []string {
	out := make([]string, 0, 1)
	for _, s := range srcs {
		out = append(out, s.Note)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// StoredProps returns the properties a store holds a node with: its own,
// its id, its sources and notes.
func (n *Node) StoredProps() map[string]any {
	p := storedProps(n.Props, n.Sources)
	p[StoredID] = n.ID
	return p
}

// StoredProps returns the properties a store holds a relationship with:
// its own, its sources and notes, and for MENTIONS the number of lines.
func (r *Rel) StoredProps() map[string]any {
	p := storedProps(r.Props, r.Sources)
	if r.Type == Mentions {
		p[StoredCount] = int64(len(r.Sources))
	}
	return p
}

func storedProps(props map[string]any, srcs []Source) map[string]any {
	p := make(map[string]any, len(props)+3)
	for k, v := range props {
		if Reserved(k) {
			k = "prop_" + k // a graph property may not shadow the store's own
		}
		p[k] = v
	}
	p[StoredSources] = SourceStrings(srcs)
	p[StoredNotes] = NotesOf(srcs)
	return p
}

// VisibleProps returns the properties a query answer shows of a stored
// node (withID) or relationship: all but the store's bookkeeping, a node
// keeping its id, each value passed through conv. Both stores answer with
// it, so that a node reads the same from either.
func VisibleProps(stored map[string]any, withID bool, conv func(any) any) map[string]any {
	m := make(map[string]any, len(stored))
	for k, v := range stored {
		if !Reserved(k) || withID && k == StoredID {
			m[k] = conv(v)
		}
	}
	return m
}

package neo4jstore

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
)

// The properties the store adds to every node and relationship; they are
// not graph properties and reading the graph back removes them.
const (
	propID      = "id"
	propNotes   = "notes"   // paths of the notes that support the fact
	propSources = "sources" // "path:line-end" of every source
	propCount   = "count"   // MENTIONS: how many lines name the entity
)

var reserved = map[string]bool{propID: true, propNotes: true, propSources: true, propCount: true}

// nodeProps returns the properties a node is stored with.
func nodeProps(n *graph.Node) map[string]any {
	p := factProps(n.Props, n.Sources)
	p[propID] = n.ID
	return p
}

// relProps returns the properties a relationship is stored with.
func relProps(r *graph.Rel) map[string]any {
	p := factProps(r.Props, r.Sources)
	if r.Type == graph.Mentions {
		p[propCount] = int64(len(r.Sources))
	}
	return p
}

func factProps(props map[string]any, srcs []graph.Source) map[string]any {
	p := make(map[string]any, len(props)+3)
	for k, v := range props {
		if reserved[k] {
			k = "prop_" + k // a graph property may not shadow the store's own
		}
		p[k] = v
	}
	p[propSources] = encodeSources(srcs)
	p[propNotes] = notesOf(srcs)
	return p
}

func encodeSources(srcs []graph.Source) []string {
	out := make([]string, len(srcs))
	for i, s := range srcs {
		out[i] = s.Note + ":" + strconv.Itoa(s.Line)
		if s.EndLine != 0 {
			out[i] += "-" + strconv.Itoa(s.EndLine)
		}
	}
	return out
}

func decodeSources(v any) ([]graph.Source, error) {
	list, err := stringList(v)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Source, 0, len(list))
	for _, s := range list {
		i := strings.LastIndexByte(s, ':')
		if i < 0 {
			return nil, fmt.Errorf("source %q: no line", s)
		}
		src := graph.Source{Note: s[:i]}
		lines := s[i+1:]
		if j := strings.IndexByte(lines, '-'); j >= 0 {
			if src.EndLine, err = strconv.Atoi(lines[j+1:]); err != nil {
				return nil, fmt.Errorf("source %q: %w", s, err)
			}
			lines = lines[:j]
		}
		if src.Line, err = strconv.Atoi(lines); err != nil {
			return nil, fmt.Errorf("source %q: %w", s, err)
		}
		out = append(out, src)
	}
	return out, nil
}

func notesOf(srcs []graph.Source) []string {
	out := make([]string, 0, 1)
	for _, s := range srcs {
		if len(out) == 0 || out[len(out)-1] != s.Note {
			out = append(out, s.Note)
		}
	}
	return slices.Compact(slices.Sorted(slices.Values(out)))
}

// graphProps turns stored properties back into graph properties and
// sources.
func graphProps(stored map[string]any) (map[string]any, []graph.Source, error) {
	srcs, err := decodeSources(stored[propSources])
	if err != nil {
		return nil, nil, err
	}
	var p map[string]any
	for _, k := range slices.Sorted(maps.Keys(stored)) {
		if reserved[k] {
			continue
		}
		v, err := graphValue(stored[k])
		if err != nil {
			return nil, nil, fmt.Errorf("property %s: %w", k, err)
		}
		if p == nil {
			p = map[string]any{}
		}
		p[strings.TrimPrefix(k, "prop_")] = v
	}
	return p, srcs, nil
}

// graphValue converts a value as the driver returns it to the types graph
// properties use.
func graphValue(v any) (any, error) {
	switch x := v.(type) {
	case string, int64, float64, bool:
		return x, nil
	case []any:
		return stringList(x)
	}
	return nil, fmt.Errorf("unsupported value %T", v)
}

func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []string:
		return x, nil
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("list item %T, want string", e)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, fmt.Errorf("value %T, want a list of strings", v)
}

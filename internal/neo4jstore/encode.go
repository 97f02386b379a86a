package neo4jstore

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
)

// The properties the store adds (graph.StoredProps).
const (
	propID      = graph.StoredID
	propNotes   = graph.StoredNotes
	propSources = graph.StoredSources
)

func nodeProps(n *graph.Node) map[string]any { return n.StoredProps() }

func relProps(r *graph.Rel) map[string]any { return r.StoredProps() }

func decodeSources(v any) ([]graph.Source, error) {
	list, err := stringList(v)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Source, 0, len(list))
	for _, s := range list {
		src, err := graph.ParseSource(s)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, nil
}

func notesOf(srcs []graph.Source) []string { return graph.NotesOf(srcs) }

// graphProps turns stored properties back into graph properties and
// sources.
func graphProps(stored map[string]any) (map[string]any, []graph.Source, error) {
	srcs, err := decodeSources(stored[propSources])
	if err != nil {
		return nil, nil, err
	}
	var p map[string]any
	for _, k := range slices.Sorted(maps.Keys(stored)) {
		if graph.Reserved(k) {
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

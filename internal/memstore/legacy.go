package memstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/source"
)

// Stores of versions 1 and 2 are one file, graph.json: a versioned
// envelope with one note fragment per line, sorted by note path (version 2
// has an index on its first line, which is not needed here):
//
//	{"format":"talkgraph-store","version":1,"notes":[
//	{"path":"talks/a.md","hash":"…","graph":{"nodes":[…],"rels":[…]}},
//	…
//	]}
//
// It is read whole; the next Apply writes the store in the current layout
// and removes it.

// readLegacy reads graph.json, every note decoded. The error wraps
// fs.ErrNotExist when there is none.
func (s *Store) readLegacy() (*state, fs.FileInfo, error) {
	name := filepath.Join(s.dir, FileName)
	data, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	notes, err := decodeSnapshot(name, data)
	if err != nil {
		return nil, nil, err
	}
	st := &state{sourced: true, notes: make([]*noteRef, len(notes))}
	for i, n := range notes {
		st.notes[i] = &noteRef{path: n.Path, hash: n.Hash}
		st.notes[i].g.Store(n.Graph)
		st.sourced = st.sourced && n.Graph.SourcedIn(n.Path)
	}
	if _, err := s.merged(st); err != nil {
		return nil, nil, err
	}
	st.counts = st.graph.Stats()
	return st, fi, nil
}

// decodeSnapshot decodes the snapshot data read from the named file. Errors
// name the file, and syntax errors give the line and column.
func decodeSnapshot(name string, data []byte) ([]graph.NoteGraph, error) {
	head, err := readHead(data)
	if err != nil {
		return nil, jsonError(name, data, err)
	}
	if head.Format != format {
		return nil, fmt.Errorf("%s: not a talkgraph store (format %q, want %q)", name, head.Format, format)
	}
	if head.Version != 1 && head.Version != 2 {
		return nil, fmt.Errorf("%s: store format version %d, this talkgraph reads versions 1 and 2 in graph.json, %d in %s", name, head.Version, version, IndexName)
	}
	var body struct {
		Notes []struct {
			Path  string          `json:"path"`
			Hash  string          `json:"hash"`
			Graph json.RawMessage `json:"graph"`
		} `json:"notes"`
	}
	if err := json.Unmarshal(data, &body); err != nil {
		return nil, jsonError(name, data, err)
	}
	notes := make([]graph.NoteGraph, len(body.Notes))
	errs := make([]error, len(body.Notes))
	// Decode the notes' graphs on every core: most of opening a store.
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				n := body.Notes[i]
				switch {
				case n.Path == "":
					errs[i] = fmt.Errorf("%s: note #%d has no path", name, i+1)
					continue
				case len(n.Graph) == 0:
					errs[i] = fmt.Errorf("%s: note %q has no graph", name, n.Path)
					continue
				}
				g := graph.New()
				if err := g.UnmarshalJSON(n.Graph); err != nil {
					errs[i] = fmt.Errorf("%s: note %q: %w", name, n.Path, err)
					continue
				}
				notes[i] = graph.NoteGraph{Path: n.Path, Hash: n.Hash, Graph: g}
			}
		}()
	}
	for i := range body.Notes {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err // the first, in file order
		}
	}
	slices.SortStableFunc(notes, func(a, b graph.NoteGraph) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(notes); i++ {
		if notes[i].Path == notes[i-1].Path {
			return nil, fmt.Errorf("%s: note %q appears twice", name, notes[i].Path)
		}
	}
	return notes, nil
}

// jsonError gives a JSON decoding error the position in data where it
// occurred, when it has one.
func jsonError(name string, data []byte, err error) error {
	var off int64
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
		err = fmt.Errorf("%s is %s, want %s", typ.Field, typ.Value, jsonType(typ.Type))
	default:
		return fmt.Errorf("%s: corrupt store: %w", name, err)
	}
	// Offset counts the bytes read up to and including the offending one.
	pos := source.NewFile(name, data).Position(max(int(off)-1, 0))
	return &source.Error{Pos: pos, Msg: "corrupt store", Err: err}
}

// jsonType names the JSON type that decodes into t.
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a number"
}

type snapshotHead struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

// readHead reads the format and version that a snapshot starts with,
// without scanning the notes; a snapshot written otherwise is read whole.
func readHead(data []byte) (snapshotHead, error) {
	var h snapshotHead
	d := json.NewDecoder(bytes.NewReader(data))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return h, json.Unmarshal(data, &h)
	}
	for i := 0; i < 2 && d.More(); i++ {
		key, err := d.Token()
		if err != nil {
			return h, json.Unmarshal(data, &h)
		}
		switch key {
		case "format":
			if err := d.Decode(&h.Format); err != nil {
				return h, json.Unmarshal(data, &h)
			}
		case "version":
			if err := d.Decode(&h.Version); err != nil {
				return h, json.Unmarshal(data, &h)
			}
		default:
			return h, json.Unmarshal(data, &h)
		}
	}
	return h, nil
}

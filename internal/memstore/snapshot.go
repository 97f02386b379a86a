package memstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/source"
)

// The snapshot envelope.
const (
	format  = "talkgraph-store"
	version = 1
)

// header is the start of every snapshot.
var header = fmt.Sprintf(`{"format":%q,"version":%d,"notes":[`, format, version)

// load reads the snapshot file. It returns an empty state and a nil FileInfo
// when there is none.
func (s *Store) load() (*state, fs.FileInfo, error) {
	f, err := os.Open(s.file)
	if errors.Is(err, fs.ErrNotExist) {
		return newState(nil), nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, fmt.Errorf("read store: %w", err)
	}
	notes, err := decodeSnapshot(s.file, data)
	if err != nil {
		return nil, nil, err
	}
	return newState(notes), fi, nil
}

// decodeSnapshot decodes the snapshot data read from the named file. Errors
// name the file, and syntax errors give the line and column.
func decodeSnapshot(name string, data []byte) ([]graph.NoteGraph, error) {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(name, data, err)
	}
	if head.Format != format {
		return nil, fmt.Errorf("%s: not a talkgraph store (format %q, want %q)", name, head.Format, format)
	}
	if head.Version != version {
		return nil, fmt.Errorf("%s: store format version %d, this talkgraph reads version %d", name, head.Version, version)
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
	notes := make([]graph.NoteGraph, 0, len(body.Notes))
	for i, n := range body.Notes {
		switch {
		case n.Path == "":
			return nil, fmt.Errorf("%s: note #%d has no path", name, i+1)
		case len(n.Graph) == 0:
			return nil, fmt.Errorf("%s: note %q has no graph", name, n.Path)
		}
		g := graph.New()
		if err := g.UnmarshalJSON(n.Graph); err != nil {
			return nil, fmt.Errorf("%s: note %q: %w", name, n.Path, err)
		}
		notes = append(notes, graph.NoteGraph{Path: n.Path, Hash: n.Hash, Graph: g})
	}
	slices.SortStableFunc(notes, notePathLess)
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

// encodeNote returns the snapshot line of n, and n with its graph replaced by
// the graph decoded from that line, so that memory holds exactly what a
// later Open reads.
func encodeNote(n graph.NoteGraph) ([]byte, graph.NoteGraph, error) {
	gdata, err := n.Graph.MarshalJSON()
	if err != nil {
		return nil, n, fmt.Errorf("put %q: %w", n.Path, err)
	}
	line, err := json.Marshal(struct {
		Path  string          `json:"path"`
		Hash  string          `json:"hash"`
		Graph json.RawMessage `json:"graph"`
	}{n.Path, n.Hash, gdata})
	if err != nil {
		return nil, n, fmt.Errorf("put %q: %w", n.Path, err)
	}
	g := graph.New()
	if err := g.UnmarshalJSON(gdata); err != nil {
		return nil, n, fmt.Errorf("put %q: %w", n.Path, err)
	}
	n.Graph = g
	return line, n, nil
}

// encodeSnapshot joins the snapshot lines, given in path order.
func encodeSnapshot(lines [][]byte) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		b.Write(l)
	}
	if len(lines) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// write replaces the snapshot file with data atomically: it writes a temp
// file in the store directory, syncs it, renames it over the snapshot and
// syncs the directory. It returns the new file's info. On error before the
// rename the old snapshot stays and the temp file is removed.
func (s *Store) write(data []byte) (fi fs.FileInfo, err error) {
	f, err := os.CreateTemp(s.dir, tmpPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("write store: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o644); err != nil {
		return nil, fmt.Errorf("write store: %w", err)
	}
	if err := s.writeData(f, data); err != nil {
		return nil, fmt.Errorf("write store: %w", err)
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("write store: %w", err)
	}
	if fi, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("write store: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("write store: %w", err)
	}
	if err := os.Rename(f.Name(), s.file); err != nil {
		return nil, fmt.Errorf("write store: %w", err)
	}
	if err := syncDir(s.dir); err != nil {
		// The new snapshot is in place but may not survive a crash. The
		// next Apply sees a file it did not write and reloads it.
		return nil, fmt.Errorf("write store: %w", err)
	}
	return fi, nil
}

func writeData(f *os.File, data []byte) error {
	_, err := f.Write(data)
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// sameFile reports whether a and b describe the same version of a file.
func sameFile(a, b fs.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
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

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
	"runtime"
	"slices"
	"sync"

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

// load reads the snapshot file, with each note's snapshot line as read (so
// that the next write need not encode unchanged notes again). It returns an
// empty state and a nil FileInfo when there is none.
func (s *Store) load() (*state, map[string][]byte, fs.FileInfo, error) {
	f, err := os.Open(s.file)
	if errors.Is(err, fs.ErrNotExist) {
		return newState(nil), map[string][]byte{}, nil, nil
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("open store: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("open store: %w", err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read store: %w", err)
	}
	notes, enc, err := decodeSnapshot(s.file, data)
	if err != nil {
		return nil, nil, nil, err
	}
	return newState(notes), enc, fi, nil
}

// decodeSnapshot decodes the snapshot data read from the named file. Errors
// name the file, and syntax errors give the line and column.
func decodeSnapshot(name string, data []byte) ([]graph.NoteGraph, map[string][]byte, error) {
	head, err := readHead(data)
	if err != nil {
		return nil, nil, jsonError(name, data, err)
	}
	if head.Format != format {
		return nil, nil, fmt.Errorf("%s: not a talkgraph store (format %q, want %q)", name, head.Format, format)
	}
	if head.Version != version {
		return nil, nil, fmt.Errorf("%s: store format version %d, this talkgraph reads version %d", name, head.Version, version)
	}
	var body struct {
		Notes []struct {
			Path  string          `json:"path"`
			Hash  string          `json:"hash"`
			Graph json.RawMessage `json:"graph"`
		} `json:"notes"`
	}
	if err := json.Unmarshal(data, &body); err != nil {
		return nil, nil, jsonError(name, data, err)
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
			return nil, nil, err // the first, in file order
		}
	}
	slices.SortStableFunc(notes, notePathLess)
	for i := 1; i < len(notes); i++ {
		if notes[i].Path == notes[i-1].Path {
			return nil, nil, fmt.Errorf("%s: note %q appears twice", name, notes[i].Path)
		}
	}
	// Each note's line, as encodeNote writes it: the raw graph JSON is
	// already compact, so the bytes are those of the file.
	enc := make(map[string][]byte, len(body.Notes))
	for _, n := range body.Notes {
		p, _ := json.Marshal(n.Path)
		h, _ := json.Marshal(n.Hash)
		line := make([]byte, 0, len(n.Graph)+len(p)+len(h)+30)
		line = append(line, `{"path":`...)
		line = append(line, p...)
		line = append(line, `,"hash":`...)
		line = append(line, h...)
		line = append(line, `,"graph":`...)
		line = append(line, n.Graph...)
		enc[n.Path] = append(line, '}')
	}
	return notes, enc, nil
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

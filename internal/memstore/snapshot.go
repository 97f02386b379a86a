package memstore

import (
	"bufio"
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

// The snapshot envelope. Version 2 adds the index on the first line;
// version 1 snapshots are still read (whole).
const (
	format  = "talkgraph-store"
	version = 2
)

// index is what the first line of a snapshot says of the notes below it:
// each note's path and hash, in path order, and the counts of the merged
// graph. Reading it alone answers NoteHashes and Stats without decoding a
// note, so that a command that changes nothing, or only counts, is fast.
type index struct {
	Notes [][2]string    `json:"notes"` // path, hash
	Nodes map[string]int `json:"nodes"`
	Rels  map[string]int `json:"rels"`
}

func indexOf(st *state) index {
	ix := index{Notes: make([][2]string, len(st.notes)), Nodes: map[string]int{}, Rels: map[string]int{}}
	for i, n := range st.notes {
		ix.Notes[i] = [2]string{n.Path, n.Hash}
	}
	stats := st.graph.Stats()
	for l, n := range stats.Nodes {
		ix.Nodes[string(l)] = n
	}
	for t, n := range stats.Rels {
		ix.Rels[string(t)] = n
	}
	return ix
}

func (ix index) stats() graph.Stats {
	st := graph.Stats{Nodes: map[graph.Label]int{}, Rels: map[graph.RelType]int{}}
	for _, l := range graph.Labels {
		st.Nodes[l] = ix.Nodes[string(l)]
	}
	for _, t := range graph.RelTypes {
		st.Rels[t] = ix.Rels[string(t)]
	}
	return st
}

// header is the first line of a snapshot: the envelope and the index.
func header(ix index) []byte {
	b, _ := json.Marshal(ix) // maps of strings and ints: no error, no newline
	return fmt.Appendf(nil, `{"format":%q,"version":%d,"index":%s,"notes":[`, format, version, b)
}

// readIndex reads the first line of the snapshot file: its index, and
// the file's info. ok is false when there is no file, or it has no index
// (version 1), or the index does not read: then the snapshot is read
// whole.
func (s *Store) readIndex() (ix index, fi fs.FileInfo, ok bool) {
	f, err := os.Open(s.file)
	if err != nil {
		return ix, nil, false
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return ix, nil, false
	}
	line, err := bufio.NewReaderSize(f, 1<<16).ReadBytes('\n')
	if err != nil {
		return ix, nil, false
	}
	line = bytes.TrimSuffix(bytes.TrimSpace(line), []byte(`"notes":[`))
	line = append(bytes.TrimSuffix(line, []byte(",")), '}')
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
		Index   *index `json:"index"`
	}
	if err := json.Unmarshal(line, &head); err != nil || head.Format != format || head.Version != version || head.Index == nil {
		return ix, nil, false
	}
	return *head.Index, fi, true
}

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
	s.old = !bytes.HasPrefix(data, []byte(fmt.Sprintf(`{"format":%q,"version":%d,`, format, version)))
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
	if head.Version != version && head.Version != 1 {
		return nil, nil, fmt.Errorf("%s: store format version %d, this talkgraph reads versions 1 and %d", name, head.Version, version)
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

// encodeSnapshot joins the snapshot lines, given in path order, after the
// header with the index.
func encodeSnapshot(ix index, lines [][]byte) []byte {
	var b bytes.Buffer
	b.Write(header(ix))
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

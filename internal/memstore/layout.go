package memstore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/graph"
)

// The store's format. Version 3 is the directory of objects with an
// index; versions 1 and 2 were one graph.json snapshot (see legacy.go).
const (
	format  = "talkgraph-store"
	version = 3
)

// indexFile is the JSON form of index.json. Notes are sorted by path, one
// per line.
type indexFile struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Merged  string         `json:"merged"`
	Sourced bool           `json:"sourced"`
	Nodes   map[string]int `json:"nodes"`
	Rels    map[string]int `json:"rels"`
	Packs   []string       `json:"packs"`
	Notes   []indexNote    `json:"notes"`
}

// indexNote is a note in the index: its path and content hash, and its
// fragment's object: the object's hash, and where it is, as the number of
// a pack in Packs, an offset and a length. It is written as a JSON array,
// ["path","hash","sum",pack,at,len], one per line.
type indexNote struct {
	Path, Hash, Sum string
	Pack            int
	At, Len         int64
}

func (n indexNote) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{n.Path, n.Hash, n.Sum, n.Pack, n.At, n.Len})
}

func (n *indexNote) UnmarshalJSON(data []byte) error {
	if d := bytes.TrimSpace(data); len(d) > 0 && d[0] == '{' {
		// The first form of version 3, an object per note.
		var o struct {
			Path, Hash, Sum string
			Pack            int
			At, Len         int64
		}
		if err := json.Unmarshal(d, &o); err != nil {
			return err
		}
		*n = indexNote{o.Path, o.Hash, o.Sum, o.Pack, o.At, o.Len}
		return nil
	}
	var a []json.RawMessage
	if err := json.Unmarshal(data, &a); err != nil {
		return err
	}
	if len(a) != 6 {
		return fmt.Errorf("a note is an array of 6 values, not %d", len(a))
	}
	for i, dst := range []any{&n.Path, &n.Hash, &n.Sum, &n.Pack, &n.At, &n.Len} {
		if err := json.Unmarshal(a[i], dst); err != nil {
			return err
		}
	}
	return nil
}

// parseIndex reads index.json. The notes, one per line, are read by a
// small scanner that takes the plain form Marshal writes (strings without
// escapes, integers) and leaves any other line to encoding/json: decoding
// the index is most of what a command that changes nothing costs.
func parseIndex(data []byte) (indexFile, error) {
	var ix indexFile
	head, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || !bytes.HasSuffix(head, []byte(`"notes":[`)) {
		return ix, json.Unmarshal(data, &ix)
	}
	if err := json.Unmarshal(append(head[:len(head):len(head)], "]}"...), &ix); err != nil {
		return ix, json.Unmarshal(data, &ix) // positioned errors
	}
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		rest = next
		if string(line) == "]}" && len(bytes.TrimSpace(rest)) == 0 {
			return ix, nil
		}
		n, ok := scanNote(bytes.TrimSuffix(line, []byte(",")))
		if !ok {
			if err := json.Unmarshal(bytes.TrimSuffix(line, []byte(",")), &n); err != nil {
				return ix, json.Unmarshal(data, &ix)
			}
		}
		ix.Notes = append(ix.Notes, n)
	}
	return ix, json.Unmarshal(data, &ix) // no end: let encoding/json say where
}

// plainJSON reports whether b is the inside of a JSON string that reads as
// itself: valid UTF-8 with no escape and no control character (which
// encoding/json refuses or replaces).
func plainJSON(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c < 0x20 {
			return false
		}
	}
	return utf8.Valid(b)
}

// scanNote reads ["path","hash","sum",pack,at,len] when its strings have no
// escapes.
func scanNote(l []byte) (n indexNote, ok bool) {
	if len(l) < 2 || l[0] != '[' || l[len(l)-1] != ']' {
		return n, false
	}
	l = l[1 : len(l)-1]
	str := func() (string, bool) {
		if len(l) < 2 || l[0] != '"' {
			return "", false
		}
		end := bytes.IndexByte(l[1:], '"')
		if end < 0 || !plainJSON(l[1:end+1]) {
			return "", false
		}
		s := string(l[1 : end+1])
		l = l[end+2:]
		if len(l) > 0 && l[0] == ',' {
			l = l[1:]
		}
		return s, true
	}
	num := func() (int64, bool) {
		end := bytes.IndexByte(l, ',')
		if end < 0 {
			end = len(l)
		}
		v, err := strconv.ParseInt(string(l[:end]), 10, 64)
		if err != nil || v < 0 {
			return 0, false
		}
		l = l[min(end+1, len(l)):]
		return v, true
	}
	var ok1, ok2, ok3, ok4, ok5, ok6 bool
	var pack int64
	n.Path, ok1 = str()
	n.Hash, ok2 = str()
	n.Sum, ok3 = str()
	pack, ok4 = num()
	n.At, ok5 = num()
	n.Len, ok6 = num()
	n.Pack = int(pack)
	return n, ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && len(l) == 0 && pack < 1<<31
}

// encodeIndex gives the bytes of index.json for st: the same state always
// gives the same bytes.
func encodeIndex(st *state) []byte {
	ix := indexFile{Format: format, Version: version, Merged: st.merged, Sourced: st.sourced,
		Nodes: map[string]int{}, Rels: map[string]int{}}
	for l, n := range st.counts.Nodes {
		ix.Nodes[string(l)] = n
	}
	for t, n := range st.counts.Rels {
		ix.Rels[string(t)] = n
	}
	packNum := map[string]int{}
	for _, n := range st.notes {
		if _, ok := packNum[n.pack]; !ok {
			packNum[n.pack] = 0
		}
	}
	ix.Packs = append([]string{}, slices.Sorted(maps.Keys(packNum))...)
	for i, p := range ix.Packs {
		packNum[p] = i
	}
	head, _ := json.Marshal(struct {
		Format  string         `json:"format"`
		Version int            `json:"version"`
		Merged  string         `json:"merged"`
		Sourced bool           `json:"sourced"`
		Nodes   map[string]int `json:"nodes"`
		Rels    map[string]int `json:"rels"`
		Packs   []string       `json:"packs"`
	}{ix.Format, ix.Version, ix.Merged, ix.Sourced, ix.Nodes, ix.Rels, ix.Packs})
	var b bytes.Buffer
	b.Write(head[:len(head)-1])
	b.WriteString(`,"notes":[`)
	for i, n := range st.notes {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		line, _ := json.Marshal(indexNote{n.path, n.hash, n.sum, packNum[n.pack], n.at, n.len})
		b.Write(line)
	}
	if len(st.notes) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// readIndex reads index.json: the state it describes, with nothing decoded
// but the index. The error wraps fs.ErrNotExist when there is no index.
func (s *Store) readIndex() (*state, fs.FileInfo, error) {
	name := filepath.Join(s.dir, IndexName)
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	data := make([]byte, fi.Size())
	if _, err := f.ReadAt(data, 0); err != nil {
		return nil, nil, fmt.Errorf("read store: %w", err)
	}
	ix, err := parseIndex(data)
	if err != nil {
		return nil, nil, jsonError(name, data, err)
	}
	switch {
	case ix.Format != format:
		return nil, nil, fmt.Errorf("%s: not a talkgraph store (format %q, want %q)", name, ix.Format, format)
	case ix.Version != version:
		return nil, nil, fmt.Errorf("%s: store format version %d, this talkgraph reads version %d (and the graph.json of versions 1 and 2)", name, ix.Version, version)
	}
	st := &state{merged: ix.Merged, sourced: ix.Sourced, notes: make([]*noteRef, len(ix.Notes)),
		counts: graph.Stats{Nodes: map[graph.Label]int{}, Rels: map[graph.RelType]int{}}}
	for _, l := range graph.Labels {
		st.counts.Nodes[l] = ix.Nodes[string(l)]
	}
	for _, t := range graph.RelTypes {
		st.counts.Rels[t] = ix.Rels[string(t)]
	}
	for _, p := range ix.Packs {
		if !validSum(strings.TrimSuffix(p, packExt)) || !strings.HasSuffix(p, packExt) {
			return nil, nil, fmt.Errorf("%s: corrupt store: bad pack name %q", name, p)
		}
	}
	for i, n := range ix.Notes {
		switch {
		case n.Path == "" || !validSum(n.Sum):
			return nil, nil, fmt.Errorf("%s: note #%d: corrupt store: empty path or bad object hash %q", name, i+1, n.Sum)
		case n.Pack < 0 || n.Pack >= len(ix.Packs) || n.At < 0 || n.Len < 0:
			return nil, nil, fmt.Errorf("%s: note %q: corrupt store: no such pack or place", name, n.Path)
		case i > 0 && n.Path <= ix.Notes[i-1].Path:
			return nil, nil, fmt.Errorf("%s: note %q: corrupt store: notes out of order or twice", name, n.Path)
		}
		st.notes[i] = &noteRef{path: n.Path, hash: n.Hash, sum: n.Sum, pack: ix.Packs[n.Pack], at: n.At, len: n.Len}
	}
	if len(st.notes) > 0 && !validSum(strings.TrimSuffix(strings.TrimPrefix(ix.Merged, "merged-"), ".bin")) {
		return nil, nil, fmt.Errorf("%s: corrupt store: bad merged graph name %q", name, ix.Merged)
	}
	return st, fi, nil
}

func validSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

func sumOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

const packExt = ".pack"

func packPath(pack string) string { return filepath.Join(packsDir, pack) }

func mergedName(sum string) string { return "merged-" + sum + ".bin" }

// packFiles opens the packs that objects are read from, each once, until
// closed.
type packFiles struct {
	dir   string
	mu    sync.Mutex
	files map[string]*os.File
}

func (s *Store) openPacks() *packFiles { return &packFiles{dir: s.dir, files: map[string]*os.File{}} }

func (p *packFiles) close() {
	for _, f := range p.files {
		f.Close()
	}
}

// read reads n's object and checks that its content has its hash.
func (p *packFiles) read(n *noteRef) ([]byte, error) {
	name := filepath.Join(p.dir, packPath(n.pack))
	p.mu.Lock()
	f, ok := p.files[n.pack]
	if !ok {
		var err error
		if f, err = os.Open(name); err != nil {
			p.mu.Unlock()
			return nil, fmt.Errorf("read store: %w", err)
		}
		p.files[n.pack] = f
	}
	p.mu.Unlock()
	if fi, err := f.Stat(); err == nil && (n.at < 0 || n.len < 0 || n.at > fi.Size() || n.len > fi.Size()-n.at) {
		return nil, fmt.Errorf("%s: note %q: corrupt store: the object at byte %d (%d bytes) is past the pack's end", name, n.path, n.at, n.len)
	}
	data := make([]byte, n.len)
	if _, err := f.ReadAt(data, n.at); err != nil {
		return nil, fmt.Errorf("%s: note %q: corrupt store: %w", name, n.path, err)
	}
	if sumOf(data) != n.sum {
		return nil, fmt.Errorf("%s: note %q: corrupt store: the object at byte %d does not match its hash", name, n.path, n.at)
	}
	return data, nil
}

// fragment returns n's fragment, reading its object from packs on first
// need.
func (s *Store) fragment(packs *packFiles, n *noteRef) (*graph.Graph, error) {
	if g := n.g.Load(); g != nil {
		return g, nil
	}
	data, err := packs.read(n)
	if err != nil {
		return nil, err
	}
	g := graph.New()
	if err := g.UnmarshalStored(data); err != nil {
		return nil, fmt.Errorf("%s: note %q: corrupt store: %w", filepath.Join(s.dir, packPath(n.pack)), n.path, err)
	}
	n.g.Store(g)
	return g, nil
}

// readFragments reads the fragments of notes not read yet, on every core.
// The error joins those of every note that failed, in path order.
func (s *Store) readFragments(notes []*noteRef) error {
	packs := s.openPacks()
	defer packs.close()
	errs := make([]error, len(notes))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				_, errs[i] = s.fragment(packs, notes[i])
			}
		}()
	}
	for i, n := range notes {
		if n.g.Load() == nil {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	return errors.Join(slices.DeleteFunc(errs, func(e error) bool { return e == nil })...)
}

// readMerged reads the state's merged graph from its file. A missing or
// damaged file is not fatal: the fragments are merged again.
func (s *Store) readMerged(st *state) (*graph.Graph, error) {
	if st.merged != "" {
		data, err := os.ReadFile(filepath.Join(s.dir, st.merged))
		if err == nil && "merged-"+sumOf(data)+".bin" == st.merged {
			g := graph.New()
			if err := g.UnmarshalBinary(data); err == nil {
				return g, nil
			}
		}
	}
	return s.mergeAll(st.notes)
}

// mergeAll merges the fragments of notes, given in path order.
func (s *Store) mergeAll(notes []*noteRef) (*graph.Graph, error) {
	if err := s.readFragments(notes); err != nil {
		return nil, err
	}
	gs := make([]*graph.Graph, len(notes))
	for i, n := range notes {
		gs[i] = n.g.Load()
	}
	return graph.MergeAll(gs...), nil
}

// writeFile writes data to name in the store directory atomically: a temp
// file, synced when sync is set, renamed over name. On error the old file
// stays and the temp file is removed.
func (s *Store) writeFile(name string, data []byte, sync bool) (err error) {
	full := filepath.Join(s.dir, name)
	f, err := os.CreateTemp(filepath.Dir(full), tmpPrefix+"*")
	if err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	if err := s.writeData(f, data); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	if sync {
		if err := f.Sync(); err != nil {
			return fmt.Errorf("write store: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	if err := os.Rename(f.Name(), full); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	return nil
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

// removeTemps removes the temp files a crashed write left in the store
// directory and its packs folder. The caller holds the lock.
func (s *Store) removeTemps() {
	for _, dir := range []string{s.dir, filepath.Join(s.dir, packsDir)} {
		for _, name := range filesIn(dir, func(n string) bool { return strings.HasPrefix(n, tmpPrefix) }) {
			os.Remove(name)
		}
	}
}

// filesIn returns the paths of the files in dir whose names keep says to.
// Names are matched, never dir: a glob of a path holding "[" would match
// another folder's files.
func filesIn(dir string, keep func(name string) bool) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if !e.IsDir() && keep(e.Name()) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// collect removes what neither st nor prev (the state before it, which a
// reader that read the old index may still be reading) names: packs and
// merged files, and a legacy snapshot. The caller holds the lock. It is
// best effort: what is left is removed by a later Apply.
func (s *Store) collect(st, prev *state) {
	live := map[string]bool{st.merged: true, prev.merged: true}
	for _, n := range st.notes {
		live[n.pack] = true
	}
	for _, n := range prev.notes {
		live[n.pack] = true
	}
	packs := filesIn(filepath.Join(s.dir, packsDir), func(n string) bool { return strings.HasSuffix(n, packExt) })
	merged := filesIn(s.dir, func(n string) bool { return strings.HasPrefix(n, "merged-") && strings.HasSuffix(n, ".bin") })
	for _, name := range append(packs, merged...) {
		if !live[filepath.Base(name)] {
			os.Remove(name)
		}
	}
	os.Remove(filepath.Join(s.dir, FileName))
}

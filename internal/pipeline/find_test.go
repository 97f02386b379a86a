package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/source"
)

// TestFinder: notes under a folder, sorted, without READMEs, dot files and
// folders, the store, other extensions and files over the size limit; a
// file named as a root is taken whatever its name; an empty folder is
// reported.
func TestFinder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"n/b.md", "n/a.MARKDOWN", "n/c.txt", "n/README.md", "n/.hidden.md", "n/.git/x.md",
		"n/store/graph.md", "n/other.pdf", "n/sub/d.md", "single.note", "empty/x.pdf"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	big := filepath.Join(dir, "n", "big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, DefaultMaxNoteSize+1); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere.md", filepath.Join(dir, "n", "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop2.md", filepath.Join(dir, "n", "loop1.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop1.md", filepath.Join(dir, "n", "loop2.md")); err != nil {
		t.Fatal(err)
	}
	var empty []string
	fd := &Finder{
		Abs:   func(p string) string { return filepath.Join(dir, p) },
		Rel:   func(p string) string { r, _ := filepath.Rel(dir, p); return filepath.ToSlash(r) },
		Skip:  filepath.Join(dir, "n", "store"),
		Empty: func(root string) { empty = append(empty, root) },
	}
	files, roots, err := fd.Find([]string{"n", "single.note", "empty", "n/sub"})
	if err != nil {
		t.Fatal(err)
	}
	got, failed := found(files)
	// The big file is found: reading it fails (see TestReadNote).
	want := []string{"n/a.MARKDOWN", "n/b.md", "n/big.md", "n/c.txt", "n/sub/d.md", "single.note"}
	if !slices.Equal(got, want) {
		t.Errorf("found %q, want %q", got, want)
	}
	for i, w := range []string{"n/dangling.md: stat", "n/loop1.md: stat", "n/loop2.md: stat"} {
		if i >= len(failed) || !strings.HasPrefix(failed[i], w) {
			t.Errorf("failed %q, want %q… in turn", failed, w)
			break
		}
	}
	if !slices.Equal(roots, []string{"n", "single.note", "empty", "n/sub"}) {
		t.Errorf("roots %q", roots)
	}
	if !slices.Equal(empty, []string{"empty"}) {
		t.Errorf("empty %q", empty)
	}
	if _, _, err := fd.Find([]string{"missing"}); err == nil || !strings.HasPrefix(err.Error(), "missing: ") {
		t.Errorf("a missing root: %v, want an error naming it", err)
	}
}

// TestPlanImport: unchanged talks are left, changed and new ones put, and
// the stored talks of the editions read that were not read are deleted,
// unless their event had a record that failed.
func TestPlanImport(t *testing.T) {
	talk := func(event, id, title string) catalog.Talk {
		return catalog.Talk{ID: id, Series: "PyCon US", Event: event, Year: 2018, Title: title, Source: event + ".jsonl:1"}
	}
	same, changed, added := talk("pycon-us-2018", "a", "A"), talk("pycon-us-2018", "b", "B"), talk("pycon-us-2018", "c", "C")
	stored := map[string]string{
		same.Path():                       StoredHash(same.Hash(), "fp"),
		changed.Path():                    "old",
		"pyvideo/pycon-us-2018/gone":      "x", // the edition was read: deleted
		"pyvideo/pycon-us-2017/elsewhere": "y", // another edition: kept
		"notes/mine.md":                   "z", // a note: kept
	}
	var none source.ErrorList
	p := PlanImport([]catalog.Talk{same, changed, added}, &none, stored, catalog.Filter{}, false, "fp")
	var put []string
	for _, tk := range p.Import {
		put = append(put, tk.ID)
	}
	if p.Unchanged != 1 || !slices.Equal(put, []string{"b", "c"}) || !slices.Equal(p.Delete, []string{"pyvideo/pycon-us-2018/gone"}) {
		t.Errorf("got unchanged %d, put %q, delete %q", p.Unchanged, put, p.Delete)
	}
	// With --since 2017, the 2017 edition is covered too.
	p = PlanImport([]catalog.Talk{same, changed, added}, &none, stored, catalog.Filter{Since: 2017}, false, "fp")
	if !slices.Equal(p.Delete, []string{"pyvideo/pycon-us-2017/elsewhere", "pyvideo/pycon-us-2018/gone"}) {
		t.Errorf("since 2017: delete %q", p.Delete)
	}
	// A failed record of the event keeps its stored talks.
	failed := source.ErrorList{Errs: []*source.Error{{Pos: source.Position{File: "pycon-us-2018.jsonl", Line: 9}, Msg: "bad"}}}
	p = PlanImport([]catalog.Talk{same}, &failed, stored, catalog.Filter{}, true, "fp")
	if len(p.Delete) != 0 || p.FailedCount != 1 || len(p.Import) != 1 {
		t.Errorf("with a failed record: delete %q, failed %d, import %d", p.Delete, p.FailedCount, len(p.Import))
	}
}

// TestPlanBuild_failures: a note that cannot be read and a folder that
// cannot be walked are failures, and the store keeps what it holds of them.
func TestPlanBuild_failures(t *testing.T) {
	files := []NoteFile{
		{Path: "n/gone.md", Abs: "/nonexistent/gone.md"},
		{Path: "n/link.md", Err: errors.New("stat: too many levels of symbolic links")},
		{Path: "n/locked", Err: errors.New("open: permission denied"), Dir: true},
	}
	stored := map[string]string{"n/gone.md": "h", "n/link.md": "h", "n/locked/x.md": "h", "n/deleted.md": "h"}
	p := PlanBuild(files, stored, []string{"n"}, false, "fp")
	if !slices.Equal(p.Delete, []string{"n/deleted.md"}) {
		t.Errorf("delete %q, want only n/deleted.md", p.Delete)
	}
	if len(p.Failed) != 3 || !strings.HasPrefix(p.Failed[0], "n/gone.md: ") || !strings.HasPrefix(p.Failed[2], "n/locked: open: permission denied") {
		t.Errorf("failed %q", p.Failed)
	}
}

// A folder reached through a link (named as a root, or inside one) is
// walked, its notes under the link's path; a link back to a folder being
// walked fails as a loop, and the rest is found.
func TestFinder_linkedFolders(t *testing.T) {
	dir := t.TempDir()
	fd := notesIn(t, dir, "real/a.md", "real/sub/b.md", "other/c.md")
	for link, target := range map[string]string{"notes": "real", "real/more": "../other", "real/sub/back": "..", "real/sub/self": "."} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	files, _, err := fd.Find([]string{"notes"})
	if err != nil {
		t.Fatal(err)
	}
	got, failed := found(files)
	for _, f := range files {
		if _, err := f.Read(); f.Err == nil && err != nil {
			t.Errorf("%s: %v", f.Path, err)
		}
	}
	if want := []string{"notes/a.md", "notes/more/c.md", "notes/sub/b.md"}; !slices.Equal(got, want) {
		t.Errorf("found %q, want %q", got, want)
	}
	if len(failed) != 2 || !strings.HasPrefix(failed[0], "notes/sub/back: a link back to notes") ||
		!strings.HasPrefix(failed[1], "notes/sub/self: a link back to notes/sub") {
		t.Errorf("failures %q, want the loops at notes/sub/back and notes/sub/self", failed)
	}
}

// A note whose name is not UTF-8 fails alone: the store could not keep its
// path as it is.
func TestFinder_badNames(t *testing.T) {
	dir := t.TempDir()
	fd := notesIn(t, dir, "n/ok.md", "n/x\xfe.md", "n/x\xff.md")
	files, _, err := fd.Find([]string{"n"})
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for _, f := range files {
		if f.Err != nil && strings.Contains(f.Err.Error(), "not valid UTF-8") {
			bad++
		}
	}
	if len(files) != 3 || bad != 2 {
		t.Errorf("found %v, want ok.md and two failures", files)
	}
}

// notesIn writes a small note at each slash path under dir, and returns a
// Finder of dir's paths.
func notesIn(t *testing.T, dir string, names ...string) *Finder {
	t.Helper()
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &Finder{
		Abs: func(p string) string { return filepath.Join(dir, p) },
		Rel: func(p string) string { r, _ := filepath.Rel(dir, p); return filepath.ToSlash(r) },
	}
}

// found splits what a Finder found into the notes' paths and the failures,
// "path: message".
func found(files []NoteFile) (got, failed []string) {
	for _, f := range files {
		if f.Err != nil {
			failed = append(failed, f.Path+": "+f.Err.Error())
			continue
		}
		got = append(got, f.Path)
	}
	return got, failed
}

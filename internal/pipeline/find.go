package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/internal/config"
)

// DefaultMaxNoteSize is the largest note read unless build.max_note_size
// says otherwise; a bigger file fails to read (ReadNote), and what the
// store holds of it stays.
const DefaultMaxNoteSize = int64(config.DefaultMaxNoteSize)

// errBadName fails a note whose path is not UTF-8: the store's index, and
// every output, would change its bytes.
var errBadName = errors.New("the file's name is not valid UTF-8: rename it")

// noteExts are the extensions of note files found under a directory.
var noteExts = []string{".md", ".markdown", ".txt"}

// Finder finds note files under roots. Paths are given to Abs and Rel to
// be made absolute and relative to the working directory (as the commands
// name them).
type Finder struct {
	Abs, Rel func(string) string
	Skip     string            // absolute directory never entered (the store), or ""
	MaxSize  int64             // the largest note read (0: DefaultMaxNoteSize), given to every NoteFile
	Empty    func(root string) // a directory named as a root that holds no note
}

// Find returns the notes under roots, sorted by path, and the roots as
// slash paths relative to the working directory. A directory is searched
// recursively for .md, .markdown and .txt files, skipping README files, dot
// files, dot-directories and the store, and following links to folders
// (a root that is one, too) under the link's path; a file named as a root
// is taken whatever its name (and type: reading it says what is wrong).
func (fd *Finder) Find(roots []string) ([]NoteFile, []string, error) {
	seen := map[string]bool{}
	var files []NoteFile
	var rels []string
	for _, root := range roots {
		abs := filepath.Clean(fd.Abs(root))
		info, err := os.Stat(abs)
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			return nil, nil, fmt.Errorf("%s: %w", root, pe.Err)
		} else if err != nil {
			return nil, nil, err
		}
		rels = append(rels, fd.Rel(abs))
		found, err := fd.walk(abs, info)
		if err != nil {
			return nil, nil, err
		}
		if len(found) == 0 && info.IsDir() && fd.Empty != nil {
			fd.Empty(fd.Rel(abs))
		}
		for _, n := range found {
			if !seen[n.Path] {
				seen[n.Path] = true
				n.MaxSize = fd.MaxSize
				files = append(files, n)
			}
		}
	}
	slices.SortFunc(files, func(a, b NoteFile) int { return strings.Compare(a.Path, b.Path) })
	return files, rels, nil
}

func (fd *Finder) walk(root string, info fs.FileInfo) ([]NoteFile, error) {
	if !info.IsDir() {
		// A file named on the command line is always taken: reading it
		// fails it, with its reason, if it is too big or not a file.
		nf := NoteFile{Path: fd.Rel(root), Abs: root}
		if !utf8.ValidString(nf.Path) {
			nf.Err = errBadName
		}
		return []NoteFile{nf}, nil
	}
	return fd.walkDir(root, map[string]bool{})
}

// walkDir finds the notes under the folder at dir, which may be a link to
// one. A linked folder inside is followed too, under its link's path; one
// that leads back to a folder being walked (a loop) fails as a note would.
// visiting holds the real paths of the folders being walked.
func (fd *Finder) walkDir(dir string, visiting map[string]bool) ([]NoteFile, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return []NoteFile{{Path: fd.Rel(dir), Abs: dir, Err: err, Dir: true}}, nil
	}
	if visiting[real] {
		return []NoteFile{{Path: fd.Rel(dir), Abs: dir, Dir: true,
			Err: fmt.Errorf("a link back to %s, which holds it (a loop of links)", fd.Rel(real))}}, nil
	}
	visiting[real] = true
	defer delete(visiting, real)
	// Paths are reported under dir, however it was reached.
	under := func(p string) string {
		if r, err := filepath.Rel(real, p); err == nil {
			return filepath.Join(dir, r)
		}
		return p
	}
	var out []NoteFile
	err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		shown := under(p)
		if err != nil {
			// A folder that cannot be read (or vanished during the walk)
			// fails alone: the rest is read, and what the store holds of
			// the notes under it stays.
			out = append(out, NoteFile{Path: fd.Rel(shown), Abs: shown, Err: err, Dir: d == nil || d.IsDir()})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		hidden := p != real && strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden || (fd.Skip != "" && (p == fd.Skip || shown == fd.Skip)) {
				return filepath.SkipDir
			}
			return nil
		}
		if hidden {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				if IsReadme(d.Name()) || fd.Skip != "" && shown == fd.Skip {
					return nil
				}
				// A link to the folder that holds it, or to one above,
				// would walk it again: a loop, however deep.
				if target, err := filepath.EvalSymlinks(p); err == nil && within(filepath.Dir(p), target) {
					out = append(out, NoteFile{Path: fd.Rel(shown), Abs: shown, Dir: true,
						Err: fmt.Errorf("a link back to %s, which holds it (a loop of links)", fd.Rel(under(target)))})
					return nil
				}
				found, err := fd.walkDir(shown, visiting)
				out = append(out, found...)
				return err
			}
		}
		if !IsNoteName(d.Name()) || IsReadme(d.Name()) {
			return nil
		}
		if !utf8.ValidString(fd.Rel(shown)) {
			out = append(out, NoteFile{Path: fd.Rel(shown), Abs: shown, Err: errBadName})
			return nil
		}
		info, err := os.Stat(p) // follows a symbolic link
		if err != nil {
			// a dangling link, a loop of links: this note fails
			out = append(out, NoteFile{Path: fd.Rel(shown), Abs: shown, Err: err})
			return nil
		}
		if info.Mode().IsRegular() {
			out = append(out, NoteFile{Path: fd.Rel(shown), Abs: shown})
		}
		return nil
	})
	return out, err
}

// IsNoteName reports whether a file of that name, found in a folder, is a
// note: its extension is .md, .markdown or .txt, in any case.
func IsNoteName(name string) bool {
	return slices.Contains(noteExts, strings.ToLower(filepath.Ext(name)))
}

// IsReadme reports whether name is a README, which documents a folder of
// notes rather than being one.
func IsReadme(name string) bool {
	return strings.EqualFold(strings.TrimSuffix(name, filepath.Ext(name)), "readme")
}

// within reports whether path is dir or lies under it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// maxNoteSize is the largest note read; bigger files are skipped with a
// warning.
const maxNoteSize = 10 << 20

// noteExts are the extensions of note files found under a directory.
var noteExts = []string{".md", ".markdown", ".txt"}

// finder finds note files under roots.
type finder struct {
	f    *Factory
	skip string // absolute directory never entered (the store)
	warn func(format string, args ...any)
}

// find returns the notes under roots, sorted by path, and the roots as
// slash paths relative to the working directory. A directory is searched
// recursively for .md, .markdown and .txt files, skipping README files, dot
// files, dot-directories, the store and files over 10 MiB; a file named as a
// root is taken whatever its name.
func (fd *finder) find(roots []string) ([]noteFile, []string, error) {
	seen := map[string]bool{}
	var files []noteFile
	var rels []string
	for _, root := range roots {
		abs := filepath.Clean(fd.f.abs(root))
		info, err := os.Stat(abs)
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			return nil, nil, fmt.Errorf("%s: %w", root, pe.Err)
		} else if err != nil {
			return nil, nil, err
		}
		rels = append(rels, fd.f.rel(abs))
		found, err := fd.walk(abs, info)
		if err != nil {
			return nil, nil, err
		}
		if len(found) == 0 && info.IsDir() {
			fd.warn("%s: no notes found (.md, .markdown or .txt files)", fd.f.rel(abs))
		}
		for _, n := range found {
			if !seen[n.Path] {
				seen[n.Path] = true
				files = append(files, n)
			}
		}
	}
	slices.SortFunc(files, func(a, b noteFile) int { return strings.Compare(a.Path, b.Path) })
	return files, rels, nil
}

func (fd *finder) walk(root string, info fs.FileInfo) ([]noteFile, error) {
	if !info.IsDir() {
		if !fd.sizeOK(root, info) {
			return nil, nil
		}
		return []noteFile{{Path: fd.f.rel(root), Abs: root}}, nil
	}
	var out []noteFile
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := p != root && strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden || (fd.skip != "" && p == fd.skip) {
				return filepath.SkipDir
			}
			return nil
		}
		if hidden || !isNoteName(d.Name()) || isReadme(d.Name()) {
			return nil
		}
		info, err := os.Stat(p) // follows a symbolic link
		if err != nil {
			return err
		}
		if info.Mode().IsRegular() && fd.sizeOK(p, info) {
			out = append(out, noteFile{Path: fd.f.rel(p), Abs: p})
		}
		return nil
	})
	return out, err
}

func (fd *finder) sizeOK(p string, info fs.FileInfo) bool {
	if info.Size() <= maxNoteSize {
		return true
	}
	fd.warn("%s: skipped: %s is over the 10 MiB limit for a note", fd.f.rel(p), byteSize(info.Size()))
	return false
}

func isNoteName(name string) bool {
	return slices.Contains(noteExts, strings.ToLower(filepath.Ext(name)))
}

// isReadme reports whether name is a README, which documents a folder of
// notes rather than being one.
func isReadme(name string) bool {
	return strings.EqualFold(strings.TrimSuffix(name, filepath.Ext(name)), "readme")
}

// byteSize formats n bytes for people: "532 B", "12.3 KiB", "4.0 MiB".
func byteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

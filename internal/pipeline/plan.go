package pipeline

import (
	"path"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// BuildPlan is what a build does: the notes to extract, the notes left as
// they are, and the stored notes to delete.
type BuildPlan struct {
	Extract   []Job
	Unchanged int
	Delete    []string
	Failed    []string // notes that could not be read
	NoTalk    []string // notes read that gave no talk
}

// PlanBuild reads every note, compares its hash and the extractor's
// fingerprint with the stored hash and decides what to extract and what to
// delete. Catalog talks (pyvideo/...) are left to import. A note that
// cannot be read, or a folder that cannot be walked, is a failure, and what
// the store holds of it stays.
func PlanBuild(files []NoteFile, stored map[string]string, roots []string, force bool, fingerprint string) BuildPlan {
	var p BuildPlan
	found := map[string]bool{}
	var failedDirs []string
	for _, nf := range files {
		found[nf.Path] = true
		if nf.Err != nil {
			p.Failed = append(p.Failed, Failure(nf.Path, nf.Err))
			if nf.Dir {
				failedDirs = append(failedDirs, nf.Path)
			}
			continue
		}
		content, err := nf.Read()
		switch {
		case err != nil:
			p.Failed = append(p.Failed, Failure(nf.Path, err))
		case !force && stored[nf.Path] == StoredHash(notes.Hash(content), fingerprint):
			p.Unchanged++
		default:
			p.Extract = append(p.Extract, Job{File: nf, Content: content})
		}
	}
	for path := range stored {
		if !found[path] && Under(path, roots) && !Under(path, failedDirs) && !catalog.IsPath(path) && !graph.IsDerived(path) {
			p.Delete = append(p.Delete, path)
		}
	}
	return p
}

// under reports whether the note path p lies under one of roots (as find
// returns them).
func Under(p string, roots []string) bool {
	for _, r := range roots {
		switch {
		case p == r, strings.HasPrefix(p, r+"/"):
			return true
		case r == "." && !strings.HasPrefix(p, "../") && !path.IsAbs(p):
			return true
		}
	}
	return false
}

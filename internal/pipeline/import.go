package pipeline

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/source"
)

// ImportPlan is what an import does: the talks to extract and put, the
// talks left as they are, and the stored catalog talks to delete.
type ImportPlan struct {
	Import      []catalog.Talk // new or changed
	Unchanged   int
	Delete      []string // virtual note paths
	Failed      []string // "file:line: message", in file order
	FailedCount int      // records that failed, with those past the cap of Failed
}

// PlanImport compares the talks read, with the extractor's fingerprint,
// with the hashes stored and decides what to put and what to delete.
func PlanImport(talks []catalog.Talk, failed *source.ErrorList, stored map[string]string, f catalog.Filter, force bool, fingerprint string) ImportPlan {
	var p ImportPlan
	for _, e := range failed.Errs {
		p.Fail(e.Error())
	}
	p.FailedCount += failed.More
	if failed.More > 0 {
		p.Failed = append(p.Failed, fmt.Sprintf("(and %d more records failed)", failed.More))
	}
	read := map[string]bool{}
	for _, t := range talks {
		read[t.Path()] = true
		if !force && stored[t.Path()] == StoredHash(t.Hash(), fingerprint) {
			p.Unchanged++
			continue
		}
		p.Import = append(p.Import, t)
	}
	p.Delete = StaleTalks(stored, read, talks, failed, f)
	return p
}

// Fail records failed talks or records.
func (p *ImportPlan) Fail(msgs ...string) {
	p.Failed = append(p.Failed, msgs...)
	p.FailedCount += len(msgs)
}

// StaleTalks returns the stored catalog talks that the import covers but
// did not read. It covers the editions (series and year) it read and, with
// --since or --until, every year of the range, of the series selected with
// --series or else of the series read. An event with a record that failed
// keeps its talks, and nothing is deleted when more records failed than
// were listed.
func StaleTalks(stored map[string]string, read map[string]bool, talks []catalog.Talk, failed *source.ErrorList, f catalog.Filter) []string {
	if failed.More > 0 {
		return nil
	}
	kept, failedFiles := map[string]bool{}, map[string]bool{}
	for _, e := range failed.Errs {
		failedFiles[e.Pos.File] = true
		kept[eventOfFile(e.Pos.File)] = true
	}
	events := map[string]catalog.Talk{}
	editions := map[string]bool{}
	var series []string
	for _, t := range talks {
		events[t.Event] = t
		editions[t.EventKey()] = true
		if !slices.Contains(series, t.Series) {
			series = append(series, t.Series)
		}
		if failedFiles[trailingLine.ReplaceAllString(t.Source, "")] {
			kept[t.Event] = true
		}
	}
	years := f.Since > 0 || f.Until > 0
	if len(f.Series) == 0 {
		f.Series = series
	}
	var out []string
	for p := range stored {
		ev := catalog.EventOfPath(p)
		if ev == "" || read[p] || kept[ev] || len(f.Series) == 0 {
			continue
		}
		t, ok := events[ev]
		if !ok {
			t.Series, t.Year = catalog.SplitEvent(ev)
		}
		if f.Match(t.Series, t.Year) && (years || editions[t.EventKey()]) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

var trailingLine = regexp.MustCompile(`:\d+(:\d+)?$`)

// eventOfFile returns the event folder of a pyvideo/data file
// (<event>/category.json, <event>/videos/<talk>.json), or "".
func eventOfFile(file string) string {
	dir := path.Dir(file)
	switch {
	case path.Base(file) == "category.json":
		return path.Base(dir)
	case path.Base(dir) == "videos":
		return path.Base(path.Dir(dir))
	}
	return ""
}

// ExtractTalks extracts catalog talks on workers goroutines with x, whose
// fingerprint is fp, calling done after each, and returns their note
// graphs and the failures, in the order of talks.
func ExtractTalks(ctx context.Context, x *extract.Extractor, fp string, talks []catalog.Talk, workers int, done func()) ([]graph.NoteGraph, []string, error) {
	if len(talks) == 0 {
		return nil, nil, nil
	}
	graphs, msgs := make([]graph.NoteGraph, len(talks)), make([]string, len(talks))
	err := ForEach(ctx, len(talks), workers, func(i int) { graphs[i], msgs[i] = extractTalk(x, fp, talks[i]) }, done)
	if err != nil {
		return nil, nil, err
	}
	var put []graph.NoteGraph
	var failed []string
	for i := range talks {
		if msgs[i] != "" {
			failed = append(failed, msgs[i])
		} else {
			put = append(put, graphs[i])
		}
	}
	return put, failed, nil
}

// extractTalk extracts one talk, stored with x's fingerprint fp. A panic
// in the extractor fails this talk only.
func extractTalk(x *extract.Extractor, fp string, t catalog.Talk) (ng graph.NoteGraph, failed string) {
	defer func() {
		if r := recover(); r != nil {
			failed = fmt.Sprintf("%s: internal error in extraction: %v", t.Source, r)
		}
	}()
	return graph.NoteGraph{Path: t.Path(), Hash: StoredHash(t.Hash(), fp), Graph: x.ExtractCatalog(t).Graph}, ""
}

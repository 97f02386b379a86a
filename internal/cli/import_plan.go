package cli

import (
	"context"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/pipeline"
	"github.com/talkgraph/talkgraph/internal/source"
)

// importPlan is what an import does: the talks to extract and put, the
// talks left as they are, and the stored catalog talks to delete.
type importPlan struct {
	Import      []catalog.Talk // new or changed
	Unchanged   int
	Delete      []string // virtual note paths
	Failed      []string // "file:line: message", in file order
	FailedCount int      // records that failed, with those past the cap of Failed
}

// planImport compares the talks read, with the extractor's fingerprint,
// with the hashes stored and decides what to put and what to delete.
func planImport(talks []catalog.Talk, failed *source.ErrorList, stored map[string]string, f catalog.Filter, force bool, fingerprint string) importPlan {
	var p importPlan
	for _, e := range failed.Errs {
		p.fail(e.Error())
	}
	p.FailedCount += failed.More
	if failed.More > 0 {
		p.Failed = append(p.Failed, fmt.Sprintf("(and %d more records failed)", failed.More))
	}
	read := map[string]bool{}
	for _, t := range talks {
		read[t.Path()] = true
		if !force && stored[t.Path()] == pipeline.StoredHash(t.Hash(), fingerprint) {
			p.Unchanged++
			continue
		}
		p.Import = append(p.Import, t)
	}
	p.Delete = staleTalks(stored, read, talks, failed, f)
	return p
}

// fail records failed talks or records.
func (p *importPlan) fail(msgs ...string) {
	p.Failed = append(p.Failed, msgs...)
	p.FailedCount += len(msgs)
}

// staleTalks returns the stored catalog talks that the import covers but
// did not read. It covers the editions (series and year) it read and, with
// --since or --until, every year of the range, of the series selected with
// --series or else of the series read. An event with a record that failed
// keeps its talks, and nothing is deleted when more records failed than
// were listed.
func staleTalks(stored map[string]string, read map[string]bool, talks []catalog.Talk, failed *source.ErrorList, f catalog.Filter) []string {
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

// extract extracts talks in parallel with x, whose fingerprint is fp,
// with a progress bar on a terminal, and returns their note graphs and the
// failures, in the order of talks.
func (opts *ImportOptions) extract(ctx context.Context, c config.Config, x *extract.Extractor, fp string, talks []catalog.Talk) ([]graph.NoteGraph, []string, error) {
	if len(talks) == 0 {
		return nil, nil, nil
	}
	f := opts.Factory
	graphs, msgs := make([]graph.NoteGraph, len(talks)), make([]string, len(talks))
	step, finish := f.progress(len(talks), "importing")
	err := pipeline.ForEach(ctx, len(talks), c.Build.Workers, func(i int) { graphs[i], msgs[i] = extractTalk(x, fp, talks[i]) }, step)
	finish()
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

// extractTalk extracts one talk, stored with x's fingerprint fp. A panic in the extractor fails this talk
// only.
func extractTalk(x *extract.Extractor, fp string, t catalog.Talk) (ng graph.NoteGraph, failed string) {
	defer func() {
		if r := recover(); r != nil {
			failed = fmt.Sprintf("%s: internal error in extraction: %v", t.Source, r)
		}
	}()
	return graph.NoteGraph{Path: t.Path(), Hash: pipeline.StoredHash(t.Hash(), fp), Graph: x.ExtractCatalog(t).Graph}, ""
}

// importSummary is what `talkgraph import pyvideo` prints. Graph counts are
// of the whole store after the import.
type importSummary struct {
	Read      int      `json:"talks_read"` // imported + unchanged
	Imported  int      `json:"talks_imported"`
	Unchanged int      `json:"talks_unchanged"`
	Deleted   int      `json:"talks_deleted"`
	Failed    int      `json:"talks_failed"`
	Errors    []string `json:"errors"` // "file:line: message"
	storeTotals
	Elapsed   time.Duration `json:"-"`
	ElapsedMS int64         `json:"elapsed_ms"`
}

func (p *importPlan) summary(imported int, tot storeTotals) *importSummary {
	sum := &importSummary{Read: imported + p.Unchanged, Imported: imported, Unchanged: p.Unchanged,
		Deleted: len(p.Delete), Failed: p.FailedCount, Errors: p.Failed, storeTotals: tot}
	if sum.Errors == nil {
		sum.Errors = []string{}
	}
	return sum
}

func (s *importSummary) print(w io.Writer, asJSON bool) error {
	s.ElapsedMS = s.Elapsed.Milliseconds()
	if asJSON {
		return writeJSON(w, s)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	printCounts(tw, []count{
		{"talks read", s.Read}, {"  imported", s.Imported}, {"  unchanged", s.Unchanged},
		{"talks deleted", s.Deleted}, {"talks failed", s.Failed},
	})
	s.storeTotals.print(tw)
	fmt.Fprintf(tw, "elapsed\t%s\n", s.Elapsed.Round(time.Millisecond))
	return tw.Flush()
}

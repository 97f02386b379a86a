package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/pipeline"
	"github.com/talkgraph/talkgraph/internal/source"
)

// NewCmdImport returns the import command, which groups the importers of
// published catalogs; runF replaces the run function of `import pyvideo` in
// tests.
func NewCmdImport(f *Factory, runF func(*ImportOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import <catalog>",
		Short: "Import a published catalog of talks",
		Long: `The import commands read a published catalog of conference talks into the
store, next to the talks of your notes. The one catalog known is pyvideo's.`,
		Example: `  talkgraph import pyvideo ../shared/corpus/pyvideo`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return flagErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return flagErrorf("missing catalog: want one of pyvideo")
		},
		RunE: func(*cobra.Command, []string) error { return nil },
	}
	cmd.AddCommand(NewCmdImportPyvideo(f, runF))
	return cmd
}

// ImportOptions are the options of `talkgraph import pyvideo`. Workers and
// strictness come from the configuration (build.workers, build.strict),
// which the --workers and --strict flags set.
type ImportOptions struct {
	Factory *Factory
	Path    string
	Filter  catalog.Filter
	JSON    bool
	Force   bool // import every talk, changed or not
}

// NewCmdImportPyvideo returns the import pyvideo command; runF replaces its
// run function in tests.
func NewCmdImportPyvideo(f *Factory, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "pyvideo PATH",
		Short: "Import talks from the pyvideo catalog",
		Long: `Import pyvideo reads the talks of the pyvideo catalog (pyvideo.org, from the
pyvideo/data repository) at PATH and puts them into the store, next to the
talks of your notes. PATH is either
  - JSON Lines, one talk per line (id, series, event, event_title, year,
    title, speakers, description, summary, tags, recorded, duration,
    language, video_url): a file, or a folder searched for *.jsonl files; or
  - a checkout of pyvideo/data: event folders, each with a category.json
    whose title names the event ("PyCon US 2019") and a videos/ folder with
    one JSON file per talk. The event folder gives the year, the title the
    series; a talk's id is "<event folder>--<file name>".

Every talk becomes a Talk node with its title, kind, abstract (the
description, or the summary when there is none), tags, recording date,
duration, video URL, year, event and speakers, and the property source
"catalog"; its speakers, its event (the series, "pycon-us" read as "PyCon US",
and the year) and the tools and concepts named in its title and abstract
are linked as for a note. A talk of a note about the same edition and
title is the same node. The store keeps each talk as a note of its own
named pyvideo/<event>/<id>, which the sources of its facts point at.

Import compares each talk with the store by the hash of its record and puts
only the new and changed ones (--force puts them all). It deletes the
catalog talks that are no longer in the catalog, among the editions it
covers: every edition (series and year) it read, and with --since or
--until every year of the range, of the series selected with --series or
else of the series read; so importing one year's file leaves the other
years alone, and a whole edition that left the catalog goes when its year
is named with --since and --until. Everything changes in one atomic update.
A record that cannot be read is reported as file:line: message on stderr,
the other talks are imported, and the talks of its event are kept.

Import prints the talks read, imported, unchanged, deleted and failed, and
the counts of the store's graph, like build; --json prints them as one JSON
object. It exits 1 when records were found but none could be read, and 3
when any failed and --strict (or build.strict) is set.`,
		Example: `  talkgraph import pyvideo ../shared/corpus/pyvideo
  talkgraph import pyvideo --series pycon-us --since 2015 --until 2019 ../shared/corpus/pyvideo
  talkgraph import pyvideo --series "DjangoCon US" --json corpus/djangocon-us/2019.jsonl
  NEO4J_PASSWORD=secret talkgraph import pyvideo --store neo4j ../shared/corpus/pyvideo`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return flagErrorf("unexpected argument %q", args[1])
			}
			return needArgs(1, "PATH")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			fl := cmd.Flags()
			if err := checkYears(opts.Filter); err != nil {
				return err
			}
			f.BindFlag(config.KeyBuildWorkers, fl.Lookup("workers"))
			f.BindFlag(config.KeyBuildStrict, fl.Lookup("strict"))
			if runF != nil {
				return runF(opts)
			}
			return importRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.Filter.Series, "series", nil, "import only the `SERIES` named, by slug or name, comma-separated")
	fl.IntVar(&opts.Filter.Since, "since", 0, "import only talks of `YEAR` or later")
	fl.IntVar(&opts.Filter.Until, "until", 0, "import only talks of `YEAR` or earlier")
	fl.BoolVar(&opts.JSON, "json", false, "print the summary as JSON")
	fl.BoolVar(&opts.Force, "force", false, "import every talk, changed or not")
	fl.Int("workers", config.Default().Build.Workers, "extract `N` talks in parallel")
	fl.Bool("strict", false, "exit 3 when any record fails")
	return cmd
}

// checkYears refuses a year range that selects nothing by construction.
func checkYears(f catalog.Filter) error {
	switch {
	case f.Since < 0 || f.Until < 0:
		return flagErrorf("--since and --until take a year, not a negative number")
	case f.Since > 0 && f.Until > 0 && f.Since > f.Until:
		return flagErrorf("--since %d is after --until %d", f.Since, f.Until)
	}
	return nil
}

func importRun(ctx context.Context, opts *ImportOptions) error {
	start := time.Now()
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	talks, failed, err := opts.read()
	if err != nil {
		return err
	}
	store, err := f.Store(ctx)
	if err != nil {
		return err
	}
	stored, err := store.NoteHashes(ctx)
	if err != nil {
		return fmt.Errorf("read store: %w", err)
	}
	x, err := f.newExtractor(c, nil) // links no catalog
	if err != nil {
		return err
	}
	fp := x.Fingerprint()
	plan := pipeline.PlanImport(talks, failed, stored, opts.Filter, opts.Force, fp)
	step, finish := f.progress(len(plan.Import), "importing")
	put, extractFailed, err := pipeline.ExtractTalks(ctx, x, fp, plan.Import, c.Build.Workers, step)
	finish()
	if err != nil {
		return err
	}
	plan.Fail(extractFailed...)
	for _, msg := range plan.Failed {
		fmt.Fprintln(f.IO.ErrOut, msg)
	}
	if plan.FailedCount > 0 && len(put) == 0 && plan.Unchanged == 0 {
		return fmt.Errorf("no record could be read: all %d failed", plan.FailedCount)
	}
	if len(talks) == 0 && plan.FailedCount == 0 {
		fmt.Fprintf(f.IO.ErrOut, "warning: %s: no talk selected\n", opts.Path)
	}
	imported := len(put)
	put, del, err := pipeline.WithRelated(ctx, c.Related.K, store, stored, put, plan.Delete, opts.Force)
	if err != nil {
		return err
	}
	counts, err := apply(ctx, store, graph.Changeset{Put: put, Delete: del})
	if err != nil {
		return err
	}
	tot, err := totals(ctx, c, store)
	if err != nil {
		return err
	}
	tot.Neo4j = counts
	tot.TalksRanked = pipeline.Ranked(put)
	sum := summaryOf(&plan, imported, tot)
	sum.Elapsed = time.Since(start)
	if !f.IO.Quiet || opts.JSON {
		if err := sum.print(f.IO.Out, opts.JSON); err != nil {
			return err
		}
	}
	if c.Build.Strict && plan.FailedCount > 0 {
		return &PartialError{Failed: plan.FailedCount, Total: plan.FailedCount + sum.Read, Why: "--strict", What: "records"}
	}
	return nil
}

// read reads the catalog at opts.Path, relative to the working directory,
// and returns the talks selected and the records that failed, both named
// by paths relative to the working directory.
func (opts *ImportOptions) read() ([]catalog.Talk, *source.ErrorList, error) {
	f := opts.Factory
	abs := filepath.Clean(f.abs(opts.Path))
	talks, err := catalog.Read(abs, opts.Filter)
	var failed *source.ErrorList
	var pe *fs.PathError
	switch {
	case errors.As(err, &failed):
	case errors.As(err, &pe) && pe.Path == abs:
		return nil, nil, fmt.Errorf("%s: %w", opts.Path, pe.Err)
	case err != nil:
		return nil, nil, fmt.Errorf("read catalog: %w", err)
	default:
		failed = &source.ErrorList{}
	}
	from, to := filepath.ToSlash(abs), f.rel(abs)
	rename := func(p string) string {
		if strings.HasPrefix(p, from) {
			return to + p[len(from):]
		}
		return p
	}
	for i := range talks {
		talks[i].Source = rename(talks[i].Source)
	}
	for _, e := range failed.Errs {
		e.Pos.File = rename(e.Pos.File)
	}
	return talks, failed, nil
}

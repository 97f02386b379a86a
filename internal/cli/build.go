package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/pipeline"
)

// BuildOptions are the options of `talkgraph build`. Workers and strictness
// come from the configuration (build.workers, build.strict), which the
// --workers and --strict flags set.
type BuildOptions struct {
	Factory *Factory
	Paths   []string
	JSON    bool
	Force   bool // extract every note, changed or not
}

// NewCmdBuild returns the build command; runF replaces its run function in
// tests.
func NewCmdBuild(f *Factory, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "build PATH...",
		Short: "Extract notes into the store",
		Long: `Build finds every .md, .markdown and .txt note under the given paths
(skipping README files, dot files, dot-directories and the store itself; a
file named on the command line is always read),
extracts the notes that are new or changed since the last build (or all of
them when the lexicon, the folder events, the people decisions or the
imported catalog changed: a note's talks are linked to the catalog's, see
'talkgraph links --help'), removes from
the store the notes that were under these paths but no longer exist, and
updates the store in one atomic step.

Notes are stored under their path relative to the working directory, so run
build from the same directory each time. A note that cannot be read (say its
front matter is not valid YAML) is reported as file:line: message on stderr;
the other notes are still stored, and a note stored by an earlier build keeps
its earlier facts until it is fixed. So does a note over the size limit,
10 MiB unless --max-note-size (build.max_note_size) says otherwise
("20MiB"), and anything named that is not a regular file (a FIFO, a device).

A note that is read but gives no talk is named in a warning on stderr with
the command that shows how it was read (talkgraph extract FILE); it is stored
(its Note node) but creates no event. Talks, PRESENTED and MENTIONS carry a
confidence from 0 to 1; --min-confidence (build.min_confidence) leaves out
the talks, speakers and mentions less sure than it.

Build then prints a summary: notes read, unchanged, extracted (and of those,
how many gave no talk), deleted and failed, the number of talks, speakers,
tools, concepts, organizations, events, people and relationships in the whole
store, the store's path and size, and
the time taken. With --json the summary is one JSON object, printed even
with --quiet.

With --store neo4j (or store: neo4j) the graph goes into the Neo4j server of
the neo4j.* settings instead (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
NEO4J_DATABASE work too), which keeps the hash of every note the same way.
The summary then names the server and adds what Neo4j counted: nodes and
relationships created and deleted, properties set. A load of more than
neo4j.batch_size rows shows a progress bar on a terminal.

Build exits 1 when notes were found but none could be read, and 3 when any
note failed and --strict (or build.strict) is set. Use --force to extract
every note again whatever changed and rank every talk's related talks again
(a build ranks again only the talks a change can affect).`,
		Example: `  talkgraph build notes/
  talkgraph build --strict --json notes/ talks.md
  talkgraph build --force --workers 2 notes/
  NEO4J_PASSWORD=secret talkgraph build --store neo4j notes/`,
		Args: needArgs(1, "PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			bindMaxNoteSize(f, cmd)
			if runF != nil {
				return runF(opts)
			}
			return buildRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.JSON, "json", false, "print the summary as JSON")
	fl.BoolVar(&opts.Force, "force", false, "extract every note, changed or not, and rank every talk's related talks again")
	fl.Int("workers", config.Default().Build.Workers, "extract `N` notes in parallel")
	fl.Bool("strict", false, "exit 3 when any note fails")
	fl.Float64("min-confidence", 0, "store only the talks, speakers and mentions at least this sure (`0-1`)")
	f.BindFlag(config.KeyBuildWorkers, fl.Lookup("workers"))
	f.BindFlag(config.KeyMinConfidence, fl.Lookup("min-confidence"))
	f.BindFlag(config.KeyBuildStrict, fl.Lookup("strict"))
	maxNoteSizeFlag(fl)
	return cmd
}

// maxNoteSizeFlag adds --max-note-size, for build.max_note_size: build and
// extract both have it, so each binds it when it runs (bindMaxNoteSize).
func maxNoteSizeFlag(fl *pflag.FlagSet) {
	fl.String("max-note-size", "10MiB", "read notes of at most `SIZE` (bytes, or with KiB, MiB, GiB)")
}

func bindMaxNoteSize(f *Factory, cmd *cobra.Command) {
	f.BindFlag(config.KeyMaxNoteSize, cmd.Flags().Lookup("max-note-size"))
}

func buildRun(ctx context.Context, opts *BuildOptions) error {
	start := time.Now()
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	files, roots, err := f.finder(c).Find(opts.Paths)
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
	xc, err := f.extractConfig(c, filePaths(files))
	if err != nil {
		return err
	}
	xc.CatalogKey = pipeline.CatalogKey(stored)
	fp := extract.New(xc).Fingerprint()
	if xc.CatalogKey != "" {
		f.warnStaleCatalog(c, stored)
	}
	plan := pipeline.PlanBuild(files, stored, roots, opts.Force, fp)
	if len(plan.Extract) > 0 && xc.CatalogKey != "" {
		// The fingerprint stays: CatalogKey names this catalog already.
		if err := pipeline.LinkCatalog(ctx, store, xc.CatalogKey, &xc); err != nil {
			return err
		}
	}
	done, finish := f.progress(len(plan.Extract), "extracting")
	put, failed, noTalk, err := pipeline.ExtractNotes(ctx, extract.New(xc), fp, plan.Extract, c.Build.Workers, done)
	finish()
	if err != nil {
		return err
	}
	plan.Failed = append(plan.Failed, failed...)
	plan.NoTalk = noTalk
	for _, p := range noTalk {
		fmt.Fprintln(f.IO.ErrOut, noTalkWarning(p))
	}
	slices.Sort(plan.Failed) // file order: messages start with the path
	for _, msg := range plan.Failed {
		fmt.Fprintln(f.IO.ErrOut, msg)
	}
	if len(files) > 0 && len(plan.Failed) == len(files) {
		return fmt.Errorf("no note could be read: all %d failed", len(files))
	}
	extracted := len(put)
	put, del, err := pipeline.WithRelated(ctx, c.Related.K, store, stored, put, plan.Delete, opts.Force)
	if err != nil {
		return err
	}
	counts, err := apply(ctx, store, graph.Changeset{Put: put, Delete: del})
	if err != nil {
		return err
	}
	sum, err := summarize(ctx, f, c, store, plan, extracted)
	if err != nil {
		return err
	}
	sum.Neo4j = counts
	sum.TalksRanked = pipeline.Ranked(put)
	sum.Elapsed = time.Since(start)
	if !f.IO.Quiet || opts.JSON {
		if err := sum.print(f.IO.Out, opts.JSON); err != nil {
			return err
		}
	}
	if c.Build.Strict && len(plan.Failed) > 0 {
		return &PartialError{Failed: len(plan.Failed), Total: len(files), Why: "--strict"}
	}
	return nil
}

// warnStaleCatalog says when the store's catalog talks were extracted with
// another lexicon, other people decisions or another extractor than import
// would use now: build reads notes only, so only an import brings them up
// to date.
func (f *Factory) warnStaleCatalog(c config.Config, stored map[string]string) {
	ic, err := f.extractConfig(c, nil)
	if err != nil {
		return // the build reports it
	}
	suffix := "." + extract.FingerprintOf(ic)
	stale := 0
	for p, h := range stored {
		if catalog.IsPath(p) && !strings.HasSuffix(h, suffix) {
			stale++
		}
	}
	if stale > 0 {
		fmt.Fprintf(f.IO.ErrOut, "warning: %d catalog talks were extracted with another lexicon, people decisions or talkgraph; "+
			"run 'talkgraph import pyvideo CATALOG' again to bring them up to date\n", stale)
	}
}

// apply applies a changeset, also an empty one: that completes a load an
// earlier command left unfinished (graph.Store.Apply). For a Neo4j store it
// returns what the changeset changed there, else nil.
func apply(ctx context.Context, s graph.Store, cs graph.Changeset) (*neo4jCounts, error) {
	ns, isNeo4j := s.(Neo4jStore)
	if isNeo4j {
		ns.ResetCounters()
	}
	if err := s.Apply(ctx, cs); err != nil {
		return nil, fmt.Errorf("update store: %w", err)
	}
	if isNeo4j {
		return countsOf(ns.Counters()), nil
	}
	return nil, nil
}

// finder finds the notes under the paths given to a command, with warnings
// on stderr for files skipped and folders without notes.
func (f *Factory) finder(c config.Config) *pipeline.Finder {
	skip := ""
	if c.Store == config.StoreEmbedded {
		skip = f.StorePath(c)
	}
	warn := func(format string, args ...any) {
		fmt.Fprintf(f.IO.ErrOut, "warning: "+format+"\n", args...)
	}
	return &pipeline.Finder{
		Abs: f.abs, Rel: f.rel, Skip: skip, MaxSize: int64(c.Build.MaxNoteSize),
		Empty: func(root string) { warn("%s: no notes found (.md, .markdown or .txt files)", root) },
	}
}

// filePaths returns the paths of files.
func filePaths(files []pipeline.NoteFile) []string {
	paths := make([]string, len(files))
	for i, nf := range files {
		paths[i] = nf.Path
	}
	return paths
}

// noTalkWarning is the warning for a note that was read and gave no talk.
func noTalkWarning(path string) string {
	return fmt.Sprintf("warning: %s: no talk found; see how it was read with: talkgraph extract %s", path, path)
}

// progress returns a function to call after each of n steps and one to
// call at the end. It shows a bar on stderr only when stderr is a terminal,
// output is not quiet, and there are more than 5 steps.
func (f *Factory) progress(n int, what string) (step, finish func()) {
	if !f.IO.ErrTTY || f.IO.Quiet || n <= 5 {
		return func() {}, func() {}
	}
	bar := progressbar.NewOptions(n,
		progressbar.OptionSetWriter(f.IO.ErrOut),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return func() { _ = bar.Add(1) }, func() { _ = bar.Finish() }
}

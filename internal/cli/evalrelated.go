package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/eval"
	"github.com/talkgraph/talkgraph/internal/related"
	"github.com/talkgraph/talkgraph/internal/source"
)

// EvalRelatedOptions are the options of `talkgraph eval related`.
type EvalRelatedOptions struct {
	Factory *Factory
	Corpus  string
	K       int
	JSON    bool
}

// NewCmdEvalRelated returns the eval related command; runF replaces its
// run function in tests.
func NewCmdEvalRelated(f *Factory, runF func(*EvalRelatedOptions) error) *cobra.Command {
	opts := &EvalRelatedOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "related --corpus DIR",
		Short: "Measure related talks against a catalog's human tags",
		Long: `Eval related measures how well talkgraph finds related talks, on a catalog in
the pyvideo layout (SERIES/YEAR.jsonl files, as 'talkgraph import pyvideo'
reads them) whose talks carry human content tags.

It reads every talk of the catalog, extracts it as an import does (with your
lexicon), and ranks the related talks of each as a build does. Then, for each
talk that carries a content tag (tags that only name the event, the kind of
session or a year are left out), it counts how many of the first K tagged
talks of its ranking share a content tag with it: the precision at K. The
tags only judge: the ranking never reads them. Two baselines are computed in
the same run: random order, and TF-IDF cosine over title and abstract, what a
"more like this" search gives.

It prints a table, or with --json one object: talks, k, random, tf-idf,
talkgraph and talks_without_ranking.`,
		Example: `  talkgraph eval related --corpus ../shared/corpus/pyvideo
  talkgraph eval related --corpus my-catalog --k 10 --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Corpus == "" {
				return flagErrorf("--corpus is required: a catalog folder of SERIES/YEAR.jsonl files")
			}
			if opts.K < 1 {
				return flagErrorf("--k must be at least 1, not %d", opts.K)
			}
			if runF != nil {
				return runF(opts)
			}
			return evalRelatedRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Corpus, "corpus", "", "the catalog `DIR` (SERIES/YEAR.jsonl files)")
	fl.IntVar(&opts.K, "k", 5, "the precision at `K`")
	fl.BoolVar(&opts.JSON, "json", false, "print the figures as JSON")
	return cmd
}

func evalRelatedRun(ctx context.Context, opts *EvalRelatedOptions) error {
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	dir := filepath.Clean(f.abs(opts.Corpus))
	tagged, err := eval.LoadTagged(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", opts.Corpus, err)
	}
	talks, err := catalog.Read(dir, catalog.Filter{})
	var failed *source.ErrorList
	if err != nil && !errors.As(err, &failed) {
		return fmt.Errorf("read catalog: %w", err)
	}
	if failed != nil {
		for _, e := range failed.Errs {
			fmt.Fprintln(f.IO.ErrOut, e)
		}
	}
	x, err := f.newExtractor(c, nil)
	if err != nil {
		return err
	}
	step, finish := f.progress(len(talks), "extracting")
	gs := make([]*graph.Graph, 0, len(talks))
	for _, t := range talks {
		if err := ctx.Err(); err != nil {
			return err
		}
		gs = append(gs, x.ExtractCatalog(t).Graph)
		step()
	}
	finish()
	g := graph.MergeAll(gs...)
	r := related.New(g, related.Options{K: c.Related.K})
	s := eval.Related(tagged, opts.K, eval.GraphRanking(g, func(id string) []string {
		var ids []string
		for _, l := range r.Related(id, r.Len()) {
			ids = append(ids, l.To)
		}
		return ids
	}))
	if opts.JSON {
		return writeJSON(f.IO.Out, s)
	}
	tw := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "tagged talks\t%d\n", s.Talks)
	for _, row := range []struct {
		name string
		p    float64
	}{{"random", s.Random}, {"tf-idf", s.TFIDF}, {"talkgraph", s.Talkgraph}} {
		fmt.Fprintf(tw, "%s\tP@%d = %.3f\n", row.name, s.K, row.p)
	}
	if s.Unranked > 0 {
		fmt.Fprintf(tw, "talks without ranking\t%d\n", s.Unranked)
	}
	return tw.Flush()
}

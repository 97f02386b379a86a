package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"text/tabwriter"

	"github.com/talkgraph/talkgraph/internal/fold"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/extract"
)

// CandidatesOptions are the options of `talkgraph candidates`.
type CandidatesOptions struct {
	Factory *Factory
	Paths   []string
	Min     int
	JSON    bool
}

// NewCmdCandidates returns the candidates command; runF replaces its run
// function in tests.
func NewCmdCandidates(f *Factory, runF func(*CandidatesOptions) error) *cobra.Command {
	opts := &CandidatesOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "candidates PATH...",
		Short: "List names the lexicon does not know, to grow it",
		Long: `Candidates extracts the notes under the given paths (nothing is stored) and
lists the names that look like tools, people or organizations but that the
lexicon does not know: code spans, CamelCase and dotted names, handles,
capitalised words. Each comes with how often it was seen (at least --min
times), in how many notes, a guess of what it is, why it was picked, and the
first place it was seen. The most frequent come first.

To teach talkgraph a name, add it to a lexicon file of your own and list that
file under "lexicon" in talkgraph.yaml (or TALKGRAPH_LEXICON=a.yaml,b.yaml).
A lexicon file is YAML with any of the keys tools, concepts and
organizations, each a list of entries; only name is required, and your
entries win over the shipped ones:

  tools:
    - name: Litestream                # the canonical name
      aliases: [litestream.io]        # other spellings of the same thing
      category: database              # language, library, framework, ...
      homepage: https://litestream.io
  concepts:
    - name: write-ahead logging
      aliases: [WAL]
      ambiguous: true                 # also an ordinary word or very short:
      context: [sqlite, database]     # match only near one of these words
  organizations:
    - name: Fly.io

Then run 'talkgraph build PATH...': a changed lexicon extracts every note again.`,
		Example: `  talkgraph candidates notes/
  talkgraph candidates --min 5 --json notes/ | jq -r '.[].name'`,
		Args: needArgs(1, "PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if opts.Min < 1 {
				return flagErrorf("--min must be at least 1, not %d", opts.Min)
			}
			if runF != nil {
				return runF(opts)
			}
			return candidatesRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.Min, "min", 2, "list names seen at least `N` times")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the candidates as a JSON array")
	return cmd
}

// candidateRow is one unknown name with its counts.
type candidateRow struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
	Notes int    `json:"notes"`
	Guess string `json:"guess"`
	Why   string `json:"why"`
	First string `json:"first"` // note:line where it was first seen

	guesses map[string]int
	notes   map[string]bool
}

func candidatesRun(ctx context.Context, opts *CandidatesOptions) error {
	f := opts.Factory
	results, err := f.extractPaths(ctx, opts.Paths, nil)
	if err != nil && results == nil {
		return err
	}
	rows := tallyCandidates(results, opts.Min)
	if werr := printCandidates(f.IO.Out, rows, opts.JSON); werr != nil {
		return werr
	}
	return err
}

// tallyCandidates groups candidates by their slug, keeps those seen at
// least atLeast times and sorts them by count, then name.
func tallyCandidates(results []*extract.Result, atLeast int) []*candidateRow {
	byKey := map[string]*candidateRow{}
	var order []*candidateRow
	for _, r := range results {
		for _, c := range r.Candidates {
			key := graph.Slug(c.Name)
			row := byKey[key]
			if row == nil {
				row = &candidateRow{Name: c.Name, Why: c.Why, First: fmt.Sprintf("%s:%d", c.Note, c.Line),
					guesses: map[string]int{}, notes: map[string]bool{}}
				byKey[key] = row
				order = append(order, row)
			}
			row.Count++
			row.guesses[c.Guess]++
			row.notes[c.Note] = true
		}
	}
	var rows []*candidateRow
	for _, row := range order {
		if row.Count < atLeast {
			continue
		}
		row.Notes = len(row.notes)
		row.Guess = topGuess(row.guesses)
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b *candidateRow) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(fold.Lower(a.Name), fold.Lower(b.Name)))
	})
	return rows
}

// topGuess returns the most frequent guess; ties go to the first in
// alphabetical order, so output is stable.
func topGuess(g map[string]int) string {
	best, n := "unknown", 0
	for _, k := range slices.Sorted(maps.Keys(g)) {
		if g[k] > n {
			best, n = k, g[k]
		}
	}
	return best
}

func printCandidates(w io.Writer, rows []*candidateRow, asJSON bool) error {
	if asJSON {
		if rows == nil {
			rows = []*candidateRow{}
		}
		return writeJSON(w, rows)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COUNT\tNOTES\tNAME\tGUESS\tWHY\tFIRST SEEN")
	for _, r := range rows {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\n", r.Count, r.Notes, r.Name, r.Guess, r.Why, r.First)
	}
	return tw.Flush()
}

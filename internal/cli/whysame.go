package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/identity"
)

// WhySameOptions are the options of `talkgraph why-same`.
type WhySameOptions struct {
	Factory *Factory
	Names   [2]string
	JSON    bool
}

// NewCmdWhySame returns the why-same command; runF replaces its run
// function in tests.
func NewCmdWhySame(f *Factory, runF func(*WhySameOptions) error) *cobra.Command {
	opts := &WhySameOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "why-same NAME NAME",
		Short: "Say whether two spellings name one person, and why",
		Long: `Why-same says whether talkgraph takes two spellings of a name for one person
("same") or for two ("different"), and the steps of that decision. It folds
case, accents, hyphens, dots and apostrophes, particle case, middle
initials, honorifics and quoted nicknames: "Russell Keith-Magee" is "Russell
Keith Magee", "Jérôme" is "Jerome", "Guido Van Rossum" is "Guido van
Rossum", "Eric J. Ma" is "Eric Ma". It never merges on the surname alone,
and never merges a short form ("Bob" and "Robert"), a typo or a left-out
middle name by itself: it says when they may be one person.

Your decisions file (the people key of talkgraph.yaml, or TALKGRAPH_PEOPLE)
settles those cases:

  same:
    - [Bob Smith, Robert Smith]
  different:
    - [Nathaniel J. Smith, Nathaniel K. Smith]

Build reads it and extracts every note again when it changes.

When the store has speakers or people whose name, or one of their
spellings, folds like either name, why-same lists their ids and how many
talks each presented. It exits 0 whether the names are one person or not.`,
		Example: `  talkgraph why-same "Eric J. Ma" "Eric Ma"
  TALKGRAPH_PEOPLE=people.yaml talkgraph why-same Bob "Robert Smith"
  talkgraph why-same --json "Guido Van Rossum" "Guido van Rossum"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return flagErrorf("want two names, got %d", len(args))
			}
			for _, a := range args {
				if strings.TrimSpace(a) == "" {
					return flagErrorf("a name is empty")
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Names = [2]string{args[0], args[1]}
			if runF != nil {
				return runF(opts)
			}
			return whySameRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the answer as JSON")
	return cmd
}

// whySame is the answer of why-same.
type whySame struct {
	Names [2]string    `json:"names"`
	Same  bool         `json:"same"`
	Why   []string     `json:"why"`
	Nodes []personNode `json:"nodes"` // the store's speakers and people of either name
}

// personNode is a Speaker or Person node of the store that one of the
// names folds to.
type personNode struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Name  string `json:"name"`
	Talks int    `json:"talks"` // talks presented
}

func whySameRun(ctx context.Context, opts *WhySameOptions) error {
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	r, err := f.people(c)
	if err != nil {
		return err
	}
	ans := whySame{Names: opts.Names}
	ans.Same, ans.Why = r.Explain(opts.Names[0], opts.Names[1])
	if ans.Why == nil {
		ans.Why = []string{}
	}
	g, err := f.graphIfAny(ctx, c)
	if err != nil {
		return err
	}
	ans.Nodes = personNodes(g, r, opts.Names[:])
	if opts.JSON {
		return writeJSON(f.IO.Out, ans)
	}
	return ans.print(f.IO.Out)
}

// graphIfAny returns the store's graph, or an empty graph when the
// embedded store was never built.
func (f *Factory) graphIfAny(ctx context.Context, c config.Config) (*graph.Graph, error) {
	if c.Store == config.StoreEmbedded && f.checkEmbedded(c) != nil {
		return graph.New(), nil
	}
	return f.Graph(ctx)
}

// personNodes returns the Speaker and Person nodes of g whose name or
// spellings have the key of one of names, by id.
func personNodes(g *graph.Graph, r *identity.Resolver, names []string) []personNode {
	keys := map[string]bool{}
	for _, n := range names {
		keys[r.Key(n)] = true
	}
	out := []personNode{}
	for _, n := range g.Nodes() {
		if n.Label != graph.Speaker && n.Label != graph.Person {
			continue
		}
		spellings, _ := n.Props["spellings"].([]string)
		if !slices.ContainsFunc(append([]string{n.Name()}, spellings...), func(s string) bool { return keys[r.Key(s)] }) {
			continue
		}
		talks := 0
		for _, rel := range g.RelsOf(n.ID) {
			if rel.Type == graph.Presented && rel.From == n.ID {
				talks++
			}
		}
		out = append(out, personNode{ID: n.ID, Label: string(n.Label), Name: n.Name(), Talks: talks})
	}
	slices.SortFunc(out, func(a, b personNode) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func (a whySame) print(w io.Writer) error {
	verdict := "different"
	if a.Same {
		verdict = "same"
	}
	fmt.Fprintln(w, verdict)
	for _, step := range a.Why {
		fmt.Fprintf(w, "  %s\n", step)
	}
	if len(a.Nodes) == 0 {
		return nil
	}
	fmt.Fprintln(w, "in the store:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, n := range a.Nodes {
		fmt.Fprintf(tw, "  %s\t%s\t%d talks\n", n.ID, n.Name, n.Talks)
	}
	return tw.Flush()
}

package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
)

// StatsOptions are the options of `talkgraph stats`.
type StatsOptions struct {
	Factory *Factory
	JSON    bool
}

// NewCmdStats returns the stats command; runF replaces its run function in
// tests.
func NewCmdStats(f *Factory, runF func(*StatsOptions) error) *cobra.Command {
	opts := &StatsOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count the store's nodes and relationships",
		Long: `Stats counts the nodes of the store's graph by label (Talk, Speaker, Tool,
Concept, Organization, Event, Person, Note) and its relationships by type
(PRESENTED, AT, MENTIONS, ABOUT, AFFILIATED_WITH, FROM). Every label and type
is listed, with 0 where there is none.

With --json it prints {"nodes": {LABEL: N...}, "relationships": {TYPE: N...}}.`,
		Example: `  talkgraph stats
  talkgraph stats --json | jq .nodes.Talk`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return statsRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the counts as JSON")
	return cmd
}

func statsRun(ctx context.Context, opts *StatsOptions) error {
	s, err := opts.Factory.ExistingStore(ctx)
	if err != nil {
		return err
	}
	st, err := graph.StatsOf(ctx, s)
	if err != nil {
		return fmt.Errorf("read store: %w", err)
	}
	if opts.JSON {
		return writeJSON(opts.Factory.IO.Out, st)
	}
	return printStats(opts.Factory.IO.Out, st)
}

func printStats(w io.Writer, st graph.Stats) error {
	var b strings.Builder
	total := 0
	b.WriteString("NODES\n")
	for _, l := range graph.Labels {
		fmt.Fprintf(&b, "  %-16s %7d\n", l, st.Nodes[l])
		total += st.Nodes[l]
	}
	fmt.Fprintf(&b, "  %-16s %7d\n", "total", total)
	total = 0
	b.WriteString("RELATIONSHIPS\n")
	for _, t := range graph.RelTypes {
		fmt.Fprintf(&b, "  %-16s %7d\n", t, st.Rels[t])
		total += st.Rels[t]
	}
	fmt.Fprintf(&b, "  %-16s %7d\n", "total", total)
	_, err := io.WriteString(w, b.String())
	return err
}

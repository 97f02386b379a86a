package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/neo4jstore"
)

// NewCmdNeo4j returns the neo4j command, which groups the commands about
// the Neo4j server.
func NewCmdNeo4j(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "neo4j <command>",
		Short: "Inspect the Neo4j server",
		Long: `The neo4j commands look at the Neo4j server of the neo4j.* settings (or the
variables NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), whatever
the store setting says. To fill it, build with --store neo4j, or build into
the embedded store and run 'talkgraph load'.`,
		Example: `  talkgraph neo4j status
  NEO4J_URI=bolt://127.0.0.1:7687 talkgraph neo4j status --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return flagErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return flagErrorf("missing command: want one of status")
		},
		RunE: func(*cobra.Command, []string) error { return nil },
	}
	cmd.AddCommand(NewCmdNeo4jStatus(f, nil))
	return cmd
}

// Neo4jStatusOptions are the options of `talkgraph neo4j status`.
type Neo4jStatusOptions struct {
	Factory *Factory
	JSON    bool
}

// NewCmdNeo4jStatus returns the neo4j status command; runF replaces its run
// function in tests.
func NewCmdNeo4jStatus(f *Factory, runF func(*Neo4jStatusOptions) error) *cobra.Command {
	opts := &Neo4jStatusOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Check the connection to Neo4j and count what it holds",
		Long: `Status connects to Neo4j and prints the server's version and edition, the
URI and database used, the schema objects talkgraph created (a uniqueness
constraint on the id of every label, indexes on names, titles and years, a
full-text index on talk titles and text), the number of notes loaded, and the
nodes by label and relationships by type.

It also says when a load was interrupted ("unfinished": the notes whose facts
are partly written; readers see part of them until the next build, import or
load, which completes the load first) and when a talkgraph is writing now
("writer", with the time it took the write lock).

It exits 1 with the reason when Neo4j cannot be reached; with --json it then
still prints {"connected": false, "uri": ..., "error": ...}.`,
		Example: `  talkgraph neo4j status
  talkgraph neo4j status --json | jq .nodes.Talk
  NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io NEO4J_PASSWORD=... talkgraph neo4j status`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return neo4jStatusRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the status as JSON")
	return cmd
}

// neo4jStatus is what `talkgraph neo4j status --json` prints.
type neo4jStatus struct {
	Connected bool   `json:"connected"`
	Error     string `json:"error,omitempty"`
	neo4jstore.Status
}

func neo4jStatusRun(ctx context.Context, opts *Neo4jStatusOptions) error {
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	st, err := readStatus(ctx, f)
	if err != nil {
		if opts.JSON {
			down := neo4jStatus{Error: err.Error()}
			down.URI, down.Database = c.Neo4j.URI, c.Neo4j.Database
			if werr := writeJSON(f.IO.Out, down); werr != nil {
				return werr
			}
		}
		return err
	}
	if opts.JSON {
		return writeJSON(f.IO.Out, neo4jStatus{Connected: true, Status: st})
	}
	return printStatus(f.IO.Out, st)
}

func readStatus(ctx context.Context, f *Factory) (neo4jstore.Status, error) {
	s, err := f.Neo4j(ctx)
	if err != nil {
		return neo4jstore.Status{}, err
	}
	st, err := s.Status(ctx)
	if err != nil {
		return neo4jstore.Status{}, fmt.Errorf("neo4j status: %w", err)
	}
	return st, nil
}

func printStatus(w io.Writer, st neo4jstore.Status) error {
	var b strings.Builder
	fmt.Fprintf(&b, "connected to %s, database %s\n", st.URI, st.Database)
	fmt.Fprintf(&b, "server       %s (%s edition)\n", st.Server, st.Edition)
	fmt.Fprintf(&b, "notes        %d loaded\n", st.Notes)
	if st.Unfinished+st.UnfinishedDerived > 0 {
		why := "an interrupted load; readers see part of its facts until the next build, import or load completes it"
		if !st.WritingSince.IsZero() && !st.WriterStale {
			why = "being loaded now by the writer below; readers see part of its facts until it finishes"
		}
		list := strings.Join(st.UnfinishedNotes[:min(3, len(st.UnfinishedNotes))], ", ") + more(st.Unfinished-min(3, len(st.UnfinishedNotes)))
		if st.UnfinishedDerived > 0 {
			list += fmt.Sprintf("; and %d related-talk rankings", st.UnfinishedDerived)
		}
		fmt.Fprintf(&b, "unfinished   %d notes (%s): %s\n", st.Unfinished, strings.TrimPrefix(list, "; and "), why)
	}
	if !st.WritingSince.IsZero() {
		state := "a talkgraph is writing"
		if st.WriterStale {
			state = "a talkgraph that stopped was writing (its lock is stale; the next writer takes it over)"
		}
		fmt.Fprintf(&b, "writer       %s, since %s\n", state, st.WritingSince.Format(time.RFC3339))
	}
	fmt.Fprintf(&b, "related      %d talks ranked\n", st.Derived)
	list := func(title string, names []string) {
		fmt.Fprintf(&b, "%s (%d)\n", title, len(names))
		for _, n := range names {
			fmt.Fprintf(&b, "  %s\n", n)
		}
	}
	list("CONSTRAINTS", st.Constraints)
	list("INDEXES", st.Indexes)
	counts := func(title string, names []string, n map[string]int) {
		total := 0
		fmt.Fprintf(&b, "%s\n", title)
		for _, name := range names {
			fmt.Fprintf(&b, "  %-16s %7d\n", name, n[name])
			total += n[name]
		}
		fmt.Fprintf(&b, "  %-16s %7d\n", "total", total)
	}
	counts("NODES", labelNames(), st.Nodes)
	counts("RELATIONSHIPS", relTypeNames(), st.Rels)
	_, err := io.WriteString(w, b.String())
	return err
}

func labelNames() []string {
	out := make([]string, len(graph.Labels))
	for i, l := range graph.Labels {
		out[i] = string(l)
	}
	return out
}

func relTypeNames() []string {
	out := make([]string, len(graph.RelTypes))
	for i, t := range graph.RelTypes {
		out[i] = string(t)
	}
	return out
}

// more says how many of a list were left out: ", and 3 more".
func more(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(", and %d more", n)
}

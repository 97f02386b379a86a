package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/memstore"
)

// LoadOptions are the options of `talkgraph load`.
type LoadOptions struct {
	Factory *Factory
	JSON    bool
	Force   bool // put every note, changed or not
}

// NewCmdLoad returns the load command; runF replaces its run function in
// tests.
func NewCmdLoad(f *Factory, runF func(*LoadOptions) error) *cobra.Command {
	opts := &LoadOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "load",
		Short: "Push the embedded store's graph to Neo4j",
		Long: `Load copies the graph of the embedded store (embedded.path, .talkgraph by
default, whatever the store setting says) to the Neo4j server of the neo4j.*
settings, so that you can explore it in Neo4j Browser or Bloom.

Only what differs is sent: the notes whose hash in Neo4j is not the embedded
store's are put, the notes Neo4j has that the embedded store lacks are
deleted, in one load, and Neo4j then holds the same graph. Loading again
without a change writes nothing. Use --force to put every note again, for
instance after a load was interrupted by something other than talkgraph.

Load prints the notes put, unchanged and deleted, and what Neo4j counted:
nodes and relationships created and deleted, properties set. Long loads show
a progress bar on a terminal. The connection comes from neo4j.uri,
neo4j.username, neo4j.password and neo4j.database, or the variables
NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE (see
'talkgraph config --help').`,
		Example: `  talkgraph build notes/ && talkgraph load
  NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=secret talkgraph load --json
  talkgraph load --force --store-path /tmp/graph`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return loadRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the summary as JSON")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "put every note, changed or not")
	return cmd
}

// loadSummary is what `talkgraph load` prints.
type loadSummary struct {
	Put       []string      `json:"put"`     // paths of the notes put
	Deleted   []string      `json:"deleted"` // paths of the notes deleted
	Unchanged int           `json:"unchanged"`
	Related   int           `json:"related"` // talks whose RELATED_TO were written
	From      string        `json:"from"`    // the embedded store's path
	URI       string        `json:"uri"`
	Database  string        `json:"database"`
	Neo4j     *neo4jCounts  `json:"neo4j"`
	Elapsed   time.Duration `json:"-"`
	ElapsedMS int64         `json:"elapsed_ms"`
}

func loadRun(ctx context.Context, opts *LoadOptions) error {
	start := time.Now()
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	if err := f.checkEmbedded(c); err != nil {
		return err
	}
	emb, err := memstore.Open(f.StorePath(c))
	if err != nil {
		return err
	}
	defer emb.Close()
	neo, err := f.Neo4j(ctx)
	if err != nil {
		return err
	}
	have, err := neo.NoteHashes(ctx)
	if err != nil {
		return fmt.Errorf("read neo4j: %w", err)
	}
	cs, unchanged := planLoad(emb.Notes(), have, opts.Force)
	counts, err := apply(ctx, neo, cs)
	if err != nil {
		return err
	}
	sum := &loadSummary{Put: []string{}, Deleted: []string{}, Unchanged: unchanged, From: c.Embedded.Path,
		URI: c.Neo4j.URI, Database: c.Neo4j.Database, Neo4j: counts, Elapsed: time.Since(start)}
	for _, n := range cs.Put {
		if graph.IsDerived(n.Path) {
			sum.Related++ // the related talks go with the notes; no note of the user's
			continue
		}
		sum.Put = append(sum.Put, n.Path)
	}
	for _, d := range cs.Delete {
		if !graph.IsDerived(d) {
			sum.Deleted = append(sum.Deleted, d)
		}
	}
	if f.IO.Quiet && !opts.JSON {
		return nil
	}
	return sum.print(f.IO.Out, opts.JSON)
}

// planLoad returns the changeset that makes Neo4j, whose notes have the
// hashes have, hold notes: the notes whose hash differs (all of them with
// force) and the deletion of the notes not among them. It also returns the
// number of notes left as they are.
func planLoad(notes []graph.NoteGraph, have map[string]string, force bool) (graph.Changeset, int) {
	cs := graph.Changeset{Delete: []string{}}
	unchanged := 0
	keep := map[string]bool{}
	for _, n := range notes {
		keep[n.Path] = true
		if h, ok := have[n.Path]; ok && h == n.Hash && !force {
			if !graph.IsDerived(n.Path) {
				unchanged++
			}
			continue
		}
		if n.Graph == nil {
			n.Graph = graph.New()
		}
		cs.Put = append(cs.Put, n)
	}
	for path := range have {
		if !keep[path] {
			cs.Delete = append(cs.Delete, path)
		}
	}
	slices.Sort(cs.Delete)
	return cs, unchanged
}

func (s *loadSummary) print(w io.Writer, asJSON bool) error {
	s.ElapsedMS = s.Elapsed.Milliseconds()
	if asJSON {
		return writeJSON(w, s)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "notes put\t%d\n", len(s.Put))
	fmt.Fprintf(tw, "notes unchanged\t%d\n", s.Unchanged)
	fmt.Fprintf(tw, "notes deleted\t%d\n", len(s.Deleted))
	fmt.Fprintf(tw, "talks re-ranked\t%d\n", s.Related)
	fmt.Fprintf(tw, "from\t%s\n", s.From)
	fmt.Fprintf(tw, "to\tneo4j %s (database %s)\n", s.URI, s.Database)
	if s.Neo4j != nil {
		s.Neo4j.print(tw)
	}
	fmt.Fprintf(tw, "elapsed\t%s\n", s.Elapsed.Round(time.Millisecond))
	return tw.Flush()
}

package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/export"
	"github.com/talkgraph/talkgraph/internal/related"
)

// ExportOptions are the options of `talkgraph export`.
type ExportOptions struct {
	Factory *Factory
	Format  string // graphml, csv, cypher or widgets
	Out     string // a file (graphml, cypher; "" for stdout) or a directory
	Limit   int    // related talks per widget
}

var exportFormats = []string{"graphml", "csv", "cypher", "widgets"}

// NewCmdExport returns the export command; runF replaces its run function
// in tests.
func NewCmdExport(f *Factory, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "export graphml|csv|cypher|widgets",
		Short: "Write the store's graph as GraphML, CSV, a Cypher script or JSON widgets",
		Long: `Export writes the store's merged graph in a format other tools read. The
same graph always gives the same bytes.

  graphml  one GraphML file for Gephi and yEd: nodes with a "label" (their
           name or title), "labels" (":Talk") and their properties, edges
           with a "label" (their type). --out FILE, or stdout.
  csv      a directory of CSV files for neo4j-admin database import: one
           per label (talk.csv) and one per relationship type
           (mentions.csv), and README.txt with the import command. --out DIR.
  cypher   a cypher-shell script: id constraints, then batched UNWIND ...
           MERGE statements for the nodes and relationships; running it twice
           changes nothing. --out FILE, or stdout.
  widgets  a directory for a static site: talks/<talk id as a slug>.json for
           every talk, with its speakers, event, video and its --limit most
           related talks, as the related-talks query returns them (the
           RELATED_TO the build ranked; ranked again when --limit is beyond
           related.k), with score and reason, and index.json listing every
           talk and its file. --out DIR.

Nodes and relationships carry the properties the stores hold them with, so
the query packs read an export as they read a store: "sources" (note:line or
note:line-end), "notes", a node's "id", and on MENTIONS a "count" of lines.
A graph property of one of these names is written as "prop_" and the name.
A summary goes to stderr unless --quiet.`,
		Example: `  talkgraph export graphml --out talks.graphml
  talkgraph export cypher | cypher-shell -u neo4j -p secret
  talkgraph export csv --out import/ && cat import/README.txt
  talkgraph export widgets --out site/data/talks --limit 3`,
		ValidArgs: exportFormats,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return flagErrorf("want one format, one of %s", strings.Join(exportFormats, ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = strings.ToLower(args[0])
			switch opts.Format {
			case "graphml", "cypher":
			case "csv", "widgets":
				if opts.Out == "" {
					return flagErrorf("%s export needs --out DIR", opts.Format)
				}
			default:
				return flagErrorf("unknown format %q: want one of %s", args[0], strings.Join(exportFormats, ", "))
			}
			if cmd.Flags().Changed("limit") {
				if opts.Format != "widgets" {
					return flagErrorf("--limit applies only to widgets")
				}
				if opts.Limit < 1 {
					return flagErrorf("--limit must be at least 1, not %d", opts.Limit)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return exportRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "output `PATH`: a file for graphml and cypher (default stdout), a directory for csv and widgets")
	cmd.Flags().IntVar(&opts.Limit, "limit", export.DefaultLimit, "related talks per widget")
	return cmd
}

func exportRun(ctx context.Context, opts *ExportOptions) error {
	f := opts.Factory
	g, err := f.Graph(ctx)
	if err != nil {
		return err
	}
	out := opts.Out
	if out != "" {
		out = f.abs(out)
	}
	var where string
	switch opts.Format {
	case "graphml":
		where, err = writeExport(f.IO.Out, out, func(w io.Writer) error { return export.GraphML(w, g) })
	case "cypher":
		where, err = writeExport(f.IO.Out, out, func(w io.Writer) error { return export.Cypher(w, g) })
	case "csv":
		where, err = out, export.CSV(out, g)
	case "widgets":
		var c config.Config
		if c, err = f.Config(); err == nil {
			where, err = out, export.Widgets(out, g, opts.Limit, related.Options{K: c.Related.K})
		}
	}
	if err != nil {
		return err
	}
	if !f.IO.Quiet {
		fmt.Fprintln(f.IO.ErrOut, exportSummary(opts.Format, g, where))
	}
	return nil
}

// writeExport writes to stdout when path is "", else to a temporary file
// beside path renamed over it once complete, and returns where it wrote.
func writeExport(stdout io.Writer, path string, write func(io.Writer) error) (string, error) {
	if path == "" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return "", err
		}
		return "stdout", bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return "", fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}

func exportSummary(format string, g *graph.Graph, where string) string {
	st := g.Stats()
	switch format {
	case "csv":
		labels, types := 0, 0
		for _, n := range st.Nodes {
			labels += min(n, 1)
		}
		for _, n := range st.Rels {
			types += min(n, 1)
		}
		return fmt.Sprintf("wrote %d nodes in %d files and %d relationships in %d files to %s; see %s",
			g.NodeCount(), labels, g.RelCount(), types, where, filepath.Join(where, export.CSVReadme))
	case "widgets":
		return fmt.Sprintf("wrote %d talk widgets and index.json to %s", st.Nodes[graph.Talk], where)
	case "graphml":
		return fmt.Sprintf("wrote GraphML of %d nodes and %d relationships to %s", g.NodeCount(), g.RelCount(), where)
	default:
		return fmt.Sprintf("wrote a Cypher script of %d nodes and %d relationships to %s", g.NodeCount(), g.RelCount(), where)
	}
}

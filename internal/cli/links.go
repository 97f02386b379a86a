package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/identity"
	"github.com/talkgraph/talkgraph/internal/pipeline"
)

// LinksOptions are the options of `talkgraph links`.
type LinksOptions struct {
	Factory *Factory
	Paths   []string
	Unsure  bool // list only the unsure links
	JSON    bool
}

// NewCmdLinks returns the links command; runF replaces its run function in
// tests.
func NewCmdLinks(f *Factory, runF func(*LinksOptions) error) *cobra.Command {
	opts := &LinksOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "links PATH...",
		Short: "Show which catalog talk each talk of your notes is",
		Long: `Links extracts the notes under the given paths (nothing is stored) and
matches each of their talks with the talks of the catalog in the store (see
'talkgraph import pyvideo --help'), as build does. For every talk that has a
catalog talk of the same event near it, links prints the note and line, the
talk's title and event, the catalog talk's id and title, the score (0 to 1:
three quarters title similarity, one quarter speaker agreement), whether the
link is sure, and why.

A sure link is used by build: the note's talk and the catalog's talk are one
Talk node, with the sources of both. A link is sure when the best catalog
talk is clearly ahead of the next one and the titles are alike with no
speaker that disagrees (or the title is close and the speakers agree). An
unsure link is not used: the note's talk stays apart, a Talk node of its
own. --unsure lists only those, for you to check.

There is no manual link yet. To make an unsure link sure, make the note say
what the catalog says: the talk's title as the catalog writes it, its
speakers, and its event (in the note's front matter, or with the events key
of talkgraph.yaml). When the speakers are one person spelled two ways, say
so in your people decisions file (see 'talkgraph why-same --help'). Then
run build again.

Without a catalog in the store, links says so and exits 0.`,
		Example: `  talkgraph links notes/
  talkgraph links --unsure notes/pycon-2018/
  talkgraph links --json notes/ | jq -r '.[] | select(.sure) | .catalog'`,
		Args: needArgs(1, "PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return linksRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Unsure, "unsure", false, "list only the unsure links")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the links as a JSON array")
	return cmd
}

// linkRow is one note talk's link, with the catalog talk's title.
type linkRow struct {
	extract.TalkLink
	CatalogTitle string `json:"catalog_title"`
}

func linksRun(ctx context.Context, opts *LinksOptions) error {
	f := opts.Factory
	store, err := f.ExistingStore(ctx)
	if err != nil {
		return err
	}
	stored, err := store.NoteHashes(ctx)
	if err != nil {
		return fmt.Errorf("read store: %w", err)
	}
	key := pipeline.CatalogKey(stored)
	if key == "" {
		fmt.Fprintln(f.IO.ErrOut, "no catalog in the store: run 'talkgraph import pyvideo PATH' first")
		if opts.JSON {
			return writeJSON(f.IO.Out, []linkRow{})
		}
		return nil
	}
	g, err := store.Graph(ctx)
	if err != nil {
		return fmt.Errorf("read store: %w", err)
	}
	talks := pipeline.CatalogTalksOf(g)
	results, err := f.extractPaths(ctx, opts.Paths, func(xc *extract.Config) {
		xc.Catalog, xc.CatalogKey = identity.NewLinker(talks, xc.People), key
	})
	if err != nil && results == nil {
		return err
	}
	rows := linkRows(results, talks, opts.Unsure)
	if werr := printLinks(f.IO.Out, rows, opts.JSON); werr != nil {
		return werr
	}
	return err
}

// linkRows returns the links of results, in note order, with the titles of
// the catalog talks; only the unsure ones when unsure is set.
func linkRows(results []*extract.Result, talks []identity.CatalogTalk, unsure bool) []linkRow {
	titles := make(map[string]string, len(talks))
	for _, t := range talks {
		titles[t.ID] = t.Title
	}
	rows := []linkRow{}
	for _, r := range results {
		for _, l := range r.Links {
			if unsure && l.Sure {
				continue
			}
			rows = append(rows, linkRow{TalkLink: l, CatalogTitle: titles[l.Catalog]})
		}
	}
	return rows
}

func printLinks(w io.Writer, rows []linkRow, asJSON bool) error {
	if asJSON {
		return writeJSON(w, rows)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NOTE\tTITLE\tEVENT\tCATALOG TALK\tCATALOG TITLE\tSCORE\tLINK\tWHY")
	for _, r := range rows {
		link := "unsure"
		if r.Sure {
			link = "sure"
		}
		fmt.Fprintf(tw, "%s:%d\t%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n",
			r.File, r.Line, r.Title, r.Event, r.Catalog, r.CatalogTitle, r.Score, link, r.Why)
	}
	return tw.Flush()
}

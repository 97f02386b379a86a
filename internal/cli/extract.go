package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/pipeline"
)

// ExtractOptions are the options of `talkgraph extract`.
type ExtractOptions struct {
	Factory *Factory
	Paths   []string
	JSON    bool
}

// NewCmdExtract returns the extract command; runF replaces its run
// function in tests.
func NewCmdExtract(f *Factory, runF func(*ExtractOptions) error) *cobra.Command {
	opts := &ExtractOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "extract PATH...",
		Short: "Print the talks found in notes, without storing them",
		Long: `Extract reads the notes under the given paths (found as build finds them, in
path order) and prints every section found: each talk or session, with its
kind, title, speakers, tools, concepts, organizations, people and event.
Nothing is stored.

With --json it prints one JSON object per section, one per line, in file
order: the extraction contract scored by ../shared/eval/score (file, line,
heading, is_talk, kind, title, speakers, tools, concepts, organizations,
people, event). Lists are always arrays, never null.

A note that cannot be read is reported as file:line: message on stderr and
the others go on; extract then exits 3 (1 when no note could be read).`,
		Example: `  talkgraph extract notes/day1.md
  talkgraph extract --json notes/ > pred.jsonl
  ../shared/eval/score --gold ../shared/notes --pred pred.jsonl`,
		Args: needArgs(1, "PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			bindMaxNoteSize(f, cmd)
			if runF != nil {
				return runF(opts)
			}
			return extractRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object per section")
	maxNoteSizeFlag(cmd.Flags())
	return cmd
}

func extractRun(ctx context.Context, opts *ExtractOptions) error {
	f := opts.Factory
	results, err := f.extractPaths(ctx, opts.Paths, nil)
	if err != nil && results == nil {
		return err
	}
	var sections []extract.Section
	for _, r := range results {
		sections = append(sections, r.Sections...)
	}
	if werr := printSections(f.IO.Out, sections, opts.JSON); werr != nil {
		return werr
	}
	return err
}

// extractPaths extracts the notes under paths and returns their results in
// path order; setup, when not nil, adjusts the extractor's configuration.
// Notes that fail are printed on stderr and left out; the error is then a
// *PartialError, with the results of the others, or a plain error when
// every note failed.
func (f *Factory) extractPaths(ctx context.Context, paths []string, setup func(*extract.Config)) ([]*extract.Result, error) {
	c, err := f.Config()
	if err != nil {
		return nil, err
	}
	files, _, err := f.finder(c).Find(paths)
	if err != nil {
		return nil, err
	}
	jobs := make([]pipeline.Job, len(files))
	names := make([]string, len(files))
	for i, nf := range files {
		jobs[i], names[i] = pipeline.Job{File: nf}, nf.Path
	}
	xc, err := f.extractConfig(c, names)
	if err != nil {
		return nil, err
	}
	if setup != nil {
		setup(&xc)
	}
	x := extract.New(xc)
	step, finish := f.progress(len(jobs), "extracting")
	outs, err := pipeline.ExtractAll(ctx, x, jobs, c.Build.Workers, step)
	finish()
	if err != nil {
		return nil, err
	}
	var results []*extract.Result
	failed := 0
	for i, o := range outs {
		if o.Err != nil {
			fmt.Fprintln(f.IO.ErrOut, pipeline.Failure(files[i].Path, o.Err))
			failed++
			continue
		}
		results = append(results, o.Result)
	}
	switch {
	case failed > 0 && failed == len(files):
		return nil, fmt.Errorf("no note could be read: all %d failed", failed)
	case failed > 0:
		return results, &PartialError{Failed: failed, Total: len(files)}
	}
	return results, nil
}

func printSections(w io.Writer, sections []extract.Section, asJSON bool) error {
	if asJSON {
		for _, s := range sections {
			if err := writeJSON(w, contractSection(s)); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(termSafe(w), 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE:LINE\tKIND\tTITLE\tSPEAKERS\tTOOLS\tCONCEPTS")
	for _, s := range sections {
		kind := s.Kind
		if !s.IsTalk {
			kind = "(" + kind + ")"
		}
		fmt.Fprintf(tw, "%s:%d\t%s\t%s\t%s\t%s\t%s\n", s.File, s.Line, kind, clip(s.Title, 50),
			clip(speakerNames(s.Speakers), 40), clip(strings.Join(s.Tools, ", "), 40),
			clip(strings.Join(s.Concepts, ", "), 40))
	}
	return tw.Flush()
}

// contractSection returns s with nil lists made empty, so that they encode
// as [] and never as null.
func contractSection(s extract.Section) extract.Section {
	if s.Speakers == nil {
		s.Speakers = []extract.SpeakerRef{}
	}
	for _, l := range []*[]string{&s.Tools, &s.Concepts, &s.Organizations, &s.People} {
		if *l == nil {
			*l = []string{}
		}
	}
	return s
}

func speakerNames(sp []extract.SpeakerRef) string {
	names := make([]string, len(sp))
	for i, s := range sp {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// clip shortens s to n runes, marking the cut with "…", and keeps it on
// one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}

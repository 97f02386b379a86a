package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/internal/eval"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/source"
)

// EvalOptions are the options of `talkgraph eval`.
type EvalOptions struct {
	Factory *Factory
	Gold    []string
	PerFile bool
	Verbose bool
	JSON    bool
}

// NewCmdEval returns the eval command; runF replaces its run function in
// tests.
func NewCmdEval(f *Factory, runF func(*EvalOptions) error) *cobra.Command {
	opts := &EvalOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "eval --gold PATH...",
		Short: "Score extraction against gold annotations of your own notes",
		Long: `Eval measures how well talkgraph reads your notes. For every gold file
(NAME.gold.yaml, or the folders holding them) it extracts the note beside it
(NAME.md, NAME.markdown or NAME.txt) with your configuration (lexicon,
events, people) and scores the result: sections are paired by line; titles and kinds must match once folded; names
(speakers, handles, tools, organizations, people) match when equal ignoring
case, accents, spaces and punctuation, when the gold lists them as aliases,
or when one edit apart in names of six letters or more; concepts match when
they share at least half the word stems of the longer. The gold format is
YAML with, for each section, its heading, line, is_talk, kind,
title, speakers (name, handle, affiliation), tools, concepts, organizations
and people_mentioned.

It prints the precision, recall and F1 of every part over all notes. With
--per-file it first prints each note's F1 for the main parts and its talks
(found/gold); with --verbose, each miss ("missing" is in the gold and not
found, "extra" found and not in the gold), so you can see what to correct,
in the notes, the lexicon or the gold. --json prints the whole report as one
JSON object.

A gold file that cannot be read, or has no note beside it, is reported as
file:line: message on stderr; the others are still scored and eval exits 3.

'talkgraph eval related' measures related talks instead, against the tags of
a catalog: see its --help.`,
		Example: `  talkgraph eval --gold notes/
  talkgraph eval related --corpus ../shared/corpus/pyvideo
  talkgraph eval --gold notes/jsconf-eu-2019-berlin.gold.yaml --verbose
  talkgraph eval --gold notes/ --per-file --json > scores.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(opts.Gold) == 0 {
				return flagErrorf("--gold is required: the gold files, or the folders that hold them")
			}
			if runF != nil {
				return runF(opts)
			}
			return evalRun(cmd.Context(), opts)
		},
	}
	cmd.AddCommand(NewCmdEvalRelated(f, nil))
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.Gold, "gold", nil, "gold `PATH`s: NAME.gold.yaml files or folders of them")
	fl.BoolVar(&opts.PerFile, "per-file", false, "print each note's F1 for the main parts")
	fl.BoolVar(&opts.Verbose, "verbose", false, "print each miss and false positive")
	fl.BoolVar(&opts.JSON, "json", false, "print the report as JSON")
	return cmd
}

func evalRun(ctx context.Context, opts *EvalOptions) error {
	f := opts.Factory
	paths := make([]string, len(opts.Gold))
	for i, p := range opts.Gold {
		paths[i] = f.abs(p)
	}
	golds, lerr := eval.Load(paths...)
	failed := 0
	for _, e := range unjoin(lerr) {
		var se *source.Error
		var pe *fs.PathError
		switch {
		case errors.As(e, &se):
			se.Pos.File = f.rel(se.Pos.File)
		case errors.As(e, &pe):
			e = fmt.Errorf("%s: %w", f.rel(pe.Path), pe.Err)
		}
		fmt.Fprintln(f.IO.ErrOut, e)
		failed++
	}
	var notes []string
	byNote := map[string]*eval.Gold{}
	for _, g := range golds {
		if g.Note == "" {
			fmt.Fprintf(f.IO.ErrOut, "%s: no note beside it (%s.md, .markdown or .txt)\n", f.rel(g.Path), g.Key())
			failed++
			continue
		}
		g.Name = f.rel(g.Note)
		notes = append(notes, g.Note)
		byNote[g.Note] = g
	}
	if len(notes) == 0 {
		return fmt.Errorf("no gold file with a note beside it in %s", strings.Join(opts.Gold, ", "))
	}
	results, err := f.extractPaths(ctx, notes, nil)
	var partial *PartialError
	if err != nil && !errors.As(err, &partial) {
		return err
	}
	if partial != nil {
		failed += partial.Failed
	}
	found := map[string][]extract.Section{}
	for _, res := range results {
		for _, s := range res.Sections {
			k := filepath.Clean(f.abs(s.File))
			found[k] = append(found[k], s)
		}
	}
	// A note that gave no section scores as a note where nothing was found.
	r := eval.NewReport()
	for _, n := range notes {
		r.Add(byNote[n].Name, eval.Note(byNote[n], found[filepath.Clean(n)]))
	}
	if opts.JSON {
		err = writeJSON(f.IO.Out, r)
	} else {
		err = r.Print(f.IO.Out, opts.PerFile, opts.Verbose)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return &PartialError{Failed: failed, Total: failed + len(r.Files)}
	}
	return nil
}

// unjoin splits an errors.Join error into its errors.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// The exit codes of talkgraph, documented in `talkgraph --help`.
const (
	ExitOK      = 0 // the command did all its work
	ExitError   = 1 // the command failed
	ExitUsage   = 2 // bad flags, arguments or command name
	ExitPartial = 3 // some notes failed while others were read
)

// exitHelp is the part of the root command's help that lists the exit codes.
const exitHelp = `Exit status:
  0  success
  1  error (no note could be read, the store failed, nothing matched...)
  2  usage error: unknown command, bad flag or missing argument
  3  partial: some notes failed while the others were read; extract, eval
     and candidates return it whenever a note fails, build and import only with
     --strict (without it, they report failed notes or records and exit 0)`

// FlagError is a usage error: the command line, not the input, is wrong.
// It is the only error printed with the command's usage.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// flagErrorf returns a FlagError.
func flagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// PartialError reports that a command did its work for some notes only:
// Failed of Total notes failed. The failures were already printed.
type PartialError struct {
	Failed, Total int
	Why           string // what made the failures fatal, e.g. "--strict"
	What          string // what failed, plural: "notes" when empty, "records"
}

func (e *PartialError) Error() string {
	what := e.What
	if what == "" {
		what = "notes"
	}
	s := fmt.Sprintf("%d of %d %s failed", e.Failed, e.Total, what)
	if e.Why != "" {
		s += " (" + e.Why + ")"
	}
	return s
}

// exitCode prints err on w, with cmd's usage for usage errors, and returns
// the exit code for it.
func exitCode(w io.Writer, cmd *cobra.Command, err error) int {
	var flagErr *FlagError
	var partial *PartialError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &flagErr):
		fmt.Fprintf(w, "talkgraph: %v\n\n%s", err, cmd.UsageString())
		return ExitUsage
	case strings.HasPrefix(err.Error(), "unknown command "):
		fmt.Fprintf(w, "talkgraph: %v\nRun 'talkgraph --help' for usage.\n", err)
		return ExitUsage
	case errors.As(err, &partial):
		fmt.Fprintf(w, "talkgraph: %v\n", err)
		return ExitPartial
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(w, "talkgraph: interrupted")
		return ExitError
	}
	fmt.Fprintf(w, "talkgraph: %v\n", err)
	return ExitError
}

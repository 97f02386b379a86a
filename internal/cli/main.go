// Package cli is talkgraph's command line: a cobra command tree with one
// file per subcommand, a Factory that gives commands their IO, configuration
// and store, and the exit codes in one place (exit.go).
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
)

// Main runs talkgraph with args (without the program name) and returns the
// exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "talkgraph: %v\n", err)
		return ExitError
	}
	io := &IOStreams{In: stdin, Out: stdout, ErrOut: stderr, ErrTTY: isTerminal(stderr)}
	return Run(ctx, NewFactory(io, wd), args)
}

// Run runs the command line args with f and returns the exit code. It
// closes f's store.
func Run(ctx context.Context, f *Factory, args []string) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	cmd, err := root.ExecuteContextC(ctx)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close store: %w", cerr)
	}
	return exitCode(f.IO.ErrOut, cmd, err)
}

// Command talkgraph turns markdown notes about conference talks into a
// knowledge graph. See `talkgraph --help`.
//
// On SIGINT or SIGTERM a command stops (its context is cancelled); if it
// has not stopped a second later, talkgraph exits with status 1 anyway.
//
// For profiling, TALKGRAPH_CPUPROFILE=FILE writes a CPU profile of the
// command to FILE (read it with `go tool pprof`); BENCHMARKS.md shows its
// use.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/talkgraph/talkgraph/internal/cli"
)

// grace is how long a command has to stop by itself after SIGINT or
// SIGTERM, before talkgraph exits anyway. Both stores survive an exit at
// any moment: the embedded store commits by renaming its index, and Neo4j
// rolls back the transaction of a lost connection.
const grace = time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done() // a signal (or stop, just before main exits)
		time.Sleep(grace)
		fmt.Fprintln(os.Stderr, "talkgraph: interrupted")
		os.Exit(cli.ExitError)
	}()
	if name := os.Getenv("TALKGRAPH_CPUPROFILE"); name != "" {
		f, err := os.Create(name)
		if err != nil {
			fmt.Fprintf(os.Stderr, "talkgraph: cpu profile: %v\n", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(os.Stderr, "talkgraph: cpu profile: %v\n", err)
			os.Exit(1)
		}
	}
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	pprof.StopCPUProfile()
	stop()
	os.Exit(code)
}

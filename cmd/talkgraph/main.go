// Command talkgraph turns markdown notes about conference talks into a
// knowledge graph. See `talkgraph --help`.
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

	"github.com/talkgraph/talkgraph/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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

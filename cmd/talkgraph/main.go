// Command talkgraph turns markdown notes about conference talks into a
// knowledge graph. See `talkgraph --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/talkgraph/talkgraph/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

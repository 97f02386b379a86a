package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/internal/server"
)

// ServeOptions are the options of `talkgraph serve`.
type ServeOptions struct {
	Factory *Factory
	Addr    string
	CORS    []string
	Hosts   []string
}

// NewCmdServe returns the serve command; runF replaces its run function in
// tests.
func NewCmdServe(f *Factory, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the read-only JSON API over the graph",
		Long: `Serve answers a read-only HTTP JSON API over the configured store (the
embedded one runs the queries with talkgraph's Cypher engine, Neo4j in read
transactions): talks (full-text search, one talk), related talks with their
reasons, recurring themes with their share of each year's talks, a speaker's
talks, and every pack query (GET /api/v1/ lists the routes). It also serves
the explorer page at / and the widget at /widget.js. Paths are versioned (/api/v1/...) and documented in
/api/v1/openapi.yaml. Responses carry an ETag and Cache-Control; --cors names
the origins whose pages may call the API (a site embedding the widget).

It listens on 127.0.0.1:8080 unless --addr says otherwise, and stops on
Ctrl-C.`,
		Example: `  talkgraph serve
  talkgraph --store neo4j serve --addr :9090 --cors https://blog.example.org`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return serveRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringSliceVar(&opts.CORS, "cors", nil, "origins allowed to call the API from a browser (* for any)")
	cmd.Flags().StringSliceVar(&opts.Hosts, "allowed-hosts", nil, "host names requests may name (* for any; default: the address's own, and localhost)")
	return cmd
}

func serveRun(ctx context.Context, opts *ServeOptions) error {
	f := opts.Factory
	c, err := f.Config()
	if err != nil {
		return err
	}
	store, err := f.Querier(ctx)
	if err != nil {
		return err
	}
	packs, err := f.packs(c)
	if err != nil {
		return err
	}
	cfg := server.Default()
	cfg.CORSOrigins = opts.CORS
	cfg.AllowedHosts = server.HostsFor(opts.Addr)
	if len(opts.Hosts) > 0 {
		cfg.AllowedHosts = opts.Hosts
	}
	log := slog.New(slog.NewTextHandler(f.IO.ErrOut, nil))
	srv := &http.Server{Handler: server.New(cfg, store, packs, log), ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 10 * time.Second, WriteTimeout: cfg.Timeout + 5*time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "serving http://%s/api/v1/ (Ctrl-C stops)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	case err := <-errc:
		return err
	}
}

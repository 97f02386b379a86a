package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/internal/config"
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
Ctrl-C. It answers only requests whose Host names it (--allowed-hosts; by
default the address's own names and localhost), so that no other web page
can read the graph through a name of its own.

For a server others can reach, set an API key (serve.api_key, best in the
environment: TALKGRAPH_SERVE_API_KEY=$(openssl rand -hex 16)). Every API
request then needs "Authorization: Bearer KEY" or "X-API-Key: KEY" and gets
401 without it; the explorer page asks for the key and keeps it for the tab.
The page, /widget.js and the OpenAPI document stay open. A server on every
address without a key says so on stderr.`,
		Example: `  talkgraph serve
  talkgraph --store neo4j serve --addr :9090 --cors https://blog.example.org
  TALKGRAPH_SERVE_API_KEY=$(openssl rand -hex 16) talkgraph serve --addr :8080
  curl -H "Authorization: Bearer $TALKGRAPH_SERVE_API_KEY" localhost:8080/api/v1/themes`,
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
	cfg.APIKey = c.Serve.APIKey
	if cfg.APIKey == "" && !loopback(opts.Addr) {
		fmt.Fprintf(f.IO.ErrOut, "warning: serving %s without an API key: anyone who reaches it can read the graph (set %s)\n",
			opts.Addr, config.EnvName(config.KeyServeAPIKey))
	}
	log := slog.New(slog.NewTextHandler(f.IO.ErrOut, nil))
	srv := &http.Server{Handler: server.New(cfg, store, packs, log), ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 10 * time.Second, WriteTimeout: cfg.Timeout + 5*time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return err
	}
	keyNote := ""
	if cfg.APIKey != "" {
		keyNote = ", API key required"
	}
	fmt.Fprintf(f.IO.ErrOut, "serving http://%s/api/v1/ (Ctrl-C stops%s)\n", ln.Addr(), keyNote)
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

// loopback reports whether addr listens on this machine only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/neo4jstore"
)

// Neo4jStore is what the commands need of the Neo4j store;
// *neo4jstore.Store has it, and tests use fakes.
type Neo4jStore interface {
	graph.Store
	// Status describes the server, the schema and the counts.
	Status(ctx context.Context) (neo4jstore.Status, error)
	// Counters returns what the store's writes changed since it was opened
	// or since ResetCounters.
	Counters() neo4jstore.Counters
	ResetCounters()
	// Query runs a read-only Cypher query.
	Query(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error)
}

var _ Neo4jStore = (*neo4jstore.Store)(nil)

// Neo4j opens the Neo4j store on first use, from the neo4j.* settings,
// whatever the store setting says: `talkgraph load` and `talkgraph neo4j`
// use it beside the embedded store.
func (f *Factory) Neo4j(ctx context.Context) (Neo4jStore, error) {
	if f.neo4j != nil || f.neo4jErr != nil {
		return f.neo4j, f.neo4jErr
	}
	c, err := f.Config()
	if err != nil {
		return nil, err
	}
	if err := c.Neo4j.Validate(); err != nil {
		f.neo4jErr = err
		return nil, err
	}
	cfg := neo4jConfig(c.Neo4j)
	cfg.Progress = f.rows.update(f.IO, "writing to Neo4j", cfg.BatchSize)
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		f.neo4jErr = withHint(err)
		return nil, f.neo4jErr
	}
	s.Waiting = func() {
		fmt.Fprintf(f.IO.ErrOut, "waiting for another talkgraph writing to %s (up to %s)...\n", cfg.URI, s.LockWait)
	}
	f.neo4j = s
	return s, nil
}

// neo4jConfig returns the store's configuration for the neo4j.* settings.
func neo4jConfig(n config.Neo4j) neo4jstore.Config {
	c := neo4jstore.Default()
	c.URI, c.Username, c.Password, c.Database, c.BatchSize = n.URI, n.Username, n.Password, n.Database, n.BatchSize
	return c
}

// withHint adds to an error of neo4jstore.Open what to do about it: start
// the server when it did not answer, check the credentials when it refused
// them. Errors the server answered otherwise, invalid settings and
// interruptions are left as they are.
func withHint(err error) error {
	var auth interface{ IsAuthenticationFailed() bool }
	var server interface{ Classification() string }
	switch {
	case errors.Is(err, graph.ErrInvalid), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.As(err, &auth) && auth.IsAuthenticationFailed():
		return fmt.Errorf("%w (check neo4j.username and neo4j.password, or NEO4J_USERNAME and NEO4J_PASSWORD)", err)
	case errors.As(err, &server):
		return err
	}
	return fmt.Errorf("%w (is Neo4j running? docker compose up -d)", err)
}

// rowBar shows the rows a Neo4j load writes as a progress bar on stderr,
// for loads of more than one batch, when stderr is a terminal and output is
// not quiet. One bar lasts until its rows are all written.
type rowBar struct {
	bar *progressbar.ProgressBar
}

// update returns the neo4jstore.Config.Progress function that drives the
// bar.
func (b *rowBar) update(io *IOStreams, what string, batch int) func(done, total int) {
	return func(done, total int) {
		if b.bar == nil {
			if !io.ErrTTY || io.Quiet || total <= batch {
				return
			}
			b.bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(io.ErrOut),
				progressbar.OptionSetDescription(what),
				progressbar.OptionShowCount(),
				progressbar.OptionSetWidth(30),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		_ = b.bar.Set(done)
		if done >= total {
			_ = b.bar.Finish()
			b.bar = nil
		}
	}
}

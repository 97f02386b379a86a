package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/neo4jstore"
)

func TestDefaultNeo4jBatchSize(t *testing.T) {
	if config.DefaultNeo4jBatchSize != neo4jstore.DefaultBatchSize {
		t.Errorf("config.DefaultNeo4jBatchSize is %d, neo4jstore.DefaultBatchSize %d: keep them equal",
			config.DefaultNeo4jBatchSize, neo4jstore.DefaultBatchSize)
	}
	c := neo4jConfig(config.Neo4j{URI: "bolt://db:7687", Username: "u", Password: "p", Database: "d", BatchSize: 7})
	if c.URI != "bolt://db:7687" || c.Username != "u" || c.Password != "p" || c.Database != "d" || c.BatchSize != 7 {
		t.Errorf("neo4jConfig: got %+v", c)
	}
}

// serverError stands for the driver's Neo4jError: the server answered.
type serverError struct{ auth bool }

func (e *serverError) Error() string                { return "Neo4jError: Neo.ClientError.Security.Unauthorized" }
func (e *serverError) Classification() string       { return "ClientError" }
func (e *serverError) IsAuthenticationFailed() bool { return e.auth }

func TestWithHint(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("neo4j bolt://db:7687: %w", err) }
	tests := []struct {
		name string
		err  error
		want string // the hint added, "" for none
	}{
		{"no answer", wrap(errors.New("ConnectivityError: connection refused")), " (is Neo4j running? docker compose up -d)"},
		{"refused credentials", wrap(&serverError{auth: true}), " (check neo4j.username and neo4j.password, or NEO4J_USERNAME and NEO4J_PASSWORD)"},
		{"another server error", wrap(&serverError{}), ""},
		{"an invalid setting", fmt.Errorf("neo4j.uri: %w", graph.ErrInvalid), ""},
		{"an interruption", wrap(context.Canceled), ""},
	}
	for _, tt := range tests {
		got := withHint(tt.err)
		if got.Error() != tt.err.Error()+tt.want || !errors.Is(got, errors.Unwrap(tt.err)) {
			t.Errorf("%s: got %q, want %q and the cause kept", tt.name, got, tt.err.Error()+tt.want)
		}
	}
}

func TestRowBar(t *testing.T) {
	tests := []struct {
		name  string
		tty   bool
		quiet bool
		total int
		want  bool
	}{
		{"a terminal and 3 batches", true, false, 25, true},
		{"one batch", true, false, 10, false},
		{"no terminal", false, false, 25, false},
		{"quiet", true, true, 25, false},
	}
	for _, tt := range tests {
		io, _, errOut := testIO()
		io.ErrTTY, io.Quiet = tt.tty, tt.quiet
		var b rowBar
		progress := b.update(io, "writing to Neo4j", 10)
		for done := 10; done < tt.total+10; done += 10 {
			progress(min(done, tt.total), tt.total)
		}
		if got := strings.Contains(errOut.String(), "writing to Neo4j"); got != tt.want || b.bar != nil {
			t.Errorf("%s: bar shown %v, finished %v, want %v, true: %q", tt.name, got, b.bar == nil, tt.want, errOut)
		}
	}
}

func TestFactoryClose(t *testing.T) {
	f := NewFactory(&IOStreams{}, t.TempDir())
	emb, neo := &fakeStore{}, &fakeNeo4j{}
	f.store, f.neo4j = emb, neo
	if err := f.Close(); err != nil || !emb.closed || !neo.closed {
		t.Errorf("got %v, embedded closed %v, neo4j closed %v, want both closed", err, emb.closed, neo.closed)
	}

	f.store, f.neo4j = neo, neo // store: neo4j
	neo.closed = false
	if err := f.Close(); err != nil || !neo.closed {
		t.Errorf("store neo4j: got %v, closed %v", err, neo.closed)
	}
}

package neo4jstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/talkgraph/talkgraph/graph"
)

// TestQuery_timeout: a query past its deadline on the real server returns
// an error that wraps context.DeadlineExceeded (the API's 504), though the
// driver's own errors do not.
func TestQuery_timeout(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := s.Query(ctx, "UNWIND range(1, 200000000) AS i WITH i WHERE i % 7 = 3 RETURN count(*)", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want one that wraps context.DeadlineExceeded", err)
	}
}

// TestQuery_unavailable: a server that is not there is reported at once as
// graph.ErrUnavailable (the API's 503), and queries in the next moments
// fail without trying.
func TestQuery_unavailable(t *testing.T) {
	d, err := neo4j.NewDriverWithContext("bolt://127.0.0.1:1", neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{cfg: Config{URI: "bolt://127.0.0.1:1", Database: "neo4j"}, driver: d}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	_, err = s.Query(ctx, "RETURN 1", nil)
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("error = %v, want graph.ErrUnavailable", err)
	}
	if ctx.Err() != nil {
		t.Fatalf("the query waited for its deadline (%v) instead of failing", time.Since(start))
	}
	if _, err := s.Query(ctx, "RETURN 1", nil); !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("second query: %v", err)
	}
}

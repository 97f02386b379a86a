// Package neo4jtest gives tests the real Neo4j that .ci/run starts: where
// it is, a lock so that test binaries running in parallel (go test ./...
// runs packages at once) take turns on its one database, and a way to empty
// it.
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The environment variables that say where the test Neo4j is.
const (
	EnvURI      = "TALKGRAPH_TEST_NEO4J_URI"
	EnvUsername = "TALKGRAPH_TEST_NEO4J_USERNAME"
	EnvPassword = "TALKGRAPH_TEST_NEO4J_PASSWORD"
	EnvDatabase = "TALKGRAPH_TEST_NEO4J_DATABASE"
)

// Server says where the test Neo4j is.
type Server struct {
	URI, Username, Password, Database string
}

// Auth returns the server's credentials for the driver.
func (s Server) Auth() neo4j.AuthToken {
	if s.Username == "" {
		return neo4j.NoAuth()
	}
	return neo4j.BasicAuth(s.Username, s.Password, "")
}

// Empty returns the test server, holding its lock until t ends, with every
// node and relationship deleted (constraints and indexes stay). Without
// EnvURI the test skips, except when CI is set: there a missing or
// unreachable Neo4j fails the test.
func Empty(t testing.TB) Server {
	t.Helper()
	s := Server{URI: os.Getenv(EnvURI), Username: os.Getenv(EnvUsername), Password: os.Getenv(EnvPassword),
		Database: os.Getenv(EnvDatabase)}
	if s.Database == "" {
		s.Database = "neo4j"
	}
	if s.URI == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is not: .ci/run must start Neo4j (.ci/neo4j.sh start)", EnvURI)
		}
		t.Skipf("%s is not set: start Neo4j with .ci/neo4j.sh start and set it", EnvURI)
	}
	if err := hold(s.URI); err != nil {
		t.Fatalf("test Neo4j at %s: lock: %v", s.URI, err)
	}
	t.Cleanup(release)
	if err := s.empty(context.Background()); err != nil {
		t.Fatalf("test Neo4j at %s: %v", s.URI, err)
	}
	return s
}

func (s Server) empty(ctx context.Context) error {
	d, err := neo4j.NewDriverWithContext(s.URI, s.Auth())
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	if err := d.VerifyConnectivity(ctx); err != nil {
		return err // fail at once, not after the driver's retries
	}
	for {
		res, err := neo4j.ExecuteQuery(ctx, d, "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)", nil,
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.Database))
		if err != nil {
			return err
		}
		if n, _ := res.Records[0].Values[0].(int64); n == 0 {
			return nil
		}
	}
}

// The process holds the server's file lock while any of its tests does:
// nested holds (a test and its subtests) count up instead of waiting for
// themselves.
var (
	mu      sync.Mutex
	holders int
	unlock  func()
)

func hold(uri string) error {
	mu.Lock()
	defer mu.Unlock()
	if holders == 0 {
		u, err := lock(lockPath(uri))
		if err != nil {
			return err
		}
		unlock = u
	}
	holders++
	return nil
}

func release() {
	mu.Lock()
	defer mu.Unlock()
	if holders--; holders == 0 && unlock != nil {
		unlock()
		unlock = nil
	}
}

// lockPath names the lock file of a server, the same for every process.
func lockPath(uri string) string {
	sum := sha256.Sum256([]byte(uri))
	return filepath.Join(os.TempDir(), "talkgraph-neo4j-test-"+hex.EncodeToString(sum[:8])+".lock")
}

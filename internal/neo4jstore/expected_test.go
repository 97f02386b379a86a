package neo4jstore

import (
	"context"
	"os"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/storetest"
)

// The fixtures of the conformance suite, shared by both stores' tests.
var (
	exampleNotes = storetest.ExampleNotes
	catalogNotes = storetest.CatalogNotes
	withRelated  = storetest.WithRelated
)

// TestQueries runs the query suite of internal/storetest (every shipped
// query with its example values, and the ad-hoc queries) on a real Neo4j
// holding the example notes and the catalog's PyCon US 2018 talks, and
// compares the rows with the expected ones. Neo4j is the reference:
// TALKGRAPH_UPDATE_EXPECTED=1 rewrites the expected files from it, and the
// embedded store's test compares its rows with the same files.
//
//	TALKGRAPH_TEST_NEO4J_URI=bolt://127.0.0.1:7687 TALKGRAPH_UPDATE_EXPECTED=1 go test ./internal/neo4jstore -run TestQueries
func TestQueries(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	if err := s.Apply(context.Background(), graph.Changeset{Put: storetest.QueryFixture(t)}); err != nil {
		t.Fatal(err)
	}
	storetest.Queries(t, s, os.Getenv("TALKGRAPH_UPDATE_EXPECTED") != "")
}

package neo4jstore

import (
	"context"
	"testing"
)

// TestQuery_readOnly checks that Query refuses a write.
func TestQuery_readOnly(t *testing.T) {
	s := openEmpty(t, testConfig(t))
	defer s.Close()
	if _, err := s.Query(context.Background(), "CREATE (n:Talk {id: 'x'}) RETURN n", nil); err == nil {
		t.Fatal("a CREATE ran in a read transaction")
	}
	g, err := s.Graph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if g.NodeCount() != 0 {
		t.Errorf("the refused write left %d nodes", g.NodeCount())
	}
}

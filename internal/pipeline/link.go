package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/identity"
)

// StoredHash is the hash a store keeps for a note or a catalog talk: the
// hash of its content and the fingerprint of the extractor, so that a
// change to either extracts it again. fingerprint is the extractor's.
func StoredHash(hash, fingerprint string) string {
	return hash + "." + fingerprint
}

// CatalogKey identifies the catalog talks of a store by their paths and
// stored hashes (hex SHA-256, first 16 digits), or is "" when the store
// holds none.
func CatalogKey(stored map[string]string) string {
	h := sha256.New()
	n := 0
	for _, p := range slices.Sorted(maps.Keys(stored)) {
		if catalog.IsPath(p) {
			fmt.Fprintf(h, "%s\t%s\n", p, stored[p])
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// CatalogTalksOf returns the catalog's talks in g: the Talk nodes whose
// source is "catalog".
func CatalogTalksOf(g *graph.Graph) []identity.CatalogTalk {
	var talks []identity.CatalogTalk
	for _, n := range g.Nodes() {
		if n.Label != graph.Talk || n.Props["source"] != "catalog" {
			continue
		}
		ev, _ := n.Props["event"].(string)
		title, _ := n.Props["title"].(string)
		speakers, _ := n.Props["speakers"].([]string)
		talks = append(talks, identity.CatalogTalk{ID: n.ID, Event: ev, Title: title, Speakers: speakers})
	}
	return talks
}

// LinkCatalog sets xc to link talks to the catalog of store, which key
// identifies (see CatalogKey); it reads the store's graph.
func LinkCatalog(ctx context.Context, store graph.Store, key string, xc *extract.Config) error {
	g, err := store.Graph(ctx)
	if err != nil {
		return fmt.Errorf("read store: %w", err)
	}
	xc.Catalog = identity.NewLinker(CatalogTalksOf(g), xc.People)
	xc.CatalogKey = key
	return nil
}

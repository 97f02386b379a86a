package cli

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

// storedHash is the hash a store keeps for a note or a catalog talk: the
// hash of its content and the fingerprint of the extractor, so that a
// change to either extracts it again. fingerprint is the extractor's.
func storedHash(hash, fingerprint string) string {
	return hash + "." + fingerprint
}

// catalogKey identifies the catalog talks of a store by their paths and
// stored hashes (hex SHA-256, first 16 digits), or is "" when the store
// holds none.
func catalogKey(stored map[string]string) string {
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

// catalogTalksOf returns the catalog's talks in g: the Talk nodes whose
// source is "catalog".
func catalogTalksOf(g *graph.Graph) []identity.CatalogTalk {
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

// linkCatalog sets xc to link talks to the catalog of store, which key
// identifies (see catalogKey); it reads the store's graph.
func linkCatalog(ctx context.Context, store graph.Store, key string, xc *extract.Config) error {
	g, err := store.Graph(ctx)
	if err != nil {
		return fmt.Errorf("read store: %w", err)
	}
	xc.Catalog = identity.NewLinker(catalogTalksOf(g), xc.People)
	xc.CatalogKey = key
	return nil
}

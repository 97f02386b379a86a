package cli

import (
	"fmt"
	"os"

	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/queries"
)

// packs returns the shipped query packs and those of the user's folders
// (config key queries), in that order. A query the user defines again
// under the same PACK/NAME is an error that names both files.
func (f *Factory) packs(c config.Config) ([]queries.Pack, error) {
	packs, err := queries.Default()
	if err != nil {
		return nil, err
	}
	seen := map[string]string{}
	for _, p := range packs {
		for _, q := range p.Queries {
			seen[q.ID()] = "(shipped) " + q.File
		}
	}
	for _, dir := range c.Queries {
		if _, err := os.Stat(f.abs(dir)); err != nil {
			return nil, fmt.Errorf("query folder %s: %w", dir, err)
		}
		more, err := queries.Load(os.DirFS(f.abs(dir)), dir)
		if err != nil {
			return nil, err
		}
		for _, p := range more {
			for _, q := range p.Queries {
				if other, dup := seen[q.ID()]; dup {
					return nil, fmt.Errorf("%s: query %s is already defined in %s", q.File, q.ID(), other)
				}
				seen[q.ID()] = q.File
			}
		}
		packs = append(packs, more...)
	}
	return packs, nil
}

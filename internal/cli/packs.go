package cli

import (
	"fmt"
	"os"
	"strings"

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
		// A user's file that does not read, or names a query already
		// defined, is left out with a warning: the other queries, and
		// the shipped ones, still run.
		more, err := queries.Load(os.DirFS(f.abs(dir)), dir)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				fmt.Fprintf(f.IO.ErrOut, "warning: %s (left out)\n", line)
			}
		}
		for _, p := range more {
			kept := p.Queries[:0:0]
			for _, q := range p.Queries {
				if other, dup := seen[q.ID()]; dup {
					fmt.Fprintf(f.IO.ErrOut, "warning: %s: query %s is already defined in %s (left out)\n", q.File, q.ID(), other)
					continue
				}
				seen[q.ID()] = q.File
				kept = append(kept, q)
			}
			if len(kept) > 0 {
				p.Queries = kept
				packs = append(packs, p)
			}
		}
	}
	return packs, nil
}

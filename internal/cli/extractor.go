package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/identity"
)

// newExtractor returns an extractor of extractConfig, which links no
// catalog.
func (f *Factory) newExtractor(c config.Config, paths []string) (*extract.Extractor, error) {
	xc, err := f.extractConfig(c, paths)
	if err != nil {
		return nil, err
	}
	return extract.New(xc), nil
}

// extractConfig returns the extractor configuration of c: the shipped
// lexicon, the user's lexicon files, the folder events of c that apply to
// paths, and the user's decisions about people.
func (f *Factory) extractConfig(c config.Config, paths []string) (extract.Config, error) {
	xc, err := extract.Default()
	if err != nil {
		return extract.Config{}, fmt.Errorf("load lexicon: %w", err)
	}
	for _, file := range c.Lexicon {
		data, err := os.ReadFile(f.abs(file))
		if pe := (*os.PathError)(nil); errors.As(err, &pe) {
			return extract.Config{}, fmt.Errorf("lexicon %s: %w", file, pe.Err)
		} else if err != nil {
			return extract.Config{}, fmt.Errorf("lexicon %s: %w", file, err)
		}
		entries, err := lexicon.Parse(file, data) // errors say file:line
		if err != nil {
			return extract.Config{}, err
		}
		xc.Lexicon.Add(entries)
	}
	xc.Events = folderEvents(c.Events, paths)
	xc.MinConfidence = c.Build.MinConfidence
	if xc.People, err = f.people(c); err != nil {
		return extract.Config{}, err
	}
	return xc, nil
}

// people returns the resolver of the user's decisions file (config key
// people), or one without decisions when there is none.
func (f *Factory) people(c config.Config) (*identity.Resolver, error) {
	if c.People == "" {
		return identity.NewResolver(nil), nil
	}
	d, err := identity.LoadDecisions(f.abs(c.People))
	var de *identity.DecisionError
	var pe *os.PathError
	switch {
	case errors.As(err, &de):
		de.Pos.File = c.People // path:line: message, as the user wrote the path
		return nil, de
	case errors.As(err, &pe):
		return nil, fmt.Errorf("people %s: %w", c.People, pe.Err)
	case err != nil:
		return nil, err
	}
	return identity.NewResolver(d), nil
}

// folderEvents maps every configured folder to its event, under the
// spelling the note paths use: viper lower-cases map keys, so folders are
// matched case-insensitively.
func folderEvents(events map[string]config.Event, paths []string) map[string]extract.EventRef {
	out := map[string]extract.EventRef{}
	for folder, e := range events {
		ref := extract.EventRef{Series: e.Series, Year: e.Year}
		out[folder] = ref
		for _, p := range paths {
			if len(p) > len(folder) && p[len(folder)] == '/' && strings.EqualFold(p[:len(folder)], folder) {
				out[p[:len(folder)]] = ref
			}
		}
	}
	return out
}

package extract

import "github.com/talkgraph/talkgraph/internal/fold"

// CanonicalSeries returns the canonical name of a conference series from
// the shipped series table (data/series.txt), matching name folded as the
// lexicon folds names: "pycon-us", "PyCon USA" and "pycon us" all give
// "PyCon US". A name the table does not know is returned as it is.
func CanonicalSeries(name string) string {
	if c, ok := seriesName[fold.Key(name)]; ok {
		return c
	}
	return name
}

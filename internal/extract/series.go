package extract

import "github.com/talkgraph/talkgraph/internal/series"

// CanonicalSeries returns the canonical name of a conference series (see
// package series).
func CanonicalSeries(name string) string { return series.Canonical(name) }

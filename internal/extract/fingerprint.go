package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"

	"github.com/talkgraph/talkgraph/internal/series"
)

// extractorVersion changes when extraction changes in a way that should
// make builds re-extract every note.
const extractorVersion = "talkgraph-extract-9"

// Fingerprint identifies everything besides a note's own text that its
// extraction depends on: the extractor's version, the lexicon, the folder
// events, the people decisions, the catalog that talks are linked to and the
// least confidence a fact needs to be stored.
// A build stores it with each note's hash, so that a change to any of these
// re-extracts the notes.
func (x *Extractor) Fingerprint() string { return FingerprintOf(x.cfg) }

// FingerprintOf is the Fingerprint of an extractor of cfg, without making
// one.
func FingerprintOf(cfg Config) string {
	x := &Extractor{cfg: cfg}
	h := sha256.New()
	fmt.Fprintln(h, extractorVersion)
	if x.cfg.Lexicon != nil {
		for _, e := range x.cfg.Lexicon.Entries {
			fmt.Fprintf(h, "%s|%s|%q|%s|%t|%q\n", e.Kind, e.Name, e.Aliases, e.Category, e.Ambiguous, e.Context)
		}
	}
	h.Write(series.Table())
	for _, dir := range slices.Sorted(maps.Keys(x.cfg.Events)) {
		fmt.Fprintf(h, "event %s=%+v\n", dir, x.cfg.Events[dir])
	}
	fmt.Fprintln(h, x.cfg.People.Fingerprint())
	fmt.Fprintln(h, x.cfg.CatalogKey)
	if x.cfg.MinConfidence > 0 {
		fmt.Fprintf(h, "min-confidence %g\n", x.cfg.MinConfidence)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

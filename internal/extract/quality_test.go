package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// The floors below are the F1 scores extraction reaches today, rounded
// down: a change that lowers any of them fails. Raise them when quality
// improves. (The issue's own floors are 0.95 for talks and speakers, 0.85 for
// tools and 0.5 for concepts on the seed note.)
var (
	seedFloor = map[string]float64{
		"is_talk": 0.97, "title": 0.97, "kind": 0.97, "speakers": 0.97, "handles": 0.97,
		"tools": 0.97, "concepts": 0.62, "organizations": 0.97, "people": 0.97,
	}
	examplesFloor = map[string]float64{
		"is_talk": 0.97, "title": 0.97, "kind": 0.97, "speakers": 0.97, "handles": 0.97,
		"tools": 0.84, "concepts": 0.44, "organizations": 0.75, "people": 0.97,
	}
)

// TestQuality_seed scores the project's seed note (someone else's text,
// read from ../shared, never copied) against its gold annotation.
func TestQuality_seed(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "notes")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("seed notes missing in CI: %v", err)
		}
		t.Skipf("no seed notes beside the repo: %v", err)
	}
	checkQuality(t, dir, seedFloor)
}

// TestQuality_examples scores the example notes against their gold files.
func TestQuality_examples(t *testing.T) {
	checkQuality(t, filepath.Join("..", "..", "examples", "notes"), examplesFloor)
}

func checkQuality(t *testing.T, dir string, floor map[string]float64) {
	t.Helper()
	pairs, err := goldNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) == 0 {
		t.Fatalf("no notes with gold files under %s", dir)
	}
	cfg, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(cfg)
	tot := map[string]*tally{}
	for _, p := range scoreParts {
		tot[p] = &tally{}
	}
	for _, path := range sortedKeys(pairs) {
		gold, err := readGold(pairs[path])
		if err != nil {
			t.Fatalf("%s: %v", pairs[path], err)
		}
		n, err := notes.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		scoreNote(tot, gold, x.Extract(n).Sections)
	}
	t.Logf("%d notes under %s", len(pairs), dir)
	for _, p := range scoreParts {
		s := tot[p]
		t.Logf("%-14s P %.3f  R %.3f  F1 %.3f  (gold %d, pred %d)", p, s.precision(), s.recall(), s.f1(), s.gold, s.pred)
		if s.f1() < floor[p] {
			t.Errorf("%s F1 = %.3f, want ≥ %.2f", p, s.f1(), floor[p])
		}
	}
}

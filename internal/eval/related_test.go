package eval

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestPyRandom pins the shuffle to CPython's: random.Random(7), shuffling
// range(20), then getrandbits(32) (python3 -c 'import random; r =
// random.Random(7); xs = list(range(20)); r.shuffle(xs); print(xs,
// r.getrandbits(32))').
func TestPyRandom(t *testing.T) {
	r := newPyRandom(7)
	xs := make([]int, 20)
	for i := range xs {
		xs[i] = i
	}
	r.shuffle(xs)
	want := []int{17, 15, 11, 18, 7, 6, 19, 3, 14, 0, 9, 5, 16, 8, 13, 2, 1, 12, 4, 10}
	if !slices.Equal(xs, want) {
		t.Errorf("shuffle = %v, want %v", xs, want)
	}
	if got := r.uint32(); got != 389609433 {
		t.Errorf("next 32 bits = %d, want 389609433", got)
	}
}

// TestRelatedBaselines computes the referee's baselines on the shared
// catalog; ../shared/eval/related prints random 0.028 and tf-idf 0.342
// there.
func TestRelatedBaselines(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "pyvideo")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s missing in CI", dir)
		}
		t.Skipf("no %s", dir)
	}
	talks, err := LoadTagged(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(talks) != 567 {
		t.Errorf("%d tagged talks, want 567", len(talks))
	}
	r := PrecisionAtK(talks, 5, RandomRanking(len(talks)))
	tf := PrecisionAtK(talks, 5, TFIDFRanking(talks))
	t.Logf("random %.3f tf-idf %.3f", r, tf)
	if round3(r) != 0.028 || round3(tf) != 0.342 {
		t.Errorf("random %.4f, tf-idf %.4f; the referee gives 0.028 and 0.342", r, tf)
	}
}

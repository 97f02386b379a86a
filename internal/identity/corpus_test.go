package identity

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// corpusDir is the pyvideo corpus beside the repository (../shared/corpus).
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus", "pyvideo")

// corpusTalk is the part of a corpus line these tests read.
type corpusTalk struct {
	ID         string   `json:"id"`
	EventTitle string   `json:"event_title"`
	Title      string   `json:"title"`
	Speakers   []string `json:"speakers"`
}

// needShared skips the test when path is missing, unless CI is set.
func needShared(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared data missing in CI: %v", err)
		}
		t.Skipf("no shared data beside the repo: %v", err)
	}
}

// readCorpus reads the talks of the jsonl files matching pattern, in file
// order.
func readCorpus(t *testing.T, pattern string) []corpusTalk {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files match %s: %v", pattern, err)
	}
	var talks []corpusTalk
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<22)
		for n := 1; sc.Scan(); n++ {
			var ct corpusTalk
			if err := json.Unmarshal(sc.Bytes(), &ct); err != nil {
				t.Fatalf("%s:%d: %v", f, n, err)
			}
			talks = append(talks, ct)
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return talks
}

func catalog(talks []corpusTalk) []CatalogTalk {
	out := make([]CatalogTalk, len(talks))
	for i, ct := range talks {
		out[i] = CatalogTalk{ct.ID, ct.EventTitle, ct.Title, ct.Speakers}
	}
	return out
}

// corpusFigures are the merge figures of PersonKey over the corpus.
type corpusFigures struct {
	talks, spellings, keys, groups int
	byKey                          map[string][]string // key → spellings, in corpus order
	coListed                       []string            // keys with two spellings in one talk
	names                          []string
}

func personFigures(talks []corpusTalk) corpusFigures {
	f := corpusFigures{talks: len(talks), byKey: map[string][]string{}}
	seen := map[string]bool{}
	co := map[string]bool{}
	for _, ct := range talks {
		inTalk := map[string]string{}
		for _, s := range ct.Speakers {
			if placeholders[spelling(s)] {
				continue
			}
			k := PersonKey(s)
			if other, ok := inTalk[k]; ok && other != s && !co[k] {
				co[k] = true
				f.coListed = append(f.coListed, k)
			}
			inTalk[k] = s
			if !seen[s] {
				seen[s] = true
				f.names = append(f.names, s)
				f.byKey[k] = append(f.byKey[k], s)
			}
		}
	}
	f.spellings, f.keys = len(f.names), len(f.byKey)
	for _, g := range f.byKey {
		if len(g) > 1 {
			f.groups++
		}
	}
	return f
}

// TestPersonKey_corpus folds every speaker spelling of the pyvideo corpus
// and checks the figures written in testdata/corpus-merges.md.
func TestPersonKey_corpus(t *testing.T) {
	needShared(t, corpusDir)
	f := personFigures(readCorpus(t, filepath.Join("*", "*.jsonl")))
	t.Logf("talks %d, distinct spellings %d, distinct keys %d: %d spellings merge into %d groups",
		f.talks, f.spellings, f.keys, f.spellings-f.keys, f.groups)
	for _, g := range sampleGroups(f.byKey, 20) {
		t.Logf("  %s", g)
	}
	for _, k := range f.coListed {
		t.Logf("two spellings of key %q in one talk (check by hand): %q", k, f.byKey[k])
	}
	suggested := len(SuggestSame(f.names, nil))
	t.Logf("SuggestSame over the corpus: %d pairs", suggested)
	if f.talks != 2911 {
		t.Errorf("read %d talks, want the corpus's 2,911", f.talks)
	}
	want := mdFigures(t, filepath.Join("testdata", "corpus-merges.md"))
	got := map[string]int{"talks": f.talks, "distinct spellings": f.spellings, "distinct keys": f.keys,
		"merged spellings": f.spellings - f.keys, "merged groups": f.groups, "suggested pairs": suggested}
	for name, n := range got {
		if want[name] != n {
			t.Errorf("%s = %d, testdata/corpus-merges.md says %d: update it (and re-check its sample)", name, n, want[name])
		}
	}
}

// sampleGroups returns n merged groups, the largest first, as
// "key: spelling | spelling".
func sampleGroups(byKey map[string][]string, n int) []string {
	var keys []string
	for k, g := range byKey {
		if len(g) > 1 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(byKey[keys[i]]) != len(byKey[keys[j]]) {
			return len(byKey[keys[i]]) > len(byKey[keys[j]])
		}
		return keys[i] < keys[j]
	})
	var out []string
	for _, k := range keys[:min(n, len(keys))] {
		out = append(out, fmt.Sprintf("%s: %s", k, strings.Join(byKey[k], " | ")))
	}
	return out
}

var mdFigureRx = regexp.MustCompile(`^- ([a-z ]+): ([0-9,]+)`)

// mdFigures reads the "- name: 1,234" lines of a markdown file.
func mdFigures(t *testing.T, path string) map[string]int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, line := range strings.Split(string(b), "\n") {
		if m := mdFigureRx.FindStringSubmatch(line); m != nil {
			out[m[1]], _ = strconv.Atoi(strings.ReplaceAll(m[2], ",", ""))
		}
	}
	return out
}

// TestLinker_corpus matches every corpus talk against the whole corpus, once
// with its speakers and once by title alone: a sure link must always be the
// talk itself, and nearly every talk must find itself surely with its
// speakers (the rest are generic titles without speakers and true
// duplicates, which are unsure on purpose).
func TestLinker_corpus(t *testing.T) {
	needShared(t, corpusDir)
	talks := readCorpus(t, filepath.Join("*", "*.jsonl"))
	l := NewLinker(catalog(talks), nil)
	selfSure, titleSure := 0, 0
	for _, ct := range talks {
		for _, speakers := range [][]string{ct.Speakers, nil} {
			link, ok := l.Match(ct.EventTitle, ct.Title, speakers)
			switch {
			case ok && link.Sure && link.ID != ct.ID:
				t.Errorf("Match(%q, %q, %q) is surely %s, want %s or unsure: %s", ct.EventTitle, ct.Title, speakers, link.ID, ct.ID, link.Why)
			case ok && link.Sure && speakers != nil:
				selfSure++
			case ok && link.Sure:
				titleSure++
			}
		}
	}
	pct := 100 * float64(selfSure) / float64(len(talks))
	t.Logf("talks linked surely to themselves: %d/%d (%.1f%%) with speakers, %d by title alone", selfSure, len(talks), pct, titleSure)
	if pct < 98 {
		t.Errorf("%.1f%% of talks link surely to themselves, want at least 98%%", pct)
	}
}

package extract_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/talkgraph/talkgraph/internal/extract"
)

// This file scores extraction against gold files by the rules of
// ../shared/eval/GOLD-FORMAT.md, so the project's own tests measure quality
// the same way the referee does.

type goldFile struct {
	Event    map[string]any      `yaml:"event"`
	Aliases  map[string][]string `yaml:"aliases"`
	Sections []goldSection       `yaml:"sections"`
}

type goldSection struct {
	Heading  string `yaml:"heading"`
	Line     int    `yaml:"line"`
	IsTalk   bool   `yaml:"is_talk"`
	Kind     string `yaml:"kind"`
	Title    string `yaml:"title"`
	Speakers []struct {
		Name   string `yaml:"name"`
		Handle string `yaml:"handle"`
	} `yaml:"speakers"`
	Tools         []string `yaml:"tools"`
	Concepts      []string `yaml:"concepts"`
	Organizations []string `yaml:"organizations"`
	People        []string `yaml:"people_mentioned"`
}

var scoreParts = []string{"is_talk", "title", "kind", "speakers", "handles", "tools", "concepts", "organizations", "people"}

// tally counts true positives, gold and predicted items of one part.
type tally struct{ tp, gold, pred int }

func (t tally) precision() float64 { return ratio(t.tp, t.pred) }
func (t tally) recall() float64    { return ratio(t.tp, t.gold) }
func (t tally) f1() float64 {
	p, r := t.precision(), t.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

var nonAlnum = regexp.MustCompile(`[^0-9a-z]+`)

func scoreFold(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	s = strings.ToLower(b.String())
	s = strings.ReplaceAll(strings.ReplaceAll(s, "+", "plus"), "#", "sharp")
	return nonAlnum.ReplaceAllString(s, "")
}

func scoreEdit1(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	if la == lb {
		var diff []int
		for i := 0; i < la; i++ {
			if a[i] != b[i] {
				diff = append(diff, i)
			}
		}
		if len(diff) == 1 {
			return true
		}
		return len(diff) == 2 && diff[1] == diff[0]+1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
	}
	if la > lb {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return a[i:] == b[i+1:]
}

type aliasMap map[string]map[string]bool

func sameName(g, p string, al aliasMap) bool {
	fg, fp := scoreFold(g), scoreFold(p)
	if fg == "" || fp == "" {
		return false
	}
	if fg == fp || al[fg][fp] {
		return true
	}
	return min(len(fg), len(fp)) >= 6 && scoreEdit1(fg, fp)
}

var wordRx = regexp.MustCompile(`[0-9a-z]+`)

func scoreStems(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range wordRx.FindAllString(strings.ToLower(norm.NFKD.String(s)), -1) {
		switch {
		case len(w) > 3 && strings.HasSuffix(w, "ies"):
			w = w[:len(w)-3] + "y"
		case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
			w = w[:len(w)-1]
		}
		for _, suf := range []string{"ing", "ed"} {
			if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
				w = w[:len(w)-len(suf)]
			}
		}
		out[w] = true
	}
	return out
}

func sameConcept(g, p string, al aliasMap) bool {
	if sameName(g, p, al) {
		return true
	}
	a, b := scoreStems(g), scoreStems(p)
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	shared := 0
	for w := range a {
		if b[w] {
			shared++
		}
	}
	return shared*2 >= max(len(a), len(b))
}

func matchSets(gold, pred []string, same func(string, string, aliasMap) bool, al aliasMap) tally {
	var g []string
	for _, x := range gold {
		if strings.TrimSpace(x) != "" {
			g = append(g, x)
		}
	}
	var p []string
	seen := map[string]bool{}
	for _, x := range pred {
		if strings.TrimSpace(x) != "" && !seen[x] {
			seen[x] = true
			p = append(p, x)
		}
	}
	used := map[int]bool{}
	tp := 0
	for _, x := range g {
		for i, y := range p {
			if !used[i] && same(x, y, al) {
				used[i] = true
				tp++
				break
			}
		}
	}
	return tally{tp, len(g), len(p)}
}

// scoreNote adds one note's scores to tot, pairing sections by line (in
// order where several share one).
func scoreNote(tot map[string]*tally, gold goldFile, pred []extract.Section) {
	al := aliasMap{}
	for k, vs := range gold.Aliases {
		names := append([]string{k}, vs...)
		for _, n := range names {
			fn := scoreFold(n)
			if al[fn] == nil {
				al[fn] = map[string]bool{}
			}
			for _, m := range names {
				al[fn][scoreFold(m)] = true
			}
		}
	}
	byLine := map[int][]extract.Section{}
	for _, s := range pred {
		byLine[s.Line] = append(byLine[s.Line], s)
	}
	used := map[int]int{}
	exact := func(a, b string, _ aliasMap) bool { return scoreFold(a) == scoreFold(b) }
	for _, g := range gold.Sections {
		nth := used[g.Line]
		used[g.Line]++
		var p extract.Section
		havePred := nth < len(byLine[g.Line])
		if havePred {
			p = byLine[g.Line][nth]
		}
		if g.IsTalk {
			tot["is_talk"].gold++
		}
		if p.IsTalk {
			tot["is_talk"].pred++
		}
		if g.IsTalk && p.IsTalk {
			tot["is_talk"].tp++
		}
		if !g.IsTalk {
			continue
		}
		var gs, gh, ps, ph []string
		for _, s := range g.Speakers {
			gs = append(gs, s.Name)
			if s.Handle != "" {
				gh = append(gh, s.Handle)
			}
		}
		for _, s := range p.Speakers {
			ps = append(ps, s.Name)
			if s.Handle != nil && *s.Handle != "" {
				ph = append(ph, *s.Handle)
			}
		}
		var pt, pk []string
		if havePred {
			pt, pk = []string{p.Title}, []string{p.Kind}
		}
		add := func(part string, t tally) {
			tot[part].tp += t.tp
			tot[part].gold += t.gold
			tot[part].pred += t.pred
		}
		add("title", matchSets([]string{g.Title}, pt, exact, al))
		add("kind", matchSets([]string{g.Kind}, pk, exact, al))
		add("speakers", matchSets(gs, ps, sameName, al))
		add("handles", matchSets(gh, ph, sameName, al))
		add("tools", matchSets(g.Tools, p.Tools, sameName, al))
		add("organizations", matchSets(g.Organizations, p.Organizations, sameName, al))
		add("people", matchSets(g.People, p.People, sameName, al))
		add("concepts", matchSets(g.Concepts, p.Concepts, sameConcept, al))
	}
	for line, ps := range byLine {
		for _, p := range ps[min(used[line], len(ps)):] {
			if p.IsTalk {
				tot["is_talk"].pred++
			}
		}
	}
}

// goldNotes lists the notes under dir that have a gold file beside them.
func goldNotes(dir string) (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".gold.yaml") {
			return err
		}
		base := strings.TrimSuffix(p, ".gold.yaml")
		for _, ext := range []string{".md", ".markdown", ".txt"} {
			if _, err := os.Stat(base + ext); err == nil {
				out[base+ext] = p
			}
		}
		return nil
	})
	return out, err
}

func readGold(path string) (goldFile, error) {
	var g goldFile
	b, err := os.ReadFile(path)
	if err != nil {
		return g, err
	}
	err = yaml.Unmarshal(b, &g)
	return g, err
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

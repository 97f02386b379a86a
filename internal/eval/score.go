package eval

import (
	"strings"

	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/fold"
)

// Parts are the parts of extraction scored, in the referee's order.
var Parts = []string{"is_talk", "title", "kind", "speakers", "handles", "tools", "concepts", "organizations", "people"}

// Tally counts the true positives, gold items and predicted items of one
// part.
type Tally struct {
	TP, Gold, Pred int
}

// Precision is TP/Pred, 0 when nothing was predicted.
func (t Tally) Precision() float64 { return ratio(t.TP, t.Pred) }

// Recall is TP/Gold, 0 when the gold has nothing.
func (t Tally) Recall() float64 { return ratio(t.TP, t.Gold) }

// F1 is the harmonic mean of precision and recall.
func (t Tally) F1() float64 {
	p, r := t.Precision(), t.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (t *Tally) add(o Tally) {
	t.TP += o.TP
	t.Gold += o.Gold
	t.Pred += o.Pred
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Miss is one difference between gold and prediction in a section: what
// the gold has that the prediction lacks, and what the prediction has that
// the gold lacks.
type Miss struct {
	Note    string   `json:"note"`
	Line    int      `json:"line"`
	Part    string   `json:"part"`
	Missing []string `json:"missing"` // in the gold, not predicted
	Extra   []string `json:"extra"`   // predicted, not in the gold
}

// Score is the score of one note or of many: a tally per part, and the
// misses.
type Score struct {
	Parts  map[string]*Tally `json:"parts"`
	Misses []Miss            `json:"misses,omitempty"`
}

// NewScore returns an empty score.
func NewScore() *Score {
	s := &Score{Parts: map[string]*Tally{}}
	for _, p := range Parts {
		s.Parts[p] = &Tally{}
	}
	return s
}

// Add adds o to s.
func (s *Score) Add(o *Score) {
	for _, p := range Parts {
		s.Parts[p].add(*o.Parts[p])
	}
	s.Misses = append(s.Misses, o.Misses...)
}

// aliases maps a folded name to the folded names that count as the same.
type aliases map[string]map[string]bool

func newAliases(m map[string][]string) aliases {
	al := aliases{}
	for k, vs := range m {
		all := append([]string{k}, vs...)
		for _, n := range all {
			fn := fold.Key(n)
			if al[fn] == nil {
				al[fn] = map[string]bool{}
			}
			for _, o := range all {
				al[fn][fold.Key(o)] = true
			}
		}
	}
	return al
}

// SameName reports whether a gold name and a predicted one are the same:
// equal once folded (case, accents, spaces and punctuation dropped; "+" and
// "#" kept apart), aliases of each other, or one edit apart in names of six
// letters or more.
func SameName(g, p string, al map[string][]string) bool { return sameName(g, p, newAliases(al)) }

func sameName(g, p string, al aliases) bool {
	fg, fp := fold.Key(g), fold.Key(p)
	if fg == "" || fp == "" {
		return false
	}
	if fg == fp || al[fg][fp] {
		return true
	}
	return min(len(fg), len(fp)) >= 6 && fold.Edit1(fg, fp)
}

// stems returns the word stems of a concept: lower case words of letters
// and digits, a plural and an -ing or -ed ending dropped.
func stems(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(fold.Lower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
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

// sameConcept reports whether two concepts are the same: the same name, or
// sharing at least half the stems of the longer.
func sameConcept(g, p string, al aliases) bool {
	if sameName(g, p, al) {
		return true
	}
	a, b := stems(g), stems(p)
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

// match pairs gold and predicted items one to one, greedily in gold order.
func match(gold, pred []string, same func(string, string, aliases) bool, al aliases) (Tally, []string, []string) {
	var g, p []string
	for _, x := range gold {
		if strings.TrimSpace(x) != "" {
			g = append(g, x)
		}
	}
	seen := map[string]bool{}
	for _, x := range pred {
		if strings.TrimSpace(x) != "" && !seen[x] {
			seen[x] = true
			p = append(p, x)
		}
	}
	used := map[int]bool{}
	var missing []string
	tp := 0
	for _, x := range g {
		found := false
		for i, y := range p {
			if !used[i] && same(x, y, al) {
				used[i], found = true, true
				tp++
				break
			}
		}
		if !found {
			missing = append(missing, x)
		}
	}
	var extra []string
	for i, y := range p {
		if !used[i] {
			extra = append(extra, y)
		}
	}
	return Tally{tp, len(g), len(p)}, missing, extra
}

// Note scores the sections extracted from one note against its gold file:
// sections are paired by line (in order, where several share a line), a
// gold section that is no talk only counts against a predicted talk, and
// names are compared as SameName does, concepts by shared stems.
func Note(g *Gold, pred []extract.Section) *Score {
	s := NewScore()
	al := newAliases(g.Aliases)
	byLine := map[int][]extract.Section{}
	for _, p := range pred {
		byLine[p.Line] = append(byLine[p.Line], p)
	}
	used := map[int]int{}
	exact := func(a, b string, _ aliases) bool { return fold.Key(a) == fold.Key(b) }
	for _, gs := range g.Sections {
		nth := used[gs.Line]
		used[gs.Line]++
		var p extract.Section
		have := nth < len(byLine[gs.Line])
		if have {
			p = byLine[gs.Line][nth]
		}
		t := s.Parts["is_talk"]
		t.Gold += b2i(gs.IsTalk)
		t.Pred += b2i(p.IsTalk)
		t.TP += b2i(gs.IsTalk && p.IsTalk)
		if !gs.IsTalk {
			if p.IsTalk {
				s.Misses = append(s.Misses, Miss{Note: g.Name, Line: gs.Line, Part: "is_talk", Extra: []string{p.Heading}})
			}
			continue
		}
		if !p.IsTalk {
			s.Misses = append(s.Misses, Miss{Note: g.Name, Line: gs.Line, Part: "is_talk", Missing: []string{gs.Heading}})
		}
		var gsp, gh, psp, ph []string
		for _, x := range gs.Speakers {
			gsp = append(gsp, x.Name)
			if x.Handle != "" {
				gh = append(gh, x.Handle)
			}
		}
		for _, x := range p.Speakers {
			psp = append(psp, x.Name)
			if x.Handle != nil && *x.Handle != "" {
				ph = append(ph, *x.Handle)
			}
		}
		var pt, pk []string
		if have {
			pt, pk = []string{p.Title}, []string{p.Kind}
		}
		for _, c := range []struct {
			part       string
			gold, pred []string
			same       func(string, string, aliases) bool
		}{
			{"title", []string{gs.Title}, pt, exact},
			{"kind", []string{gs.Kind}, pk, exact},
			{"speakers", gsp, psp, sameName},
			{"handles", gh, ph, sameName},
			{"tools", gs.Tools, p.Tools, sameName},
			{"concepts", gs.Concepts, p.Concepts, sameConcept},
			{"organizations", gs.Organizations, p.Organizations, sameName},
			{"people", gs.People, p.People, sameName},
		} {
			tl, missing, extra := match(c.gold, c.pred, c.same, al)
			s.Parts[c.part].add(tl)
			if len(missing) > 0 || len(extra) > 0 {
				s.Misses = append(s.Misses, Miss{Note: g.Name, Line: gs.Line, Part: c.part, Missing: missing, Extra: extra})
			}
		}
	}
	for line, ps := range byLine {
		for _, p := range ps[min(used[line], len(ps)):] {
			if p.IsTalk {
				s.Parts["is_talk"].Pred++
				s.Misses = append(s.Misses, Miss{Note: g.Name, Line: line, Part: "is_talk", Extra: []string{p.Heading}})
			}
		}
	}
	sortMisses(s.Misses)
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sortMisses orders misses by line, then by part in the order of Parts.
func sortMisses(ms []Miss) {
	order := map[string]int{}
	for i, p := range Parts {
		order[p] = i
	}
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0; j-- {
			a, b := ms[j-1], ms[j]
			if a.Line < b.Line || a.Line == b.Line && order[a.Part] <= order[b.Part] {
				break
			}
			ms[j-1], ms[j] = b, a
		}
	}
}

package identity

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/fold"
)

var (
	// titleNoise are the per-year decorations of catalog titles: "PyCon
	// 2018", "DjangoCon US 2012", "(#175)", a leading poster number "37. ".
	titleNoise = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(?:pycon|djangocon)(?:\s+us)?\s+(?:19|20)\d\d\b`),
		regexp.MustCompile(`\(#\d+\)`),
		regexp.MustCompile(`^\s*\d+\.\s+`),
	}
	trailingParen = regexp.MustCompile(`\(([^()]*)\)\s*$`)
	subtitleSep   = regexp.MustCompile(`:\s|\s[-–—|]\s|[?!.]\s`)

	stopwords = set("a an the of in on for and to with by at from or is are as into")
	generic   = set("keynote keynotes lightning talk talks welcome welcoming opening closing remarks " +
		"panel plenary session sessions day morning afternoon evening night monday tuesday wednesday " +
		"thursday friday saturday sunday part invited speaker speakers address announcements final " +
		"poster posters break lunch reception i ii iii iv")
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// The penalties of title similarity: for comparing a title without its
// subtitle, and for titles whose numbers differ ("Part 1" / "Part 2").
const (
	subtitleCost = 0.05
	numberCost   = 0.25
)

// variant is one reading of a title: all of it, or without a trailing
// parenthetical, or without its subtitle (which costs a small penalty).
// Two variants that both dropped a part are never compared: "Lightning Talks
// (Monday)" is not "Lightning Talks (Tuesday)".
type variant struct {
	toks    []string
	penalty float64
	dropped bool
	subOnly bool // the title without its subtitle
}

// titleVariants reads a title into its variants, removing the names of the
// talk's speakers from it; implied is the text of a trailing parenthetical
// without digits ("(Andrew Godwin)"), which may name speakers.
func titleVariants(raw string, speakers []name) (vs []variant, implied string) {
	s := raw
	for _, rx := range titleNoise {
		s = rx.ReplaceAllString(s, " ")
	}
	s = strings.Trim(s, " :-–—|") // what the decorations leave: "PyCon 2009: Title"
	add := func(text string, penalty float64, dropped, subOnly bool) {
		toks := withoutNames(titleTokens(text), speakers)
		if len(vs) == 0 || len(toks) > 0 && !(subOnly && len(toks) < 2) {
			vs = append(vs, variant{toks, penalty, dropped, subOnly})
		}
	}
	add(s, 0, false, false)
	base := s
	if m := trailingParen.FindStringSubmatchIndex(s); m != nil && !strings.ContainsAny(s[m[2]:m[3]], "0123456789") {
		implied = s[m[2]:m[3]]
		base = s[:m[0]]
		add(base, 0, true, false)
	}
	if loc := subtitleSep.FindStringIndex(strings.TrimSpace(base)); loc != nil && loc[0] > 0 {
		add(strings.TrimSpace(base)[:loc[0]], subtitleCost, true, true)
	}
	return vs, implied
}

// titleTokens folds a title to its words: accents, case, apostrophes and
// punctuation folded, stop words dropped unless nothing else is left.
func titleTokens(s string) []string {
	s = strings.ToLower(fold.Accents(s))
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\'' || r == '’':
			return -1
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return r
		}
		return ' '
	}, s)
	all := strings.Fields(s)
	var out []string
	for _, w := range all {
		if !stopwords[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// withoutNames removes each speaker's name (given name and the rest, in
// order) from title tokens.
func withoutNames(toks []string, speakers []name) []string {
	for _, n := range speakers {
		seq := append([]string{n.given}, n.rest...)
		if len(seq) < 2 {
			continue
		}
		for i := 0; i+len(seq) <= len(toks); i++ {
			if strings.Join(toks[i:i+len(seq)], " ") == strings.Join(seq, " ") {
				toks = append(append([]string(nil), toks[:i]...), toks[i+len(seq):]...)
				i--
			}
		}
	}
	return toks
}

// isGeneric reports whether a title says only what kind of session it is
// ("Keynote #2", "Lightning Talks Friday"), or nothing at all.
func isGeneric(toks []string) bool {
	for _, t := range toks {
		if !generic[t] && strings.Trim(t, "0123456789") != "" {
			return false
		}
	}
	return true
}

// anyGeneric reports whether a whole-title variant (with or without a
// trailing parenthetical) is generic.
func anyGeneric(vs []variant) bool {
	for _, v := range vs {
		if !v.subOnly && isGeneric(v.toks) {
			return true
		}
	}
	return false
}

// titleSim is the best similarity of two titles' variants, never comparing
// two variants that both dropped a part.
func titleSim(a, b []variant) float64 {
	best := 0.0
	for _, x := range a {
		for _, y := range b {
			if x.dropped && y.dropped {
				continue
			}
			sim := dice(x.toks, y.toks) - x.penalty - y.penalty
			if numbersDiffer(x.toks, y.toks) {
				sim -= numberCost
			}
			best = max(best, sim)
		}
	}
	return best
}

// dice is the Dice coefficient of two token lists, where two words of 6
// letters or more match despite one typo.
func dice(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	usedA, usedB := make([]bool, len(a)), make([]bool, len(b))
	m := 0
	for _, fuzzy := range []bool{false, true} {
		for i, t := range a {
			for j, u := range b {
				if usedA[i] || usedB[j] || !(t == u || fuzzy && !isNumber(t) && oneTypo(t, u)) {
					continue
				}
				usedA[i], usedB[j] = true, true
				m++
			}
		}
	}
	return 2 * float64(m) / float64(len(a)+len(b))
}

func isNumber(t string) bool { return strings.Trim(t, "0123456789") == "" }

// numbersDiffer reports whether both titles have numbers and not the same
// ones: "Part 1 of 3" is not "Part 2 of 3".
func numbersDiffer(a, b []string) bool {
	na, nb := numbers(a), numbers(b)
	return na != "" && nb != "" && na != nb
}

func numbers(toks []string) string {
	var ns []string
	for _, t := range toks {
		if isNumber(t) {
			ns = append(ns, strings.TrimLeft(t, "0"))
		}
	}
	sort.Strings(ns)
	return strings.Join(ns, " ")
}

package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/names"
)

// matcher finds lexicon entries in prose: whole words only, folded for case,
// spaces and punctuation, with one typo allowed in names of six letters or
// more, and ambiguous names only where their context confirms them.
type matcher struct {
	exact map[string][]*lexicon.Entry // folded name or alias → entries
	dels  map[string][]string         // one-deletion variants of long keys → keys
	maxN  int                         // most tokens in a name
	// prefix holds every prefix of every key, so that a key stops growing
	// as soon as no name can start with it.
	prefix map[string]bool

	concepts map[string]*lexicon.Entry // stemmed concept names → entries
	maxC     int                       // most words in a concept name
}

func newMatcher(lx *lexicon.Lexicon) *matcher {
	m := &matcher{exact: map[string][]*lexicon.Entry{}, dels: map[string][]string{}, maxN: 1, prefix: map[string]bool{}}
	if lx == nil {
		return m
	}
	m.indexConcepts(lx)
	for i := range lx.Entries {
		e := &lx.Entries[i]
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			key := fold.Key(name)
			if key == "" {
				continue
			}
			if len(m.exact[key]) == 0 && len([]rune(key)) >= 6 {
				for _, d := range deletions(key) {
					m.dels[d] = append(m.dels[d], key)
				}
			}
			m.exact[key] = append(m.exact[key], e)
			for j := 1; j <= len(key); j++ {
				m.prefix[key[:j]] = true
			}
			m.maxN = max(m.maxN, len(tokenize(name)))
		}
	}
	return m
}

func deletions(key string) []string {
	rs := []rune(key)
	out := []string{key}
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

var domainRx = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9-]+)\.(?:com|org|net|io|dev|app)$`)

// hit is one lexicon entry found in a text.
type hit struct {
	e       *lexicon.Entry
	surface string // the text as written
	typo    bool
	pos     int // byte offset in the text
}

// scope is the text around a match that confirms ambiguous names.
type scope struct {
	sentence string // the sentence of the match
	block    string // the block (paragraph, item) the text is in
	note     string // the note's event, title and tags
	concepts bool   // match concepts only; otherwise tools and organizations only
	section  string // the section's heading and title
	code     bool   // the text is a code span
}

// findAll returns the tools and organizations named in text, then the
// concepts: a concept's name does not hide a tool inside it ("Docker image"
// names Docker and the concept).
func (m *matcher) findAll(text string, sc scope) []hit {
	sc.concepts = false
	out := m.find(text, sc)
	sc.concepts = true
	return append(out, m.find(text, sc)...)
}

// find returns the entries named in text, longest match first, left to right.
func (m *matcher) find(text string, sc scope) []hit {
	toks := tokenize(text)
	folded := make([]string, len(toks))
	for i, t := range toks {
		folded[i] = fold.Key(t.text)
	}
	var out []hit
	for i := 0; i < len(toks); {
		n, h := m.at(text, toks, folded, i, sc)
		if n == 0 {
			i++
			continue
		}
		out = append(out, h)
		i += n
	}
	return out
}

// at tries the names that start at token i, longest first. Keys are the
// folded tokens joined; they grow only while they are a prefix of some
// lexicon key, except that capitalised words of up to three tokens are also
// tried as typos.
func (m *matcher) at(text string, toks []token, folded []string, i int, sc scope) (int, hit) {
	upper := unicode.IsUpper([]rune(toks[i].text)[0])
	var keys [16]string
	n := 0
	key := ""
	for n < min(m.maxN, len(toks)-i, len(keys)) {
		key += folded[i+n]
		if !m.prefix[key] && !(upper && n < 3) {
			break
		}
		keys[n] = key
		n++
	}
	for ; n >= 1; n-- {
		key := keys[n-1]
		surface := text[toks[i].start:toks[i+n-1].end]
		if key == "" {
			continue
		}
		if n == 1 && strings.IndexByte(surface, '.') > 0 {
			if d := domainRx.FindStringSubmatch(surface); d != nil && len(m.exact[fold.Key(d[1])]) > 0 {
				key = fold.Key(d[1]) // "Tynker.com" names Tynker
			}
		}
		if es := m.exact[key]; len(es) > 0 {
			if n > 1 && len(key) < 6 && !multiWord(es, key) {
				continue // "do I" is not DOI
			}
			sc.sentence = sentenceAt(text, toks[i].start)
			if e := m.accept(es, surface, false, sc); e != nil {
				return n, hit{e: e, surface: surface, pos: toks[i].start}
			}
			continue
		}
		if !upper || n > 3 || len(key) < 6 || !typoable(toks[i:i+n]) {
			continue // a misspelt name is still written as a name
		}
		if es := m.typo(key); len(es) > 0 {
			if e := m.accept(es, surface, true, sc); e != nil {
				return n, hit{e: e, surface: surface, typo: true, pos: toks[i].start}
			}
		}
	}
	return 0, hit{}
}

// typoable reports whether words may be a misspelt name: no everyday word,
// no number.
func typoable(ws []token) bool {
	for _, w := range ws {
		lw := strings.ToLower(w.text)
		if commonWords[lw] || commonWords[strings.TrimSuffix(lw, "s")] || names.Given(lw) {
			return false
		}
		digits := true
		for _, r := range w.text {
			if !unicode.IsDigit(r) {
				digits = false
			}
		}
		if digits {
			return false
		}
	}
	return true
}

func (m *matcher) typo(key string) []*lexicon.Entry {
	seen := map[string]bool{}
	var out []*lexicon.Entry
	for _, d := range deletions(key) {
		for _, k := range m.dels[d] {
			if strings.HasPrefix(k, key) || strings.HasPrefix(key, k) {
				continue // "Reactive" is a word, not a clipped "ReactiveX"
			}
			if !seen[k] && fold.Edit1(key, k) {
				seen[k] = true
				out = append(out, m.exact[k]...)
			}
		}
	}
	return out
}

// accept picks the entry a surface form names, or nil when the only
// candidates are ambiguous names their context does not confirm.
func (m *matcher) accept(es []*lexicon.Entry, surface string, typo bool, sc scope) *lexicon.Entry {
	es = slices.DeleteFunc(slices.Clone(es), func(e *lexicon.Entry) bool {
		return (e.Kind == lexicon.KindConcept) != sc.concepts
	})
	for _, e := range es {
		if !e.Ambiguous {
			return e
		}
	}
	if typo {
		return nil
	}
	for _, e := range es {
		if m.confirmed(e, surface, sc) {
			return e
		}
	}
	return nil
}

// confirmed reports whether an ambiguous entry's context confirms it: a
// code span, or one of its context words in the same block or the section's
// heading. One- and two-letter names must also be written as the lexicon
// writes them.
func (m *matcher) confirmed(e *lexicon.Entry, surface string, sc scope) bool {
	if len([]rune(fold.Key(surface))) <= 2 && !exactCase(e, surface) {
		return false
	}
	if sc.code || len(tokenize(surface)) > 1 {
		return true // code, or a name of several words ("Apache Spark")
	}
	around := sc.block + " " + sc.section + " " + sc.note
	if lower := strings.ToLower(surface); lower == surface && commonWords[lower] {
		around = sc.sentence // an everyday word needs its context close by
	}
	words := stemSet(around)
	for _, c := range e.Context {
		if containsPhrase(words, c) {
			return true
		}
	}
	return false
}

func exactCase(e *lexicon.Entry, surface string) bool {
	if surface == e.Name {
		return true
	}
	for _, a := range e.Aliases {
		if surface == a {
			return true
		}
	}
	return false
}

// stem lower-cases a word and drops a plural ending.
func stem(w string) string {
	w = strings.ToLower(w)
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

func stemSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range tokenize(s) {
		out[stem(t.text)] = true
	}
	return out
}

func containsPhrase(words map[string]bool, phrase string) bool {
	ts := tokenize(phrase)
	if len(ts) == 0 {
		return false
	}
	for _, t := range ts {
		if !words[stem(t.text)] {
			return false
		}
	}
	return true
}

// multiWord reports whether one of the entries is written as several words
// under key, so that a match spanning several tokens is expected.
func multiWord(es []*lexicon.Entry, key string) bool {
	for _, e := range es {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if fold.Key(n) == key && len(tokenize(n)) > 1 {
				return true
			}
		}
	}
	return false
}

// sentenceAt returns the sentence of text that holds byte offset pos.
func sentenceAt(text string, pos int) string {
	start := strings.LastIndexAny(text[:pos], ".!?\n") + 1
	end := strings.IndexAny(text[pos:], ".!?\n")
	if end < 0 {
		return text[start:]
	}
	return text[start : pos+end]
}

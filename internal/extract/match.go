package extract

import (
	"cmp"
	"hash/maphash"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/names"
)

// matcher finds lexicon entries in tokenized prose: whole words only,
// folded for case, spaces and punctuation, with one typo allowed in names
// of six letters or more, and ambiguous names only where their context
// confirms them.
type matcher struct {
	exact map[string][]*lexicon.Entry // folded name or alias → entries
	// dels indexes long keys by the hash of each variant with one rune
	// deleted (and the key itself), so that a typo finds the keys one edit
	// away: pairs sorted by hash (stably: keys in lexicon order), hashes
	// rather than strings so that building it allocates once. A collision
	// only adds a candidate that fold.Edit1 then refuses.
	dels    []deletion
	delKeys []string // the keys dels refers to
	seed    maphash.Seed
	maxN    int // most tokens in a name
	// prefix holds every prefix of every key, so that a key stops growing
	// as soon as no name can start with it.
	prefix map[string]bool

	concepts map[string]*lexicon.Entry // stemmed concept names → entries
	maxC     int                       // most words in a concept name
	// conceptGaps indexes concept names of several words with one long
	// word left out ("open _"), for names written with a typo in it.
	conceptGaps map[string][]string
	// conceptPrefix holds the first words of every concept name of
	// several words, so that a name stops growing when none starts so.
	conceptPrefix map[string]bool
}

func newMatcher(lx *lexicon.Lexicon) *matcher {
	m := &matcher{exact: map[string][]*lexicon.Entry{}, seed: maphash.MakeSeed(), maxN: 1, prefix: map[string]bool{}}
	defer func() {
		slices.SortStableFunc(m.dels, func(a, b deletion) int { return cmp.Compare(a.h, b.h) })
	}()
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
			if len(m.exact[key]) == 0 && utf8.RuneCountInString(key) >= 6 {
				k := int32(len(m.delKeys))
				m.delKeys = append(m.delKeys, key)
				m.eachDeletion(key, func(h uint64) { m.dels = append(m.dels, deletion{h, k}) })
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

// deletion is a variant of a key, by hash, and the key's index in delKeys.
type deletion struct {
	h uint64
	k int32
}

// eachDeletion calls f with the hash of key, then of each variant of key
// with one rune deleted, in order.
func (m *matcher) eachDeletion(key string, f func(uint64)) {
	var h maphash.Hash
	h.SetSeed(m.seed)
	h.WriteString(key)
	f(h.Sum64())
	for i := 0; i < len(key); {
		_, size := utf8.DecodeRuneInString(key[i:])
		h.Reset()
		h.WriteString(key[:i])
		h.WriteString(key[i+size:])
		f(h.Sum64())
		i += size
	}
}

// tool reports whether the lexicon knows w as a tool or an organization
// that is no everyday word.
func (m *matcher) tool(w string) bool {
	for _, e := range m.exact[fold.Key(w)] {
		if (e.Kind == lexicon.KindTool || e.Kind == lexicon.KindOrganization) && !e.Ambiguous {
			return true
		}
	}
	return false
}

// known reports whether the lexicon has the word or name exactly.
func (m *matcher) known(s string) bool { return len(m.exact[fold.Key(s)]) > 0 }

var domainRx = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9-]+)\.(?:com|org|net|io|dev|app)$`)

// hit is one lexicon entry found in a text.
type hit struct {
	e       *lexicon.Entry
	surface string // the text as written
	typo    bool
	pos     int  // byte offset in the text
	context bool // confirmed by its context (an ambiguous name)
}

// words is a set of word stems, built once per text it stands for.
type words struct {
	text  string
	stems map[string]bool
}

func (w *words) has(stem string) bool {
	if w == nil {
		return false
	}
	if w.stems == nil {
		w.stems = stemSet(w.text)
	}
	return w.stems[stem]
}

// scope is what surrounds a match: the words that confirm ambiguous names.
type scope struct {
	block   *words // the block (paragraph, item) the text is in
	section *words // the section's heading and title
	note    *words // the note's event, title and tags
	code    bool   // the text is a code span
	heading bool   // the text is a title or heading: capitals say nothing
	// sure holds the ambiguous entries already confirmed in the section:
	// once is enough.
	sure map[*lexicon.Entry]bool
	// doubtful collects the ambiguous names the context did not confirm,
	// which the section's other tools may still confirm (see miner.settle).
	doubtful *[]hit
}

// find returns the tools and organizations named in a text (concepts
// false), or its concepts, longest match first, left to right. Words joined
// by "/" are read whole ("CI/CD", "TCP/IP") or, when the lexicon does not
// know them so, one by one ("Docker/Slack/GitLab").
func (m *matcher) find(text string, toks []token, sc *scope, concepts bool) []hit {
	var out []hit
	for i := 0; i < len(toks); {
		n, h := m.at(text, toks, i, sc, concepts)
		if n > 0 {
			out = append(out, h)
			i += n
			continue
		}
		if parts := toks[i].parts(); len(parts) > 0 {
			for k := 0; k < len(parts); {
				pn, ph := m.at(text, parts, k, sc, concepts)
				if pn == 0 {
					k++
					continue
				}
				out = append(out, ph)
				k += pn
			}
		}
		i++
	}
	return out
}

// at tries the names that start at token i, longest first. Keys are the
// folded tokens joined; they grow only while they are a prefix of some
// lexicon key, except that capitalised words of up to three tokens are
// also tried as typos.
func (m *matcher) at(text string, toks []token, i int, sc *scope, concepts bool) (int, hit) {
	r, _ := utf8.DecodeRuneInString(toks[i].text)
	upper := unicode.IsUpper(r)
	// The keys are the folded tokens joined, grown in one buffer (a map
	// indexed by string(buf) does not allocate); ends[n] is where the key
	// of n+1 tokens ends.
	var buf [128]byte
	var ends [16]int
	b := buf[:0]
	n := 0
	// a capitalised word that may be misspelt keeps growing past the
	// names the lexicon has, for typos of up to three words
	mayTypo := upper && len(toks[i].key) >= 3 && typoable(toks[i:i+1])
	for n < min(m.maxN, len(toks)-i, len(ends)) {
		b = append(b, toks[i+n].key...)
		if !m.prefix[string(b)] && !(mayTypo && n < 3) {
			break
		}
		ends[n] = len(b)
		n++
	}
	for ; n >= 1; n-- {
		if ends[n-1] == 0 || len(m.exact[string(b[:ends[n-1]])]) == 0 && !upper && !(n == 1 && strings.IndexByte(toks[i].text, '.') > 0) {
			continue // no name, and neither a typo, a plural nor a domain to try
		}
		key := string(b[:ends[n-1]])
		surface := text[toks[i].start:toks[i+n-1].end]
		if ampersandWord(text, toks[i].start, toks[i+n-1].end) {
			continue // "Q&A", "R&D" and "AT&T" are words of their own
		}
		if n == 1 && strings.IndexByte(surface, '.') > 0 {
			if d := domainRx.FindStringSubmatch(surface); d != nil && len(m.exact[fold.Key(d[1])]) > 0 {
				key = fold.Key(d[1]) // "Tynker.com" names Tynker
			}
		}
		if n == 1 && len(m.exact[key]) == 0 && len(key) > 4 && key[len(key)-1] == 's' && upper && !names.Common(strings.ToLower(surface)) {
			if es := m.exact[key[:len(key)-1]]; len(es) > 0 {
				key = key[:len(key)-1] // "Lambdas" names Lambda; "Canvas" is no plural of Canva
			}
		}
		if es := m.exact[key]; len(es) > 0 {
			if n > 1 && !multiWord(es, key) && (len(key) < 6 || everydayWords(toks[i:i+n])) {
				continue // "do I" is not DOI, "data table" is not data.table
			}
			if n == 1 && upper && afterGivenName(text, toks, i) {
				es = plain(es) // "Ian Lance Taylor" names no Lance
			}
			if e, ctx := m.accept(es, surface, false, text, toks[i].start, sc, concepts); e != nil {
				return n, hit{e: e, surface: surface, pos: toks[i].start, context: ctx}
			}
			if sc.doubtful != nil && !concepts && len([]rune(key)) > 2 {
				for _, e := range es {
					if e.Ambiguous && e.Kind == lexicon.KindTool {
						*sc.doubtful = append(*sc.doubtful, hit{e: e, surface: surface, pos: toks[i].start})
						break
					}
				}
			}
			continue
		}
		if !upper || n > 3 || len(key) < 6 || !typoable(toks[i:i+n]) {
			continue // a misspelt name is still written as a name
		}
		if es := m.typo(key); len(es) > 0 {
			if e, _ := m.accept(es, surface, true, text, toks[i].start, sc, concepts); e != nil {
				return n, hit{e: e, surface: surface, typo: true, pos: toks[i].start}
			}
		}
	}
	return 0, hit{}
}

// ampersandWord reports whether text[start:end] is joined by an ampersand
// to a letter before or after it.
func ampersandWord(text string, start, end int) bool {
	if end+1 < len(text) && text[end] == '&' && isASCIILetter(text[end+1]) {
		return true
	}
	return start >= 2 && text[start-1] == '&' && isASCIILetter(text[start-2])
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// everydayWords reports whether ws are everyday words written in lower case.
func everydayWords(ws []token) bool {
	for _, w := range ws {
		if strings.ToLower(w.text) != w.text || !names.Common(w.text) {
			return false
		}
	}
	return true
}

// afterGivenName reports whether token i directly follows a capitalised
// given name, as a middle name or surname does.
func afterGivenName(text string, toks []token, i int) bool {
	if i == 0 || text[toks[i-1].end:toks[i].start] != " " {
		return false
	}
	p := toks[i-1].text
	return unicode.IsUpper([]rune(p)[0]) && names.Given(strings.ToLower(p))
}

// plain returns the entries of es that are not ambiguous.
func plain(es []*lexicon.Entry) []*lexicon.Entry {
	var out []*lexicon.Entry
	for _, e := range es {
		if !e.Ambiguous {
			out = append(out, e)
		}
	}
	return out
}

// typoable reports whether words may be a misspelt name: no everyday word,
// no one-letter word, no number.
func typoable(ws []token) bool {
	for _, w := range ws {
		lw := strings.ToLower(w.text)
		if utf8.RuneCountInString(lw) < 2 {
			return false // "Django A" is no misspelt "Django Q"
		}
		if names.Common(lw) || names.Common(strings.TrimSuffix(lw, "s")) || names.Given(lw) || names.Surname(lw) {
			return false // "McKinney" is a surname, not a misspelt McKinsey
		}
		for _, r := range w.text {
			if unicode.IsDigit(r) {
				return false // "GPT-2" is no typo of "GPT-4"
			}
		}
	}
	return true
}

func (m *matcher) typo(key string) []*lexicon.Entry {
	seen := map[string]bool{}
	var out []*lexicon.Entry
	m.eachDeletion(key, func(d uint64) {
		i, _ := slices.BinarySearchFunc(m.dels, d, func(x deletion, d uint64) int { return cmp.Compare(x.h, d) })
		for ; i < len(m.dels) && m.dels[i].h == d; i++ {
			k := m.delKeys[m.dels[i].k]
			if strings.HasPrefix(k, key) || strings.HasPrefix(key, k) {
				continue // "Reactive" is a word, not a clipped "ReactiveX"
			}
			if k[0] != key[0] {
				continue // a misspelt name keeps its first letter: "Jitter" is no Gitter
			}
			if !seen[k] && fold.Edit1(key, k) {
				seen[k] = true
				out = append(out, m.exact[k]...)
			}
		}
	})
	return out
}

// accept picks the entry a surface form names, or nil when the only
// candidates are ambiguous names their context does not confirm. It
// reports whether the context confirmed it.
func (m *matcher) accept(es []*lexicon.Entry, surface string, typo bool, text string, pos int, sc *scope, concepts bool) (*lexicon.Entry, bool) {
	var amb []*lexicon.Entry
	for _, e := range es {
		if (e.Kind == lexicon.KindConcept) != concepts {
			continue
		}
		if !e.Ambiguous {
			return e, false
		}
		amb = append(amb, e)
	}
	if typo {
		return nil, false
	}
	everyday := strings.ToLower(surface) == surface && names.Common(surface)
	for _, e := range amb {
		if sc.sure[e] && !everyday || m.confirmed(e, surface, text, pos, sc) {
			if sc.sure != nil {
				sc.sure[e] = true
			}
			return e, true
		}
	}
	return nil, false
}

// confirmed reports whether an ambiguous entry's context confirms it: a
// code span; a name of several words; one of its context words in the
// block, the section's heading or the note's title; or, for a name the
// lexicon writes capitalised, a capitalised mention inside a sentence
// ("a comparison of Angular and React"), where only a name would be
// capitalised. One- and two-letter names must be written as the lexicon
// writes them, and need their context words.
func (m *matcher) confirmed(e *lexicon.Entry, surface, text string, pos int, sc *scope) bool {
	short := len([]rune(fold.Key(surface))) <= 2
	if short && !exactCase(e, surface) {
		return false
	}
	if sc.code || strings.ContainsAny(strings.TrimSpace(surface), " -") && len(tokenize(surface)) > 1 {
		return true // code, or a name of several words ("Apache Spark")
	}
	everyday := strings.ToLower(surface) == surface && names.Common(surface)
	// A tool whose name is an everyday word ("Black", "Flow", "Scratch")
	// is not confirmed by a capital, nor by a context word most talks use
	// ("python", "code") unless it is in the same sentence.
	word := e.Kind == lexicon.KindTool && names.Everyday(strings.ToLower(surface))
	var sentence map[string]bool // the stems of the sentence, read once
	for _, c := range e.Context {
		if everyday || word && bg.frequent(c) {
			// an everyday word needs its context close by
			if sentence == nil {
				sentence = stemSet(sentenceAt(text, pos))
			}
			if containsPhrase(sentence, c) {
				return true
			}
			continue
		}
		if containsIn(sc.block, c) || containsIn(sc.section, c) || containsIn(sc.note, c) {
			return true
		}
	}
	return !short && !word && !sc.heading && capitalisedInSentence(e, surface, text, pos)
}

// capitalisedInSentence reports whether surface is written as the lexicon
// writes a capitalised name, and not where a sentence starts.
func capitalisedInSentence(e *lexicon.Entry, surface, text string, pos int) bool {
	rs := []rune(surface)
	if len(rs) < 3 || !unicode.IsUpper(rs[0]) || !unicode.IsUpper([]rune(e.Name)[0]) {
		return false
	}
	if surface != e.Name && !exactCase(e, surface) {
		return false
	}
	before := strings.TrimRight(text[:pos], " \t")
	if before == "" {
		return false
	}
	last, _ := lastRune(before)
	return !strings.ContainsRune(".!?:;\n\"“(*-•>", last)
}

func lastRune(s string) (rune, int) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, 0
	}
	return rs[len(rs)-1], 1
}

func containsIn(w *words, phrase string) bool {
	if w == nil {
		return false
	}
	ts := tokenize(phrase)
	if len(ts) == 0 {
		return false
	}
	for _, t := range ts {
		if !w.has(stem(t.text)) {
			return false
		}
	}
	return true
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

// sentenceAt returns the sentence of text that holds byte offset pos, at
// most 200 bytes either side of it (a paragraph without a full stop stays
// cheap to read).
func sentenceAt(text string, pos int) string {
	lo, hi := max(0, pos-200), min(len(text), pos+200)
	start := lo + strings.LastIndexAny(text[lo:pos], ".!?\n") + 1
	end := strings.IndexAny(text[pos:hi], ".!?\n")
	if end < 0 {
		return text[start:hi]
	}
	return text[start : pos+end]
}

package extract

import (
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/extract/layout"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/names"
)

// Concepts are what a reader would search a talk by: the lexicon's
// concepts where a section names them, and noun phrases of its own,
// scored by how specific their words are against the background corpus
// (the catalog's abstracts) and by where the section says them (its
// title, a sub-heading, the term a bullet defines, bold text, prose), at
// most maxConcepts a talk. A phrase is a run of words between function
// words, verbs, adverbs, numbers and punctuation; singular and plural are
// one concept; a person's name, a tool, an organization or boilerplate is
// no concept.

const maxConcepts = 10

// stemWord reduces a word to the stem concepts are compared by: lower case,
// no plural, no -ing or -ed ("Unit Tests" and "unit testing" meet).
func stemWord(w string) string {
	w = stem(w)
	for _, suf := range []string{"ing", "ed"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// indexConcepts adds the stem index of concept entries to m.
func (m *matcher) indexConcepts(lx *lexicon.Lexicon) {
	m.concepts = map[string]*lexicon.Entry{}
	m.conceptGaps = map[string][]string{}
	m.conceptPrefix = map[string]bool{}
	m.maxC = 1
	for i := range lx.Entries {
		e := &lx.Entries[i]
		if e.Kind != lexicon.KindConcept {
			continue
		}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			var ws []string
			for _, t := range tokenize(name) {
				for _, p := range strings.Split(strings.ToLower(t.text), "-") {
					ws = append(ws, stemWord(p))
				}
			}
			if len(ws) == 0 {
				continue
			}
			k := strings.Join(ws, " ")
			for j := 1; j < len(ws); j++ {
				m.conceptPrefix[strings.Join(ws[:j], " ")] = true
			}
			if _, dup := m.concepts[k]; !dup {
				m.concepts[k] = e
				for _, g := range gaps(ws) {
					m.conceptGaps[g] = append(m.conceptGaps[g], k)
				}
			}
			m.maxC = max(m.maxC, len(ws))
		}
	}
}

// stemmed is a word of a text with its stem, for concept matching.
type stemmed struct {
	stem string
	tok  int // index of its token
}

// stems splits tokens into stemmed words, hyphenated tokens into their
// parts.
func stems(toks []token) []stemmed {
	var out []stemmed
	for i, t := range toks {
		lt := strings.ToLower(t.text)
		if strings.IndexByte(lt, '-') < 0 {
			out = append(out, stemmed{stemWord(lt), i})
			continue
		}
		for _, p := range strings.Split(lt, "-") {
			if p != "" {
				out = append(out, stemmed{stemWord(p), i})
			}
		}
	}
	return out
}

// gapWord is the shortest word a concept name may be written with a typo
// in.
const gapWord = 6

// gaps returns the keys of a concept name of several words with one of its
// long words left out: "open source" gives "open _".
func gaps(ws []string) []string {
	if len(ws) < 2 {
		return nil
	}
	var out []string
	for k, w := range ws {
		if len(w) < gapWord {
			continue
		}
		g := slices.Clone(ws)
		g[k] = "_"
		out = append(out, strings.Join(g, " "))
	}
	return out
}

// typoWord reports whether a word may be a misspelt word of a concept:
// long, and known to neither the catalog nor the dictionary.
func typoWord(w string) bool { return len(w) >= gapWord && bg.df[w] < 2 && !names.Common(w) }

// conceptTypo returns the concept of several words that ws name with one
// misspelt word: a word neither the catalog nor the dictionary knows, one
// edit from the concept's.
func (m *matcher) conceptTypo(ws []stemmed, typo []bool) *lexicon.Entry {
	if len(ws) < 2 {
		return nil
	}
	for k, w := range ws {
		if !typo[k] {
			continue
		}
		g := make([]string, len(ws))
		for j, x := range ws {
			g[j] = x.stem
		}
		g[k] = "_"
		for _, key := range m.conceptGaps[strings.Join(g, " ")] {
			if fold.Edit1(w.stem, strings.Fields(key)[k]) {
				return m.concepts[key]
			}
		}
	}
	return nil
}

// findConcepts returns the lexicon concepts named in tokens, compared by
// word stems, longest first.
func (m *matcher) findConcepts(toks []token) []*lexicon.Entry {
	ws := stems(toks)
	// typo[k] says whether word k may be a misspelt one; lastTypo is the
	// index of the last such word, -1 when there is none.
	var typo []bool // allocated only when some word may be misspelt
	lastTypo := -1
	for k, w := range ws {
		if typoWord(w.stem) {
			if typo == nil {
				typo = make([]bool, len(ws))
			}
			typo[k], lastTypo = true, k
		}
	}
	var out []*lexicon.Entry
	for i := 0; i < len(ws); {
		// the longest name starting here: keys grow while some name starts
		// with them
		n, key := 0, ""
		var found *lexicon.Entry
		for k := 1; k <= min(m.maxC, len(ws)-i); k++ {
			if k > 1 {
				key += " "
			}
			key += ws[i+k-1].stem
			if e, ok := m.concepts[key]; ok && !(k == 1 && e.Ambiguous) {
				n, found = k, e
			}
			if !m.conceptPrefix[key] {
				break
			}
		}
		if found == nil && lastTypo >= i && slices.Contains(typo[i:min(len(ws), i+m.maxC)], true) {
			for k := min(m.maxC, len(ws)-i); k >= 2; k-- {
				if e := m.conceptTypo(ws[i:i+k], typo[i:i+k]); e != nil {
					n, found = k, e // "Open soruce" is open source
					break
				}
			}
		}
		if found == nil {
			i++
			continue
		}
		out = append(out, found)
		i += n
	}
	return out
}

// Where a candidate concept was said, and how much that weighs.
const (
	atTitle = "title"
	atLabel = "sub-heading"
	atLead  = "term"
	atBold  = "bold"
	atBody  = "text"
)

var placeWeight = map[string]float64{atTitle: 5, atLabel: 4, atLead: 3, atBold: 2, atBody: 1}

// conceptCand is a phrase that may be a concept of a section.
type conceptCand struct {
	phrase  string // as it will be named: lower case, last word singular
	key     string // its stems
	lexicon bool   // a lexicon concept
	where   string
	weight  float64 // the most its places weigh
	count   int
	line    int
	text    string // the text it was read from
	spec    float64
	score   float64
}

// concepts gathers the candidate concepts of a section.
type concepts struct {
	byKey map[string]*conceptCand
	order []string
	// excluded holds the stems of names that are no concept: speakers,
	// people, tools, organizations.
	excluded map[string]bool
	// title holds the stems of the talk's title.
	title map[string]bool
	// firstLine is the last line of the section's first block.
	firstLine int
}

func newConcepts() *concepts {
	return &concepts{byKey: map[string]*conceptCand{}, excluded: map[string]bool{}}
}

// exclude marks a name as no concept.
func (c *concepts) exclude(name string) {
	if k := phraseKey(name); k != "" {
		c.excluded[k] = true
	}
}

// addEntry adds a lexicon concept named at a place.
func (c *concepts) addEntry(name, where string, line int, text string) {
	c.addPhrase(name, where, line, text, true)
}

// add adds a candidate phrase, less the filler words at its ends ("lessons
// learned", "deep dive", "tips").
func (c *concepts) add(phrase, where string, line int, text string) {
	c.addPhrase(phrase, where, line, text, false)
}

func (c *concepts) addPhrase(phrase, where string, line int, text string, lexicon bool) {
	if !lexicon {
		ws := strings.Fields(phrase)
		for len(ws) > 0 && (titleFiller[strings.ToLower(ws[0])] || len(ws) > 1 && verbGerund(ws[0])) {
			ws = ws[1:]
		}
		for len(ws) > 0 && (titleFiller[strings.ToLower(ws[len(ws)-1])] || pos[strings.ToLower(ws[len(ws)-1])] == "adj") {
			ws = ws[:len(ws)-1] // a noun phrase ends in a noun: "image similar" is no concept
		}
		phrase = strings.Join(ws, " ")
	}
	phrase = normalizePhrase(phrase)
	if !lexicon && roleHead(phrase) {
		return // "java developer", "staff engineer": people, not topics
	}
	k := phraseKey(phrase)
	if phrase == "" || k == "" || c.excluded[k] {
		return
	}
	if cc, ok := c.byKey[k]; ok {
		cc.count++
		if placeWeight[where] > cc.weight {
			cc.weight, cc.where = placeWeight[where], where
		}
		if lexicon && !cc.lexicon {
			cc.lexicon, cc.phrase = true, phrase
		}
		return
	}
	c.byKey[k] = &conceptCand{phrase: phrase, key: k, where: where, weight: placeWeight[where], count: 1, line: line, text: text, lexicon: lexicon}
	c.order = append(c.order, k)
}

// plainWords reports whether p holds only lower-case ASCII letters,
// digits, spaces and hyphens.
func plainWords(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ' || c == '-') {
			return false
		}
	}
	return true
}

// roleHeads are the words that make a phrase name people or an event,
// which no concept is.
var roleHeads = wordSet([]byte(`developer dev engineer programmer designer manager speaker staff attendee
conference`))

// roleHead reports whether a phrase (normalized) ends in a word of
// roleHeads.
func roleHead(p string) bool {
	i := strings.LastIndexByte(p, ' ')
	return roleHeads[p[i+1:]]
}

// phraseKey joins the stems of a phrase's words.
func phraseKey(p string) string {
	if plainWords(p) {
		// words of letters and digits, maybe hyphenated: no need to
		// tokenize (the common case, on a hot path)
		var b strings.Builder
		for _, w := range strings.Fields(p) {
			for _, part := range strings.Split(w, "-") {
				if part == "" {
					continue
				}
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(stemWord(part))
			}
		}
		return b.String()
	}
	var ks []string
	for _, s := range stems(tokenize(p)) {
		ks = append(ks, s.stem)
	}
	return strings.Join(ks, " ")
}

// chunk adds the noun phrases of a text: runs of up to four words between
// function words, verbs, adverbs, numbers, names and punctuation. Runs
// longer than that give their last two or three words (their head).
func (c *concepts) chunk(text string, toks []token, where string, line int, m *matcher) {
	var run []token
	flush := func() {
		defer func() { run = nil }()
		if len(run) > 1 && where != atTitle && where != atLabel && titleCased(run) && !m.known(text[run[0].start:run[len(run)-1].end]) {
			return // "Newcomer Orientation", "Evenings Dinners": a name, not a concept
		}
		switch n := len(run); {
		case n == 0:
		case n <= 4:
			c.add(text[run[0].start:run[n-1].end], where, line, text)
			if n >= 3 {
				c.add(text[run[n-2].start:run[n-1].end], where, line, text) // the head
			}
		default:
			c.add(text[run[n-3].start:run[n-1].end], where, line, text)
			c.add(text[run[n-2].start:run[n-1].end], where, line, text)
		}
	}
	for i, t := range toks {
		if i > 0 && breaks(text[toks[i-1].end:t.start]) {
			flush()
		}
		if !conceptWord(t.text, m) || where != atTitle && where != atLabel && properNoun(t, i, text, m) ||
			i > 0 && infinitive(toks[i-1], text[toks[i-1].end:t.start]) {
			flush()
			continue
		}
		run = append(run, t)
	}
	flush()
}

// titleCased reports whether every word of a run is capitalised.
func titleCased(run []token) bool {
	for _, t := range run {
		if r := []rune(t.text); len(r) == 0 || !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}

// infinitive reports whether the word after prev is a verb because prev
// is "to" or a modal ("to load data", "can scale").
func infinitive(prev token, gap string) bool {
	if strings.TrimSpace(gap) != "" {
		return false
	}
	switch strings.ToLower(prev.text) {
	case "to", "can", "could", "will", "would", "should", "must", "may", "might", "please", "lets", "let's":
		return true
	}
	return false
}

// shortWords are the two-letter words a concept may hold.
var shortWords = wordSet([]byte(`ai ml ui ux ci cd io os db qa ar vr go js id ip`))

// properNoun reports whether a word of prose is capitalised inside a
// sentence and no lexicon entry: a name of some kind, which a concept
// leaves out ("Cleveland", "JetBrains").
func properNoun(t token, i int, text string, m *matcher) bool {
	rs := []rune(t.text)
	if len(rs) == 0 || !unicode.IsUpper(rs[0]) {
		return false
	}
	if names.Given(t.text) && !names.Common(strings.ToLower(t.text)) || names.Place(t.text) {
		return true // "Dan's father", "Cleveland Ohio"
	}
	if i == 0 {
		return false
	}
	before := strings.TrimRight(text[:t.start], " \t")
	if before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:;\n\"(*-") {
		return false
	}
	// a capitalised everyday word ("Admin Templates") is emphasis, not a name
	return !m.known(t.text) && t.text != strings.ToUpper(t.text) && !names.Common(strings.ToLower(t.text))
}

// breaks reports whether the text between two words ends a phrase.
func breaks(gap string) bool {
	return strings.ContainsAny(gap, ",.;:!?()[]\"“”|/&+=<>*\n") || strings.Contains(gap, " - ") || strings.Contains(gap, "—") || strings.Contains(gap, "–")
}

// conceptWord reports whether a word may sit in a concept: no function
// word, verb, adverb or number, and no name a reader would not search by.
func conceptWord(w string, m *matcher) bool {
	lw := strings.ToLower(w)
	switch {
	case len(lw) < 2, len(lw) == 2 && !shortWords[lw], names.Function(lw), stopWords[lw], isVerb(lw):
		return false
	case layout.Opinion(lw) || hedges[lw]:
		return false // "excellent presentation", "rather dry"
	case pos[lw] == "verb" || pos[lw] == "adv":
		return false // "kafka sounded", "floating around"
	case strings.ContainsAny(lw, "'’") && !strings.HasSuffix(lw, "'s"):
		return false // "you're", "won't"
	case strings.HasSuffix(lw, "ly") && len(lw) > 4 && !lyNouns[lw]:
		return false // an adverb
	case isNumber(lw) || numberWords[lw]:
		return false
	}
	return true
}

// hedges are words that weigh a statement and name nothing.
var hedges = wordSet([]byte(`rather instead enough super gosh pretty somewhat fairly truly totally definitely
probably certainly honestly basically literally actually mostly`))

// lyNouns are words that end in -ly and are no adverbs.
var lyNouns = wordSet([]byte(`assembly family supply anomaly reply monopoly italy jelly rally ally butterfly
fly july belly bully poly`))

var numberWords = wordSet([]byte(`one two three four five six seven eight nine ten eleven twelve twenty thirty
forty fifty hundred thousand million billion first second third fourth fifth half dozen`))

// normalizePhrase lower-cases a phrase, makes its last word singular and
// drops a possessive, leaving out phrases that are only everyday words of
// one word.
func normalizePhrase(p string) string {
	ws := strings.Fields(strings.ToLower(p))
	if len(ws) == 0 {
		return ""
	}
	for i, w := range ws {
		ws[i] = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	}
	ws[len(ws)-1] = singular(ws[len(ws)-1])
	return strings.Join(ws, " ")
}

// singular returns the singular of a plural word when the catalog or the
// dictionary knows it ("services" is "service"; "devops" stays).
func singular(w string) string {
	var s string
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		s = w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "ics"):
		s = w[:len(w)-1]
	default:
		return w
	}
	if bg.seen(s) || names.Common(s) {
		return s
	}
	return w
}

// isVerb reports whether a word is a verb the background knows, or its -s
// or -ed form ("remembers", "stopped").
func isVerb(lw string) bool {
	if verbs[lw] {
		return true
	}
	n := len(lw)
	switch {
	case n > 4 && strings.HasSuffix(lw, "s"):
		return verbs[lw[:n-1]]
	case n > 5 && strings.HasSuffix(lw, "ed"):
		base := lw[:n-2]
		return verbs[base] || verbs[base+"e"] || verbs[lw[:n-1]] || len(base) > 2 && base[len(base)-1] == base[len(base)-2] && verbs[base[:len(base)-1]]
	}
	return false
}

// verbGerund reports whether w is the -ing form of a verb ("Building",
// "Overcoming"), which starts a title but no concept.
func verbGerund(w string) bool {
	lw := strings.ToLower(w)
	if !strings.HasSuffix(lw, "ing") || len(lw) < 6 {
		return false
	}
	base := lw[:len(lw)-3]
	return verbs[base] || verbs[base+"e"] || len(base) > 2 && base[len(base)-1] == base[len(base)-2] && verbs[base[:len(base)-1]]
}

// conceptWeights are the weights of a logistic model that reads a
// candidate's features (see features) as the odds that a reader would name
// it a concept of the talk. They were fitted by scripts/fit-concepts.py on
// the layout fixtures, the example notes and the seed note against their
// gold files, and checked on the 24 real notes of ../shared/real-notes,
// which the fit does not see.
var conceptWeights = [...]float64{0.887, -0.211, 0.711, -0.761, 0.000, -0.023, 1.883, 1.057, -1.009, -0.177, -0.002,
	1.821, 1.449, -0.538, 0.450, 0.282, -0.127, 0.240, -0.966, -0.982, 0.270}

const (
	conceptBias      = -0.443
	conceptThreshold = 0.30 // for lexicon concepts
	phraseThreshold  = 0.35 // for phrases of the note's own
)

// features describes a candidate for the concept model: whether the
// lexicon knows it, where it was said (title, sub-heading, term, bold,
// text), how often, how specific its words are, how many words it has,
// whether it reads as a phrase on its own (keepable), how much of it the
// title says, how many candidates the section has, how many of its words
// are everyday ones, whether the section's first block says it, and a few
// products of these.
func (c *concepts) features(cc *conceptCand) [len(conceptWeights)]float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	ws := strings.Fields(cc.phrase)
	nw := len(ws)
	inTitle, common := 0, 0
	for _, s := range strings.Fields(cc.key) {
		if c.title[s] {
			inTitle++
		}
	}
	for _, w := range ws {
		if names.Common(w) {
			common++
		}
	}
	logCount := math.Log(float64(cc.count))
	title := b(cc.where == atTitle)
	return [...]float64{
		b(cc.lexicon), title, b(cc.where == atLabel), b(cc.where == atLead), b(cc.where == atBold), b(cc.where == atBody),
		logCount, cc.spec, b(nw == 1), b(nw >= 3), b(keepable(cc)), float64(min(inTitle, 2)) / 2, cc.spec * b(cc.lexicon),
		math.Log(float64(1 + len(c.order))), float64(common) / float64(max(1, nw)), b(cc.line <= c.firstLine),
		b(cc.lexicon) * title, b(nw == 1) * logCount, b(cc.where == atBody) * logCount, cc.spec * title,
		float64(min(cc.count, 5)) / 5,
	}
}

// rank scores the candidates with the concept model and returns the best,
// at most maxConcepts, in order of first mention. A candidate whose words
// are all words of a better one (or the other way round) is left out.
func (c *concepts) rank(m *matcher) []*conceptCand {
	var all []*conceptCand
	for _, k := range c.order {
		if c.excluded[k] {
			continue // excluded after it was said
		}
		cc := c.byKey[k]
		cc.spec = specificity(cc.phrase, m)
		z := conceptBias
		for i, f := range c.features(cc) {
			z += conceptWeights[i] * f
		}
		cc.score = 1 / (1 + math.Exp(-z))
		if !cc.lexicon && (!spelled(cc.phrase) || len(strings.Fields(cc.phrase)) == 1 && cc.spec < 0.45) {
			cc.score = 0 // a typo ("crtique"), a stray token, an everyday word ("data", "step")
		}
		if debugConcepts {
			f := c.features(cc)
			fmt.Fprintf(os.Stderr, "concept %d %q %s\n", cc.line, cc.phrase, strings.Trim(fmt.Sprint(f[:]), ""))
		}
		if cc.score >= conceptThreshold && (cc.lexicon || cc.score >= phraseThreshold) {
			all = append(all, cc)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	var out []*conceptCand
	var chosen []map[string]bool
	for _, cc := range all {
		if len(out) == maxConcepts {
			break
		}
		ws := map[string]bool{}
		for _, s := range strings.Fields(cc.key) {
			ws[s] = true
		}
		if nested(ws, chosen) {
			continue
		}
		chosen = append(chosen, ws)
		out = append(out, cc)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out
}

// nested reports whether a set of stems holds, or is held by, one of the
// sets chosen.
func nested(ws map[string]bool, chosen []map[string]bool) bool {
	for _, u := range chosen {
		if subset(ws, u) || subset(u, ws) {
			return true
		}
	}
	return false
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// debugConcepts writes every candidate concept and its features to
// standard error, for scripts/fit-concepts.py.
var debugConcepts = os.Getenv("TALKGRAPH_DEBUG_CONCEPTS") != ""

// specificity is the mean idf of a phrase's words, a little more for two
// or three words than for one.
func specificity(p string, m *matcher) float64 {
	ws := strings.Fields(p)
	if len(ws) == 0 {
		return 0
	}
	total := 0.0
	for _, w := range ws {
		total += bg.idf(w)
	}
	s := total / float64(len(ws))
	switch len(ws) {
	case 1:
		return s * 0.85
	case 2, 3:
		return s * 1.1
	}
	return s
}

// spelled reports whether every word of a phrase is one the catalog or the
// dictionary knows, or a hyphenated compound.
func spelled(p string) bool {
	for _, w := range strings.Fields(p) {
		if !bg.seen(w) && !names.Common(w) && !strings.Contains(w, "-") {
			return false
		}
	}
	return true
}

// keepable reports whether a candidate phrase reads as a concept: a word
// of one that the catalog knows (so no typo or stray token), or a phrase
// of two to four words each of which the catalog or the dictionary knows.
// Phrases of running text (not a title, a sub-heading, a defined term or
// bold) must be said twice or be very specific.
func keepable(cc *conceptCand) bool {
	ws := strings.Fields(cc.phrase)
	for _, w := range ws {
		if !bg.seen(w) && !names.Common(w) && !strings.Contains(w, "-") {
			return false // a typo ("crtique") or a stray token
		}
	}
	if len(ws) == 1 {
		w := ws[0]
		if len(w) < 4 || names.Given(w) || !bg.seen(w) || cc.count < 2 && cc.where != atLabel && cc.where != atBold {
			return false // a word said once may be any part of speech
		}
	}
	if cc.where == atBody && cc.count < 2 {
		return len(ws) >= 2 && cc.spec >= 0.8
	}
	return true
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

package extract

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/extract/layout"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/names"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// Fact is one thing extracted from a section: which part of the talk it
// is, its value, the line and the text it was read from, how sure the
// extractor is of it (0 to 1) and why.
type Fact struct {
	Part       string  `json:"part"` // title, speaker, tool, concept, organization, person
	Value      string  `json:"value"`
	Line       int     `json:"line"`
	Text       string  `json:"text"`
	Confidence float64 `json:"confidence"`
	Why        string  `json:"why"`
}

// The parts of a talk a Fact can be.
const (
	PartTitle        = "title"
	PartSpeaker      = "speaker"
	PartTool         = "tool"
	PartConcept      = "concept"
	PartOrganization = "organization"
	PartPerson       = "person"
)

// mention is one entity named in a section, with its evidence.
type mention struct {
	name  string
	kind  string // tool, concept, organization, person
	line  int
	title bool // named in the heading or title
	conf  float64
	why   string
	text  string
	at    int // where the name is written in text, when known (+1; 0 unknown)
	order int
}

// collector gathers a section's mentions, once per name per line.
type collector struct {
	list []mention
	seen map[string]bool
}

func (c *collector) add(m mention) {
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	k := m.kind + "\x00" + strings.ToLower(m.name) + "\x00" + itoa(m.line)
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	m.order = len(c.list)
	c.list = append(c.list, m)
}

// miner mines one section.
type miner struct {
	doubtful []doubt
	x        *Extractor
	s        *Section
	sx       *sectionCtx
	c        collector
	cc       *concepts
	sc       scope
	off      map[string]bool // folded names that are no mention here: speakers
	kind     string          // the session's kind as a phrase ("panel"), if not a talk
}

var urlLike = regexp.MustCompile(`(?i)^(https?://|www\.|mailto:)|^\S+\.(com|org|net|io|dev)(/\S*)?$`)

// mine finds the entities of one section: lexicon tools, concepts and
// organizations in its title, anchor and body; organizations its speakers
// belong to; tools named by links and CamelCase words; people named in the
// prose; and noun phrases ranked as concepts. Every mention keeps its line,
// its text and a confidence.
func (x *Extractor) mine(s *Section, ls layout.Section, sx *sectionCtx) {
	mn := &miner{x: x, s: s, sx: sx, cc: newConcepts(), off: map[string]bool{}, kind: kindPhrase[ls.Kind]}
	mn.sc = scope{section: &words{text: ls.Heading + " " + ls.Title}, note: sx.words, sure: sx.sure}
	for _, sp := range s.Speakers {
		if sp.Name != "" {
			mn.off[fold.Key(sp.Name)] = true
			mn.cc.exclude(sp.Name)
			for _, w := range strings.Fields(sp.Name) {
				mn.cc.exclude(w)
			}
		}
	}
	var body strings.Builder
	if ls.Comment != "" {
		mn.text(ls.Comment, notes.Inline{Text: ls.Comment, Line: ls.Line}, &words{text: ls.Comment}, atBody)
		body.WriteString(ls.Comment + " ")
	}
	mn.cc.firstLine = ls.Line
	for i, b := range ls.Body {
		if i == 0 || mn.cc.firstLine == ls.Line && b.Kind != notes.Heading {
			mn.cc.firstLine = max(mn.cc.firstLine, b.EndLine)
		}
		mn.block(b, &body)
	}
	mn.title(ls)
	mn.affiliations(ls)
	mn.settle()
	// what kind of session the talk is, it is not about: a lightning
	// talk's concepts do not hold "lightning talk"
	if k, ok := kindPhrase[ls.Kind]; ok {
		mn.cc.exclude(k)
	}
	for _, cc := range mn.cc.rank(x.matcher()) {
		why := "phrase in the " + cc.where
		if cc.lexicon {
			why = "lexicon concept in the " + cc.where
		}
		mn.c.add(mention{name: cc.phrase, kind: "phrase", line: cc.line, title: cc.where == atTitle, conf: min(0.95, 0.3+0.2*cc.score),
			why: why, text: cc.text})
	}
	sort.SliceStable(mn.c.list, func(i, j int) bool {
		a, b := mn.c.list[i], mn.c.list[j]
		if a.title != b.title {
			return a.title
		}
		if a.line != b.line {
			return a.line < b.line
		}
		return a.order < b.order
	})
	s.mentions = mn.c.list
	s.body = strings.TrimSpace(body.String())
}

// doubt is an ambiguous name the context did not confirm, where it was
// said.
type doubt struct {
	h    hit
	line int
	text string
}

// settle takes the ambiguous tools the context did not confirm when the
// section names, plainly, two other tools of the same kind (a library among
// libraries, a service among services): "aggregate in pandas" in a talk
// about Vaex and scikit-learn names the library. Short words and verbs
// ("make", "zoom") need their own context.
func (mn *miner) settle() {
	kinds := map[string]int{}
	for _, m := range mn.c.list {
		if m.kind != PartTool || m.conf < 0.8 {
			continue
		}
		for _, e := range mn.x.matcher().exact[fold.Key(m.name)] {
			if e.Kind == lexicon.KindTool && !e.Ambiguous && e.Category != "" {
				kinds[e.Category]++
			}
		}
	}
	for _, d := range mn.doubtful {
		lw := strings.ToLower(d.h.surface)
		everyday := lw == d.h.surface && names.Common(lw) // "scheme", "requests", "matrix"
		if kinds[d.h.e.Category] >= 2 && len(lw) >= 5 && !everyday && !isVerb(lw) && !stopWords[lw] && !names.Function(lw) {
			mn.c.add(mention{name: d.h.e.Name, kind: PartTool, line: d.line, conf: 0.55,
				why: "lexicon, confirmed by another " + d.h.e.Category + " (" + d.h.surface + ")", text: d.text})
			mn.cc.exclude(d.h.surface)
		}
	}
}

// title mines the title (or the anchor's text, when the talk has no
// title): its tools, organizations and concepts are what the talk is
// about.
func (mn *miner) title(ls layout.Section) {
	t := ls.Title
	if t == "" {
		return
	}
	toks := tokenize(t)
	mn.cc.title = map[string]bool{}
	for _, s := range stems(toks) {
		mn.cc.title[s.stem] = true
	}
	sc := mn.sc
	sc.heading = titleCase(t) // in a title written as a sentence, capitals still say something
	sc.block = &words{text: t}
	for _, h := range mn.x.matcher().find(t, toks, &sc, false) {
		mn.lexMention(h, ls.Line, true, t)
		mn.cc.exclude(h.e.Name)
		mn.cc.exclude(h.surface)
	}
	for _, e := range mn.x.matcher().findConcepts(toks) {
		mn.cc.addEntry(e.Name, atTitle, ls.Line, t)
	}
	for _, h := range mn.x.matcher().find(t, toks, &sc, true) {
		mn.cc.addEntry(h.e.Name, atTitle, ls.Line, t) // "dev ops" is DevOps
	}
	if name, ok := leadName(t, mn.x.matcher()); ok {
		// "Ingex: Bringing Open Source to the Broadcast Industry", "Vaex"
		mn.c.add(mention{name: name, kind: PartTool, line: ls.Line, title: true, conf: 0.55, why: "named in the title", text: t})
		mn.cc.exclude(name)
	}
	mn.cc.chunk(t, toks, atTitle, ls.Line, mn.x.matcher())
}

// titleCase reports whether a title capitalises its words (most of those
// of four letters or more after the first), so that a capital says nothing
// of a word there.
func titleCase(t string) bool {
	caps, all := 0, 0
	for i, tk := range tokenize(t) {
		rs := []rune(tk.text)
		if i == 0 || len(rs) < 4 || !unicode.IsLetter(rs[0]) {
			continue
		}
		all++
		if unicode.IsUpper(rs[0]) {
			caps++
		}
	}
	return all == 0 || caps*2 > all
}

// leadName reads the name a title leads with: "Name: subtitle" or a title
// that is one name, written as names are (capitalised or CamelCase) and no
// everyday word, person or known entry.
var leadNameRx = regexp.MustCompile(`^([A-Z][A-Za-z0-9.+#-]*[A-Za-z0-9+#]|[A-Z]{2,}[a-z]*)(?::\s+\S|$)`)

func leadName(t string, m *matcher) (string, bool) {
	mm := leadNameRx.FindStringSubmatch(strings.TrimSpace(t))
	if mm == nil {
		return "", false
	}
	name := mm[1]
	if m.known(name) || names.Common(strings.ToLower(name)) || names.Given(name) || len(name) < 3 || layout.Container(name) {
		return "", false
	}
	return name, true
}

// kindPhrase names each kind of session as a phrase would.
var kindPhrase = map[string]string{layout.KindLightning: "lightning talk", layout.KindKeynote: "keynote",
	layout.KindTutorial: "tutorial", layout.KindWorkshop: "workshop", layout.KindPanel: "panel"}

// affiliations adds the organizations the speakers belong to, and the one
// the anchor names.
func (mn *miner) affiliations(ls layout.Section) {
	seen := map[string]bool{}
	add := func(org string, line int) {
		k := fold.Key(org)
		if org == "" || seen[k] {
			return
		}
		seen[k] = true
		// An affiliation is an organization ("SafeStack" is no SAFE
		// Stack), unless it is written exactly as the name of a tool the
		// speaker works on ("PyPI").
		name, kind := org, PartOrganization
		es := mn.x.matcher().exact[k]
		if i := slices.IndexFunc(es, func(e *lexicon.Entry) bool { return e.Kind == lexicon.KindOrganization }); i >= 0 {
			name = es[i].Name
		} else if i := slices.IndexFunc(es, func(e *lexicon.Entry) bool {
			return e.Kind == lexicon.KindTool && !e.Ambiguous && e.Name == org
		}); i >= 0 {
			kind = PartTool
		}
		mn.c.add(mention{name: name, kind: kind, line: line, conf: 0.7, why: "affiliation", text: ls.Heading})
		mn.cc.exclude(org)
	}
	for _, sp := range ls.Speakers {
		for _, o := range layout.Orgs(sp.Affiliation) {
			add(o, ls.SpeakerLine)
		}
	}
	for _, o := range layout.Orgs(ls.Org) {
		add(o, ls.Line)
	}
}

// block mines one block of the body.
func (mn *miner) block(b notes.Block, body *strings.Builder) {
	if b.Kind == notes.Code || b.Kind == notes.HTML {
		return
	}
	text := b.Text()
	if isBoilerplate(text) {
		return
	}
	bw := &words{text: text}
	where := atBody
	switch {
	case b.Kind == notes.Heading:
		where = atLabel // a sub-heading of the talk
	case b.Kind == notes.Item:
		if p, line := leadTerm(b); p != "" {
			toks := tokenize(p)
			for _, e := range mn.x.matcher().findConcepts(toks) {
				mn.cc.addEntry(e.Name, atLead, line, p) // "Design By Contracts" defined by its bullet
			}
			mn.cc.chunk(p, toks, atLead, line, mn.x.matcher())
		}
	}
	for _, in := range b.Inlines {
		if in.Style&(notes.Break|notes.Image) != 0 {
			continue
		}
		if in.Style&notes.Link != 0 && (in.Text == in.URL || urlLike.MatchString(strings.TrimSpace(in.Text))) {
			continue
		}
		body.WriteString(in.Text)
		body.WriteByte(' ')
		if in.Style&notes.CodeSpan != 0 {
			mn.codeSpan(in, bw)
			continue
		}
		w := where
		if in.Style&notes.Strong != 0 && where == atBody && len(strings.Fields(in.Text)) <= 5 {
			w = atBold
		}
		mn.text(in.Text, in, bw, w)
		if in.Style&notes.Link != 0 {
			mn.linkName(in)
		}
	}
}

// text mines a run of prose.
func (mn *miner) text(raw string, in notes.Inline, bw *words, where string) {
	text := stripURLs(raw)
	toks := tokenize(text)
	sc := mn.sc
	sc.block = bw
	sc.heading = where == atLabel && titleCase(raw)
	var doubtful []hit
	sc.doubtful = &doubtful
	hits := mn.x.matcher().find(text, toks, &sc, false)
	// The name of an organization the lexicon does not know is read
	// whole: "Silver Stripe Software" names no Stripe.
	// (hits and organization names come left to right: sorted spans)
	var covered, orgs, hitSpans []span
	for _, h := range hits {
		hitSpans = append(hitSpans, span{h.pos, h.pos + len(h.surface)})
	}
	for _, o := range mn.orgNames(text, toks) {
		if o.inSorted(hitSpans) {
			continue // a part of a name the lexicon knows
		}
		orgs = append(orgs, o)
		covered = append(covered, o)
		name := text[o.start:o.end]
		mn.c.add(mention{name: name, kind: PartOrganization, line: in.Line, conf: 0.6, why: "an organization's name", text: raw})
		mn.cc.exclude(name)
		mn.sx.candidate(Candidate{Name: name, Guess: "organization", Why: "capitalised words ending in an organization word", Line: in.Line})
	}
	for i, h := range hits {
		hs := hitSpans[i]
		if hs.inSorted(orgs) {
			continue
		}
		covered = append(covered, hs)
		mn.lexMention(h, in.Line, false, raw)
		mn.cc.exclude(h.e.Name)
		mn.cc.exclude(h.surface)
	}
	for _, h := range doubtful {
		mn.doubtful = append(mn.doubtful, doubt{h: h, line: in.Line, text: raw})
	}
	sc.doubtful = nil
	for _, e := range mn.x.matcher().findConcepts(toks) {
		mn.cc.addEntry(e.Name, where, in.Line, raw)
	}
	for _, h := range mn.x.matcher().find(text, toks, &sc, true) {
		mn.cc.addEntry(h.e.Name, where, in.Line, raw)
	}
	slices.SortFunc(covered, func(a, b span) int { return a.start - b.start })
	mn.names(text, toks, in, covered)
	mn.cc.chunk(text, toks, where, in.Line, mn.x.matcher())
}

func orgEnd(w string) bool {
	end, _ := layout.OrgEnd(w)
	return end
}

// allEveryday reports whether every word of ts is an everyday word.
func allEveryday(ts []token) bool {
	for _, t := range ts {
		if !names.Everyday(strings.ToLower(t.text)) {
			return false
		}
	}
	return true
}

// sentenceStart reports whether byte i of text starts a sentence.
func sentenceStart(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \t*_\"“(")
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:\n")
}

// span is a byte range of a text.
type span struct{ start, end int }

// inSorted is in for spans sorted by start that do not overlap: one
// binary search, so that a long paragraph stays linear.
func (s span) inSorted(spans []span) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].start > s.start }) - 1
	return i >= 0 && s.end <= spans[i].end
}

// orgNames returns the runs of capitalised words that end in a word naming
// an organization ("Python Singapore User Group", "Silver Stripe
// Software") and that the lexicon does not know whole; their words may be
// names the lexicon knows.
func (mn *miner) orgNames(text string, toks []token) []span {
	var out []span
	for i := 0; i < len(toks); i++ {
		n := 0
		for j := i; j < len(toks) && j-i < 6; j++ {
			w, lw := toks[j].text, strings.ToLower(toks[j].text)
			if !capitalised(w) && !(unicode.IsUpper([]rune(w)[0]) && mn.x.matcher().known(w)) {
				break
			}
			if j == i && (names.Function(lw) || names.Common(lw) && sentenceStart(text, toks[i].start)) {
				break // "The", or an everyday word a sentence starts with
			}
			if j > i && strings.TrimSpace(text[toks[j-1].end:toks[j].start]) != "" {
				break // words joined by anything but spaces are not one name
			}
			n++
		}
		// the longest run that ends in an organization word
		for n >= 2 && !orgEnd(toks[i+n-1].text) {
			n--
		}
		if n < 2 || n == 2 && names.Common(strings.ToLower(toks[i].text)) {
			continue // "Management Software" is no name
		}
		if _, weak := layout.OrgEnd(toks[i+n-1].text); weak && allEveryday(toks[i:i+n-1]) {
			i += n - 1
			continue // "Machine Learning Systems" is a topic
		}
		s := span{toks[i].start, toks[i+n-1].end}
		if name := text[s.start:s.end]; !mn.x.matcher().known(name) && !mn.isSpeaker(name) {
			out = append(out, s)
		}
		i += n - 1
	}
	return out
}

// lexMention adds a lexicon hit.
func (mn *miner) lexMention(h hit, line int, title bool, text string) {
	if h.e.Ambiguous && mn.kind != "" && fold.Key(strings.TrimSuffix(h.surface, "s")) == fold.Key(mn.kind) {
		return // "Django Core Dev Panel" is a panel, not HoloViz Panel
	}
	conf, why := 0.9, "lexicon"
	switch {
	case h.typo:
		conf, why = 0.6, "lexicon, one typo ("+h.surface+")"
	case h.context:
		conf, why = 0.75, "lexicon, confirmed by its context"
	case h.e.Ambiguous:
		conf = 0.8
	}
	if fold.Key(h.surface) != fold.Key(h.e.Name) && !h.typo {
		why += " (" + h.surface + ")"
	}
	mn.c.add(mention{name: h.e.Name, kind: string(h.e.Kind), line: line, title: title, conf: conf, why: why, text: text, at: h.pos + 1})
}

var urlInText = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+`)

func stripURLs(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		return s
	}
	return urlInText.ReplaceAllStringFunc(s, func(u string) string { return strings.Repeat(" ", len(u)) })
}

// codeSpan matches a code span as a whole against the lexicon (code
// confirms ambiguous names), and keeps identifier-like unknowns as
// candidates.
func (mn *miner) codeSpan(in notes.Inline, bw *words) {
	text := strings.TrimSpace(in.Text)
	base := strings.TrimSuffix(strings.TrimSuffix(text, "()"), ".py")
	if i := strings.IndexAny(base, " ("); i > 0 {
		base = base[:i]
	}
	if es := mn.x.matcher().exact[fold.Key(base)]; len(es) > 0 {
		sc := mn.sc
		sc.block, sc.code = bw, true
		if e, _ := mn.x.matcher().accept(es, base, false, base, 0, &sc, false); e != nil {
			mn.c.add(mention{name: e.Name, kind: string(e.Kind), line: in.Line, conf: 0.85, why: "lexicon, in code", text: text})
			return
		}
	}
	if identRx.MatchString(text) {
		mn.sx.candidate(Candidate{Name: text, Guess: "tool", Why: "code span", Line: in.Line})
	}
}

var (
	identRx    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]{2,40}$`)
	camelRx    = regexp.MustCompile(`^[A-Z]?[a-z0-9]+(?:[A-Z][a-z0-9]+){2,}$|^[A-Z][a-z]+[A-Z][A-Za-z]*[a-z][A-Z]`)
	dottedRx   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+$`)
	handleToks = regexp.MustCompile(`(^|[\s(])@([A-Za-z0-9_]{2,30})`)
	seriesRx   = regexp.MustCompile(`(?i)con$|conf$|^py[a-z]+$`)
	domainLike = regexp.MustCompile(`(?i)\.(?:com|org|net|io|dev|me|co|info|app|ai)\b`)
)

// handles returns the @handles of a text.
func handles(text string) [][]string {
	if !strings.Contains(text, "@") {
		return nil
	}
	return handleToks.FindAllStringSubmatch(text, -1)
}

// names finds people, CamelCase and dotted names, handles and capitalised
// word runs in prose that the lexicon did not claim.
func (mn *miner) names(text string, toks []token, in notes.Inline, covered []span) { // covered: sorted
	for _, m := range handles(text) {
		mn.sx.candidate(Candidate{Name: "@" + m[2], Guess: "unknown", Why: "handle", Line: in.Line})
	}
	m := mn.x.matcher()
	for i := 0; i < len(toks); i++ {
		t := toks[i].text
		if m.known(t) || (span{toks[i].start, toks[i].end}).inSorted(covered) {
			continue
		}
		switch {
		case hasInnerUpper(t) && camelRx.MatchString(t) && !seriesRx.MatchString(t):
			mn.c.add(mention{name: t, kind: PartTool, line: in.Line, conf: 0.5, why: "CamelCase name", text: text})
			mn.cc.exclude(t)
			mn.sx.candidate(Candidate{Name: t, Guess: "tool", Why: "CamelCase", Line: in.Line})
			continue
		case strings.IndexByte(t, '.') > 0 && dottedRx.MatchString(t) && !strings.HasSuffix(t, ".") && hasUpperOrDomain(t):
			mn.sx.candidate(Candidate{Name: t, Guess: "tool", Why: "dotted name", Line: in.Line})
			continue
		}
		if n := personAt(toks, i, text); n > 0 {
			name := text[toks[i].start:toks[i+n-1].end]
			mn.cc.exclude(name)
			if !m.known(name) && !mn.isSpeaker(name) {
				mn.c.add(mention{name: name, kind: PartPerson, line: in.Line, conf: 0.7, why: "a name", text: text})
				mn.sx.candidate(Candidate{Name: name, Guess: "person", Why: "given name and surname", Line: in.Line})
			}
			i += n - 1
			continue
		}
		if n := capitalRun(toks, i, text); n > 1 {
			name := text[toks[i].start:toks[i+n-1].end]
			if !m.known(name) && !mn.isSpeaker(name) {
				mn.sx.candidate(Candidate{Name: name, Guess: "unknown", Why: "capitalised words", Line: in.Line})
			}
			i += n - 1
		}
	}
}

func hasUpperOrDomain(t string) bool {
	for _, r := range t {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return domainLike.MatchString(t)
}

func (mn *miner) isSpeaker(name string) bool {
	f := fold.Key(name)
	for _, s := range mn.s.Speakers {
		sf := fold.Key(s.Name)
		if sf == "" {
			continue
		}
		if sf == f || strings.HasPrefix(sf, f) || (len(f) >= 6 && fold.Edit1(sf, f)) {
			return true
		}
	}
	return false
}

// personAt returns how many tokens from i make a person's name: a
// capitalised given name, then up to three capitalised words, initials or
// particles ("Guido van Rossum", "Nathaniel J. Smith", "Ian Lance
// Taylor"), that the name model finds likely.
func personAt(toks []token, i int, text string) int {
	first := toks[i].text
	if !capitalised(first) || !names.Given(first) {
		return 0
	}
	end := 0 // tokens in the name so far, when it may end here
	for j := i + 1; j < len(toks) && j-i <= 3; j++ {
		w := toks[j].text
		gap := text[toks[j-1].end:toks[j].start]
		initial := len(w) == 1 && unicode.IsUpper(rune(w[0]))
		prevInitial := j > i+1 && len(toks[j-1].text) == 1
		if strings.ContainsAny(gap, ",;:!?()\"") || strings.Contains(gap, ".") && !prevInitial || strings.Contains(gap, "\n") {
			break
		}
		switch {
		case initial || names.Particle(w) && j < len(toks)-1:
			continue
		case capitalised(w):
			end = j - i + 1
			continue
		}
		break
	}
	if end > 0 && names.Person(text[toks[i].start:toks[i+end-1].end], names.Options{}) < names.Likely {
		return 0
	}
	return end
}

var leadTermRx = regexp.MustCompile(`^([\p{L}][\p{L}\p{N}/ '-]{2,40}?)\s*(?::|\s[-–—]\s)\s*\S`)

// leadTerm reads the term a bullet defines ("backpressure: write() returns
// false", "Static stability - cache data from dependencies"): one to four
// words before a colon or dash. A bullet of one short phrase is a term
// too.
func leadTerm(b notes.Block) (string, int) {
	t := b.Text()
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimSpace(t)
	if mm := leadTermRx.FindStringSubmatch(t); mm != nil {
		term := strings.TrimSpace(mm[1])
		if n := len(strings.Fields(term)); n <= 4 && !layout.Container(term) {
			return term, b.Line
		}
	}
	t = strings.TrimRight(t, ".!;:, ")
	if n := len(strings.Fields(t)); n >= 1 && n <= 4 && !strings.ContainsAny(t, ".!?") {
		return t, b.Line
	}
	return "", 0
}

// capitalRun returns how many capitalised words start at token i, when
// they do not start a sentence and the lexicon does not know the first.
func capitalRun(toks []token, i int, text string) int {
	before := strings.TrimRight(text[:toks[i].start], " \t")
	if i == 0 || strings.HasSuffix(before, ".") {
		return 0
	}
	n := 0
	for j := i; j < len(toks) && j-i < 6; j++ {
		w := toks[j].text
		if !capitalised(w) || names.Common(strings.ToLower(w)) && j == i {
			break
		}
		if j > i && strings.ContainsAny(text[toks[j-1].end:toks[j].start], ",.;:!?()\"") {
			break
		}
		n++
	}
	return n
}

// capitalised reports whether w is written as a name: a capital, then
// lower-case letters, with another capital allowed after a hyphen or
// apostrophe or "Mc" ("Berners-Lee", "O'Brien", "McKinney").
func capitalised(w string) bool {
	rs := []rune(w)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) {
		return false
	}
	for k := 1; k < len(rs); k++ {
		r := rs[k]
		switch {
		case unicode.IsLower(r), r == '-', r == '\'', r == '’':
		case unicode.IsUpper(r) && (strings.ContainsRune("-'’", rs[k-1]) || k == 2 && string(rs[:2]) == "Mc"):
		default:
			return false
		}
	}
	return true
}

// hasInnerUpper reports whether w has a capital letter after its first
// character, as CamelCase names do.
func hasInnerUpper(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}

package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/extract/layout"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/names"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// mention is one entity named in a section, at a line.
type mention struct {
	name  string
	kind  string // tool, concept, organization, person
	line  int
	title bool // named in the heading or title
}

// collector gathers a section's mentions in order, once per name per line.
type collector struct {
	list []mention
	seen map[string]bool
}

func (c *collector) add(m mention) {
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	k := m.kind + "\x00" + strings.ToLower(m.name) + "\x00" + string(rune(m.line))
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	c.list = append(c.list, m)
}

var urlLike = regexp.MustCompile(`(?i)^(https?://|www\.|mailto:)|^\S+\.(com|org|net|io|dev)(/\S*)?$`)

// mine finds the entities of one section: lexicon tools, concepts and
// organizations in its heading and prose, people named in the prose,
// key phrases as concepts, and unknown candidate names.
func (x *Extractor) mine(s *Section, raw rawSection, sx *sectionCtx) {
	var c collector
	head := raw.title
	hs := scope{block: raw.heading, section: raw.heading, note: sx.context}
	for _, h := range x.m.findAll(head, hs) {
		c.add(mention{name: h.e.Name, kind: string(h.e.Kind), line: raw.line, title: true})
	}
	for _, h := range x.m.findConcepts(head) {
		c.add(mention{name: h.Name, kind: string(lexicon.KindConcept), line: raw.line, title: true})
	}
	for _, p := range titlePhrases(head, x.m) {
		c.add(mention{name: p, kind: "phrase", line: raw.line, title: true})
	}
	var body strings.Builder
	for _, b := range raw.blocks {
		if b.Kind == notes.Code || b.Kind == notes.HTML {
			continue
		}
		blockText := b.Text()
		sc := scope{block: blockText, section: raw.heading, note: sx.context}
		if b.Kind == notes.Item {
			if p := leadTerm(firstTextLine(b), x.m); p != "" {
				c.add(mention{name: p, kind: "phrase", line: b.Line})
			}
		}
		for _, in := range b.Inlines {
			if in.Style&notes.Break != 0 || in.Style&notes.Image != 0 {
				continue
			}
			if in.Style&notes.Link != 0 && (in.Text == in.URL || urlLike.MatchString(strings.TrimSpace(in.Text))) {
				continue
			}
			body.WriteString(in.Text)
			body.WriteByte(' ')
			if in.Style&notes.CodeSpan != 0 {
				x.codeSpan(&c, in, sc, sx)
				continue
			}
			text := stripURLs(in.Text)
			for _, h := range x.m.findAll(text, sc) {
				c.add(mention{name: h.e.Name, kind: string(h.e.Kind), line: in.Line})
			}
			for _, h := range x.m.findConcepts(text) {
				c.add(mention{name: h.Name, kind: string(lexicon.KindConcept), line: in.Line})
			}
			x.names(&c, text, in, s, sx)
			if in.Style&notes.Strong != 0 {
				for _, p := range keyPhrase(in.Text, x.m) {
					c.add(mention{name: p, kind: "phrase", line: in.Line})
				}
			}
		}
	}
	s.mentions = c.list
	s.body = strings.TrimSpace(body.String())
}

var urlInText = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+`)

func stripURLs(s string) string {
	return urlInText.ReplaceAllStringFunc(s, func(u string) string { return strings.Repeat(" ", len(u)) })
}

// codeSpan matches a code span as a whole against the lexicon (code
// confirms ambiguous names) and keeps identifier-like unknowns as
// candidates.
func (x *Extractor) codeSpan(c *collector, in notes.Inline, sc scope, sx *sectionCtx) {
	text := strings.TrimSpace(in.Text)
	sc.code = true
	base := strings.TrimSuffix(strings.TrimSuffix(text, "()"), ".py")
	if i := strings.IndexAny(base, " ("); i > 0 {
		base = base[:i]
	}
	if es := x.m.exact[fold.Key(base)]; len(es) > 0 {
		if e := x.m.accept(es, base, false, sc); e != nil {
			c.add(mention{name: e.Name, kind: string(e.Kind), line: in.Line})
			return
		}
	}
	if identRx.MatchString(text) {
		sx.candidate(Candidate{Name: text, Guess: "tool", Why: "code span", Line: in.Line})
	}
}

var (
	identRx   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]{2,40}$`)
	camelRx   = regexp.MustCompile(`^[A-Z]?[a-z0-9]+(?:[A-Z][a-z0-9]+){2,}$|^[A-Z][a-z]+[A-Z][A-Za-z]*[a-z][A-Z]`)
	dottedRx  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+$`)
	handleTok = regexp.MustCompile(`(^|[\s(])@([A-Za-z0-9_]{2,30})`)
)

// names finds people, CamelCase and dotted names, handles and capitalised
// word runs in prose that the lexicon did not claim.
func (x *Extractor) names(c *collector, text string, in notes.Inline, s *Section, sx *sectionCtx) {
	for _, m := range handleTok.FindAllStringSubmatch(text, -1) {
		sx.candidate(Candidate{Name: "@" + m[2], Guess: "unknown", Why: "handle", Line: in.Line})
	}
	toks := tokenize(text)
	for i := 0; i < len(toks); i++ {
		t := toks[i].text
		if x.m.known(t) {
			continue
		}
		switch {
		case hasInnerUpper(t) && camelRx.MatchString(t) && !seriesLike(t):
			c.add(mention{name: t, kind: "tool", line: in.Line})
			sx.candidate(Candidate{Name: t, Guess: "tool", Why: "CamelCase", Line: in.Line})
			continue
		case strings.IndexByte(t, '.') > 0 && dottedRx.MatchString(t) && !strings.HasSuffix(t, ".") && hasUpperOrDomain(t):
			sx.candidate(Candidate{Name: t, Guess: "tool", Why: "dotted name", Line: in.Line})
			continue
		}
		// people: a given name and a capitalised surname
		if n := personAt(toks, i, text); n > 0 {
			name := text[toks[i].start:toks[i+n-1].end]
			if !x.m.known(name) && !isSpeaker(name, s.Speakers) {
				c.add(mention{name: name, kind: "person", line: in.Line})
				sx.candidate(Candidate{Name: name, Guess: "person", Why: "given name and surname", Line: in.Line})
			}
			i += n - 1
			continue
		}
		// other capitalised names of several words, not at a sentence start
		if n := capitalRun(toks, i, text); n > 1 {
			name := text[toks[i].start:toks[i+n-1].end]
			if !x.m.known(name) && !isSpeaker(name, s.Speakers) {
				sx.candidate(Candidate{Name: name, Guess: "unknown", Why: "capitalised words", Line: in.Line})
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

// personAt returns how many tokens from i make a person's name: a
// capitalised given name, then up to three capitalised words, initials or
// particles ("Guido van Rossum", "Nathaniel J. Smith", "Ian Lance
// Taylor"), the last a surname that is no everyday word.
func personAt(toks []token, i int, text string) int {
	first := toks[i].text
	if !capitalised(first) || !names.Given(strings.ToLower(first)) {
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
		lw := strings.ToLower(w)
		switch {
		case initial || names.Particle(lw) && j < len(toks)-1:
			continue
		case capitalised(w) && !commonWords[lw]:
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

func isSpeaker(name string, sps []SpeakerRef) bool {
	f := fold.Key(name)
	for _, s := range sps {
		sf := fold.Key(s.Name)
		if sf == f || strings.HasPrefix(sf, f) || (len(f) >= 6 && fold.Edit1(sf, f)) {
			return true
		}
	}
	return false
}

var seriesWords = regexp.MustCompile(`(?i)con$|conf$|^py[a-z]+$`)

func seriesLike(t string) bool { return seriesWords.MatchString(t) }

// known reports whether the lexicon has the word or name exactly.
func (m *matcher) known(s string) bool { return len(m.exact[fold.Key(s)]) > 0 }

var leadTermRx = regexp.MustCompile(`^([\p{L}][\p{L}\p{N}/ '-]{2,40}?)\s*(?::|\s[-–—]\s)\s*\S`)

// leadTerm reads the term a bullet defines ("backpressure: write() returns
// false", "work stealing - idle Ps take from busy ones"): one to three
// words before a colon or dash, that name no tool and are no sentence.
func leadTerm(line string, m *matcher) string {
	mm := leadTermRx.FindStringSubmatch(line)
	if mm == nil {
		return ""
	}
	term := strings.TrimSpace(mm[1])
	ws := strings.Fields(term)
	if len(ws) > 3 || m.known(term) || layout.Container(term) {
		return ""
	}
	for _, w := range ws {
		lw := strings.ToLower(w)
		if stopWords[lw] || m.known(w) || titleFiller[lw] || names.Given(lw) && capitalised(w) {
			return ""
		}
	}
	return normalizePhrase(term)
}

// capitalRun returns how many capitalised words start at token i, when
// they do not start a sentence and the lexicon does not know the first.
func capitalRun(toks []token, i int, text string) int {
	if i == 0 || strings.TrimRight(text[:toks[i].start], " \t")[max(0, len(strings.TrimRight(text[:toks[i].start], " \t"))-1):] == "." {
		return 0
	}
	n := 0
	for j := i; j < len(toks) && j-i < 4; j++ {
		w := toks[j].text
		if !capitalised(w) || commonWords[strings.ToLower(w)] && j == i {
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

var domainLike = regexp.MustCompile(`(?i)\.(?:com|org|net|io|dev|me|co|info|app|ai)\b`)

// firstTextLine returns the first line of a block's text, trimmed.
func firstTextLine(b notes.Block) string {
	t := b.Text()
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

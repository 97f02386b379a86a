package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/internal/names"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// form is the order in which a talk line gives title and speakers.
type form int

const (
	titleOnly    form = iota // "Title"
	titleFirst               // "Title - Speaker", "Title (Speaker)", "Title by Speaker"
	speakerFirst             // "Speaker - Title", "Speaker: Title", "Speaker, Title"
	speakerOnly              // "Speaker - Org" (the title is elsewhere)
)

var formNames = [...]string{"title", "title-speaker", "speaker-title", "speaker"}

func (f form) String() string { return formNames[f] }

// sepKind is the kind of separator between title and speakers.
type sepKind int

const (
	sepNone   sepKind = iota
	sepDash           // " - ", " – ", " — ", " | "
	sepColon          // ": "
	sepComma          // ", "
	sepPeriod         // ". "
	sepBy             // " by "
	sepParen          // " (…)"
	sepStyle          // a styled run: "Title _Speaker_"
	sepSpace          // "Title Speaker (Org)"
)

// shape is a form with its separator: what repeats from talk to talk in a
// note.
type shape struct {
	form form
	sep  sepKind
}

// talkLine is what a heading, a bullet, a table row or a line of prose
// says of a talk.
type talkLine struct {
	title    string
	speakers []Speaker
	org      string
	comment  string // text after title and speakers: an opinion, a role
	kind     string // the kind a prefix or the title names; "" when none
	shape    shape
	score    float64 // how sure the speakers are speakers (0 when none)
	handles  []string
}

// options tune the reading of one line.
type options struct {
	cfg   *Config
	lower bool   // the line is in lower case, and so may be names
	item  bool   // a bullet, a row or prose: a comment may follow the talk
	prior *shape // the shape other talks of the note have
	// strict asks for speakers the name model finds likely on their own.
	strict bool
	// loose takes possible names where the note's layout says names stand.
	loose bool
	// noPerson lets orgLike take capitalised words that might be a name.
	noPerson bool
}

func (o options) withPerson(v bool) options {
	o.noPerson = !v
	return o
}

func (o options) names() names.Options {
	return names.Options{Lower: o.lower, Known: o.isKnown}
}

func (o options) known(s string) string {
	if o.cfg == nil || o.cfg.Known == nil {
		return ""
	}
	return o.cfg.Known(s)
}

// isKnown reports whether the lexicon knows s as a tool or organization.
func (o options) isKnown(s string) bool {
	k := o.known(s)
	return k == "tool" || k == "organization"
}

// separator is one place a talk line may split.
type separator struct {
	start, end int // text[start:end] is the separator
	kind       sepKind
}

// separators finds where l may split between title and speakers, outside
// quotes and brackets.
func separators(l line) []separator {
	t := l.text
	var out []separator
	for i, r := range names.Outside(t) {
		switch {
		case i == 0:
			continue
		case r == '(' || r == '[':
			if closesAtEnd(t, i) {
				out = append(out, separator{i, i + 1, sepParen})
			}
			continue
		}
		switch {
		case r == ' ':
			if m := dashSepAt.FindStringIndex(t[i:]); m != nil {
				out = append(out, separator{i, i + m[1], sepDash})
			} else if k := byAt(t, i); k > 0 {
				out = append(out, separator{i, i + k, sepBy})
			}
		case r == ':' && i+1 < len(t) && t[i+1] == ' ':
			out = append(out, separator{i, i + 2, sepColon})
		case r == ',' && i+1 < len(t) && t[i+1] == ' ':
			out = append(out, separator{i, i + 2, sepComma})
		case r == '.' && i+2 < len(t) && t[i+1] == ' ' && unicode.IsUpper(rune(t[i+2])) && !initialBefore(t, i),
			(r == '?' || r == '!') && i+2 < len(t) && t[i+1] == ' ' && unicode.IsUpper(rune(t[i+2])):
			out = append(out, separator{i, i + 2, sepPeriod})
		}
	}
	for _, s := range l.spans {
		if s.style&(notes.Emph|notes.Strong) != 0 && s.start > 0 && strings.TrimSpace(t[s.end:]) == "" &&
			strings.TrimSpace(t[:s.start]) != "" {
			if _, styled := l.spanAt(s.start - 1); !styled || t[s.start-1] == ' ' {
				out = append(out, separator{s.start, s.start, sepStyle})
			}
		}
	}
	return out
}

// closesAtEnd reports whether the bracket opened at byte i closes at the end
// of t, or before a dash that ends the line with a comment.
func closesAtEnd(t string, i int) bool {
	j := matchClose(t, i)
	if j == len(t) {
		return false
	}
	rest := strings.TrimSpace(t[j+1:])
	return rest == "" || dashSepRx.MatchString(" "+rest) || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "-")
}

// byAt returns the length of " by " (or " presented by ") at byte i of t.
func byAt(t string, i int) int {
	lt := strings.ToLower(t[i:])
	for _, w := range []string{" presented by ", " by "} {
		if strings.HasPrefix(lt, w) {
			return len(w)
		}
	}
	return 0
}

// initialBefore reports whether the dot at byte i ends an initial or an
// honorific ("R.", "Dr.").
func initialBefore(t string, i int) bool {
	j := strings.LastIndexByte(t[:i], ' ') + 1
	w := t[j:i]
	return len(w) == 1 || names.Honorific(w) || strings.EqualFold(w, "vs") || strings.EqualFold(w, "st")
}

// candidate is one reading of a talk line.
type candidate struct {
	talkLine
	weight float64
}

// readLine reads a talk line: it takes off the affixes, then tries every
// split into title and speakers and keeps the reading that weighs most.
// A reading with speakers needs them to be likely names (Possible ones
// where the note's other talks give the same shape), else the line is a
// title alone.
func readLine(l line, numbered bool, o options) talkLine {
	// Title and speakers are read from the head of a long line; the rest
	// can only be a comment. This keeps reading a line linear in its length
	// and cheap for a paragraph of prose.
	rest := ""
	if len(l.text) > maxLine {
		cut := headCut(l.text, maxLine)
		rest = strings.TrimSpace(l.text[cut:])
		l = l.sub(0, cut)
	}
	st := stripAffixes(l, numbered)
	l = st.line
	base := talkLine{title: cleanTitle(joinText(l.text, rest)), kind: st.kind, handles: st.handles, comment: st.comment}
	if strings.TrimSpace(l.text) == "" || st.comment != "" {
		return base
	}
	best := candidate{talkLine: base}
	consider := func(c candidate) {
		if c.weight > best.weight {
			best = c
		}
	}
	if o.lower || nameShape(l) {
		for _, s := range separators(l) {
			consider(titleFirstAt(l, s, base, o))
			consider(speakerFirstAt(l, s, base, o))
		}
		consider(speakerAlone(l, base, o))
		if c := trailingName(l, base, o); c.weight > 0 {
			consider(c)
		}
	}
	if len(best.speakers) == 0 {
		if o.prior != nil && o.prior.form == titleFirst {
			if c := orgTail(l, base, o); c.title != "" {
				return c.talkLine
			}
		}
		return base
	}
	need := names.Likely
	if !o.strict && (o.prior != nil && best.shape.form == o.prior.form || best.shape.sep == sepBy || best.shape.sep == sepParen && best.shape.form == titleFirst) {
		need = names.Possible
	}
	if best.score < need {
		return base
	}
	if best.shape.form == speakerOnly && best.title == "" && st.kind != "" {
		// "Keynote - Sun-hee Park": the kind was the title
		best.title = cleanTitle(strings.TrimRight(strings.TrimSpace(st.prefix), ":-–—|. "))
		best.kind = st.kind
		best.shape.form = titleFirst
	}
	attachHandles(&best.talkLine, st.handles)
	best.comment = joinText(best.comment, rest)
	return best.talkLine
}

// nameShape reports whether a line may name a person at all: a link, a
// handle, a known given name written with a capital, or two capitalised
// words side by side that are no everyday words (a surname may be one).
// Most lines of prose are told apart by it before the costly reading of
// every split.
func nameShape(l line) bool {
	if len(l.spans) > 0 && slices.ContainsFunc(l.spans, func(s span) bool { return s.url != "" }) || strings.Contains(l.text, "@") {
		return true
	}
	prevFirst := false // the word before may start a name
	for _, w := range strings.Fields(l.text) {
		w = strings.Trim(w, ",;:.!?()[]\"'“”*_")
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			prevFirst = false
			continue
		}
		lw := strings.ToLower(w)
		given := names.Given(lw)
		if given || prevFirst && (names.Surname(lw) || !names.Common(lw)) {
			return true
		}
		prevFirst = !names.Common(lw)
	}
	return false
}

// maxLine is the longest head of a line read as a title and speakers;
// titles and speaker lists are far shorter.
const maxLine = 400

// headCut returns where the head of t ends: at the last space at or before
// byte n, or at n (moved back to a rune start) when there is none.
func headCut(t string, n int) int {
	if i := strings.LastIndexByte(t[:n+1], ' '); i > 0 {
		return i
	}
	for n > 0 && !utf8.RuneStart(t[n]) {
		n--
	}
	return n
}

// sepWeight is how much a separator says that what follows (or precedes)
// it is a speaker.
var sepWeight = map[sepKind]float64{sepDash: 0, sepColon: 0, sepComma: -0.05, sepPeriod: -0.05,
	sepBy: 0.3, sepParen: 0.1, sepStyle: 0.1, sepSpace: -0.2}

func titleFirstAt(l line, s separator, base talkLine, o options) candidate {
	if s.kind == sepColon && !o.item {
		// "Title: Speaker" is rare; "Title: Subtitle" is common
		return candidate{}
	}
	title := l.sub(0, s.start)
	var specLine line
	var after string
	switch s.kind {
	case sepParen:
		end := matchClose(l.text, s.start)
		specLine = l.sub(s.start+1, end)
		after = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l.text[min(end+1, len(l.text)):]), ":-–— "))
	default:
		specLine = l.sub(s.end, len(l.text))
		if o.item {
			// "Title - Speaker: comment"
			if i := strings.IndexAny(specLine.text, ":;"); i > 0 {
				after = strings.TrimSpace(specLine.text[i+1:])
				specLine = specLine.sub(0, i)
			}
		}
	}
	sp := parseSpec(specLine, o)
	if len(sp.speakers) == 0 || !titleish(title.text, o) {
		return candidate{}
	}
	c := candidate{talkLine: base}
	c.title, c.speakers, c.org, c.score = cleanTitle(title.text), sp.speakers, sp.org, sp.score
	c.comment = joinText(sp.comment, after)
	c.shape = shape{titleFirst, s.kind}
	if after != "" && !o.item {
		return candidate{} // a heading does not go on after its speakers
	}
	c.weight = sp.score + sepWeight[s.kind] + priorWeight(c.shape, o)
	return c
}

func speakerFirstAt(l line, s separator, base talkLine, o options) candidate {
	switch s.kind {
	case sepBy, sepParen, sepStyle, sepSpace:
		return candidate{}
	}
	sp := parseSpec(l.sub(0, s.start), o)
	if len(sp.speakers) == 0 || sp.comment != "" {
		return candidate{}
	}
	rest := l.sub(s.end, len(l.text))
	title, comment := rest.text, ""
	if o.item {
		// "Speaker - Title - comment"
		parts := dashSplit(rest.text)
		if n := len(parts); n > 1 && commentLike(parts[n-1].text) {
			title = strings.TrimSpace(rest.text[:parts[n-1].start-len(parts[n-1].sep)])
			comment = strings.TrimSpace(parts[n-1].text)
		}
	}
	c := candidate{talkLine: base}
	c.speakers, c.org, c.score, c.comment = sp.speakers, sp.org, sp.score, comment
	titleExpected := o.prior != nil && o.prior.form == speakerFirst
	if sp.org == "" && (orgLike(title, o) && !titleish(title, o) || orgOnly(title, o) && (!titleExpected || orgWordIn(title) || o.known(title) == "organization")) {
		// "Phil Nash - Mint Digital (Agency)": a speaker and an organization
		c.title, c.org = "", cleanOrg(title)
		for i := range c.speakers {
			c.speakers[i].Affiliation = c.org
		}
		c.shape = shape{speakerOnly, s.kind}
		c.weight = sp.score + priorWeight(c.shape, o) - 0.05
		return c
	}
	if !titleish(title, o) {
		return candidate{}
	}
	c.title = cleanTitle(title)
	if m := kindSuffix.FindStringSubmatchIndex(c.title); m != nil && m[0] > 0 {
		// "Speaker: Title (keynote) - comment"
		c.kind = kindOf(c.title[m[2]:m[3]])
		c.title = strings.TrimSpace(c.title[:m[0]])
	}
	if m := kindPrefix.FindStringSubmatchIndex(c.title); m != nil && m[1] < len(c.title) {
		// "Speaker - Keynote: Title"
		if k := kindOf(c.title[m[2]:m[3]]); k != "" {
			c.kind = k
		}
		c.title = strings.TrimSpace(c.title[m[1]:])
	}
	c.shape = shape{speakerFirst, s.kind}
	c.weight = sp.score + sepWeight[s.kind] + priorWeight(c.shape, o)
	if s.kind == sepColon && len(sp.speakers) == 1 && sp.speakers[0].Handle == "" {
		c.weight -= 0.05 // "Sharing: What's in it for me?" is a title too
	}
	return c
}

// speakerAlone reads a line that names only speakers, maybe with their
// organization ("Laura Bell [@lady_nerd](…) - SafeStack", "Indy Young").
func speakerAlone(l line, base talkLine, o options) candidate {
	sp := parseSpec(l, o)
	if len(sp.speakers) == 0 || sp.comment != "" && !o.item {
		return candidate{}
	}
	c := candidate{talkLine: base}
	c.title, c.speakers, c.org, c.score, c.comment = "", sp.speakers, sp.org, sp.score, sp.comment
	c.shape = shape{speakerOnly, sepNone}
	if len(sp.speakers) == 1 && sp.org == "" {
		c.shape.sep = sepNone
	} else if sp.org != "" {
		c.shape.sep = sepDash
	}
	c.weight = sp.score + priorWeight(c.shape, o) - 0.1
	return c
}

// trailingName reads "Title Firstname Lastname (Org)": a title whose last
// words are a likely name with an organization in brackets after it.
func trailingName(l line, base talkLine, o options) candidate {
	if !strings.HasSuffix(strings.TrimSpace(l.text), ")") {
		return candidate{}
	}
	m := parenEnd.FindStringSubmatchIndex(l.text)
	if m == nil || !orgLike(l.text[m[4]:m[5]], o) {
		return candidate{}
	}
	words := strings.Fields(l.text[:m[3]])
	for n := 3; n >= 2; n-- {
		if len(words) <= n+1 {
			continue
		}
		name := strings.Join(words[len(words)-n:], " ")
		if names.Person(name, o.names()) < names.Likely {
			continue
		}
		cut := strings.LastIndex(l.text[:m[3]], words[len(words)-n])
		sp := parseSpec(l.sub(cut, len(l.text)), o)
		if len(sp.speakers) != 1 || !titleish(l.text[:cut], o) {
			continue
		}
		c := candidate{talkLine: base}
		c.title, c.speakers, c.org, c.score = cleanTitle(l.text[:cut]), sp.speakers, sp.org, sp.score
		c.shape = shape{titleFirst, sepSpace}
		c.weight = sp.score + sepWeight[sepSpace] + priorWeight(shape{titleFirst, sepStyle}, o)
		return c
	}
	return candidate{}
}

// priorWeight favours the shape the note's other talks have.
func priorWeight(s shape, o options) float64 {
	if o.prior == nil {
		return 0
	}
	switch {
	case *o.prior == s:
		return 0.25
	case o.prior.form == s.form:
		return 0.1
	}
	return -0.1
}

// titleish reports whether s can be a title: some letters, not a person's
// name on its own.
func titleish(s string, o options) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	if ps := names.Split(s); len(ps) >= 2 {
		people := 0
		for _, p := range ps {
			if names.Person(p, o.names()) >= names.Likely {
				people++
			}
		}
		if people*2 > len(ps) {
			return false // a list of names
		}
	}
	return names.Person(s, o.names()) < names.Likely
}

// orgOnly reports whether s is no title but an organization: a known one,
// or one with an organization word, and no more than four words.
func orgOnly(s string, o options) bool {
	s = strings.TrimSpace(s)
	if m := parenEnd.FindStringSubmatch(s); m != nil {
		s = strings.TrimSpace(m[1])
	}
	if k := o.known(s); k == "organization" {
		return true
	}
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	if len(ws) == 1 {
		return acronym(ws[0]) || camel(ws[0]) && o.known(ws[0]) != "tool"
	}
	for _, w := range ws {
		if orgWords[strings.ToLower(strings.Trim(w, ".,"))] {
			return true
		}
	}
	return false
}

// matchClose returns the index of the bracket that closes the one at i, or
// len(t) when none does.
func matchClose(t string, i int) int {
	depth := 0
	for j := i; j < len(t); j++ {
		switch t[j] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(t)
}

// cleanTitle trims a title of the separators and quotes around it.
func cleanTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, " -–—:|,")
	s = strings.TrimSpace(s)
	if len(s) > 2 && (s[0] == '"' && s[len(s)-1] == '"' || strings.HasPrefix(s, "“") && strings.HasSuffix(s, "”")) &&
		strings.Count(s, `"`)+strings.Count(s, "“") <= 2 {
		s = strings.TrimSpace(strings.Trim(s, `"“”`))
	}
	return s
}

// attachHandles gives handles written after the speakers to them, in
// order, where they have none.
func attachHandles(tl *talkLine, handles []string) {
	for i, h := range handles {
		if len(tl.speakers) == 0 {
			return
		}
		j := min(i, len(tl.speakers)-1)
		if tl.speakers[j].Handle == "" {
			tl.speakers[j].Handle = h
		}
	}
}

// orgWordIn reports whether s has a word such as Inc, Labs or Foundation.
func orgWordIn(s string) bool {
	for _, w := range strings.Fields(s) {
		if orgWords[strings.ToLower(strings.Trim(w, ".,()"))] {
			return true
		}
	}
	return false
}

// orgTail reads "Title. Organization" where the note's talks give title
// then speakers and this one gives an organization instead ("Python 101
// Workshop. PyLadiesSG & WomenDevsSG").
func orgTail(l line, base talkLine, o options) candidate {
	for _, s := range separators(l) {
		if s.kind != o.prior.sep {
			continue
		}
		tail := strings.TrimSpace(l.text[s.end:])
		ok := true
		for _, p := range names.Split(tail) {
			if !orgLike(p, o) {
				ok = false
			}
		}
		if ok && tail != "" && titleish(l.text[:s.start], o) {
			c := candidate{talkLine: base}
			c.title, c.org = cleanTitle(l.text[:s.start]), cleanOrg(tail)
			return c
		}
	}
	return candidate{}
}

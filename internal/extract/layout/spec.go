package layout

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/names"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// Speaker is one person who gave a talk, as the note names them.
type Speaker struct {
	Name        string  // as written; "" when the note gives only a handle
	Handle      string  // "@name", or ""
	Affiliation string  // the organization the note gives them, or ""
	Confidence  float64 // how sure the layout is that this is a speaker
}

// spec is what the speaker part of a talk line says.
type spec struct {
	speakers []Speaker
	org      string  // the organization named for them
	comment  string  // the rest: a role, an opinion
	score    float64 // how much the part reads as speakers, 0 to 1
}

var (
	byLeadRx  = regexp.MustCompile(`(?i)^(?:(?:a\s+)?(?:talk|keynote|presentation|session|workshop|tutorial)\s+)?(?:presented\s+by|given\s+by|led\s+by|run\s+by|hosted\s+by|by|with|from)\s+`)
	countLead = regexp.MustCompile(`(?i)^(?:the\s+)?(?:two|three|four|both|our)\s+(?:speakers|presenters|hosts)\s*[,:]?\s*`)
	labelLead = regexp.MustCompile(`(?i)^(?:speakers?|presenters?|presented by|hosts?|instructors?|panell?ists?|who|author\(?s?\)?)\s*[:\-–—]\s*`)
	roleOrgRx = regexp.MustCompile(`(?i)^(?:.*?\b)?(?:at|of|from|@)\s+(.+)$`)
	nameOrgRx = regexp.MustCompile(`^(.+?)\s+(?:of|from|at|@)\s+(.+)$`)
	parenEnd  = regexp.MustCompile(`^(.*?)\s*\(([^()]*)\)\s*$`)
	handleTok = regexp.MustCompile(`(?:^|[\s(\[])@([A-Za-z0-9_]{1,30})\b`)
)

// parseSpec reads the speaker part of a talk line: names joined by "&",
// "and" or commas, each maybe with a handle, a profile link or an
// organization in brackets, then maybe an organization or a comment after a
// dash ("Jane Doe & John Roe - Acme", "Name, Org", "Name (Org)", "Name of
// Org", "[Name](https://twitter.com/handle)").
func parseSpec(l line, o options) spec {
	l = trimLead(l, byLeadRx)
	l = trimLead(l, labelLead)
	l = trimLead(l, countLead)
	text := strings.TrimSpace(l.text)
	if text == "" {
		return spec{}
	}
	var sp spec
	parts := dashSplit(l.text)
	head := l.sub(parts[0].start, parts[0].start+len(parts[0].text))
	for _, p := range parts[1:] {
		t := strings.TrimSpace(p.text)
		switch {
		case t == "":
		case sp.org == "" && sp.comment == "" && orgLike(t, o):
			sp.org = cleanOrg(t)
		default:
			sp.comment = joinText(sp.comment, t)
		}
	}
	var scores []float64
	ps := splitNames(head)
	for i, p := range ps {
		s, score, ok := readSpeaker(p, o)
		switch {
		case ok && i == 1 && len(ps) == 2 && score < names.Likely && scores[0] >= names.Likely && s.Handle == "" && sp.org == "" &&
			orgLike(p.text, o.withPerson(false)):
			sp.org = cleanOrg(p.text) // "Clara Dupont, Le Monde"
		case ok:
			sp.speakers = append(sp.speakers, s)
			scores = append(scores, score)
		case i > 0 && i == len(ps)-1 && len(sp.speakers) > 0 && sp.org == "" && orgAfterName(p.text, o):
			sp.org = cleanOrg(p.text) // "Name, Org"
		case i > 0 && i == len(ps)-1 && len(sp.speakers) > 0 && o.item && commentLike(p.text):
			sp.comment = joinText(p.text, sp.comment)
		default:
			return spec{}
		}
	}
	if len(sp.speakers) == 0 {
		return spec{}
	}
	sp.score = 1
	for _, s := range scores {
		sp.score = min(sp.score, s)
	}
	if sp.org != "" {
		for i := range sp.speakers {
			if sp.speakers[i].Affiliation == "" {
				sp.speakers[i].Affiliation = sp.org
			}
		}
	}
	for i := range sp.speakers {
		sp.speakers[i].Confidence = scores[i]
	}
	return sp
}

// trimLead removes what rx matches at the start of l.
func trimLead(l line, rx *regexp.Regexp) line {
	if m := rx.FindStringIndex(l.text); m != nil && m[0] == 0 {
		return l.sub(m[1], len(l.text))
	}
	return l
}

// splitNames splits a line at the separators of a list of names, keeping
// each part's spans (see names.Split).
func splitNames(l line) []line {
	var out []line
	rest := l.text
	off := 0
	for _, p := range names.Split(l.text) {
		i := strings.Index(rest, p)
		if i < 0 {
			continue
		}
		out = append(out, l.sub(off+i, off+i+len(p)))
		off += i + len(p)
		rest = l.text[off:]
	}
	return out
}

// readSpeaker reads one person: a name with a handle, a profile link, an
// organization in brackets or after "of"/"at", or a handle alone.
func readSpeaker(l line, o options) (Speaker, float64, bool) {
	var s Speaker
	text := l.text
	boost := 0.0
	for _, ln := range l.links() {
		if h := profileHandle(ln.url); h != "" {
			if s.Handle == "" {
				s.Handle = h
			}
			boost = max(boost, 0.3)
		} else if personLink(ln.url) {
			boost = max(boost, 0.25)
		}
	}
	// (each pattern is tried only where its mark is: a line is read once
	// per way of splitting it, so this is a hot path)
	if !strings.Contains(text, "@") {
	} else if m := handleTok.FindAllStringSubmatchIndex(text, -1); m != nil {
		for _, mm := range m {
			if s.Handle == "" {
				s.Handle = "@" + text[mm[2]:mm[3]]
			}
		}
		text = handleTok.ReplaceAllString(text, " ")
		boost = max(boost, 0.3)
	}
	if strings.Contains(text, "@") {
		text = emailRx.ReplaceAllString(text, " ")
	}
	if strings.Contains(text, ".") {
		text = urlRx.ReplaceAllString(text, " ")
	}
	text, _ = names.StripNickname(text)
	text = strings.Join(strings.Fields(text), " ")
	text = strings.Trim(text, " ,;:")
	if !strings.HasSuffix(text, ")") {
	} else if m := parenEnd.FindStringSubmatch(text); m != nil {
		inner := strings.TrimSpace(m[2])
		text = strings.TrimSpace(m[1])
		if inner != "" && !commentLike(inner) && !roleOnly(inner) {
			s.Affiliation = cleanOrg(roleOrg(inner))
		}
	}
	if !strings.Contains(text, " of ") && !strings.Contains(text, " from ") && !strings.Contains(text, " at ") && !strings.Contains(text, " @ ") {
	} else if m := nameOrgRx.FindStringSubmatch(text); m != nil && names.Person(m[1], o.names()) >= names.Likely && orgLike(m[2], o) {
		text, s.Affiliation = m[1], cleanOrg(m[2])
	}
	if text == "" {
		if s.Handle != "" {
			return s, 0.6, true // a handle alone: "@lucascs"
		}
		return s, 0, false
	}
	if ws := strings.Fields(text); len(ws) > 2 && names.Honorific(ws[0]) {
		text = strings.Join(ws[1:], " ") // "Dr. Amaka Nwachukwu" is Amaka Nwachukwu
	}
	s.Name = text
	score := names.Person(text, o.names())
	if score == 0 && names.Login(text) {
		score = 0.3 // "jam1garner"
	}
	if score == 0 && boost > 0 && len(strings.Fields(text)) <= 3 && !commentLike(text) && !o.isKnown(text) {
		score = 0.2 // a name the model does not know, with a handle or a profile beside it
	}
	if score == 0 {
		return s, 0, false
	}
	return s, min(1, score+boost), true
}

// roleOrg reads the organization in a role ("CTO at Six Feet Up", "creator
// of Clojure" is no organization but a role) or returns s.
func roleOrg(s string) string {
	if m := roleOrgRx.FindStringSubmatch(s); m != nil && m[1] != "" {
		return m[1]
	}
	return s
}

// roleOnly reports whether a bracketed part describes a role and no
// organization ("creator of Clojure", "maintainer", "they/them").
func roleOnly(s string) bool {
	ls := strings.ToLower(s)
	for _, w := range []string{"creator", "author", "maintainer", "founder", "core dev", "contributor", "she/", "he/", "they/", "pronounced"} {
		if strings.Contains(ls, w) {
			return true
		}
	}
	return false
}

// cleanOrg trims an organization name of punctuation and of a bracketed
// description after it ("Mint Digital (Agency)").
func cleanOrg(s string) string {
	s = strings.TrimSpace(s)
	if m := parenEnd.FindStringSubmatch(s); m != nil && strings.TrimSpace(m[1]) != "" {
		s = m[1]
	}
	return strings.Trim(s, " ,;:.()[]")
}

// orgAfterName reports whether s, written after a name and a comma, is the
// name's organization: orgLike, or one capitalised word that is no given
// name ("Maria Garcia, Honeycomb").
func orgAfterName(s string, o options) bool {
	if orgLike(s, o) {
		return true
	}
	ws := strings.Fields(strings.TrimSpace(s))
	return len(ws) == 1 && unicode.IsUpper([]rune(ws[0])[0]) && !names.Given(ws[0]) && !commentLike(s)
}

// orgLike reports whether s reads as an organization: one the lexicon
// knows, a name with a word such as Inc, Labs, Foundation or University, an
// acronym, a CamelCase name, or one capitalised word that is no everyday
// word and no given name.
func orgLike(s string, o options) bool {
	s = strings.TrimSpace(strings.Trim(s, " ,;:."))
	if s == "" || commentLike(s) {
		return false
	}
	if m := parenEnd.FindStringSubmatch(s); m != nil && strings.TrimSpace(m[1]) != "" {
		s = strings.TrimSpace(m[1]) // "Mint Digital (Agency)"
	}
	if k := o.known(s); k == "organization" || k == "tool" {
		return true
	}
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 7 {
		return false
	}
	if !unicode.IsUpper([]rune(ws[0])[0]) && !unicode.IsDigit([]rune(ws[0])[0]) {
		return false
	}
	for _, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ".,&()"))
		if orgWords[lw] {
			return true
		}
		if (acronym(w) || camel(w)) && (len(ws) == 1 || titleCase(ws)) {
			return true // "IBM", "SafeStack", "Monarch Tractor APAC"; not "PgBouncer tips"
		}
	}
	if len(ws) == 1 {
		w := ws[0]
		return !names.Common(w) && !names.Given(w) || strings.ContainsAny(w, ".-&")
	}
	if o.noPerson {
		return titleCase(ws)
	}
	return names.Person(s, o.names()) < names.Possible && titleCase(ws)
}

// titleCase reports whether every word longer than three letters is
// capitalised.
func titleCase(ws []string) bool {
	for _, w := range ws {
		if len(w) > 3 && !unicode.IsUpper([]rune(w)[0]) {
			return false
		}
	}
	return true
}

// acronym reports whether w is written in capitals, two to six letters,
// maybe with "&" or digits ("IBM", "NUS", "R&D", "AT&T").
func acronym(w string) bool {
	w = strings.Trim(w, ".,()")
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '&' || unicode.IsDigit(r) || r == '-':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 6
}

// camel reports whether w is one CamelCase word ("SafeStack", "GovTech",
// "MongoDB"), not a name such as "McCrory" or "DeVita".
func camel(w string) bool {
	rs := []rune(strings.Trim(w, ".,()"))
	if len(rs) < 4 || !unicode.IsUpper(rs[0]) {
		return false
	}
	inner := 0
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			inner++
		}
	}
	if inner == 0 {
		return false
	}
	switch string(rs[:2]) {
	case "Mc", "Ma", "De", "Di", "Da", "La", "Le", "Va", "Vo", "Du":
		return inner > 1 || !unicode.IsLower(rs[len(rs)-1])
	}
	return true
}

// commentLike reports whether s reads as a comment on a talk rather than a
// name, an organization or a title: it starts in lower case, gives an
// opinion, or is a sentence.
func commentLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	rs := []rune(s)
	ws := strings.Fields(strings.ToLower(s))
	if unicode.IsLower(rs[0]) {
		// "eBay, Inc." and "iOS" start in lower case and are names
		brand := len(rs) > 1 && unicode.IsUpper(rs[1])
		for _, w := range ws {
			switch strings.Trim(w, ".,()") {
			case "inc", "llc", "ltd", "gmbh", "corp", "plc", "ag", "co":
				brand = true
			}
		}
		return !brand
	}
	fn := 0
	for _, w := range ws {
		w = strings.Trim(w, ".,!?;:()'\"")
		if opinionWords[w] {
			return true
		}
		if names.Function(w) {
			fn++
		}
	}
	if strings.HasSuffix(s, "!") || strings.HasSuffix(s, ":)") || strings.HasSuffix(s, ";)") {
		return true
	}
	return len(ws) >= 6 && fn >= 2
}

func joinText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// styleRun returns the text of the styled runs of a line that carry style,
// if they cover it from offset i to its end.
func styleRun(l line, i int, style notes.Style) (span, bool) {
	for _, s := range l.spans {
		if s.style&style != 0 && s.start <= i && strings.TrimSpace(l.text[s.end:]) == "" {
			return s, true
		}
	}
	return span{}, false
}

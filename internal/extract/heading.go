package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/names"
)

// talkLine is what a heading, schedule line or bullet says of a talk.
type talkLine struct {
	title    string
	speakers []SpeakerRef
	kind     string
}

var (
	kindPrefix  = regexp.MustCompile(`(?i)^(talk|keynote|lightning talk|lightning|tutorial|panel|workshop|session|plenary)\s*(?:#?\s*\d+\s*)?:\s+`)
	trailHandle = regexp.MustCompile(`\s+(@[A-Za-z0-9_]+)\s*$`)
	trailParen  = regexp.MustCompile(`^(.*\S)?\s*\(\s*([^()]*?)\s*\)\s*$`)
	dashSplit   = regexp.MustCompile(`\s+[-–—|]+\s+`)
	handleRx    = regexp.MustCompile(`@[A-Za-z0-9_]+`)
	siteRx      = regexp.MustCompile(`(?i)\b(?:https?://\S+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|me|co|info|blog|tech|xyz|ai|app|uk|de|fr|ca|au)\b\S*)`)
	byPrefix    = regexp.MustCompile(`(?i)^\s*(?:presented by|talk by|given by|by|speakers?|presenters?|with)\s*[:\-–—]?\s+`)
)

// parseTalkLine splits a heading or a line that names a talk into title,
// speakers and kind. It recognises "Title (Speaker - Org) @handle",
// "Title (Speaker @handle site.com)", "Title - Speaker, Org @handle",
// "Talk: Title - Speaker", "Title by Speaker", "Speaker: Title" and
// "Title, Speaker"; speaker parts must look like names, so "Title (part 2)"
// keeps its parentheses.
func parseTalkLine(s string) talkLine {
	s = strings.TrimSpace(s)
	tl := talkLine{title: s}
	lower := isLowerLine(s)
	if m := kindPrefix.FindStringSubmatch(s); m != nil && len(s) > len(m[0]) {
		tl.kind = kindOf(m[1])
		if tl.kind != "talk" && tl.kind != "other" {
			// "Keynote: Title" keeps the word: the title is the rest
		}
		s = s[len(m[0]):]
		tl.title = s
	}
	var handles []string
	for {
		m := trailHandle.FindStringSubmatchIndex(s)
		if m == nil {
			break
		}
		handles = append([]string{s[m[2]:m[3]]}, handles...)
		s = strings.TrimSpace(s[:m[0]])
	}
	try := func(title, spec string) bool {
		sp, ok := parseSpeakerSpec(spec, lower)
		if !ok || strings.TrimSpace(title) == "" {
			return false
		}
		tl.title, tl.speakers = cleanTitle(title), sp
		return true
	}
	switch m := trailParen.FindStringSubmatch(s); {
	case m != nil && try(m[1], m[2]):
	case tryDash(s, try):
	case tryBy(s, try):
	case trySpeakerFirst(s, &tl, lower):
	case tryComma(s, try):
	default:
		tl.title = cleanTitle(s)
	}
	attachHandles(&tl, handles)
	if tl.kind == "" {
		tl.kind = kindOf(tl.title)
	}
	return tl
}

func attachHandles(tl *talkLine, handles []string) {
	for i, h := range handles {
		if len(tl.speakers) == 0 {
			return
		}
		j := min(i, len(tl.speakers)-1)
		if tl.speakers[j].Handle == nil {
			h := h
			tl.speakers[j].Handle = &h
		}
	}
}

func tryDash(s string, try func(string, string) bool) bool {
	locs := dashSplit.FindAllStringIndex(s, -1)
	for i := len(locs) - 1; i >= 0; i-- {
		if try(s[:locs[i][0]], s[locs[i][1]:]) {
			return true
		}
	}
	return false
}

var byRx = regexp.MustCompile(`(?i)\s+(?:presented by|by)\s+`)

func tryBy(s string, try func(string, string) bool) bool {
	locs := byRx.FindAllStringIndex(s, -1)
	return len(locs) > 0 && try(s[:locs[len(locs)-1][0]], s[locs[len(locs)-1][1]:])
}

func trySpeakerFirst(s string, tl *talkLine, lower bool) bool {
	i := strings.Index(s, ": ")
	if i <= 0 {
		return false
	}
	left, right := s[:i], strings.TrimSpace(s[i+2:])
	if len(strings.Fields(right)) < 2 || !strictName(left) {
		return false
	}
	tl.title = cleanTitle(right)
	tl.speakers = []SpeakerRef{{Name: left}}
	return true
}

func tryComma(s string, try func(string, string) bool) bool {
	i := strings.LastIndex(s, ", ")
	if i <= 0 || !strictName(s[i+2:]) {
		return false
	}
	return try(s[:i], s[i+2:])
}

func cleanTitle(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " -–—:|,")
	return strings.TrimSpace(s)
}

// parseSpeakerSpec reads the speaker part of a talk line: names joined by
// "&", "and" or commas, each with an optional organization ("Name - Org",
// "Name, Org", "Name of Org"), handles and a web site.
func parseSpeakerSpec(spec string, lower bool) ([]SpeakerRef, bool) {
	spec = byPrefix.ReplaceAllString(spec, "")
	spec = nickname.ReplaceAllString(spec, "")
	handles := handleRx.FindAllString(spec, -1)
	spec = handleRx.ReplaceAllString(spec, " ")
	spec = siteRx.ReplaceAllString(spec, " ")
	spec = strings.Join(strings.Fields(spec), " ")
	if spec == "" {
		return nil, false
	}
	var sps []SpeakerRef
	name, org := spec, ""
	if parts := dashSplit.Split(spec, 2); len(parts) == 2 {
		name, org = parts[0], parts[1]
	} else if m := nameOfOrg.FindStringSubmatch(spec); m != nil && nameLike(m[1], lower) {
		name, org = m[1], m[2]
	}
	names := splitNames(name)
	if len(names) == 0 {
		return nil, false
	}
	for i, n := range names {
		if !nameLike(n, lower) {
			// "Name, Org": a single name and its organization
			if i == 1 && len(names) == 2 && org == "" && nameLike(names[0], lower) {
				org = n
				names = names[:1]
				break
			}
			return nil, false
		}
	}
	for _, n := range names {
		sps = append(sps, SpeakerRef{Name: n})
	}
	if org = strings.TrimSpace(strings.Trim(org, ",;")); org != "" {
		for i := range sps {
			o := org
			sps[i].Affiliation = &o
		}
	}
	for i, h := range handles {
		if i < len(sps) {
			h := h
			sps[i].Handle = &h
		}
	}
	return sps, true
}

// nickname matches a quoted nickname after or inside a name: Amber Brown
// ("HawkOwl"), David "DB" Baumgold.
var nickname = regexp.MustCompile(`\s*\(\s*["“'][^)]*["”']\s*\)|\s+["“][^"”]{1,30}["”]`)

var nameOfOrg = regexp.MustCompile(`^(.+?)\s+(?:of|from|at)\s+(.+)$`)

var nameSep = regexp.MustCompile(`\s*(?:,\s*and\s+|,\s*&\s*|\s+&\s+|\s+and\s+|,\s*|\s*/\s*)\s*`)

func splitNames(s string) []string {
	var out []string
	for _, p := range nameSep.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// nameLike reports whether s looks like a person's name: two to four words
// of letters (initials, hyphens and apostrophes allowed), capitalised unless
// the whole line is lower case, with no everyday word among them.
func nameLike(s string, lower bool) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 4 {
		return false
	}
	caps := 0
	for i, w := range ws {
		lw := strings.ToLower(w)
		if names.Particle(lw) && i > 0 && i < len(ws)-1 {
			continue
		}
		rs := []rune(w)
		for _, r := range rs {
			if !unicode.IsLetter(r) && !strings.ContainsRune(".-'’", r) {
				return false
			}
		}
		if !unicode.IsLetter(rs[0]) {
			return false
		}
		if unicode.IsUpper(rs[0]) {
			caps++
		} else if !lower {
			return false
		}
		if len(rs) <= 2 && strings.HasSuffix(w, ".") {
			continue // an initial
		}
		if commonWords[lw] && !(i == 0 && names.Given(lw)) {
			return false
		}
	}
	if caps == 0 {
		// a lower-case line: the name must start with a known given name
		return lower && names.Given(ws[0])
	}
	return true
}

// strictName is nameLike for forms where a mistake costs more ("Name: Title",
// "Title, Name"): capitalised words whose first is a known given name.
func strictName(s string) bool {
	ws := strings.Fields(s)
	if !nameLike(s, false) || len(ws) > 3 {
		return false
	}
	if names.Given(ws[0]) {
		return true
	}
	for _, w := range ws {
		if !unicode.IsUpper([]rune(w)[0]) || commonWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

func isLowerLine(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

var kindWords = []struct {
	rx   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`(?i)\bkeynotes?\b`), "keynote"},
	{regexp.MustCompile(`(?i)\blightning\b`), "lightning"},
	{regexp.MustCompile(`(?i)\btutorials?\b`), "tutorial"},
	{regexp.MustCompile(`(?i)\bpanel\b`), "panel"},
	{regexp.MustCompile(`(?i)\bworkshops?\b`), "workshop"},
	{regexp.MustCompile(`(?i)^(welcome|welcoming|opening|closing|introduction|intro|announcements?|opening remarks|closing remarks)\b`), "other"},
}

func kindOf(title string) string {
	for _, k := range kindWords {
		if k.rx.MatchString(title) {
			return k.kind
		}
	}
	return "talk"
}

var (
	notTalkRx   = regexp.MustCompile(`(?i)^(lunch|break|coffee|coffee break|breakfast|dinner|snacks?|party|reception|registration|sponsors?|links?|references?|resources?|further reading|reading list|slides|videos?|photos?|summary|wrap[- ]?up|conclusions?|final thoughts|takeaways|key takeaways|tl;?\s*dr|table of contents|contents|toc|schedule|agenda|misc(ellaneous)?|updates?|edit|todo|notes|other notes|my notes|hallway track|expo( hall)?|job fair|open spaces|sprints?|thanks|acknowledg(e)?ments|other stuff|other things|random (notes|thoughts|bits)|odds and ends|bits and pieces|everything else)\b[\s\w&,]*$`)
	containerRx = regexp.MustCompile(`(?i)^((day|dia|tag)\s*(\d+|one|two|three|four|five)|(first|second|third|fourth|fifth|last|final) day|(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(morning|afternoon|evening)( sessions?| talks?)?|(track|room|hall|stage|ballroom)\s+\S+|talks|sessions|the talks|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?)\b[^()]*$`)
)

// notTalk reports whether a heading names a session that is no talk.
func notTalk(title string) bool { return notTalkRx.MatchString(strings.TrimSpace(title)) }

// isContainer reports whether a heading groups talks (a day, a track, a
// time of day) rather than being one.
func isContainer(title string) bool {
	return containerRx.MatchString(strings.TrimSpace(title))
}

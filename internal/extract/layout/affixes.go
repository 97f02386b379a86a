package layout

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The parts of a talk line that are neither its title nor its speakers:
// numbers, session codes, times and kinds before it; times, days, ratings,
// handles and page-title tails after it.
const timeTok = `\d{1,2}(?:[:h.]\d{2}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)`

var (
	numberRx   = regexp.MustCompile(`^(?:#\s*)?\d{1,3}[.)]\s+`)
	bracketRx  = regexp.MustCompile(`^\[[^\]]{1,12}\]\s+`)
	trackRx    = regexp.MustCompile(`^[A-Z]\d{1,3}\.\s+`)
	codeRx     = regexp.MustCompile(`^[A-Z]{2,6}[-]?\d{2,4}[A-Za-z]?\s*[-–—:|]\s+`)
	slotRx2    = regexp.MustCompile(`(?i)^(?:day\s*\d+\s*[-–—:,]\s*)(?:\d{3,4}|` + timeTok + `)\s*[-–—:|]\s+`)
	timePrefix = regexp.MustCompile(`(?i)^(?:` + timeTok + `)(?:\s*(?:[-–—]|to)\s*(?:` + timeTok + `|\d{3,4}))?\s*(?:[-–—:|,]\s*|\s+)`)
	kindPrefix = regexp.MustCompile(`(?i)^((?:(?:opening|closing|morning|afternoon|evening|sponsored|invited|featured|final|first|second|third|day \d+)\s+)?(?:key\s?note|talk|lightning talk|lightning|tutorial|panel|workshop|session|plenary|ignite|training|unsession))s?\s*(?:#?\s*\d+\s*)?(?:[:\-–—|]\s*|\.\s+)`)
	dayTail    = `(?:,?\s*(?:day\s*\d+|(?:mon|tues|wednes|thurs|fri|satur|sun)day))?`
	timeSuffix = regexp.MustCompile(`(?i)(?:(?:[.,;]\s*|\s+[-–—@]\s*|\s+\()(?:` + timeTok + `)|\s+(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?))(?:\s*(?:[-–—]|to)\s*(?:` + timeTok + `))?` + dayTail + `\)?\.?\s*$`)
	roomWord   = `(?:room|hall|track|stage|auditorium|ballroom|theat(?:re|er)|salon|studio|lab)`
	roomPrefix = regexp.MustCompile(`(?i)^(?:[\[(]` + roomWord + `\s*[\w.-]{0,8}[\])]|(?:main\s+)?` + roomWord + `(?:\s+[A-Z0-9][\w.-]{0,6})?)\s*(?:[|:,–—-]\s*|\s+)`)
	roomSuffix = regexp.MustCompile(`(?i)(?:\s*[|,–—-]\s*|\s+)(?:[\[(]` + roomWord + `\s*[\w.-]{0,8}[\])]|(?:main|big|small|grand)\s+` + roomWord + `(?:\s+[A-Z0-9][\w.-]{0,6})?|` + roomWord + `\s+[A-Z0-9][\w.-]{0,6})\s*$`)
	markPrefix = regexp.MustCompile(`^(?:={2,}|\*{2,}|-{2,}|>{1,}|\[[ xX✓✔]\]|[✓✔✗✘☐☑☒])\s*`)
	markSuffix = regexp.MustCompile(`(?i)(?:\s*\[(?:x|✓|✔|attended|skipped|missed|seen|watched|went)\]|\s*\((?:attended|skipped|missed|seen|watched|went|didn'?t go|not attended|did not attend)\)|\s*[✓✔✗✘]|\s+[-–—]+\s*(?:skipped|missed|attended)|\s*={2,}|\s*\*{2,})\s*$`)
	kindSuffix = regexp.MustCompile(`(?i)\s*[\[(](keynote|lightning talk|lightning|tutorial|workshop|panel|training)[\])]\s*$`)
	daySuffix  = regexp.MustCompile(`(?i)[.,;]\s*day\s*\d+\.?\s*$`)
	ratingRx   = regexp.MustCompile(`(?:\s+[-–—]?\s*\(?\d(?:\.\d)?\s*/\s*(?:5|10)\)?|\s*[★☆⭐]{2,})\s*$`)
	handleTail = regexp.MustCompile(`\s+\(?(@[A-Za-z0-9_]{1,30})\)?\s*$`)
	emailRx    = regexp.MustCompile(`\(?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\)?`)
	urlRx      = regexp.MustCompile(`(?i)\(?\b(?:https?://\S+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|me|co|info|blog|tech|xyz|ai|app|uk|de|fr|ca|au|sh|cloud)\b(?:/\S*)?)\)?`)
)

// stripped is a line without its affixes, with what they said.
type stripped struct {
	line    line
	kind    string   // a kind the prefix named
	handles []string // handles at the end
	prefix  string   // what was taken from the front
	comment string   // what followed a kind that was the title
}

// variousRx matches the speakers of a block of short talks: "various",
// "several people".
var variousRx = regexp.MustCompile(`(?i)^(?:various|several|many|misc|assorted|multiple|different)(?:\s+(?:speakers|people|folks))?\s*(?:[-–—:|,]\s*)?`)

// stripAffixes takes the affixes off a talk line. Numbers are taken only
// where numbered is set (a numbered list item carries its number in the
// Markdown, not in the text; a heading may write one).
func stripAffixes(l line, numbered bool) stripped {
	st := stripped{line: l}
	cut := func(n int) {
		st.prefix += st.line.text[:n]
		st.line = st.line.sub(n, len(st.line.text))
	}
	// Emoji and shortcodes first, anywhere: they are decoration.
	if t := cleanDecor(st.line.text); t != st.line.text {
		st.line = relabel(st.line, t)
	}
	for changed := true; changed; {
		changed = false
		t := st.line.text
		for _, rx := range []*regexp.Regexp{timeSuffix, daySuffix, ratingRx, markSuffix, roomSuffix} {
			if m := suffixAt(rx, t); m != nil && m[0] > 0 && strings.TrimSpace(t[:m[0]]) != "" {
				st.line = st.line.sub(0, m[0])
				changed = true
				break
			}
		}
		if m := suffixAt(kindSuffix, t); !changed && m != nil && m[0] > 0 {
			if k := kindOf(t[m[2]:m[3]]); k != "" && st.kind == "" {
				st.kind = k
			}
			st.line = st.line.sub(0, m[0])
			changed = true
		}
		if m := suffixAt(handleTail, t); !changed && m != nil && m[0] > 0 {
			st.handles = append([]string{t[m[2]:m[3]]}, st.handles...)
			st.line = st.line.sub(0, m[0])
			changed = true
		}
	}
	for changed := true; changed; {
		changed = false
		t := st.line.text
		for _, rx := range []*regexp.Regexp{markPrefix, bracketRx, trackRx, codeRx, slotRx2, timePrefix, roomPrefix} {
			if m := rx.FindStringIndex(t); m != nil && m[1] < len(t) {
				cut(m[1])
				changed = true
				break
			}
		}
		if changed {
			continue
		}
		if numbered {
			if m := numberRx.FindStringIndex(t); m != nil && m[1] < len(t) {
				cut(m[1])
				changed = true
				continue
			}
		}
		if m := kindPrefix.FindStringSubmatchIndex(t); m != nil && m[1] < len(t) && len(strings.Fields(t[m[1]:])) > 0 {
			if k := kindOf(t[m[2]:m[3]]); k != "" && st.kind == "" {
				st.kind = k
			} else if st.kind == "" {
				st.kind = KindTalk
			}
			if rest := strings.TrimSpace(t[m[1]:]); startsLower(rest) || variousRx.MatchString(rest) {
				// "Lightning talks - various - one on a DRF bug": the kind is
				// the title, the rest a comment
				st.comment = strings.TrimSpace(variousRx.ReplaceAllString(rest, ""))
				st.line = st.line.sub(0, len(strings.TrimRight(t[:m[1]], " :-–—|.")))
				break
			}
			cut(m[1])
			changed = true
		}
	}
	st.line = st.line.sub(0, len(strings.TrimRight(st.line.text, " ,;:-–—|")))
	if strings.HasSuffix(st.line.text, ".") && !strings.HasSuffix(st.line.text, "..") && !initialEnd(st.line.text) {
		st.line = st.line.sub(0, len(st.line.text)-1)
	}
	return st
}

// cleanDecor removes emoji and emoji shortcodes, keeping the length of the
// text the same where it can (spaces), so spans stay in place.
func cleanDecor(s string) string {
	if !strings.ContainsAny(s, ":") && (ascii(s) || !emojiRx.MatchString(s)) {
		return s
	}
	s = shortcodeRx.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)) })
	s = emojiRx.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)) })
	return s
}

// relabel gives l a new text of the same length (spans stay valid).
func relabel(l line, t string) line {
	if len(t) != len(l.text) {
		return line{text: t, num: l.num}
	}
	l.text = t
	return l.sub(0, len(t))
}

// pageTitleTail drops the tail a web page title adds to a talk's title
// ("Protect mutable state with Swift actors - WWDC 2021 - Videos - Apple
// Developer"): the segments from the first that names the event's series or
// year, or a videos page.
func pageTitleTail(t, series string, year int) string {
	parts := dashSplit(t)
	if len(parts) < 2 {
		return t
	}
	for i := 1; i < len(parts); i++ {
		p := strings.ToLower(strings.TrimSpace(parts[i].text))
		if p == "videos" || p == "video" || p == "youtube" || strings.HasSuffix(p, " videos") ||
			series != "" && strings.Contains(p, strings.ToLower(series)) && (year == 0 || strings.Contains(p, itoa(year))) {
			return strings.TrimSpace(t[:parts[i].start-len(parts[i].sep)])
		}
	}
	return t
}

type part struct {
	text  string
	start int
	sep   string // the separator before the part
}

var dashSepRx = regexp.MustCompile(`\s+(?:-{1,3}|–|—|\||·|•|~)\s+`)

// dashSepAt is dashSepRx anchored at the start of the text.
var dashSepAt = regexp.MustCompile(`^` + dashSepRx.String())

// dashSplit splits t at spaced dashes and bars.
func dashSplit(t string) []part {
	if !strings.ContainsAny(t, "-–—|·•~") {
		return []part{{text: t}}
	}
	var out []part
	prev, sep := 0, ""
	for _, m := range dashSepRx.FindAllStringIndex(t, -1) {
		out = append(out, part{text: t[prev:m[0]], start: prev, sep: sep})
		prev, sep = m[1], t[m[0]:m[1]]
	}
	return append(out, part{text: t[prev:], start: prev, sep: sep})
}

// ascii reports whether s is all ASCII (so holds no emoji).
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// initialEnd reports whether t ends with an initial ("Andre R.") whose dot
// belongs to it.
func initialEnd(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 {
		return false
	}
	w := f[len(f)-1]
	return len(w) == 2 && w[0] >= 'A' && w[0] <= 'Z'
}

// startsLower reports whether s starts with a lower-case letter that is no
// brand's ("iOS", "eBay").
func startsLower(s string) bool {
	rs := []rune(strings.TrimSpace(s))
	return len(rs) > 1 && unicode.IsLower(rs[0]) && !unicode.IsUpper(rs[1])
}

// suffixWindow is how far from its end a line is searched for a suffix:
// times, days, ratings, rooms, kinds and handles are short.
const suffixWindow = 120

// suffixAt matches rx, a pattern anchored at the end of the text, against
// the last suffixWindow bytes of t only, and returns the submatch indices
// in t. A suffix pattern tried at every byte of a long line costs as much
// as the line is long, for every pattern and every line read.
func suffixAt(rx *regexp.Regexp, t string) []int {
	off := 0
	if len(t) > suffixWindow {
		off = len(t) - suffixWindow
		for off < len(t) && !utf8.RuneStart(t[off]) {
			off++
		}
	}
	if g := suffixGuard[rx]; g != nil {
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, " \t"))
		if !g(unicode.ToLower(last), t[off:]) {
			return nil // the suffix cannot end the line: skip the pattern
		}
	}
	m := rx.FindStringSubmatchIndex(t[off:])
	for i := range m {
		if m[i] >= 0 {
			m[i] += off
		}
	}
	return m
}

// suffixGuard says, from the last character of a line and its last
// suffixWindow bytes, whether a suffix pattern can match at all.
var suffixGuard = map[*regexp.Regexp]func(last rune, win string) bool{
	timeSuffix: func(r rune, w string) bool {
		return (unicode.IsDigit(r) || strings.ContainsRune("m.)y", r)) && strings.ContainsAny(w, "0123456789")
	},
	daySuffix: func(r rune, w string) bool {
		return (unicode.IsDigit(r) || r == '.') && strings.ContainsAny(w, "0123456789")
	},
	ratingRx: func(r rune, _ string) bool { return unicode.IsDigit(r) || strings.ContainsRune(")★☆⭐", r) },
	markSuffix: func(r rune, w string) bool {
		if strings.ContainsRune("])✓✔✗✘=*", r) {
			return true
		}
		lw := strings.ToLower(w)
		return r == 'd' && (strings.Contains(lw, "skipped") || strings.Contains(lw, "missed") || strings.Contains(lw, "attended"))
	},
	kindSuffix: func(r rune, _ string) bool { return r == ')' || r == ']' },
	handleTail: func(_ rune, w string) bool { return strings.Contains(w, "@") },
	roomSuffix: func(_ rune, w string) bool { return roomIn(w) },
}

// roomIn reports whether s holds a word of roomWord.
func roomIn(s string) bool {
	ls := strings.ToLower(s)
	for _, w := range []string{"room", "hall", "track", "stage", "auditorium", "ballroom", "theat", "salon", "studio", "lab"} {
		if strings.Contains(ls, w) {
			return true
		}
	}
	return false
}

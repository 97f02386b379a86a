package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Thresholds of Person: a score of Likely or more reads as a name on its
// own; one of Possible or more reads as a name where the context says a
// name stands there (a speaker slot that other talks of the note fill with
// names, a handle beside it).
const (
	Likely   = 0.4
	Possible = 0.25
)

// Options tune Person.
type Options struct {
	// Lower accepts names written in lower case ("glenn sarti"), for lines
	// written all in lower case.
	Lower bool
	// Known reports names that are something else: a tool, a product or an
	// organization ("Apache Spark", "Kotlin"). A name it reports, or one
	// whose words it reports (except given names, and a known surname after
	// a plain given name), is no person.
	Known func(string) bool
}

// Person rates how likely s is one person's name, from 0 (it is not) to 1
// (a known given name and a surname, capitalised, two or three words). It
// reads the words of s, after nicknames, honorifics and suffixes are
// dropped:
//
//   - every word must be capitalised (or the whole name in lower case with
//     Options.Lower), made of letters, hyphens, apostrophes and dots only,
//     and no function word; particles ("van", "de") and initials ("J.",
//     "K") may sit inside;
//   - a known given name first weighs most, then a known or unknown
//     capitalised surname; everyday words weigh against, above all when the
//     given name is one too ("Will Scale", "Page Load");
//   - two or three words weigh for, one or more than four against.
//
// Person does not know context: callers weigh in what surrounds the name (a
// handle, "by", the layout of the note).
func Person(s string, o Options) float64 {
	s, _ = StripNickname(s)
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ",;:."))
	ws := dropTitles(strings.Fields(s))
	if len(ws) == 0 || len(ws) > 5 {
		return 0
	}
	if o.Known != nil && o.Known(strings.Join(ws, " ")) {
		return 0
	}
	score := 0.0
	full := 0 // words that are neither initials nor particles
	for i, w := range ws {
		kind := wordKind(w, i, len(ws), o.Lower)
		switch kind {
		case bad:
			return 0
		case initial, particle:
			continue
		}
		full++
		lw := strings.ToLower(strings.TrimRight(w, "."))
		if Place(lw) && !(full == 1 && Given(lw) && !placeOnly(ws, i)) {
			return 0
		}
		if o.Known != nil && !Given(lw) && o.Known(w) {
			// A word that names a tool or an organization is no part of a
			// name, except a known surname after a plain given name:
			// "Marta Quill", "Ana Vega" (Quill and Vega are tools too).
			if i != len(ws)-1 || full < 2 || !Surname(lw) || !plainGiven(ws[0]) {
				return 0
			}
			score -= 0.15
		}
		switch {
		case full == 1: // the given name
			given, level := Given(lw), commonLevel(lw)
			switch {
			case Particle(lw):
				score += 0.05 // "Le Monde", "Van Oord": rarely a person
			case given && level == 0:
				score += 0.5
			case given && level == 1:
				score += 0.4
			case given:
				score += 0.25
			case level == 2:
				score -= 0.2
			case level == 1:
				score += 0.05
			default:
				score += 0.15
			}
		case i == len(ws)-1: // the surname
			score += surnameWeight(lw, strings.ToLower(strings.TrimRight(ws[0], ".")))
		default: // a middle name
			if Common(lw) && !Given(lw) && !Surname(lw) {
				score -= 0.3
			}
		}
	}
	switch {
	case full == 0:
		return 0
	case full == 1:
		score -= 0.3
	case full <= 3:
		score += 0.1
	case full > 4:
		score -= 0.2
	}
	return min(1, max(0, score))
}

// plainGiven reports whether w is a known given name that is no everyday
// word ("Marta", not "Will").
func plainGiven(w string) bool {
	lw := strings.ToLower(strings.TrimRight(w, "."))
	return Given(lw) && commonLevel(lw) == 0
}

// surnameWeight weighs the last word of a would-be name, given its first.
// An everyday word there rules the name out ("Page Load", "Cold War",
// "Lawrence Journal-World") unless it is a known surname ("Laura Bell",
// "Grace Hopper") or follows a given name that is no everyday word
// ("Solomon Hikes").
func surnameWeight(last, first string) float64 {
	firstGiven, firstCommon := Given(first), commonLevel(first) == 2
	switch level := commonLevel(last); {
	case level > 0 && strings.Contains(last, "-"):
		return -0.5 // "Journal-World": a compound of everyday words
	case level == 0 && Surname(last):
		return 0.3
	case level == 0:
		return 0.2
	case level == 1 && Surname(last):
		return 0.15
	case level == 1 && firstGiven && commonLevel(first) == 0:
		return 0
	case level == 1:
		return -0.3
	case Surname(last) && firstGiven && !firstCommon:
		return 0.2
	case Surname(last) && firstGiven:
		return 0.05
	case Surname(last) && !firstCommon:
		return 0.05
	case firstGiven && commonLevel(first) == 0 && !strings.Contains(last, "-"):
		return 0 // "Solomon Hikes": a capitalised word after a plain given name
	}
	return -0.5
}

// placeOnly reports whether the words after the i-th are all places or
// nothing: "Cleveland Ohio" is a place, "Austin Powers" a person.
func placeOnly(ws []string, i int) bool {
	for _, w := range ws[i+1:] {
		if !Place(w) {
			return false
		}
	}
	return true
}

type wordClass int

const (
	bad wordClass = iota
	word
	initial
	particle
)

// wordKind classifies the i-th of n words of a would-be name.
func wordKind(w string, i, n int, lower bool) wordClass {
	if Function(w) && !(Particle(w) && i > 0) {
		return bad
	}
	if Particle(w) && i > 0 && i < n-1 {
		return particle
	}
	rs := []rune(w)
	letters := 0
	for _, r := range rs {
		switch {
		case unicode.IsLetter(r):
			letters++
		case strings.ContainsRune(".-'’", r):
		default:
			return bad
		}
	}
	if letters == 0 || !unicode.IsLetter(rs[0]) {
		return bad
	}
	if letters == 1 && unicode.IsUpper(rs[0]) {
		return initial // "J." or "K"
	}
	if letters <= 3 && strings.Count(w, ".") == letters && unicode.IsUpper(rs[0]) {
		return initial // "K.V."
	}
	if !unicode.IsUpper(rs[0]) && !lower {
		return bad
	}
	if !nameCase(rs) && !lower {
		return bad
	}
	return word
}

// nameCase reports whether a word is written as names are: a capital, then
// lower-case letters, with capitals allowed after a hyphen or apostrophe,
// after "Mc", "Mac", "De", "Di", "La", "Le", "Van", "O" ("McCrory",
// "DeVita", "MacCarthaigh", "O'Neil"), and no run of capitals ("IBM",
// "PyLadiesSG" are no names).
func nameCase(rs []rune) bool {
	for k := 1; k < len(rs); k++ {
		r := rs[k]
		if !unicode.IsUpper(r) {
			continue
		}
		prev := rs[k-1]
		if strings.ContainsRune("-'’", prev) {
			continue
		}
		switch string(rs[:k]) {
		case "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Du", "O":
			if k+1 < len(rs) && unicode.IsLower(rs[k+1]) {
				continue
			}
		}
		return false
	}
	return true
}

var (
	honorifics = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "mx": true, "miss": true,
		"prof": true, "professor": true, "sir": true, "dame": true, "rev": true}
	suffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true,
		"phd": true, "md": true, "esq": true, "dphil": true, "msc": true}
)

var dotless = strings.NewReplacer(".", "", ",", "")

// Honorific reports whether w is a title written before a name ("Dr.",
// "Prof").
func Honorific(w string) bool { return honorifics[strings.ToLower(dotless.Replace(w))] }

// Suffix reports whether w is a suffix written after a name ("Jr.", "PhD",
// "III").
func Suffix(w string) bool { return suffixes[strings.ToLower(dotless.Replace(w))] }

// dropTitles removes leading honorifics and trailing suffixes, keeping at
// least two words.
func dropTitles(ws []string) []string {
	for len(ws) > 2 && Honorific(ws[0]) {
		ws = ws[1:]
	}
	for len(ws) > 2 && Suffix(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return ws
}

// Handle reports whether s is a social handle: "@name", letters, digits,
// underscores and dots after the "@".
func Handle(s string) bool {
	if len(s) < 2 || s[0] != '@' {
		return false
	}
	for _, r := range s[1:] {
		if !(r == '_' || r == '.' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// Login reports whether s looks like a user name written alone, in lower
// case with a digit or an underscore ("jam1garner", "the_doctor"): what
// people sign talks with instead of a name.
func Login(s string) bool {
	if len(s) < 3 || len(s) > 30 {
		return false
	}
	marks := 0
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
		case r >= '0' && r <= '9', r == '_':
			marks++
		default:
			return false
		}
	}
	return marks > 0 && s[0] >= 'a' && s[0] <= 'z'
}

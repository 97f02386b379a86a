// Package fold holds the text-folding rules that every part of talkgraph
// shares, so that extraction, identity, ids and the command line compare
// names the same way: one accent fold (Accents, Lower), one key for names
// (Key) and one edit distance (Edit1).
//
//go:generate sh -c "python3 ../../scripts/gen-fold.py > table.go"
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// table maps a rune to its replacement: the NFKD decomposition without
// combining marks (table.go), plus the Latin letters that do not decompose,
// each replacement itself folded.
var table = func() map[rune]string {
	m := map[rune]string{}
	for _, pair := range strings.Split(decompositions, "\x00") {
		r, size := utf8.DecodeRuneInString(pair)
		if size == 0 || len(pair) <= size || pair[size] != '=' {
			continue
		}
		m[r] = pair[size+1:]
	}
	for from, to := range map[string]string{"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
		"ß": "ss", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE",
		"ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "n", "Ŋ": "N", "ĸ": "k"} {
		r, _ := utf8.DecodeRuneInString(from)
		m[r] = to
	}
	// Close the table: a replacement holds no rune that has one itself
	// ("Ǽ" decomposes to "Æ", which is "AE"), so that folding twice is
	// folding once.
	for changed := true; changed; {
		changed = false
		for r, t := range m {
			var b strings.Builder
			for _, c := range t {
				switch x, ok := m[c]; {
				case ok && x != string(c):
					b.WriteString(x)
				case unicode.Is(unicode.Mn, c):
				default:
					b.WriteRune(c)
				}
			}
			if b.String() != t {
				m[r], changed = b.String(), true
			}
		}
	}
	return m
}()

// Accents returns s without accents: each rune is replaced by its Unicode
// compatibility decomposition (NFKD) without combining marks ("é" is "e",
// "ﬁ" is "fi", a full-width "Ａ" is "A", a no-break space is a space), the
// Latin letters that do not decompose are spelt in ASCII ("ł" is "l", "ø"
// is "o", "æ" is "ae", "ß" is "ss"), and combining marks are dropped. Case
// is kept. Text that is ASCII is returned as it is.
func Accents(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch t, ok := table[r]; {
		case ok:
			b.WriteString(t)
		case unicode.Is(unicode.Mn, r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Lower returns Accents(s) in lower case.
func Lower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	return strings.ToLower(Accents(s))
}

// Key folds a name to the key names are compared by: Lower, then letters
// and digits only, except that "+" becomes "plus" and "#" becomes "sharp",
// so that C, C++ and C# keep three keys. "scikit-learn", "Scikit Learn"
// and "SCIKIT_LEARN" share the key "scikitlearn"; "Diátaxis" is "diataxis".
func Key(s string) string {
	if folded(s) {
		return s // already a key: most words of prose are
	}
	if !isASCII(s) {
		s = Accents(s)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				b = append(b, c)
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c == '+':
				b = append(b, "plus"...)
			case c == '#':
				b = append(b, "sharp"...)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		i += size
	}
	return string(b)
}

// folded reports whether s is made of lower-case ASCII letters and digits
// only, and so is its own key.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Edit1 reports whether a and b are at most one edit apart: one rune
// inserted, deleted or replaced, or two adjacent runes swapped.
func Edit1(a, b string) bool {
	if a == b {
		return true
	}
	if d := len(a) - len(b); d > utf8.UTFMax || d < -utf8.UTFMax {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) < len(rb) { // one rune inserted in rb
		return equalRunes(ra[i:], rb[i+1:])
	}
	if equalRunes(ra[i+1:], rb[i+1:]) { // one rune replaced
		return true
	}
	return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && equalRunes(ra[i+2:], rb[i+2:])
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Distance is the Levenshtein distance between a and b, in bytes: the one
// edit distance of the project (Edit1 is its cheap test for at most one).
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest returns the choice closest to s (ignoring case) when it is fewer
// than max edits away, the first of the closest in order, or "": what a
// "did you mean" suggests.
func Nearest(s string, choices []string, max int) string {
	best, bestD := "", max
	for _, c := range choices {
		if d := Distance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

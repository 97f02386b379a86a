package related

import "strings"

// stem returns the stem of a lower-case English word by the Porter2
// ("English Snowball") rules, so that "testing", "tests" and "tested", or
// "asynchronous" and "asynchronously", are one word. A word with anything
// but the letters a to z (a version, "c++", "asyncio.gather") is kept as it
// is.
func stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	if s, ok := stemExceptions[w]; ok {
		return s
	}
	b := []byte(w)
	// y at the start or after a vowel is a consonant: mark it Y.
	for i := range b {
		if b[i] == 'y' && (i == 0 || isVowel(b[i-1])) {
			b[i] = 'Y'
		}
	}
	p := &stemmer{b: b}
	p.regions()
	p.step1a()
	if s := string(p.b); invariantAfter1a[s] {
		return strings.ToLower(s)
	}
	p.step1b()
	p.step1c()
	p.step2()
	p.step3()
	p.step4()
	p.step5()
	return strings.ToLower(string(p.b))
}

// stemExceptions are the words Porter2 stems by hand.
var stemExceptions = map[string]string{
	"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
	"idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
	"sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
}

var invariantAfter1a = map[string]bool{"inning": true, "outing": true, "canning": true, "herring": true,
	"earring": true, "proceed": true, "exceed": true, "succeed": true}

type stemmer struct {
	b      []byte
	r1, r2 int // the starts of the regions R1 and R2
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// regions finds R1, the part after the first non-vowel that follows a
// vowel (after "gener", "commun" or "arsen" when the word starts so), and
// R2, the same region within R1.
func (p *stemmer) regions() {
	after := func(from int) int {
		for i := from + 1; i < len(p.b); i++ {
			if !isVowel(p.b[i]) && isVowel(p.b[i-1]) {
				return i + 1
			}
		}
		return len(p.b)
	}
	p.r1 = -1
	for _, pre := range []string{"gener", "commun", "arsen"} {
		if strings.HasPrefix(string(p.b), pre) {
			p.r1 = len(pre)
		}
	}
	if p.r1 < 0 {
		p.r1 = after(0)
	}
	p.r2 = after(p.r1)
	if p.r1 > len(p.b) {
		p.r1 = len(p.b)
	}
	if p.r2 > len(p.b) {
		p.r2 = len(p.b)
	}
}

func (p *stemmer) ends(s string) bool {
	return len(p.b) >= len(s) && string(p.b[len(p.b)-len(s):]) == s
}

// cut replaces the suffix of length n with s.
func (p *stemmer) cut(n int, s string) { p.b = append(p.b[:len(p.b)-n], s...) }

func (p *stemmer) inR1(suffix string) bool { return len(p.b)-len(suffix) >= p.r1 }
func (p *stemmer) inR2(suffix string) bool { return len(p.b)-len(suffix) >= p.r2 }

// hasVowel reports whether b[:n] has a vowel.
func (p *stemmer) hasVowel(n int) bool {
	for _, c := range p.b[:n] {
		if isVowel(c) {
			return true
		}
	}
	return false
}

// shortSyllable reports whether the word ends in a short syllable: a
// non-vowel, a vowel, then a non-vowel other than w, x or Y; or, for a
// word of two letters, a vowel then a non-vowel.
func (p *stemmer) shortSyllable() bool {
	n := len(p.b)
	if n == 2 {
		return isVowel(p.b[0]) && !isVowel(p.b[1])
	}
	if n < 3 {
		return false
	}
	c := p.b[n-1]
	return !isVowel(p.b[n-3]) && isVowel(p.b[n-2]) && !isVowel(c) && c != 'w' && c != 'x' && c != 'Y'
}

func (p *stemmer) short() bool { return p.r1 >= len(p.b) && p.shortSyllable() }

func (p *stemmer) step1a() {
	for _, s := range []string{"'s'", "'s", "'"} {
		if p.ends(s) {
			p.cut(len(s), "")
			break
		}
	}
	switch {
	case p.ends("sses"):
		p.cut(2, "")
	case p.ends("ied"), p.ends("ies"):
		if len(p.b) > 4 {
			p.cut(2, "")
		} else {
			p.cut(1, "")
		}
	case p.ends("us"), p.ends("ss"):
	case p.ends("s"):
		// delete if a vowel comes before the letter before the s
		if len(p.b) >= 3 && p.hasVowel(len(p.b)-2) {
			p.cut(1, "")
		}
	}
}

func (p *stemmer) step1b() {
	for _, s := range []string{"eedly", "eed"} {
		if p.ends(s) {
			if p.inR1(s) {
				p.cut(len(s), "ee")
			}
			return
		}
	}
	for _, s := range []string{"ingly", "edly", "ing", "ed"} {
		if !p.ends(s) {
			continue
		}
		if !p.hasVowel(len(p.b) - len(s)) {
			return
		}
		p.cut(len(s), "")
		switch {
		case p.ends("at"), p.ends("bl"), p.ends("iz"):
			p.b = append(p.b, 'e')
		case p.doubled():
			p.cut(1, "")
		case p.short():
			p.b = append(p.b, 'e')
		}
		return
	}
}

func (p *stemmer) doubled() bool {
	for _, d := range []string{"bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"} {
		if p.ends(d) {
			return true
		}
	}
	return false
}

func (p *stemmer) step1c() {
	n := len(p.b)
	if n > 2 && (p.b[n-1] == 'y' || p.b[n-1] == 'Y') && !isVowel(p.b[n-2]) {
		p.b[n-1] = 'i'
	}
}

// step2 rules, longest suffix first within each ending.
var step2 = []struct{ from, to string }{
	{"ization", "ize"}, {"ational", "ate"}, {"fulness", "ful"}, {"ousness", "ous"}, {"iveness", "ive"},
	{"tional", "tion"}, {"biliti", "ble"}, {"lessli", "less"}, {"entli", "ent"}, {"ation", "ate"},
	{"alism", "al"}, {"aliti", "al"}, {"ousli", "ous"}, {"iviti", "ive"}, {"fulli", "ful"},
	{"enci", "ence"}, {"anci", "ance"}, {"abli", "able"}, {"izer", "ize"}, {"ator", "ate"},
	{"alli", "al"}, {"bli", "ble"}, {"ogi", "og"}, {"li", ""},
}

func (p *stemmer) step2() {
	for _, r := range step2 {
		if !p.ends(r.from) {
			continue
		}
		if !p.inR1(r.from) {
			return
		}
		n := len(p.b) - len(r.from)
		switch r.from {
		case "ogi":
			if n < 1 || p.b[n-1] != 'l' {
				return
			}
		case "li":
			if n < 1 || !strings.ContainsRune("cdeghkmnrt", rune(p.b[n-1])) {
				return
			}
		}
		p.cut(len(r.from), r.to)
		return
	}
}

var step3 = []struct{ from, to string }{
	{"ational", "ate"}, {"tional", "tion"}, {"alize", "al"}, {"icate", "ic"}, {"iciti", "ic"},
	{"ative", ""}, {"ical", "ic"}, {"ness", ""}, {"ful", ""},
}

func (p *stemmer) step3() {
	for _, r := range step3 {
		if !p.ends(r.from) {
			continue
		}
		if !p.inR1(r.from) || r.from == "ative" && !p.inR2(r.from) {
			return
		}
		p.cut(len(r.from), r.to)
		return
	}
}

var step4 = []string{"ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous",
	"ive", "ize", "ion", "al", "er", "ic"}

func (p *stemmer) step4() {
	for _, s := range step4 {
		if !p.ends(s) {
			continue
		}
		if !p.inR2(s) {
			return
		}
		n := len(p.b) - len(s)
		if s == "ion" && (n < 1 || p.b[n-1] != 's' && p.b[n-1] != 't') {
			return
		}
		p.cut(len(s), "")
		return
	}
}

func (p *stemmer) step5() {
	n := len(p.b)
	switch {
	case p.ends("e"):
		if p.inR2("e") {
			p.cut(1, "")
			return
		}
		if p.inR1("e") {
			p.b = p.b[:n-1]
			short := p.shortSyllable()
			p.b = append(p.b, 'e')
			if !short {
				p.cut(1, "")
			}
		}
	case p.ends("l"):
		if p.inR2("l") && n >= 2 && p.b[n-2] == 'l' {
			p.cut(1, "")
		}
	}
}

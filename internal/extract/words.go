package extract

import (
	_ "embed"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/names"
)

func wordSet(b []byte) map[string]bool { return names.WordSet(b) }

//go:embed data/common-words.txt
var commonWordsTxt []byte

// commonWords holds everyday English words in lower case, generated from
// the pyvideo corpus by scripts/gen-names.py.
var commonWords = wordSet(commonWordsTxt)

// stopWords are function words that never start or end a key phrase.
var stopWords = wordSet([]byte(`a an the and or but of in on at to for from by with without into onto over under
about as is are was were be been being it its this that these those your you we our us i my me he she they them his her
their how what why when where who which not no yes do does did can could should would will may might must so than then
too very just also more most less some any all each every via vs using use used new next first second part get make`))

// token is a word of prose: letters and digits, with inner connectors
// (Node.js, TI-82, HTTP/2, O'Brien) and trailing + or # (C++, C#).
type token struct {
	text       string
	start, end int // byte offsets in the inline text
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func tokenize(s string) []token {
	var out []token
	rs := []rune(s)
	// byte offsets of runes
	offs := make([]int, len(rs)+1)
	o := 0
	for i, r := range rs {
		offs[i] = o
		o += len(string(r))
	}
	offs[len(rs)] = o
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) {
			if isWordRune(rs[j]) {
				j++
				continue
			}
			if strings.ContainsRune(".-'/_’", rs[j]) && j+1 < len(rs) && isWordRune(rs[j+1]) {
				j += 2
				continue
			}
			break
		}
		for j < len(rs) && (rs[j] == '+' || rs[j] == '#') && j-i <= 2 {
			j++
		}
		end := j
		if end-i > 2 && (rs[end-1] == 's' || rs[end-1] == 'S') && (rs[end-2] == '\'' || rs[end-2] == '’') {
			end -= 2 // a possessive: "Django's" names Django
		}
		out = append(out, token{text: string(rs[i:end]), start: offs[i], end: offs[end]})
		i = j
	}
	return out
}

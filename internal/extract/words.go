package extract

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
)

//go:embed data/common-words.txt
var commonWordsTxt []byte

//go:embed data/given-names.txt
var givenNamesTxt []byte

//go:embed data/given-names-extra.txt
var givenNamesExtraTxt []byte

// commonWords holds everyday English words in lower case; givenNames holds
// first names. Both are generated from the pyvideo corpus by
// scripts/gen-wordlists.py.
var (
	commonWords = wordSet(commonWordsTxt)
	givenNames  = wordSet(append(append([]byte{}, givenNamesTxt...), givenNamesExtraTxt...))
)

func wordSet(b []byte) map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
}

// stopWords are function words that never start or end a key phrase.
var stopWords = wordSet([]byte(`a an the and or but of in on at to for from by with without into onto over under
about as is are was were be been being it its this that these those your you we our us i my me he she they them his her
their how what why when where who which not no yes do does did can could should would will may might must so than then
too very just also more most less some any all each every via vs using use used new next first second part get make`))

// fold folds a name as the lexicon does (lexicon.Fold): lower case,
// letters and digits only, "+" as "plus" and "#" as "sharp".
func fold(s string) string { return lexicon.Fold(s) }

// edit1 reports whether a and b differ by at most one insertion, deletion,
// substitution or swap of adjacent letters.
func edit1(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	la, lb := len(ra), len(rb)
	switch {
	case la == lb:
		var diff []int
		for i := range ra {
			if ra[i] != rb[i] {
				diff = append(diff, i)
				if len(diff) > 2 {
					return false
				}
			}
		}
		if len(diff) == 1 {
			return true
		}
		return len(diff) == 2 && diff[1] == diff[0]+1 && ra[diff[0]] == rb[diff[1]] && ra[diff[1]] == rb[diff[0]]
	case la-lb == 1 || lb-la == 1:
		if la > lb {
			ra, rb = rb, ra
		}
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i:]) == string(rb[i+1:])
	}
	return false
}

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

package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/internal/fold"
)

// token is a word of prose: letters and digits, with inner connectors
// (Node.js, TI-82, HTTP/2, O'Brien) and a trailing + or # (C++, C#), and
// its folded key.
type token struct {
	text       string
	key        string // fold.Key(text)
	start, end int    // byte offsets in the text
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenize splits s into tokens, each folded once. A possessive "'s" is
// left out of its word ("Django's" is Django).
func tokenize(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		j := i + size
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r) {
				j += size
				continue
			}
			if r == '.' || r == '-' || r == '\'' || r == '/' || r == '_' || r == '’' {
				if r2, _ := utf8.DecodeRuneInString(s[j+size:]); j+size < len(s) && isWordRune(r2) {
					j += size
					continue
				}
			}
			break
		}
		for n := 0; j < len(s) && (s[j] == '+' || s[j] == '#') && j-start <= 4 && n < 2; n++ {
			j++
		}
		end := j
		if end-start > 2 && (s[end-1] == 's' || s[end-1] == 'S') {
			if s[end-2] == '\'' {
				end -= 2
			} else if end-start > 4 && s[end-4:end-1] == "’" {
				end -= 4
			}
		}
		t := s[start:end]
		out = append(out, token{text: t, key: fold.Key(t), start: start, end: end})
		i = j
	}
	return out
}

// hasSlash reports whether a token joins words with "/" ("Django/Postgres").
func (t token) hasSlash() bool {
	for i := 0; i < len(t.text); i++ {
		if t.text[i] == '/' {
			return true
		}
	}
	return false
}

// split splits a token joined with "/" into its parts.
func (t token) split() []token {
	var out []token
	start := 0
	for i := 0; i <= len(t.text); i++ {
		if i < len(t.text) && t.text[i] != '/' {
			continue
		}
		if i > start {
			p := t.text[start:i]
			out = append(out, token{text: p, key: fold.Key(p), start: t.start + start, end: t.start + i})
		}
		start = i + 1
	}
	return out
}

package extract

import (
	"strings"
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
	out := make([]token, 0, len(s)/6+1)
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

// parts splits a token the lexicon does not know whole into the words it
// joins: at "/" ("Docker/Slack/GitLab"), at "-" when a part is written as
// a name ("Bootstrap-based"), and before version digits glued to a name
// ("MySQL3", "PHP5"). It returns nil when there is nothing to split.
func (t token) parts() []token {
	var sep byte
	switch {
	case strings.IndexByte(t.text, '/') > 0:
		sep = '/'
	case strings.IndexByte(t.text, '-') > 0:
		sep = '-'
	default:
		// version digits glued to a name
		j := len(t.text)
		for j > 0 && t.text[j-1] >= '0' && t.text[j-1] <= '9' {
			j--
		}
		if j < 2 || j == len(t.text) || !unicode.IsUpper(rune(t.text[0])) {
			return nil
		}
		p := t.text[:j]
		return []token{{text: p, key: fold.Key(p), start: t.start, end: t.start + j}}
	}
	var out []token
	start := 0
	for i := 0; i <= len(t.text); i++ {
		if i < len(t.text) && t.text[i] != sep {
			continue
		}
		if i > start {
			p := t.text[start:i]
			if sep == '/' || unicode.IsUpper(rune(p[0])) {
				out = append(out, token{text: p, key: fold.Key(p), start: t.start + start, end: t.start + i})
			}
		}
		start = i + 1
	}
	return out
}

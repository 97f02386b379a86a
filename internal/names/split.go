package names

import (
	"iter"
	"strings"
)

// Split splits a list of names at its separators, "," ";" "&" "+" and the
// word "and" (also ", and" and "and also"), outside brackets and quotes, and
// trims each part. "Mark Hinkle (Zenoss), John Willis (Opscode, Inc.) and
// Alex Honor" is three parts. A slash is no separator: "A / B" is two
// spellings of one name (see the identity package).
func Split(s string) []string {
	var out []string
	start := 0
	flush := func(end int) {
		if p := strings.TrimSpace(s[start:end]); p != "" {
			out = append(out, p)
		}
	}
	for i, r := range Outside(s) {
		switch r {
		case ',', ';', '&', '+':
			flush(i)
			start = i + 1
		case 'a':
			if isAnd(s, i) {
				flush(i)
				start = i + 3
			}
		}
	}
	flush(len(s))
	return out
}

// Outside yields the runes of s, with their byte offsets, that stand
// outside brackets ("()" and "[]"; braces are text, as in "Go's { rule")
// and quotes ("…" and “…”): the places a list of names or a talk line may
// split. A bracket opened at the top is
// yielded, what it holds and its closing bracket are not; quotes are not
// yielded. An unclosed quote or bracket hides the rest of s.
func Outside(s string) iter.Seq2[int, rune] {
	return func(yield func(int, rune) bool) {
		depth, quote := 0, rune(0)
		for i, r := range s {
			switch {
			case quote != 0:
				if r == quote || quote == '“' && r == '”' {
					quote = 0
				}
				continue
			case r == '"' || r == '“':
				quote = r
				continue
			case r == '(' || r == '[':
				depth++
				if depth == 1 && !yield(i, r) {
					return
				}
				continue
			case r == ')' || r == ']':
				depth = max(0, depth-1)
				continue
			}
			if depth == 0 && !yield(i, r) {
				return
			}
		}
	}
}

// isAnd reports whether the word "and" starts at byte i of s, with a space
// or the start before it and a space after it.
func isAnd(s string, i int) bool {
	if !strings.HasPrefix(s[i:], "and ") {
		return false
	}
	return i == 0 || s[i-1] == ' ' || s[i-1] == '\t' || s[i-1] == '\n'
}

// StripNickname removes the nicknames written inside or after a name and
// returns the rest and the nicknames. A nickname is a quoted part (`Joshua
// "jag" Ginsberg`, "David “DB” Baumgold") or a bracketed part that quotes
// one or says so (`Amber Brown ("HawkOwl")`, "Ann Lee (aka annie)", `Adrienne
// Franke (pronounced like "Frankie")`). Other bracketed parts stay: in
// "Tim Bray (Google)" the brackets name an organization.
func StripNickname(s string) (string, []string) {
	if !strings.ContainsAny(s, `"“(['`) {
		return s, nil
	}
	var nicks []string
	var b strings.Builder
	for i := 0; i < len(s); {
		if j, ok := bracketNick(s, i); ok {
			nicks = append(nicks, strings.TrimSpace(s[i:j]))
			i = j
			continue
		}
		if j, ok := quotedNick(s, i); ok {
			nicks = append(nicks, strings.TrimSpace(s[i:j]))
			b.WriteByte(' ')
			i = j
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	if len(nicks) == 0 {
		return s, nil
	}
	return strings.Join(strings.Fields(b.String()), " "), nicks
}

// bracketNick reads a bracketed nickname that starts at byte i, returning
// the byte just past it.
func bracketNick(s string, i int) (int, bool) {
	if s[i] != '(' && s[i] != '[' {
		return 0, false
	}
	closer := map[byte]byte{'(': ')', '[': ']'}[s[i]]
	j := strings.IndexByte(s[i:], closer)
	if j < 0 {
		return 0, false
	}
	inner := strings.TrimSpace(s[i+1 : i+j])
	lower := strings.ToLower(inner)
	if strings.ContainsAny(inner, `"“”`) || strings.HasPrefix(lower, "aka ") || strings.HasPrefix(lower, "a.k.a") ||
		strings.HasPrefix(lower, "pronounced") || strings.HasPrefix(lower, "né ") || strings.HasPrefix(lower, "née ") ||
		strings.HasPrefix(lower, "they/") || strings.HasPrefix(lower, "she/") || strings.HasPrefix(lower, "he/") {
		return i + j + 1, true
	}
	return 0, false
}

// quotedNick reads a quoted nickname ("…", “…” or '…' of at most 30 bytes)
// that starts at byte i after a space, returning the byte just past it.
func quotedNick(s string, i int) (int, bool) {
	var closers string
	switch {
	case s[i] == '"':
		closers = `"`
	case strings.HasPrefix(s[i:], "“"):
		closers = "”"
	case s[i] == '\'' && (i == 0 || s[i-1] == ' '):
		closers = "'"
	default:
		return 0, false
	}
	open := len(string([]rune(s[i:])[0]))
	j := strings.Index(s[i+open:], closers)
	if j <= 0 || j > 30 {
		return 0, false
	}
	return i + open + j + len(closers), true
}

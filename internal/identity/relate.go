package identity

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/internal/fold"
)

// relKind is how two names with different keys may still be one person.
type relKind int

const (
	relNone        relKind = iota
	relSingleName          // "Mariatta" / "Mariatta Wijaya"
	relSurnameTypo         // "Anna Osswoski" / "Anna Ossowski"
	relGivenTypo           // "Merdydd Luff" / "Meredydd Luff"
	relMiddleName          // "Seth Larson" / "Seth Michael Larson"
	relInitial             // "B. Cannon" / "Brett Cannon"
	relShortForm           // "Bob Smith" / "Robert Smith"
)

// typoMin is the shortest word in which one typo is tolerated.
const typoMin = 6

// relation is a possible identity between two names, with a human-readable
// detail for Explain.
type relation struct {
	kind   relKind
	detail string
}

// relate says how a and b, whose keys differ, may be one person, or relNone.
func relate(a, b name) relation {
	if a.given == "" || b.given == "" || a.key() == b.key() {
		return relation{}
	}
	sa, sb := a.surname(), b.surname()
	switch {
	case sa == "" || sb == "":
		if a.given == b.given {
			return relation{relSingleName, fmt.Sprintf("'%s' is a given name only", a.given)}
		}
	case sa == sb:
		return relateGiven(a.given, b.given)
	case a.given == b.given:
		return relateSurname(a, b)
	}
	fa, fb := append([]string{a.given}, a.rest...), append([]string{b.given}, b.rest...)
	switch {
	case subsequence(fa, fb):
		return relation{relMiddleName, fmt.Sprintf("'%s' leaves out '%s'", spaced(a), strings.Join(missing(fa, fb), " "))}
	case subsequence(fb, fa):
		return relation{relMiddleName, fmt.Sprintf("'%s' leaves out '%s'", spaced(b), strings.Join(missing(fb, fa), " "))}
	}
	return relation{}
}

func relateGiven(ga, gb string) relation {
	switch {
	case isShortForm(ga, gb):
		return relation{relShortForm, fmt.Sprintf("'%s' is a short form of '%s'", ga, gb)}
	case isShortForm(gb, ga):
		return relation{relShortForm, fmt.Sprintf("'%s' is a short form of '%s'", gb, ga)}
	case len([]rune(ga)) == 1 && strings.HasPrefix(gb, ga):
		return relation{relInitial, fmt.Sprintf("'%s' may be the initial of '%s'", ga, gb)}
	case len([]rune(gb)) == 1 && strings.HasPrefix(ga, gb):
		return relation{relInitial, fmt.Sprintf("'%s' may be the initial of '%s'", gb, ga)}
	case oneTypo(ga, gb):
		return relation{relGivenTypo, fmt.Sprintf("given names '%s' and '%s' are one letter apart", ga, gb)}
	}
	return relation{}
}

func relateSurname(a, b name) relation {
	sa, sb := a.surname(), b.surname()
	switch {
	case oneTypo(sa, sb):
		return relation{relSurnameTypo, fmt.Sprintf("surnames '%s' and '%s' are one letter apart", sa, sb)}
	case subsequence(a.rest, b.rest):
		return relation{relMiddleName, fmt.Sprintf("'%s' leaves out '%s'", spaced(a), strings.Join(missing(a.rest, b.rest), " "))}
	case subsequence(b.rest, a.rest):
		return relation{relMiddleName, fmt.Sprintf("'%s' leaves out '%s'", spaced(b), strings.Join(missing(b.rest, a.rest), " "))}
	}
	return relation{}
}

func spaced(n name) string { return strings.Join(append([]string{n.given}, n.rest...), " ") }

// subsequence reports whether short is a proper subsequence of long.
func subsequence(short, long []string) bool {
	if len(short) == 0 || len(short) >= len(long) {
		return false
	}
	return len(missing(short, long)) == len(long)-len(short)
}

// missing lists the tokens of long that a greedy walk of short skips.
func missing(short, long []string) []string {
	var out []string
	i := 0
	for _, t := range long {
		if i < len(short) && short[i] == t {
			i++
			continue
		}
		out = append(out, t)
	}
	if i < len(short) {
		return nil
	}
	return out
}

// oneTypo reports whether a and b, both at least typoMin letters long, are
// one edit apart (fold.Edit1) and not equal.
func oneTypo(a, b string) bool {
	// Cheap rejections first: a rune is at most 4 bytes, and one edit in a
	// word of 6 letters or more leaves its first or its last letter alone.
	if a == b || len(a) < typoMin || len(b) < typoMin || len(a)-len(b) > 4 || len(b)-len(a) > 4 ||
		a[0] != b[0] && a[len(a)-1] != b[len(b)-1] {
		return false
	}
	if utf8.RuneCountInString(a) < typoMin || utf8.RuneCountInString(b) < typoMin {
		return false
	}
	return fold.Edit1(a, b)
}

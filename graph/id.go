package graph

import (
	"strings"
	"unicode"
)

// ID returns the stable ID of the entity with the given label and canonical
// name parts: the label in lower case, then each part folded to a slug, joined
// by colons ("talk:pycon-2018:taking-django-async"). Case, accents and
// punctuation do not change an ID; "+" and "#" are kept apart as "plus" and
// "sharp" so that C, C++ and C# stay three entities.
func ID(l Label, parts ...string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(string(l)))
	for _, p := range parts {
		b.WriteByte(':')
		b.WriteString(Slug(p))
	}
	return b.String()
}

// Slug folds s to lower-case ASCII words joined by hyphens.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		var w string
		switch {
		case r == '+':
			w = "plus"
		case r == '#':
			w = "sharp"
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent ("e\u0301") belongs to the letter before it
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			w = string(unicode.ToLower(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w = Fold(string(r))
		}
		if w == "" {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(w)
	}
	return b.String()
}

// Fold lower-cases s and replaces the accented Latin letters it knows by
// their base letters ("Jérôme" → "jerome"). Other letters pass unchanged.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var foldTable = func() map[rune]string {
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ďđ", "e": "èéêëēĕėęě", "g": "ĝğġģ",
		"h": "ĥħ", "i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ", "l": "ĺļľŀł", "n": "ñńņňŉ",
		"o": "òóôõöøōŏő", "r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűų",
		"w": "ŵ", "y": "ýÿŷ", "z": "źżž", "ae": "æ", "oe": "œ", "ss": "ß", "th": "þ",
	}
	m := map[rune]string{}
	for base, rs := range groups {
		for _, r := range rs {
			m[r] = base
		}
	}
	return m
}()

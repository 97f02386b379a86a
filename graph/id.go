package graph

import (
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/fold"
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
			w = fold.Lower(string(r))
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

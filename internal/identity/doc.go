// Package identity decides when two spellings name the same person and when a
// talk read from a note is the same talk as an entry of the conference
// catalog.
//
// People: PersonKey folds one name to a key that ignores the differences that
// never change who is meant (case, accents, hyphens, dots, apostrophes,
// particle case, middle initials, honorifics, quoted nicknames). It never
// merges on the surname alone, and it never merges a short form with its
// given name ("Bob"/"Robert"), a typo, or a left-out middle name: those are
// suggestions (SuggestSame, Explain) that a user confirms with a decisions
// file, which a Resolver applies on top of the keys.
//
// Talks: a Linker indexes catalog talks by event and matches a note's talk by
// title similarity and speaker keys, and says whether the link is sure.
package identity

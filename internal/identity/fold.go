package identity

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/names"
)

// name is a person's name read for comparison: the folded given name, the
// folded remaining tokens (middle names and surname, initials removed), the
// dropped middle initials as written, and notes on what folding did, for
// Explain.
type name struct {
	given    string
	rest     []string
	initials []string
	notes    []string
}

// key is the identity key of n: the given name, a space, and the remaining
// tokens written as one word.
func (n name) key() string {
	if len(n.rest) == 0 {
		return n.given
	}
	return n.given + " " + strings.Join(n.rest, "")
}

// surname is the rest of n as one word ("keithmagee").
func (n name) surname() string { return strings.Join(n.rest, "") }

// PersonKey folds a person's name to its identity key, so that two spellings
// of one person's name get the same key. It folds:
//
//   - case and surrounding or repeated whitespace;
//   - accents ("Jérôme" = "Jerome"): NFKD, marks dropped, and ł, ø, æ, ß, ı
//     transliterated;
//   - hyphens, dots and apostrophes: "Keith-Magee" = "Keith Magee",
//     "H.Tollervey" = "H. Tollervey", and "O'Brien" = "OBrien" (an apostrophe
//     is dropped, not read as a space: in "Conan O Brien" the O is a middle
//     initial);
//   - particles and compound surnames, whatever their case or spacing: every
//     token after the given name is written as one word, so "Guido Van
//     Rossum" = "Guido van Rossum" and "Jake VanderPlas" = "Jake Van der Plas";
//   - initials, when two full words remain: middle ones ("Eric J. Ma" =
//     "Eric Ma"), leading ones ("A. Jesse Jiryu Davis" = "Jesse Jiryu
//     Davis") and trailing ones ("Haris Ibrahim K.V." = "Haris Ibrahim");
//   - honorifics and suffixes (Dr., Mx, Prof., Jr., III, PhD), quoted or
//     bracketed nicknames ('Joshua "jag" Ginsberg', "Amber Brown (HawkOwl)"),
//     and "Surname, Given" order;
//   - alternatives written "A / B": the smaller key of the two, so the order
//     of the alternatives does not matter.
//
// The key is the folded given name, a space, and the rest as one word
// ("russell keithmagee", "eric ma"); a single name is its own key ("glyph").
// It keeps the given name, so it never merges on the surname alone; it keeps a
// lone initial given name ("B. Cannon" is "b cannon", not "brett cannon"),
// full middle names ("Seth Michael Larson" is not "Seth Larson") and short
// forms ("Bob" is not "Robert"). Those need a user decision; see Resolver.
func PersonKey(s string) string { return parseName(s).key() }

// parseName reads s into a name, choosing the smallest key among
// alternatives written "A / B".
func parseName(s string) name {
	parts := strings.Split(s, "/")
	if len(parts) == 1 {
		return parseOne(s)
	}
	var best name
	found := false
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		n := parseOne(p)
		if !found || n.key() < best.key() {
			best, found = n, true
		}
	}
	best.notes = append(best.notes, "alternatives '"+strings.TrimSpace(s)+"': the smallest key kept")
	return best
}

// bracketRx matches what a bracket holds: after names.StripNickname takes
// the nicknames, what is left in brackets is no part of a name either
// ("Amber Brown (HawkOwl)", "Tim Bray (Google)").
var bracketRx = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]`)

// parseOne reads one spelling (no alternatives) into a name.
func parseOne(s string) name {
	var n name
	s = strings.TrimSpace(s)
	if rest, nicks := names.StripNickname(s); len(nicks) > 0 && strings.TrimSpace(rest) != "" {
		for _, m := range nicks {
			n.notes = append(n.notes, "nickname "+m+" dropped")
		}
		s = rest
	}
	if rest := strings.TrimSpace(bracketRx.ReplaceAllString(s, " ")); rest != "" && rest != s {
		for _, m := range bracketRx.FindAllString(s, -1) {
			n.notes = append(n.notes, "nickname "+m+" dropped")
		}
		s = rest
	}
	s = n.reorderComma(s)
	if f := fold.Accents(s); f != s {
		n.notes = append(n.notes, "accents dropped")
		s = f
	}
	words := n.dropTitles(strings.Fields(s))
	toks, raws := n.split(words)
	n.setTokens(toks, raws)
	return n
}

// reorderComma reads "Surname, Given" as "Given Surname" and drops suffixes
// written after a comma ("Smith, Jr.").
func (n *name) reorderComma(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	var parts []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if names.Suffix(p) {
			n.notes = append(n.notes, "suffix '"+p+"' dropped")
			continue
		}
		parts = append(parts, p)
	}
	if len(parts) == 2 {
		n.notes = append(n.notes, "'"+s+"' read as '"+parts[1]+" "+parts[0]+"'")
		return parts[1] + " " + parts[0]
	}
	return strings.Join(parts, " ")
}

// dotless lower-cases w without dots and commas ("Ph.D." is "phd").
func dotless(w string) string {
	return strings.ToLower(strings.NewReplacer(".", "", ",", "").Replace(w))
}

// dropTitles removes leading honorifics and trailing suffixes, keeping at
// least two words.
func (n *name) dropTitles(words []string) []string {
	for len(words) > 2 && names.Honorific(words[0]) {
		n.notes = append(n.notes, "honorific '"+words[0]+"' dropped")
		words = words[1:]
	}
	for len(words) > 2 && names.Suffix(words[len(words)-1]) {
		n.notes = append(n.notes, "suffix '"+words[len(words)-1]+"' dropped")
		words = words[:len(words)-1]
	}
	return words
}

// split cuts words at dots and hyphens, removes apostrophes and other
// punctuation, and lower-cases; raws keeps each token as written.
func (n *name) split(words []string) (toks, raws []string) {
	hyphen, apos := false, false
	for _, w := range words {
		var cur, raw strings.Builder
		flush := func() {
			if cur.Len() > 0 {
				toks = append(toks, cur.String())
				raws = append(raws, raw.String())
			}
			cur.Reset()
			raw.Reset()
		}
		for _, r := range w {
			switch {
			case r == '\'' || r == '’' || r == '`' || r == 'ʼ':
				apos = true
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				cur.WriteRune(unicode.ToLower(r))
				raw.WriteRune(r)
			case r == '.':
				raw.WriteRune(r)
				flush()
			default: // hyphens, underscores and other punctuation separate
				hyphen = hyphen || strings.ContainsRune("-‐‑–", r)
				flush()
			}
		}
		flush()
	}
	if hyphen {
		n.notes = append(n.notes, "hyphen dropped")
	}
	if apos {
		n.notes = append(n.notes, "apostrophe dropped")
	}
	return toks, raws
}

// setTokens drops initials and fills given and rest. With two full tokens or
// more every initial goes ("A. Jesse Jiryu Davis", "Haris Ibrahim K.V.");
// otherwise the first and last tokens stay, so a lone initial given name
// ("B. Cannon") or surname ("Tilak T") is kept.
func (n *name) setTokens(toks, raws []string) {
	isInit := func(t string) bool { return len([]rune(t)) == 1 && !unicode.IsDigit([]rune(t)[0]) }
	full := 0
	for _, t := range toks {
		if !isInit(t) {
			full++
		}
	}
	var kept []string
	for i, t := range toks {
		switch {
		case !isInit(t) || full < 2 && (i == 0 || i == len(toks)-1):
			kept = append(kept, t)
		case len(kept) == 0:
			n.notes = append(n.notes, "leading initial '"+raws[i]+"' dropped")
		default:
			label := "middle initial"
			if i == len(toks)-1 {
				label = "trailing initial"
			}
			n.initials = append(n.initials, raws[i])
			n.notes = append(n.notes, label+" '"+raws[i]+"' dropped")
		}
	}
	if len(kept) > 0 {
		n.given, n.rest = kept[0], kept[1:]
	}
}

// spelling folds s without dropping anything but case, accents, punctuation
// and spacing: "Nathaniel J. Smith" is "nathaniel j smith". A "different"
// decision uses it to set a spelling apart from the others of its key.
func spelling(s string) string {
	s = strings.ToLower(fold.Accents(strings.TrimSpace(s)))
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return r
		case r == '\'' || r == '’':
			return -1
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

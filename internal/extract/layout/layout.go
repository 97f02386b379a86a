// Package layout finds the talks of a note: where each talk is anchored,
// its title, speakers and kind, and which blocks tell of it.
//
// People present talks in many ways: a heading per talk (with the title and
// the speakers in one heading in either order, or the speaker on the line,
// heading or italic line under the title, or the title under a speaker's
// heading), setext and reStructuredText titles, bullets and numbered lists
// in either order with or without comments, tables, prose with bold, linked
// or quoted titles, schedule lines with times, one talk per file, and plain
// text. Each way is a recogniser in a file of its own (heading.go,
// single.go, list.go, table.go, prose.go, schedule.go, plain.go). A note
// almost always repeats one way for all its talks, so Read first finds the
// shape that repeats (the heading level that holds talks and the order of
// title and speakers, the shape of a list's items, a table's columns) and
// then reads every talk of the note with it: a shape seen eight times is
// stronger evidence than a shape seen once.
//
// The talk-line reader (talkline.go, spec.go, affixes.go) splits a heading,
// a bullet or a row into title, speakers, organization and comment; the
// name model of package names tells which side of "A - B" is a person.
package layout

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// Config configures Read.
type Config struct {
	// Known says what the lexicon knows a name as: "tool",
	// "organization", "concept", or "" when it does not know it. Names it
	// knows as tools or organizations are no people.
	Known func(string) string
	// Series is the conference series the note is about ("PyCon US"), when
	// known: titles that go on to name it ("… - WWDC 2021 - Videos") lose
	// that tail.
	Series string
	Year   int
}

// Section is one talk or session as a note presents it: a heading and its
// body, a bullet, a table row, or a title named in prose.
type Section struct {
	Line    int    // the anchor's line
	EndLine int    // the last line of the body
	Heading string // the anchor as written: heading text, first line of a bullet, a row, a prose title
	Title   string // "" when the note names no title
	// TitleLine is the line the title was read from (the anchor's line,
	// or the line under a speaker's heading).
	TitleLine int
	Speakers  []Speaker
	// SpeakerLine is the line the speakers were read from.
	SpeakerLine int
	Kind        string // talk, keynote, lightning, tutorial, panel, workshop or other
	IsTalk      bool
	// Layout names the recogniser that read the section ("heading",
	// "single", "list", "table", "prose", "schedule", "plain").
	Layout string
	// Confidence is how sure the layout is that this is a talk, 0 to 1.
	Confidence float64
	// Body holds the blocks that tell of the talk (or parts of blocks, for
	// talks named in prose); the anchor is not among them.
	Body []notes.Block
	// Comment is text on the anchor line besides title and speakers, such
	// as an opinion ("really clear, ASGI explained"): mined for tools and
	// concepts, never an affiliation.
	Comment string
	// Org is an organization the anchor names that is no speaker's.
	Org string
}

// Read finds the sections of a note.
func Read(n *notes.Note, cfg Config) []Section {
	d := newDoc(n, &cfg)
	ss := d.read()
	for i := range ss {
		s := &ss[i]
		s.Org = affiliation(s.Org)
		for j := range s.Speakers {
			s.Speakers[j].Affiliation = affiliation(s.Speakers[j].Affiliation)
		}
	}
	return ss
}

// affiliation returns the organization an affiliation names: "" for a role
// alone ("CPython Core Developer"), the organization after "at" or "of" in
// a role ("maintainer at Tidelift").
func affiliation(s string) string {
	if s == "" || !roleOnly(s) {
		return s
	}
	if o := roleOrg(s); o != s {
		return cleanOrg(o)
	}
	return ""
}

// Orgs splits an affiliation that names several organizations ("PyLadiesSG
// & WomenDevsSG", "ReadTheDocs and WriteTheDocs") into them, when every
// part reads as a name; else it returns the affiliation whole.
func Orgs(s string) []string {
	parts := orgSep.Split(s, -1)
	if len(parts) < 2 {
		return []string{s}
	}
	for _, p := range parts {
		ws := strings.Fields(p)
		if len(ws) == 0 || len(ws) > 4 || !unicode.IsUpper([]rune(ws[0])[0]) || legalSuffix[strings.ToLower(strings.Trim(p, ". "))] {
			return []string{s} // "Best Practical, Inc." is one
		}
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

var legalSuffix = wordSet(`inc llc ltd gmbh corp co plc sa ag bv nv pty`)

var orgSep = regexp.MustCompile(`\s+(?:&|and|\+)\s+|\s*[,/]\s+`)

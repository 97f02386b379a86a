// Package extract turns a parsed note into talk sections and a graph
// fragment: talks with their speakers, the tools, concepts, organizations and
// people each talk mentions, the event, and the source line of every fact. It
// is deterministic and works offline from a shipped lexicon.
package extract

import (
	"sync"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/identity"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// Config configures an Extractor. The zero value is not valid; start from
// Default.
type Config struct {
	// Lexicon is the vocabulary of tools, concepts and organizations.
	Lexicon *lexicon.Lexicon
	// Events maps a folder (slash path prefix of note paths) to the event
	// its notes are about, overriding what the notes say.
	Events map[string]EventRef
	// People decides which spellings are one person; nil folds names with
	// no user decisions.
	People *identity.Resolver
	// Catalog links a note's talks to the catalog talks they are; nil
	// links nothing.
	Catalog *identity.Linker
	// CatalogKey identifies the catalog the linker was built from, for
	// Fingerprint.
	CatalogKey string
	// MinConfidence leaves out of the graph the talks, speakers and
	// mentions whose confidence is below it (Section.Evidence still lists
	// them). 0 keeps every fact.
	MinConfidence float64
}

// Default returns a Config with the shipped lexicon.
func Default() (Config, error) {
	lx, err := lexicon.Default()
	if err != nil {
		return Config{}, err
	}
	return Config{Lexicon: lx}, nil
}

// Extractor extracts sections and graph fragments from notes. It is safe
// for concurrent use.
type Extractor struct {
	cfg   Config
	mOnce sync.Once
	mm    *matcher // built on first use: a build with nothing to read needs none
}

// matcher returns the lexicon matcher, built on first use.
func (x *Extractor) matcher() *matcher {
	x.mOnce.Do(func() { x.mm = newMatcher(x.cfg.Lexicon) })
	return x.mm
}

// New returns an Extractor for cfg.
func New(cfg Config) *Extractor {
	if cfg.People == nil {
		cfg.People = identity.NewResolver(nil)
	}
	return &Extractor{cfg: cfg}
}

// Result is what one note yields.
type Result struct {
	Sections   []Section
	Graph      *graph.Graph
	Candidates []Candidate // names found that the lexicon does not know
	Event      *EventRef
	Links      []TalkLink // the note's talks matched against the catalog
}

// TalkLink says which catalog talk a note's talk is, or may be.
type TalkLink struct {
	File    string  `json:"file"`
	Line    int     `json:"line"`
	Title   string  `json:"title"`
	Event   string  `json:"event"`
	Catalog string  `json:"catalog"` // the catalog talk's id
	Score   float64 `json:"score"`
	Sure    bool    `json:"sure"`
	Why     string  `json:"why"`
}

// Section is one talk or session as the note presents it: a heading and its
// body, or a talk named in prose. Its JSON form is the extraction contract
// of `talkgraph extract --json`.
type Section struct {
	File          string       `json:"file"`
	Line          int          `json:"line"`
	EndLine       int          `json:"end_line"`
	Heading       string       `json:"heading"`
	IsTalk        bool         `json:"is_talk"`
	Kind          string       `json:"kind"`
	Title         string       `json:"title"`
	Speakers      []SpeakerRef `json:"speakers"`
	Tools         []string     `json:"tools"`
	Concepts      []string     `json:"concepts"`
	Organizations []string     `json:"organizations"`
	People        []string     `json:"people"`
	Event         *EventRef    `json:"event"`
	ID            string       `json:"id,omitempty"`
	// Layout names the way the note presents the talk ("heading", "list",
	// "table", "schedule", "prose", "plain", "single").
	Layout string `json:"layout,omitempty"`
	// Confidence is how sure the extractor is that the section is a talk
	// and of its title and speakers, 0 to 1.
	Confidence float64 `json:"confidence"`
	// Evidence holds every fact of the section with the line and text it
	// was read from and a confidence.
	Evidence []Fact `json:"evidence"`

	mentions []mention // every entity found, with its evidence
	about    []string  // canonical names found in the title or heading
	body     string    // the section's prose text
}

// SpeakerRef is a speaker as a note names them. Name is "" when the note
// gives only a handle.
type SpeakerRef struct {
	Name        string  `json:"name"`
	Handle      *string `json:"handle"`
	Affiliation *string `json:"affiliation"`
	Confidence  float64 `json:"-"`
}

// EventRef names a conference edition.
type EventRef struct {
	Series   string `json:"series"`
	Year     int    `json:"year,omitempty"`
	Day      int    `json:"day,omitempty"`
	Location string `json:"location,omitempty"`
}

// Candidate is a name the lexicon does not know, seen in a note, with a
// guess of what it is.
type Candidate struct {
	Name  string `json:"name"`
	Guess string `json:"guess"` // tool, person, organization or unknown
	Why   string `json:"why"`   // code span, CamelCase, dotted name, handle, capitalised words
	Note  string `json:"note"`
	Line  int    `json:"line"`
}

// Extract extracts the sections and graph fragment of one note.
func (x *Extractor) Extract(n *notes.Note) *Result {
	return x.extract(n)
}

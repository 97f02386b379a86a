// Package notes reads a conference note (markdown or plain text, with optional
// YAML or TOML front matter) into a flat list of positioned blocks: headings,
// paragraphs, list items, code and HTML. It parses with goldmark and keeps, for
// every run of inline text, its style (bold, italic, link, code) and line, so
// the extractor can reason about structure without regular expressions over
// raw markdown.
package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/talkgraph/talkgraph/internal/source"
)

// Note is one parsed note file.
type Note struct {
	Path   string // as given, slash-separated
	Hash   string // hex SHA-256 of the raw content
	Meta   Meta   // front matter; zero when absent
	Blocks []Block
	Lines  int // number of lines
}

// Meta is a note's front matter.
type Meta struct {
	Format     string // "yaml", "toml" or "" when there is none
	Title      string
	Date       string // YYYY-MM-DD when the front matter has a date
	Tags       []string
	Categories []string
	Conference string // conference, event or series field
	Year       int    // year field, or the date's year
	Day        int
	Location   string
	Speakers   []string // speaker, speakers or author-of-talk fields
	Published  *bool
	TitleLine  int            // line of the title field, 0 when none
	EndLine    int            // last line of the front matter block
	Raw        map[string]any // every field as decoded
}

// BlockKind tells what a Block is.
type BlockKind int

// The block kinds.
const (
	Heading BlockKind = iota + 1
	Paragraph
	Item // the text of a list item
	Code // fenced or indented code, or a shortcode-delimited block
	HTML
	Row // a row of a table; Cells holds its cells, Level its index (0 is the header)
)

var blockKindNames = [...]string{"", "heading", "paragraph", "item", "code", "html", "row"}

func (k BlockKind) String() string { return blockKindNames[k] }

// Block is one leaf block of the note in document order.
type Block struct {
	Kind    BlockKind
	Level   int // heading level 1–6, list depth (1 = top level) for items, row index for rows
	Line    int // first line, 1-based
	EndLine int // last line
	Inlines []Inline
	Raw     string // raw text of code and HTML blocks
	Setext  bool   // a heading underlined with = or - (or another reStructuredText adornment)
	// Bullet marks the first block of a list item, the one its bullet or
	// number stands before; Ordered and Number say whether the list is
	// numbered and the item's number.
	Bullet  bool
	Ordered bool
	Number  int
	Quote   bool       // inside a block quote
	Cells   [][]Inline // the cells of a row, in column order
	Table   int        // for rows: which table of the note (1, 2, …)
}

// Text returns the block's inline text, with line breaks as "\n".
func (b *Block) Text() string {
	if b.Kind == Code || b.Kind == HTML {
		return b.Raw
	}
	var s strings.Builder
	for _, in := range b.Inlines {
		s.WriteString(in.Text)
	}
	return s.String()
}

// Style is a set of inline styles.
type Style uint8

// The inline styles.
const (
	Strong Style = 1 << iota
	Emph
	Link
	CodeSpan
	Image
	Break // a line break; Text is "\n"
)

// Has reports whether s includes all of x.
func (s Style) Has(x Style) bool { return s&x == x }

// Inline is a run of text with one style, on one line.
type Inline struct {
	Text  string
	Style Style
	URL   string // for links, images and autolinks
	Line  int
	Col   int
}

// Hash returns the hex SHA-256 of content.
func Hash(content []byte) string {
	h := sha256.Sum256(content)
	return hex.EncodeToString(h[:])
}

// position helper used by the parser.
type positioner struct{ f *source.File }

package layout

import (
	"regexp"
	"sort"
	"strings"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// doc is a note as the recognisers read it.
type doc struct {
	n      *notes.Note
	cfg    *Config
	blocks []notes.Block
	title  int  // index of the block that titles the note, or -1
	lower  bool // the note writes its headings in lower case
	// groupKind is the kind the note's title names ("Lightning Talks",
	// "Ignite Sessions"): the kind of all its talks.
	groupKind string
	// below says that the note's talk headings name their speakers on the
	// lines under them: a name there needs less to count.
	below bool
	// itemPrior is the shape most of the note's list items share, read
	// once (see itemShape).
	itemPrior *shape
	itemRead  bool
	// up holds, for each block, the nearest heading before it of a lower
	// level (any heading for a block that is none), or -1: the headings a
	// block sits under are its chain of ups.
	up []int
}

func newDoc(n *notes.Note, cfg *Config) *doc {
	d := &doc{n: n, cfg: cfg, blocks: n.Blocks}
	d.up = make([]int, len(d.blocks))
	var open []int // the headings open at a block, levels rising
	for i, b := range d.blocks {
		level := 7
		if b.Kind == notes.Heading {
			level = b.Level
		}
		for len(open) > 0 && d.blocks[open[len(open)-1]].Level >= level {
			open = open[:len(open)-1]
		}
		d.up[i] = -1
		if len(open) > 0 {
			d.up[i] = open[len(open)-1]
		}
		if b.Kind == notes.Heading {
			open = append(open, i)
		}
	}
	d.title = d.noteTitle()
	d.lower = d.lowerHeadings()
	if t := d.titleText(); t != "" && (container(t) || talkGroup(t) || eventLike(t, cfg)) {
		d.groupKind = kindOf(t)
	}
	return d
}

// opts returns the reading options for a line of the note.
func (d *doc) opts(item bool, prior *shape) options {
	return options{cfg: d.cfg, lower: d.lower, item: item, prior: prior}
}

// noteTitle returns the index of the block that titles the whole note: a
// heading equal to the front matter's title, or the only level-1 heading
// when no other heading comes before it; -1 when there is none.
func (d *doc) noteTitle() int {
	h1s, first := 0, -1
	for i, b := range d.blocks {
		if b.Kind != notes.Heading {
			continue
		}
		if d.n.Meta.Title != "" && strings.EqualFold(strings.TrimSpace(b.Text()), strings.TrimSpace(d.n.Meta.Title)) {
			return i
		}
		if b.Level == 1 {
			h1s++
			if first < 0 {
				first = i
			}
		}
	}
	if first < 0 {
		return -1
	}
	for _, b := range d.blocks[:first] {
		if b.Kind == notes.Heading {
			return -1
		}
	}
	if h1s == 1 {
		return first
	}
	// Several level-1 headings: the first titles the note when it names the
	// event or groups talks ("# Lightning Talks" above "# Speaker - Title").
	t := d.blocks[first].Text()
	if eventLike(t, d.cfg) || groupLabel(t) {
		return first
	}
	return -1
}

// itemShape returns the shape most list items of the whole note share
// when two or more do: a note's lists repeat one shape, even when each list
// is short.
func (d *doc) itemShape() *shape {
	if d.itemRead {
		return d.itemPrior
	}
	d.itemRead = true
	var its []item
	for _, b := range d.blocks {
		if b.Kind == notes.Item && b.Bullet {
			its = append(its, item{tl: d.readItem(itemLine(b), nil)})
		}
	}
	d.itemPrior = listShape(its)
	return d.itemPrior
}

// titleText is the note's title: its title heading or its front matter's.
func (d *doc) titleText() string {
	if d.title >= 0 {
		return d.blocks[d.title].Text()
	}
	return d.n.Meta.Title
}

// lowerHeadings reports whether most headings with letters are written in
// lower case: such notes write names in lower case too.
func (d *doc) lowerHeadings() bool {
	lower, all := 0, 0
	for _, b := range d.blocks {
		if b.Kind != notes.Heading {
			continue
		}
		t := b.Text()
		if strings.ToLower(t) != strings.ToUpper(t) {
			all++
			if t == strings.ToLower(t) {
				lower++
			}
		}
	}
	return all >= 2 && lower*2 > all
}

var (
	eventWordRx = regexp.MustCompile(`(?i)\b(?:notes?|recap|report|summary|day\s*(?:\d+|one|two|three|four|five)|(?:first|second|third|last) day|conference|conf|summit|meetup|trip|highlights?|takeaways|talks|sessions|review)\b`)
	nameYearRx  = regexp.MustCompile(`^(?:[A-Z][\w/.:'-]*\s+){1,4}(?:19|20)\d{2}$`)
)

// eventLike reports whether a title names an event or a day rather than a
// talk: the note's series, a year, "notes", "recap", "day 1".
func eventLike(t string, cfg *Config) bool {
	t = cleanLabel(t)
	if t == "" {
		return false
	}
	if cfg != nil && cfg.Series != "" {
		lt := strings.ToLower(t)
		if strings.Contains(lt, strings.ToLower(cfg.Series)) {
			return true
		}
		// "PyCon 2018 day one" names PyCon US
		if first := strings.Fields(strings.ToLower(cfg.Series))[0]; len(first) >= 4 {
			for _, w := range strings.Fields(lt) {
				if strings.Trim(w, ".,:;!?()") == first {
					return true
				}
			}
		}
	}
	return eventWordRx.MatchString(t) || nameYearRx.MatchString(t) || container(t)
}

// sortSections orders sections by line, then by their order of reading.
func sortSections(ss []Section) {
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].Line < ss[j].Line })
}

// textOf returns the text of blocks, code left out.
func textOf(bs []notes.Block) string {
	var b strings.Builder
	for _, x := range bs {
		if x.Kind == notes.Code || x.Kind == notes.HTML {
			continue
		}
		b.WriteString(x.Text())
		b.WriteByte('\n')
	}
	return b.String()
}

// words counts the words of the prose in blocks.
func words(bs []notes.Block) int {
	return len(strings.Fields(textOf(bs)))
}

// endLine returns the last line of blocks, or line when there are none.
func endLine(line int, bs []notes.Block) int {
	for _, b := range bs {
		line = max(line, b.EndLine)
	}
	return line
}

package layout

import (
	"sort"
	"strings"

	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// region is a run of blocks that no talk heading holds: the note's start,
// the body of a heading that is no talk. The block recognisers read talks
// in regions.
type region struct {
	label   string // the heading over the blocks, "" at the note's start
	kind    string // the kind the label names
	blocks  []notes.Block
	heading int // index of the heading over it, or -1
}

// regions cuts the note into regions at its headings, leaving out the
// note's title and the blocks skip reports.
func (d *doc) regions(heads []headRead, skip func(int) bool) []region {
	var out []region
	cur := region{heading: -1}
	flush := func() {
		if len(cur.blocks) > 0 {
			out = append(out, cur)
		}
	}
	for i, b := range d.blocks {
		if i == d.title || skip != nil && skip(i) {
			continue
		}
		if b.Kind == notes.Heading {
			flush()
			label := cleanLabel(b.Text())
			cur = region{label: label, kind: kindOf(label), heading: i}
			continue
		}
		cur.blocks = append(cur.blocks, b)
	}
	flush()
	return out
}

// readRegions reads the talks of regions. Strict reading (in notes whose
// talks are headings) keeps only talks that name speakers and are no
// talk already read.
func (d *doc) readRegions(rs []region, strict bool, existing []Section) []Section {
	var out []Section
	for _, r := range rs {
		out = append(out, d.readRegion(r, strict, append(existing, out...))...)
	}
	return out
}

// readRegion runs the block recognisers over one region: tables first,
// then schedule lines, lists, plain-text talks and talks named in prose.
// A block one recogniser anchors a talk at is not read by the next.
func (d *doc) readRegion(r region, strict bool, existing []Section) []Section {
	seen := map[string]bool{}
	for _, s := range existing {
		if s.IsTalk && s.Title != "" {
			seen[fold.Key(s.Title)] = true
		}
	}
	var out []Section
	taken := map[int]bool{} // lines anchored
	proseLine := map[int]bool{}
	labels := regionLabels(r)
	add := func(ss []Section) {
		for _, s := range ss {
			if taken[s.Line] && s.Layout != "prose" || s.Layout == "plain" && proseLine[s.Line] {
				continue
			}
			if s.IsTalk && s.Title != "" && seen[fold.Key(s.Title)] {
				continue // a talk named again ("Top 3 talks")
			}
			if strict && s.IsTalk && len(s.Speakers) == 0 {
				continue
			}
			if s.IsTalk && s.Title != "" {
				seen[fold.Key(s.Title)] = true
			}
			taken[s.Line] = true
			if s.Layout == "prose" {
				proseLine[s.Line] = true
			}
			if s.IsTalk {
				s.Kind = d.regionKind(s, r, labels)
			}
			out = append(out, s)
		}
	}
	add(d.tableTalks(r))
	add(d.scheduleTalks(r, taken))
	add(d.listTalks(r, taken, strict))
	add(d.proseTalks(r, taken, structuredBodies(out)))
	add(d.plainTalks(r, taken))
	sortSections(out)
	return endBodies(out, r)
}

// structuredBodies returns the lines of the bodies of the talks read from
// a region's tables, schedules or lists, when they are two or more: prose
// there tells of those talks ("a nod to Ryan Dahl's \"10 Things I Regret
// About Node.js\"") rather than of talks of its own.
func structuredBodies(ss []Section) func(line int) bool {
	var talks []Section
	for _, s := range ss {
		if s.IsTalk {
			talks = append(talks, s)
		}
	}
	if len(talks) < 2 {
		return func(int) bool { return false }
	}
	return func(line int) bool {
		for _, s := range talks {
			if s.Line < line && line <= s.EndLine {
				return true
			}
		}
		return false
	}
}

// regionKind settles the kind of a talk read in a region: its own, else
// the label's ("**Workshops attended**", "## Lightning talks"), else the
// note's or the title's.
func (d *doc) regionKind(s Section, r region, labels []label) string {
	if s.Kind != "" && s.Kind != KindTalk {
		return s.Kind
	}
	if s.Kind == "" || s.Kind == KindTalk {
		if lk := labelKind(s, r, labels); lk != "" {
			return lk
		}
	}
	return d.kindFor(s.Kind, s.Title, r.heading)
}

// label is a label block of a region (see labelBlock): its line and kind.
type label struct {
	line int
	kind string
}

// regionLabels returns the label blocks of a region, in line order: read
// once per region, so that the kind of each of many talks (a table of a
// thousand rows) is a binary search, not a scan of the region.
func regionLabels(r region) []label {
	var out []label
	for _, b := range r.blocks {
		if lb, ok := labelBlock(b); ok {
			out = append(out, label{b.Line, kindOf(lb)})
		}
	}
	return out
}

// labelKind is the kind of the label nearest above a talk in its region: a
// bold line such as "**Workshops attended**", or the region's heading.
func labelKind(s Section, r region, labels []label) string {
	i := sort.Search(len(labels), func(i int) bool { return labels[i].line >= s.Line })
	if i == 0 {
		return r.kind
	}
	return labels[i-1].kind
}

// labelBlock reads a paragraph that is one bold or italic label of a few
// words ("**Sessions attended**").
func labelBlock(b notes.Block) (string, bool) {
	if b.Kind != notes.Paragraph {
		return "", false
	}
	l := blockLine(b)
	t := strings.TrimSpace(l.text)
	if t == "" || len(strings.Fields(t)) > 6 {
		return "", false
	}
	if _, ok := l.covered(notes.Strong); ok {
		return strings.TrimRight(t, ":"), true
	}
	if strings.HasSuffix(t, ":") && len(strings.Fields(t)) <= 4 && Container(strings.TrimRight(t, ":")) {
		return strings.TrimRight(t, ":"), true
	}
	return "", false
}

// endBodies ends each body where the next section of the region begins:
// recognisers read their own talks' bodies, and one's talk may follow
// another's (a list after a paragraph of prose talks).
func endBodies(ss []Section, r region) []Section {
	for i := range ss {
		s := &ss[i]
		next := 0
		for _, o := range ss[i+1:] {
			if o.Line > s.Line {
				next = o.Line
				break
			}
		}
		if next > 0 {
			var body []notes.Block
			for _, b := range s.Body {
				switch {
				case b.Line >= next:
				case b.EndLine >= next && b.Kind != notes.Code && b.Kind != notes.HTML:
					body = append(body, cutAt([]notes.Block{b}, next)...)
				default:
					body = append(body, b)
				}
			}
			s.Body = body
			s.EndLine = endLine(s.Line, body)
		}
		if s.EndLine == 0 {
			s.EndLine = s.Line
		}
	}
	return ss
}

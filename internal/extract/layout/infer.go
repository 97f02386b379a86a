package layout

import (
	"strings"

	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// read infers how the note presents its talks and reads them:
//
//  1. Every heading is read as a talk line, with the lines under it. The
//     heading shape (level and style) whose headings name speakers most
//     often, twice at least, holds the talks; the order of title and
//     speakers those headings share is the note's, and ambiguous headings
//     are read again with it.
//  2. Without such a shape, the block recognisers (tables, schedules,
//     lists, plain text, prose) read the parts of the note under each
//     heading; two talks or more from them make the note's layout.
//  3. Otherwise a titled note is one talk, when its title reads as a talk's
//     or it names the talk's speakers.
//  4. Otherwise the headings of the shape that repeats most, under a
//     "Talks" heading or in a note titled after its event, are talks
//     without speakers.
//
// Parts of the note that no talk holds (the bodies of "Top 3" or "Links"
// headings, the text before the first talk) are read by the block
// recognisers too, strictly: only talks with speakers count there.
func (d *doc) read() []Section {
	heads := d.readHeadings(nil)
	prior := dominantShape(heads)
	below := 0
	for _, h := range heads {
		if len(h.below.speakers) > 0 {
			below++
		}
	}
	d.below = below >= 2
	if prior != nil || d.below {
		heads = d.readHeadings(prior)
	}
	if key := mainKey(heads, 2); key != "" {
		return d.headingLayout(heads, key)
	}
	regions := d.regions(heads, nil)
	blockSecs := d.readRegions(regions, false, nil)
	if countTalks(blockSecs) >= 2 {
		return d.withHeadings(blockSecs, heads, nil)
	}
	if s, ok := d.single(heads); ok {
		return []Section{s}
	}
	if key := mainKey(heads, 1); key != "" {
		return d.headingLayout(heads, key)
	}
	if key := weakKey(heads, d); key != "" {
		return d.headingLayout(heads, key)
	}
	return d.withHeadings(blockSecs, heads, nil)
}

// readHeadings reads every heading but the note's title.
func (d *doc) readHeadings(prior *shape) []headRead {
	var out []headRead
	for i, b := range d.blocks {
		if b.Kind == notes.Heading && i != d.title {
			out = append(out, d.readHeading(i, prior))
		}
	}
	return out
}

// dominantShape returns the shape most headings with a title and speakers
// share, when two or more do.
func dominantShape(heads []headRead) *shape {
	return commonShape(heads, func(h headRead) talkLine { return h.tl })
}

// commonShape returns the shape most of the talk lines with speakers (and
// a score of 0.4 or more) share, when two or more do; a tie goes to the
// lesser shape, so the choice never depends on map order. Headings, list
// items, plain lines and schedule lines all choose their prior with it.
func commonShape[T any](list []T, tl func(T) talkLine) *shape {
	count := map[shape]int{}
	for _, it := range list {
		if t := tl(it); len(t.speakers) > 0 && t.score >= 0.4 {
			count[t.shape]++
		}
	}
	var best *shape
	n := 1
	for s, c := range count {
		if c > n || c == n && best != nil && shapeLess(s, *best) {
			s := s
			best, n = &s, c
		}
	}
	return best
}

func shapeLess(a, b shape) bool {
	if a.form != b.form {
		return a.form < b.form
	}
	return a.sep < b.sep
}

// mainKey returns the heading shape that holds the talks: the one whose
// headings name speakers (in the heading or under it) most often, at least
// least times; "" when none does.
func mainKey(heads []headRead, least int) string {
	strong := map[string]int{}
	levels := map[string]int{}
	for _, h := range heads {
		levels[h.key] = h.level
		if h.strong && !h.container {
			strong[h.key]++
		}
	}
	best := ""
	for k, n := range strong {
		if n < least {
			continue
		}
		if best == "" || n > strong[best] || n == strong[best] && (levels[k] < levels[best] || levels[k] == levels[best] && k < best) {
			best = k
		}
	}
	return best
}

// weakKey returns the heading shape whose headings are talks although none
// names a speaker: the shape with the most headings that are no lunch, no
// day and no summary, when they sit under a heading that groups talks
// ("## Talks", "## Training Days") or the note's title names its event.
func weakKey(heads []headRead, d *doc) string {
	count := map[string]int{}
	grouped := map[string]bool{}
	levels := map[string]int{}
	byIdx := map[int]int{} // block index → index in heads
	for i, h := range heads {
		byIdx[h.idx] = i
	}
	for _, h := range heads {
		levels[h.key] = h.level
		if h.nonTalk || h.container {
			continue
		}
		count[h.key]++
		if p, ok := byIdx[d.up[h.idx]]; ok && heads[p].container && talkGroup(cleanLabel(d.blocks[heads[p].idx].Text())) {
			grouped[h.key] = true
		}
	}
	best := ""
	for k, n := range count {
		if n < 2 {
			continue
		}
		if best == "" || n > count[best] || n == count[best] && levels[k] < levels[best] {
			best = k
		}
	}
	if best == "" {
		return ""
	}
	if grouped[best] || eventLike(d.titleText(), d.cfg) || d.title < 0 && d.n.Meta.Title == "" {
		return best
	}
	return ""
}

// headingLayout reads the note's talks as the headings of shape key (and
// headings of other shapes that name speakers, outside those talks).
func (d *doc) headingLayout(heads []headRead, key string) []Section {
	level := 0
	for _, h := range heads {
		if h.key == key {
			level = h.level
			break
		}
	}
	isTalk := map[int]bool{}
	byIdx := map[int]headRead{}
	type parentKey struct {
		key    string
		parent int
	}
	siblings := map[parentKey]bool{}
	for _, h := range heads {
		byIdx[h.idx] = h
		switch {
		case h.container || h.nonTalk && !h.strong:
		case h.key == key:
			isTalk[h.idx] = true
		case h.strong && h.level <= level:
			isTalk[h.idx] = true
		case h.strong && h.level > level:
			parent := d.talkAbove(h.idx, isTalk)
			// a deeper heading that names other speakers and a title of its
			// own is a talk too; one that names a speaker of the talk it
			// sits in is a part of that talk
			if parent < 0 || h.title() != "" && !sameSpeakers(h.speakers(), byIdx[parent].speakers()) {
				isTalk[h.idx] = true
				siblings[parentKey{h.key, parent}] = true
			}
		}
	}
	// the siblings of a deeper heading taken as a talk, of its shape and
	// under the same heading, are talks too ("Lightning Talks" after two
	// talks underlined alike)
	for _, h := range heads {
		if !isTalk[h.idx] && !h.container && !h.nonTalk && h.level > level && siblings[parentKey{h.key, d.talkAbove(h.idx, isTalk)}] {
			isTalk[h.idx] = true
		}
	}
	var secs []Section
	claimed := map[int]bool{} // blocks in a talk's body
	for _, h := range heads {
		if !isTalk[h.idx] {
			continue
		}
		body := d.talkBody(h.idx, isTalk)
		for j := range body {
			claimed[h.idx+1+j] = true
		}
		s := d.headingSection(h, heads, body)
		if subs := d.subTalks(s, body); len(subs) > 0 {
			secs = append(secs, subs...)
			continue
		}
		secs = append(secs, s)
	}
	regions := d.regions(heads, func(i int) bool { return claimed[i] || isTalk[i] })
	extra := d.readRegions(regions, true, secs)
	var outside []headRead // headings no talk holds
	for _, h := range heads {
		if !claimed[h.idx] {
			outside = append(outside, h)
		}
	}
	return d.withHeadings(append(secs, extra...), outside, isTalk)
}

// talkAbove returns the talk heading whose body holds heading i, or -1.
func (d *doc) talkAbove(i int, isTalk map[int]bool) int {
	for j := d.up[i]; j >= 0; j = d.up[j] {
		if isTalk[j] {
			return j
		}
	}
	return -1
}

// title returns the title a heading gives its talk, in it or under it.
func (h headRead) title() string {
	if h.tl.title != "" {
		return h.tl.title
	}
	return h.below.title
}

// speakers returns the speakers a heading names, in it or under it.
func (h headRead) speakers() []Speaker {
	if len(h.tl.speakers) > 0 {
		return h.tl.speakers
	}
	return h.below.speakers
}

// sameSpeakers reports whether every speaker of a is one of b.
func sameSpeakers(a, b []Speaker) bool {
	if len(a) == 0 {
		return true
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.Name != "" && fold.Key(x.Name) == fold.Key(y.Name) || x.Handle != "" && strings.EqualFold(x.Handle, y.Handle) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// talkBody returns the blocks of talk heading i: up to the next talk
// heading or the next heading of its level or higher.
func (d *doc) talkBody(i int, isTalk map[int]bool) []notes.Block {
	level := d.blocks[i].Level
	end := len(d.blocks)
	for j := i + 1; j < len(d.blocks); j++ {
		if b := d.blocks[j]; b.Kind == notes.Heading && (b.Level <= level || isTalk[j]) {
			end = j
			break
		}
	}
	return d.blocks[i+1 : end]
}

// headingSection makes the section of a talk heading.
func (d *doc) headingSection(h headRead, heads []headRead, body []notes.Block) Section {
	b := d.blocks[h.idx]
	s := Section{Line: b.Line, Heading: strings.TrimSpace(b.Text()), Title: h.tl.title, TitleLine: b.Line,
		Speakers: h.tl.speakers, SpeakerLine: b.Line, Kind: h.tl.kind, IsTalk: true, Layout: "heading", Comment: h.tl.comment}
	if h.tl.org != "" && len(h.tl.speakers) == 0 {
		s.Org = h.tl.org
	}
	skipLines := map[int]bool{}
	switch {
	case len(h.below.speakers) > 0:
		s.Speakers, s.SpeakerLine = h.below.speakers, h.below.line
		if s.Kind == "" {
			s.Kind = h.below.kind
		}
		body = body[min(h.below.skip, len(body)):]
	case h.below.title != "":
		s.Title, s.TitleLine = h.below.title, h.below.line
		for _, l := range h.below.skipLine {
			skipLines[l] = true
		}
		body = body[min(h.below.skip, len(body)):]
	}
	if h.slot {
		s.Title = ""
		if t, sp, ok := slotTalk(body, d); ok {
			s.Title = t
			if len(s.Speakers) == 0 {
				s.Speakers = sp
			}
		}
	}
	if len(skipLines) > 0 {
		body = dropLines(body, skipLines)
	}
	if s.Title != "" && len(s.Speakers) > 0 {
		s.Title = dropSpeakerTail(s.Title, s.Speakers)
	}
	s.Body = body
	s.EndLine = endLine(s.Line, body)
	s.Kind = d.kindFor(s.Kind, s.Title, h.idx)
	s.Confidence = 0.6
	if len(s.Speakers) > 0 {
		s.Confidence = 0.9
	}
	if h.ceremony && len(s.Speakers) == 0 {
		s.Kind = KindOther
		if words(body) < 25 {
			s.IsTalk = false
		}
	}
	if strings.TrimSpace(s.Title) == "" && len(s.Speakers) == 0 && !h.slot {
		s.IsTalk = false
	}
	return s
}

// kindFor settles a talk's kind: the kind its line names, else the kind
// of the heading that groups it ("### Keynote" over speakers' headings),
// else the note's ("# Lightning Talks"), else what its title says.
func (d *doc) kindFor(k, title string, idx int) string {
	if k != "" && k != KindTalk {
		return k
	}
	if idx >= 0 {
		for j := d.up[idx]; j >= 0; j = d.up[j] {
			label := cleanLabel(d.blocks[j].Text())
			if j == d.title {
				break
			}
			if gk := kindOf(label); gk != "" && (container(label) || groupLabel(label)) {
				return gk
			}
		}
	}
	if d.groupKind != "" {
		return d.groupKind
	}
	if tk := kindOf(title); tk != "" {
		return tk
	}
	return KindTalk
}

// dropSpeakerTail removes a speaker's name repeated at the end of a title
// ("Maintaining performance on the edge Robert Peters").
func dropSpeakerTail(title string, sps []Speaker) string {
	ws := strings.Fields(title)
	if len(ws) < 4 {
		return title
	}
	for _, sp := range sps {
		sw := strings.Fields(sp.Name)
		if len(sw) < 2 {
			continue
		}
		last := fold.Key(sw[len(sw)-1])
		if fold.Key(ws[len(ws)-1]) == last && len(ws) >= 2 {
			return strings.Join(ws[:len(ws)-2], " ")
		}
	}
	return title
}

// dropLines removes the inlines on the given lines from blocks.
func dropLines(bs []notes.Block, skip map[int]bool) []notes.Block {
	out := make([]notes.Block, 0, len(bs))
	for _, b := range bs {
		if b.Kind == notes.Code || b.Kind == notes.HTML || b.Kind == notes.Row {
			out = append(out, b)
			continue
		}
		var ins []notes.Inline
		for _, in := range b.Inlines {
			if !skip[in.Line] {
				ins = append(ins, in)
			}
		}
		if len(ins) == 0 {
			continue
		}
		b.Inlines = ins
		out = append(out, b)
	}
	return out
}

// subTalks reads the talks a talk heading's body lists when the heading
// names no speaker ("## Lightning talks" over one bullet per talk): two
// talks with speakers or more replace the heading.
func (d *doc) subTalks(s Section, body []notes.Block) []Section {
	if len(s.Speakers) > 0 {
		return nil
	}
	r := region{blocks: body, label: s.Title, kind: s.Kind}
	subs := d.readRegion(r, true, nil)
	withSpeakers := 0
	for _, x := range subs {
		if x.IsTalk && len(x.Speakers) > 0 {
			withSpeakers++
		}
	}
	if withSpeakers < 2 {
		return nil
	}
	return subs
}

// withHeadings adds the headings that are no talk as sections that are no
// talk, and sorts.
func (d *doc) withHeadings(secs []Section, heads []headRead, isTalk map[int]bool) []Section {
	taken := map[int]bool{}
	for _, s := range secs {
		taken[s.Line] = true
	}
	secs = append(secs, d.nonTalkHeadings(heads, taken)...)
	if d.title >= 0 && !taken[d.blocks[d.title].Line] {
		b := d.blocks[d.title]
		secs = append(secs, Section{Line: b.Line, EndLine: b.EndLine, Heading: strings.TrimSpace(b.Text()), Kind: KindOther, Layout: "heading"})
	}
	sortSections(secs)
	return secs
}

// nonTalkHeadings returns the headings not taken as sections that are no
// talk.
func (d *doc) nonTalkHeadings(heads []headRead, taken map[int]bool) []Section {
	var out []Section
	for _, h := range heads {
		b := d.blocks[h.idx]
		if taken[b.Line] {
			continue
		}
		out = append(out, Section{Line: b.Line, EndLine: b.EndLine, Heading: strings.TrimSpace(b.Text()), Kind: KindOther, Layout: "heading"})
	}
	return out
}

func countTalks(ss []Section) int {
	n := 0
	for _, s := range ss {
		if s.IsTalk {
			n++
		}
	}
	return n
}

package layout

import (
	"net/url"
	"strings"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// The list recogniser: one bullet or numbered item per talk, the title and
// the speakers in either order and with any separator, maybe a comment
// after them ("- Speaker - Title - comment", "1. Title (Speaker) -
// comment", "- Title _Speaker (Org)_", "N. Speaker, Title", "- [Title](url):
// takeaway"). A list is a list of talks when most of its items name a
// speaker in the same shape, or when most of them lead with a link to the
// same site (session pages) and read as titles.

// item is one list item read as a talk line.
type item struct {
	idx   int // index of the bullet block in the region
	block notes.Block
	line  line
	tl    talkLine
	link  string // the URL of a link the item starts with
	end   int    // index past the item's last block
}

// listTalks reads the list items of a region that are talks.
func (d *doc) listTalks(r region, taken map[int]bool, strict bool) []Section {
	var out []Section
	for _, list := range lists(r.blocks) {
		out = append(out, d.readList(r, list, taken, strict)...)
	}
	return out
}

// lists groups the bullets of a region into lists: runs of items of the
// same level with nothing but their own bodies between them.
func lists(bs []notes.Block) [][]item {
	var out [][]item
	var cur []item
	level := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur, level = nil, 0
	}
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.Kind != notes.Item {
			if b.Kind == notes.Code || b.Kind == notes.HTML {
				continue
			}
			flush()
			continue
		}
		if !b.Bullet {
			continue
		}
		if level != 0 && b.Level != level {
			if b.Level > level {
				continue // a nested list: body of the item above
			}
			flush()
		}
		level = b.Level
		cur = append(cur, item{idx: i, block: b, end: itemEnd(bs, i)})
	}
	flush()
	return out
}

// itemEnd returns the index past the blocks of the item whose bullet is at
// i: its own paragraphs, nested lists and code.
func itemEnd(bs []notes.Block, i int) int {
	level := bs[i].Level
	j := i + 1
	for ; j < len(bs); j++ {
		b := bs[j]
		switch {
		case b.Kind == notes.Item && b.Bullet && b.Level <= level:
			return j
		case b.Kind == notes.Item:
		case b.Kind == notes.Code || b.Kind == notes.HTML:
			if j+1 < len(bs) && bs[j+1].Kind == notes.Item && bs[j+1].Level > level {
				continue
			}
			return j
		default:
			return j
		}
	}
	return j
}

// readList reads one list: every item as a talk line, then again with the
// shape most items share; it returns the items that are talks.
func (d *doc) readList(r region, list []item, taken map[int]bool, strict bool) []Section {
	read := func(prior *shape) {
		for k := range list {
			it := &list[k]
			it.line = itemLine(it.block)
			it.link = leadLink(it.line)
			it.tl = d.readItem(it.line, prior)
		}
	}
	read(nil)
	if prior := listShape(list); prior != nil {
		read(prior)
	} else if prior := d.itemShape(); prior != nil {
		read(prior)
	}
	withSpeakers, linked := 0, 0
	for _, it := range list {
		if len(it.tl.speakers) > 0 {
			withSpeakers++
		}
		if it.link != "" {
			linked++
		}
	}
	n := len(list)
	talks := withSpeakers >= 2 && withSpeakers*2 >= n || withSpeakers == 1 && n <= 2 && !strict
	titles := !talks && !strict && n >= 3 && linked*10 >= n*8 && sameSite(list) && !nonTalk(r.label)
	if !talks && !titles {
		return nil
	}
	var out []Section
	for _, it := range list {
		if taken[it.block.Line] {
			continue
		}
		tl := it.tl
		switch {
		case len(tl.speakers) > 0:
		case titles && it.link != "" && titleWords(tl.title):
		case talks && withSpeakers*10 >= n*6 && titleWords(tl.title) && !nonTalk(tl.title) && !strict:
		default:
			continue
		}
		s := Section{Line: it.block.Line, Heading: firstLine(it.block).text, Title: tl.title, TitleLine: it.block.Line,
			Speakers: tl.speakers, SpeakerLine: it.block.Line, Kind: tl.kind, IsTalk: true, Layout: "list",
			Comment: tl.comment, Confidence: 0.8}
		if len(tl.speakers) == 0 {
			s.Confidence = 0.6
		}
		if tl.org != "" && len(tl.speakers) == 0 {
			s.Org = tl.org
		}
		if ceremony(tl.title) && len(tl.speakers) == 0 {
			continue
		}
		s.Body = itemBody(r.blocks, it)
		s.EndLine = endLine(s.Line, s.Body)
		out = append(out, s)
	}
	return out
}

// readItem reads an item's line as a talk line; a link or a styled run
// that starts the item is its title.
func (d *doc) readItem(l line, prior *shape) talkLine {
	o := d.opts(true, prior)
	if s, ok := leadSpan(l); ok {
		// "[Title](url): takeaway", "**Title** by Name", "_Title_ (Name) - comment"
		title := l.sub(s.start, s.end)
		rest := l.sub(s.end, len(l.text))
		tl := talkLine{title: cleanTitle(title.text), kind: kindOf(title.text)}
		rt := strings.TrimSpace(rest.text)
		if rt == "" {
			return tl
		}
		if sp, ok := leadSpec(rest, o); ok {
			tl.speakers, tl.org, tl.score, tl.comment = sp.speakers, sp.org, sp.score, sp.comment
			tl.shape = shape{titleFirst, sepStyle}
			return tl
		}
		tl.comment = strings.TrimSpace(strings.TrimLeft(rt, ":-–—,. "))
		if tl.title != "" && d.cfg.Series != "" {
			tl.title = pageTitleTail(tl.title, d.cfg.Series, d.cfg.Year)
		}
		return tl
	}
	tl := readLine(l, false, o)
	if tl.title != "" && d.cfg.Series != "" {
		tl.title = pageTitleTail(tl.title, d.cfg.Series, d.cfg.Year)
	}
	return tl
}

// leadSpec reads the speakers that follow a styled title: "by Name",
// "(Name)", "- Name", ", Name", "_Name_", with a comment after them.
func leadSpec(rest line, o options) (spec, bool) {
	t := rest.text
	lt := strings.TrimLeft(t, " ")
	off := len(t) - len(lt)
	var specLine line
	after := ""
	switch {
	case strings.HasPrefix(lt, "("):
		end := matchClose(lt, 0)
		specLine = rest.sub(off+1, off+end)
		after = strings.TrimSpace(strings.TrimLeft(lt[min(end+1, len(lt)):], " :-–—,."))
	case byLeadRx.MatchString(lt):
		specLine = rest.sub(off, len(t))
		if at := nameStop(specLine.text); at >= 0 {
			after = strings.TrimSpace(strings.TrimLeft(specLine.text[at:], " :-–—,.;"))
			specLine = specLine.sub(0, at)
		}
	default:
		lt2 := strings.TrimLeft(lt, "-–—,:| ")
		if lt2 == lt && !strings.HasPrefix(lt, "_") {
			return spec{}, false
		}
		start := off + len(lt) - len(lt2)
		specLine = rest.sub(start, len(t))
		parts := dashSplit(specLine.text)
		if len(parts) > 1 {
			after = strings.TrimSpace(specLine.text[parts[1].start:])
			specLine = specLine.sub(0, parts[0].start+len(parts[0].text))
		}
		if at := nameStop(specLine.text); at > 0 {
			after = joinText(strings.TrimSpace(strings.TrimLeft(specLine.text[at:], " :;.")), after)
			specLine = specLine.sub(0, at)
		}
	}
	sp := parseSpec(specLine, o)
	if len(sp.speakers) == 0 || sp.score < 0.25 {
		return spec{}, false
	}
	sp.comment = joinText(sp.comment, after)
	return sp, true
}

// leadSpan returns the link or styled run an item's line starts with, when
// it reads as a title (two words or more, or one capitalised word).
func leadSpan(l line) (span, bool) {
	t := strings.TrimLeft(l.text, " ")
	off := len(l.text) - len(t)
	for _, s := range l.spans {
		if s.start != off || s.style&(notes.Link|notes.Strong|notes.Emph) == 0 || s.style&notes.CodeSpan != 0 {
			continue
		}
		// the run may continue in the next spans (a link in bold)
		end := s.end
		for _, n := range l.spans {
			if n.start == end && n.style&(notes.Link|notes.Strong|notes.Emph) != 0 && (n.url == s.url || s.url == "") {
				end = n.end
			}
		}
		title := strings.TrimSpace(l.text[off:end])
		if end >= len(strings.TrimRight(l.text, " ")) || !titleWords(title) || urlRx.MatchString(title) && strings.Contains(title, "/") {
			return span{}, false
		}
		s.end = end
		return s, true
	}
	return span{}, false
}

// leadLink returns the URL of the link an item's line starts with.
func leadLink(l line) string {
	t := strings.TrimLeft(l.text, " ")
	off := len(l.text) - len(t)
	for _, s := range l.spans {
		if s.start == off && s.style&notes.Link != 0 {
			return s.url
		}
	}
	return ""
}

// sameSite reports whether most items' leading links point at one site.
func sameSite(list []item) bool {
	hosts := map[string]int{}
	n := 0
	for _, it := range list {
		if it.link == "" {
			continue
		}
		n++
		if u, err := url.Parse(it.link); err == nil && u.Host != "" {
			hosts[strings.TrimPrefix(strings.ToLower(u.Host), "www.")]++
		}
	}
	for _, c := range hosts {
		if c*10 >= n*7 && c >= 3 {
			return true
		}
	}
	return false
}

// listShape returns the shape most items with speakers share.
func listShape(list []item) *shape {
	return commonShape(list, func(it item) talkLine { return it.tl })
}

// itemLine is the line an item names its talk on: its first line, with
// the second when the title wraps onto it (mid-link, or a short item whose
// second line carries on the first).
func itemLine(b notes.Block) line {
	ls := lines(b)
	if len(ls) == 0 {
		return line{num: b.Line}
	}
	if len(ls) > 1 && (linkWraps(ls[0], ls[1]) ||
		len(ls) == 2 && len(strings.Fields(ls[0].text))+len(strings.Fields(ls[1].text)) <= 30 && continues(ls[0].text, ls[1].text)) {
		return joinLines(ls[0], ls[1])
	}
	return ls[0]
}

// linkWraps reports whether a link that ends line a goes on at the start
// of line b.
func linkWraps(a, b line) bool {
	if len(a.spans) == 0 || len(b.spans) == 0 {
		return false
	}
	x, y := a.spans[len(a.spans)-1], b.spans[0]
	return x.url != "" && x.url == y.url && strings.TrimSpace(a.text[x.end:]) == "" && strings.TrimSpace(b.text[:y.start]) == ""
}

// joinLines joins two lines with a space, merging a link that wraps from
// one to the other into one span.
func joinLines(a, b line) line {
	out := line{text: a.text + " " + b.text, num: a.num}
	off := len(a.text) + 1
	out.spans = append(out.spans, a.spans...)
	for i, s := range b.spans {
		s.start += off
		s.end += off
		if i == 0 && len(out.spans) > 0 {
			last := &out.spans[len(out.spans)-1]
			if last.url != "" && last.url == s.url && last.style == s.style {
				last.end = s.end
				continue
			}
		}
		out.spans = append(out.spans, s)
	}
	return out
}

// continues reports whether a second line carries on the first (a title
// wrapped mid-phrase): the first does not end a sentence and the second
// starts in lower case, or the first ends inside a link.
func continues(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" || b == "" {
		return false
	}
	if strings.ContainsAny(a[len(a)-1:], ".!?:;") {
		return false
	}
	r := []rune(b)[0]
	return r >= 'a' && r <= 'z' || strings.Count(a, "[") > strings.Count(a, "]")
}

// itemBody returns the body of a list item talk: the rest of its first
// paragraph and its other blocks.
func itemBody(bs []notes.Block, it item) []notes.Block {
	var out []notes.Block
	first := it.block
	tl := itemLine(first)
	// the lines of the first paragraph after the talk's line
	var rest []notes.Inline
	for _, in := range first.Inlines {
		if in.Line > lastLineOf(tl, first) {
			rest = append(rest, in)
		}
	}
	if len(rest) > 0 {
		b := first
		b.Inlines = rest
		b.Line = rest[0].Line
		out = append(out, b)
	}
	for j := it.idx + 1; j < it.end && j < len(bs); j++ {
		out = append(out, bs[j])
	}
	return out
}

// lastLineOf returns the last source line a talk line of block b covers.
func lastLineOf(l line, b notes.Block) int {
	ls := lines(b)
	if len(ls) > 1 && len(l.text) > len(ls[0].text) {
		return ls[1].num
	}
	return l.num
}

// titleWords reports whether s has the words of a title: one to twenty.
func titleWords(s string) bool {
	n := len(strings.Fields(s))
	return n >= 1 && n <= 20
}

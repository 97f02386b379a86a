package layout

import (
	"regexp"
	"sort"
	"strings"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// The prose recogniser: talks named in sentences, a bold, italic, linked
// or quoted title next to its speakers: "then **Title** by Name", "*Title*
// (Name)", "[Title](video) by [@handle](profile)", "Name's **Title**",
// "Name's talk [Title](video)", "[@handle](profile) and Name on [Title]".
// Several talks can share a line; each talk's body runs to the next.

// proseStart is a talk named in a block.
type proseStart struct {
	block   int // index of the block in the region
	at      int // byte offset of the title in the block's line
	lineNum int
	title   string
	sp      spec
	kind    string
	after   int // byte offset past the talk's words in the line
}

var (
	possRx   = regexp.MustCompile(`(?:'s|’s|')\s+(?:(?:[a-z-]+\s+){0,3}(?:talk|keynote|presentation|session|workshop|tutorial|library|tool|project|demo|lightning talk)\s*[,:]?\s+)?(?:[a-z][a-z-]*\s+){0,2}$`)
	onRx     = regexp.MustCompile(`(?i)\s+(?:on|about|presenting|presented|with|gave|giving)\s*$`)
	quotedRx = regexp.MustCompile(`["“]([^"”]{3,140})["”]`)
	kindNear = regexp.MustCompile(`(?i)\b(keynote|lightning talk|tutorial|workshop|panel)s?\b[^.!?]{0,40}$`)
)

// proseTalks reads the talks named in the prose of a region.
func (d *doc) proseTalks(r region, taken map[int]bool, inBody func(line int) bool) []Section {
	var starts []proseStart
	o := d.opts(true, nil)
	for bi, b := range r.blocks {
		if b.Kind != notes.Paragraph && b.Kind != notes.Item || taken[b.Line] || inBody(b.Line) {
			continue
		}
		l := blockLine(b)
		starts = append(starts, proseStarts(l, bi, b, o)...)
	}
	var out []Section
	for k, s := range starts {
		sec := Section{Line: s.lineNum, Heading: s.title, Title: s.title, TitleLine: s.lineNum, Speakers: s.sp.speakers,
			SpeakerLine: s.lineNum, Kind: s.kind, IsTalk: true, Layout: "prose", Confidence: 0.7}
		// the body: the rest of the block's text and the blocks up to the next talk
		b := r.blocks[s.block]
		endBlock, endAt := len(r.blocks), -1
		if k+1 < len(starts) {
			endBlock = starts[k+1].block
			if endBlock == s.block {
				endAt = starts[k+1].at
			}
		}
		sec.Body = append(sec.Body, partOf(b, s.after, endAt))
		for j := s.block + 1; j < endBlock; j++ {
			sec.Body = append(sec.Body, r.blocks[j])
		}
		sec.EndLine = endLine(sec.Line, sec.Body)
		out = append(out, sec)
	}
	return out
}

// proseWindow is how far before and after a title, in bytes, its speakers
// and kind are looked for.
const proseWindow = 200

// proseStarts finds the talks named in one block's text.
func proseStarts(l line, bi int, b notes.Block, o options) []proseStart {
	var out []proseStart
	used := -1
	// a first line that names a kind and no talk gives its kind to the
	// talks after it ("Lightning talks, last block of the day:")
	blockKind := ""
	if i := strings.IndexByte(l.text, '\n'); i > 0 {
		if k := kindOf(l.text[:i]); k != "" && len(titleSpans(l.sub(0, i))) == 0 {
			blockKind = k
		}
	}
	for _, ts := range titleSpans(l) {
		if ts.start < used {
			continue
		}
		title := cleanTitle(strings.Trim(l.text[ts.start:ts.end], `"“”`))
		if !titleWords(title) || len(strings.Fields(title)) > 16 {
			continue
		}
		var sp spec
		after := ts.end
		// The speakers of a title are named within a few words of it: each
		// title looks at a window around it, so that a paragraph of many
		// titles is read in linear time.
		rest := l.sub(ts.end, min(len(l.text), ts.end+proseWindow))
		if s, ok := leadSpec(rest, o); ok {
			sp = s
			after = ts.end + specLen(rest)
		} else if s, ok := speakersBefore(l, ts.start, max(used, ts.start-proseWindow), o); ok {
			sp = s
		}
		if len(sp.speakers) == 0 {
			continue
		}
		ps := proseStart{block: bi, at: ts.start, lineNum: lineAt(b, l, ts.start), title: title, sp: sp, after: after}
		ps.kind = kindOf(title)
		if ps.kind == "" {
			ps.kind = blockKind
		}
		if ps.kind == "" {
			if m := kindNear.FindStringSubmatch(l.text[max(0, used, ts.start-proseWindow):ts.start]); m != nil {
				ps.kind = kindOf(m[1])
			}
		}
		out = append(out, ps)
		used = after
	}
	return out
}

// titleSpans returns the runs of a line that may be titles: bold, italic
// or linked runs (not links to profiles, not handles), and quoted text.
func titleSpans(l line) []span {
	var out []span
	for i := 0; i < len(l.spans); i++ {
		s := l.spans[i]
		if s.style&(notes.Strong|notes.Emph|notes.Link) == 0 || s.style&(notes.CodeSpan|notes.Image) != 0 {
			continue
		}
		if s.url != "" && (personLink(s.url) || strings.HasPrefix(strings.TrimSpace(l.text[s.start:s.end]), "@")) {
			continue
		}
		end := s.end
		for i+1 < len(l.spans) && l.spans[i+1].start == end && l.spans[i+1].style&(notes.Strong|notes.Emph|notes.Link) != 0 &&
			(l.spans[i+1].url == s.url || s.url == "" || l.spans[i+1].url == "") {
			i++
			end = l.spans[i].end
		}
		out = append(out, span{start: s.start, end: end, style: s.style, url: s.url})
	}
	for _, m := range quotedRx.FindAllStringSubmatchIndex(l.text, -1) {
		if _, styled := l.spanAt(m[2]); styled {
			continue
		}
		out = append(out, span{start: m[0], end: m[1]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// matchIf returns rx's match in s when cond holds, else nil.
func matchIf(cond bool, rx *regexp.Regexp, s string) []int {
	if !cond {
		return nil
	}
	return rx.FindStringIndex(s)
}

// onWords are the words onRx ends with.
var onWords = []string{"on", "about", "presenting", "presented", "with", "gave", "giving"}

// onWordLast reports whether s ends with one of onWords (in any case),
// after white space: what onRx needs to match.
func onWordLast(s string) bool {
	s = strings.TrimRight(s, " \t\n\f\r")
	i := strings.LastIndexAny(s, " \t\n\f\r")
	if i < 0 {
		return false
	}
	w := s[i+1:]
	for _, o := range onWords {
		if strings.EqualFold(w, o) {
			return true
		}
	}
	return false
}

// speakersBefore reads the speakers named just before a title: "Name's
// **Title**", "[@handle](…)'s talk [Title]", "[@a](…) and Name on [Title]".
func speakersBefore(l line, at, from int, o options) (spec, bool) {
	before := l.text[max(0, from):at]
	cut := -1
	// The patterns run only where their cheap necessary condition holds
	// (an apostrophe; a last word they name): most titles have neither.
	if m := matchIf(strings.ContainsAny(before, "'’"), possRx, before); m != nil {
		cut = m[0]
	} else if m := matchIf(onWordLast(before), onRx, before); m != nil {
		cut = m[0]
	} else if strings.TrimSpace(before) != "" && l.text[at-1] == ' ' {
		// "[@miner](…) [Title](…)": a handle right before the title
		cut = len(strings.TrimRight(before, " "))
	}
	if cut < 0 {
		return spec{}, false
	}
	base := max(0, from)
	// the speakers start after the last sentence break before them
	head := before[:cut]
	start := strings.LastIndexAny(head, ".!?;:>") + 1
	for start < len(head) && head[start] == ' ' {
		start++
	}
	// keep only the last few words: the name run
	seg := l.sub(base+start, base+cut)
	if ws := strings.Fields(seg.text); len(ws) > 8 {
		return spec{}, false
	}
	sp := parseSpec(seg, o)
	if len(sp.speakers) == 0 || sp.comment != "" {
		// "I caught Ana Ruiz's" → try the last words alone
		ws := strings.Fields(seg.text)
		for n := min(4, len(ws)); n >= 1; n-- {
			i := strings.LastIndex(seg.text, strings.Join(ws[len(ws)-n:], " "))
			if i < 0 {
				continue
			}
			s := parseSpec(seg.sub(i, len(seg.text)), o)
			if len(s.speakers) > 0 && s.comment == "" && (s.score >= 0.4 || hasHandle(s.speakers)) {
				return s, true
			}
		}
		return spec{}, false
	}
	if sp.score < 0.4 && !hasHandle(sp.speakers) {
		return spec{}, false
	}
	return sp, true
}

// specLen returns how many bytes of rest the speakers after a title take.
func specLen(rest line) int {
	t := rest.text
	lt := strings.TrimLeft(t, " ")
	off := len(t) - len(lt)
	if strings.HasPrefix(lt, "(") {
		return off + matchClose(lt, 0) + 1
	}
	if at := nameStop(t); at >= 0 {
		return at
	}
	return len(t)
}

// lineAt returns the source line of byte offset i of a block's line.
func lineAt(b notes.Block, l line, i int) int {
	off := 0
	n := b.Line
	for _, in := range b.Inlines {
		if in.Style&notes.Image != 0 {
			continue
		}
		t := in.Text
		if in.Style&notes.Break != 0 {
			t = " "
		}
		if off+len(t) > i {
			if in.Line > 0 {
				return in.Line
			}
			return n
		}
		off += len(t)
		if in.Line > 0 {
			n = in.Line
		}
	}
	return n
}

// partOf returns the part of a block's text between byte offsets i and j
// (j < 0: to the end) as a block, its inlines cut to fit.
func partOf(b notes.Block, i, j int) notes.Block {
	var ins []notes.Inline
	off := 0
	for _, in := range b.Inlines {
		if in.Style&notes.Image != 0 {
			continue
		}
		t := in.Text
		if in.Style&notes.Break != 0 {
			t = " "
		}
		s, e := off, off+len(t)
		off = e
		lo, hi := max(s, i), e
		if j >= 0 {
			hi = min(e, j)
		}
		if lo >= hi {
			continue
		}
		in.Text = t[lo-s : hi-s]
		ins = append(ins, in)
	}
	out := b
	out.Inlines = ins
	if len(ins) > 0 {
		out.Line = ins[0].Line
	}
	return out
}

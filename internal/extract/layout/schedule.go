package layout

import (
	"strings"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// The schedule recogniser: lines that start with a time, one per session
// ("09:30 – Title — Speaker", "11:00-11:30 Title (Speaker)", "2:15pm:
// Speaker, Title"), with lunch and breaks among them, and notes under some.
// The speakers may be on the next line ("presented by Name").

// schedLine is one line of a schedule.
type schedLine struct {
	block int // index of its block in the region
	line  line
	rest  line // the line after its time
	next  line // the line after it in the same block, if any
	tl    talkLine
}

// scheduleTalks reads the schedule lines of a region.
func (d *doc) scheduleTalks(r region, taken map[int]bool) []Section {
	var sl []schedLine
	for bi, b := range r.blocks {
		if b.Kind != notes.Paragraph && b.Kind != notes.Item || taken[b.Line] {
			continue
		}
		ls := lines(b)
		for k, l := range ls {
			m := timePrefix.FindStringIndex(l.text)
			if m == nil || m[0] != 0 || m[1] >= len(l.text) {
				continue
			}
			s := schedLine{block: bi, line: l, rest: l.sub(m[1], len(l.text))}
			if k+1 < len(ls) {
				s.next = ls[k+1]
			}
			sl = append(sl, s)
		}
	}
	if len(sl) == 0 {
		return nil
	}
	read := func(prior *shape) {
		for k := range sl {
			sl[k].tl = readLine(sl[k].rest, false, d.opts(true, prior))
		}
	}
	read(nil)
	var its []item
	for _, s := range sl {
		its = append(its, item{tl: s.tl})
	}
	if prior := listShape(its); prior != nil {
		read(prior)
	}
	if len(sl) < 2 && len(sl[0].tl.speakers) == 0 {
		return nil
	}
	var out []Section
	for k, s := range sl {
		tl := s.tl
		speakerLineNum := s.line.num
		if len(tl.speakers) == 0 && s.next.text != "" {
			if sp, ok := speakerLine(s.next, d.opts(true, nil), false); ok {
				tl.speakers, speakerLineNum = sp.speakers, s.next.num
			}
		}
		sec := Section{Line: s.line.num, Heading: strings.TrimSpace(s.rest.text), Title: tl.title, TitleLine: s.line.num,
			Speakers: tl.speakers, SpeakerLine: speakerLineNum, Kind: tl.kind, IsTalk: true, Layout: "schedule",
			Comment: tl.comment, Confidence: 0.75}
		if nonTalk(tl.title) && len(tl.speakers) == 0 {
			sec.IsTalk, sec.Kind = false, KindOther
		}
		// the body: the rest of the block and the blocks up to the next line
		end := len(r.blocks)
		if k+1 < len(sl) {
			end = sl[k+1].block
		}
		sec.Body = restOfBlock(r.blocks[s.block], s.line.num)
		for j := s.block + 1; j < end; j++ {
			sec.Body = append(sec.Body, r.blocks[j])
		}
		if k+1 < len(sl) && sl[k+1].block == s.block {
			sec.Body = cutAt(sec.Body, sl[k+1].line.num)
		}
		if ceremony(tl.title) && len(tl.speakers) == 0 {
			sec.Kind = KindOther
			if words(sec.Body) < 25 {
				sec.IsTalk = false
			}
		}
		sec.EndLine = endLine(sec.Line, sec.Body)
		out = append(out, sec)
	}
	return out
}

// restOfBlock returns the part of a block after line n, as a block.
func restOfBlock(b notes.Block, n int) []notes.Block {
	var ins []notes.Inline
	for _, in := range b.Inlines {
		if in.Line > n && in.Style&notes.Break == 0 {
			ins = append(ins, in)
		}
	}
	if len(ins) == 0 {
		return nil
	}
	b.Inlines, b.Line = ins, ins[0].Line
	return []notes.Block{b}
}

// cutAt drops the inlines at or after line n from blocks.
func cutAt(bs []notes.Block, n int) []notes.Block {
	var out []notes.Block
	for _, b := range bs {
		var ins []notes.Inline
		for _, in := range b.Inlines {
			if in.Line < n {
				ins = append(ins, in)
			}
		}
		if len(ins) > 0 {
			b.Inlines = ins
			out = append(out, b)
		}
	}
	return out
}

package layout

import (
	"regexp"
	"strings"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// The plain-text recogniser: notes without markup. A talk is a title line
// with the speakers on the line under it ("by Name", "Name and Name",
// "Sam Okonkwo, RustConf 2019"), in one paragraph or two; or a line that
// names title and speakers together ("Keynote - Sun-hee Park", `"Title" by
// Name`), at the start of a paragraph or after a bullet typed as text
// ("* ", "- "). Notes follow, indented or not, up to the next talk. A line
// that names a kind and no talk ("Lightning talks, last block of the day:")
// gives its kind to the talks under it.

var textBulletRx = regexp.MustCompile(`^\s*(?:[*•·+-]|\d{1,2}[.)])\s+`)

// plainStart is a talk begun in a plain-text block.
type plainStart struct {
	block   int // index of the block in the region
	lineNum int // the talk's line
	endNum  int // the last line that named it (its speakers' line)
	anchor  string
	tl      talkLine
	kind    string
}

// plainTalks reads the talks of a region written as plain text.
func (d *doc) plainTalks(r region, taken map[int]bool) []Section {
	var starts []plainStart
	for pass := 0; pass < 2; pass++ {
		var prior *shape
		if pass == 1 {
			var its []item
			for _, s := range starts {
				its = append(its, item{tl: s.tl})
			}
			if prior = listShape(its); prior == nil {
				break
			}
		}
		starts = d.plainStarts(r, taken, prior)
	}
	var out []Section
	for k, s := range starts {
		sec := Section{Line: s.lineNum, Heading: strings.TrimSpace(s.anchor), Title: s.tl.title, TitleLine: s.lineNum,
			Speakers: s.tl.speakers, SpeakerLine: s.endNum, Kind: s.tl.kind, IsTalk: true, Layout: "plain",
			Comment: s.tl.comment, Confidence: 0.75}
		if sec.Kind == "" || sec.Kind == KindTalk {
			if s.kind != "" {
				sec.Kind = s.kind
			}
		}
		end, endAt := len(r.blocks), 0
		if k+1 < len(starts) {
			end = starts[k+1].block
			if end == s.block {
				endAt = starts[k+1].lineNum
			}
		}
		body := restOfBlock(r.blocks[s.block], s.endNum)
		if endAt > 0 {
			body = cutAt(body, endAt)
		}
		sec.Body = body
		for j := s.block + 1; j < end; j++ {
			sec.Body = append(sec.Body, r.blocks[j])
		}
		if k+1 < len(starts) && end > s.block && starts[k+1].block == end {
			// the next talk's block may begin with notes of this one
			if pre := cutAt([]notes.Block{r.blocks[end]}, starts[k+1].lineNum); len(pre) > 0 && pre[0].Line < starts[k+1].lineNum {
				sec.Body = append(sec.Body, pre...)
			}
		}
		sec.EndLine = endLine(sec.Line, sec.Body)
		out = append(out, sec)
	}
	return out
}

// plainStarts finds where plain-text talks begin.
func (d *doc) plainStarts(r region, taken map[int]bool, prior *shape) []plainStart {
	var starts []plainStart
	o := d.opts(true, prior)
	for bi := 0; bi < len(r.blocks); bi++ {
		b := r.blocks[bi]
		if b.Kind != notes.Paragraph || taken[b.Line] {
			continue
		}
		ls := lines(b)
		if len(ls) == 0 {
			continue
		}
		kind := ""
		for k, l := range ls {
			text := l.text
			bullet := textBulletRx.FindStringIndex(text)
			if k > 0 && bullet == nil {
				continue
			}
			if bullet != nil {
				l = l.sub(bullet[1], len(l.text))
			}
			// a title line with the speakers under it
			if k == 0 && plainTitle(l) {
				if sp, ok := d.byLineAfter(r, bi, ls, o); ok {
					tl := readLine(l, false, d.opts(false, nil))
					tl.speakers = sp.speakers
					starts = append(starts, plainStart{block: bi, lineNum: l.num, endNum: sp.line, anchor: l.text, tl: tl})
					if sp.nextBlock {
						bi++
					}
					break
				}
			}
			if qk := quotedTalk(l, o); qk.title != "" {
				starts = append(starts, plainStart{block: bi, lineNum: l.num, endNum: l.num, anchor: l.text, tl: qk, kind: kind})
				continue
			}
			if len(l.text) > maxPlainLine {
				continue // a sentence of prose, not a title with its speakers
			}
			tl := readLine(l, false, o)
			switch {
			case len(tl.speakers) > 0 && tl.title != "" && titleWords(tl.title):
				starts = append(starts, plainStart{block: bi, lineNum: l.num, endNum: l.num, anchor: l.text, tl: tl, kind: kind})
			case k == 0 && len(tl.speakers) == 0:
				kk := kindOf(l.text)
				if kk != "" && len(ls) > 1 && plainTitle(l) && groupLabel(l.text) && len(starts) > 0 {
					// "Lightning talks" over notes, among talks of title and by-line
					starts = append(starts, plainStart{block: bi, lineNum: l.num, endNum: l.num, anchor: l.text,
						tl: talkLine{title: cleanTitle(l.text), kind: kk}})
					break
				}
				if kk != "" && len(strings.Fields(l.text)) <= 12 {
					kind = kk // "Lightning talks, last block of the day. My favourites:"
				}
			}
		}
	}
	return starts
}

// maxPlainLine is the longest line of plain text read as a title with its
// speakers (and maybe a short comment).
const maxPlainLine = 240

// byLine is a speaker line found under a plain title.
type byLine struct {
	spec
	line      int
	nextBlock bool // the speakers are in the next paragraph
}

// byLineAfter reads the speakers under a title line: on the paragraph's
// second line, or alone in the next paragraph.
func (d *doc) byLineAfter(r region, bi int, ls []line, o options) (byLine, bool) {
	if len(ls) >= 2 {
		if sp, ok := speakerLine(ls[1], o, false); ok {
			return byLine{spec: sp, line: ls[1].num}, true
		}
		return byLine{}, false
	}
	if bi+1 < len(r.blocks) && r.blocks[bi+1].Kind == notes.Paragraph {
		nl := lines(r.blocks[bi+1])
		if len(nl) == 0 {
			return byLine{}, false
		}
		if sp, ok := speakerLine(nl[0], o, false); ok && len(nl) == 1 {
			return byLine{spec: sp, line: nl[0].num, nextBlock: true}, true
		}
	}
	return byLine{}, false
}

// quotedTalk reads a line that starts (after a word or two) with a quoted
// title and its speakers: `then "Pandas on the GPU?" - Kofi Mensah`.
func quotedTalk(l line, o options) talkLine {
	m := quotedRx.FindStringSubmatchIndex(l.text)
	if m == nil || len(strings.Fields(l.text[:m[0]])) > 3 {
		return talkLine{}
	}
	rest := l.sub(m[1], len(l.text))
	sp, ok := leadSpec(rest, o)
	if !ok {
		return talkLine{}
	}
	title := cleanTitle(l.text[m[2]:m[3]])
	tl := talkLine{title: title, speakers: sp.speakers, org: sp.org, score: sp.score, comment: sp.comment,
		shape: shape{titleFirst, sepBy}, kind: kindOf(l.text[:m[0]])}
	return tl
}

// plainTitle reports whether a line can be a talk's title on its own line:
// one to sixteen words, no sentence.
func plainTitle(l line) bool {
	t := strings.TrimSpace(l.text)
	ws := strings.Fields(t)
	if len(ws) == 0 || len(ws) > 16 {
		return false
	}
	if strings.HasSuffix(t, ".") && len(ws) > 6 || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":") {
		return false
	}
	if byLineRx.MatchString(t) || labelRx.MatchString(t) {
		return false
	}
	return !nonTalk(t)
}

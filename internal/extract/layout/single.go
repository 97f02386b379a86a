package layout

import (
	"regexp"
	"strings"

	"github.com/talkgraph/talkgraph/internal/names"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// The one-talk recogniser: a note about one talk, under its title (a
// level-1 or underlined heading, or the front matter's title), with the
// speakers in the title, on the lines or heading under it ("## Speaker:
// Name (role)", "A talk by Name"), in the front matter, on a "Speaker:"
// line anywhere, or in an abstract that says "Join A, B and C as they…".
// Its other headings are parts of the talk.

var joinRx = regexp.MustCompile(`\b(?:[Jj]oin|[Ww]ith|[Ff]eaturing|[Ss]peakers?:?|[Pp]resented by|[Hh]osted by)\s+((?:[A-Z][\p{L}'’.-]+\s+){1,3}[A-Z][\p{L}'’.-]+(?:\s*,\s*(?:and\s+)?(?:[A-Z][\p{L}'’.-]+\s+){1,3}[A-Z][\p{L}'’.-]+)*(?:,?\s+and\s+(?:[A-Z][\p{L}'’.-]+\s+){1,3}[A-Z][\p{L}'’.-]+)?)`)

// single reads the note as one talk, when it has a title that reads as a
// talk's (not its event's or a day's) or names its speakers.
func (d *doc) single(heads []headRead) (Section, bool) {
	title, lineNum := d.titleText(), 0
	var tline line
	switch {
	case d.title >= 0:
		b := d.blocks[d.title]
		tline, lineNum = lineOf(b.Inlines, b.Line), b.Line
	case title != "":
		tline, lineNum = line{text: title, num: max(1, d.n.Meta.TitleLine)}, max(1, d.n.Meta.TitleLine)
	default:
		return Section{}, false
	}
	o := d.opts(false, nil)
	tl := readLine(tline, true, o)
	if strings.TrimSpace(tl.title) == "" && len(tl.speakers) == 0 {
		return Section{}, false
	}
	s := Section{Line: lineNum, Heading: strings.TrimSpace(tline.text), Title: tl.title, TitleLine: lineNum,
		Speakers: tl.speakers, SpeakerLine: lineNum, Kind: tl.kind, IsTalk: true, Layout: "single", Confidence: 0.7}
	var body []notes.Block
	for i, b := range d.blocks {
		if i != d.title {
			body = append(body, b)
		}
	}
	if len(s.Speakers) == 0 {
		s.Speakers, s.SpeakerLine, body = d.singleSpeakers(body, lineNum)
	}
	if len(s.Speakers) == 0 && eventLike(title, d.cfg) {
		return Section{}, false
	}
	if nonTalk(s.Title) || container(s.Title) || groupLabel(s.Title) && len(s.Speakers) == 0 {
		return Section{}, false
	}
	if len(s.Speakers) > 0 {
		s.Confidence = 0.85
	}
	s.Body = body
	s.EndLine = endLine(s.Line, body)
	s.Kind = d.kindFor(s.Kind, s.Title, -1)
	return s, true
}

// singleSpeakers finds the speakers of a one-talk note: under its title,
// in its front matter, on a "Speaker:" line, or in its abstract. It
// returns the body without the lines that named them.
func (d *doc) singleSpeakers(body []notes.Block, titleLine int) ([]Speaker, int, []notes.Block) {
	o := d.opts(true, nil)
	// under the title (a heading, a by-line, an italic name)
	var top []notes.Block
	for _, b := range body {
		if b.Line > titleLine {
			top = append(top, b)
		}
	}
	if br := speakersBelow(top, o); len(br.speakers) > 0 {
		skip := map[int]bool{}
		for _, b := range top[:br.skip] {
			for l := b.Line; l <= b.EndLine; l++ {
				skip[l] = true
			}
		}
		return br.speakers, br.line, dropLines(body, skip)
	}
	if len(d.n.Meta.Speakers) > 0 {
		var sps []Speaker
		for _, n := range d.n.Meta.Speakers {
			sps = append(sps, Speaker{Name: n, Confidence: 0.9})
		}
		return sps, max(1, d.n.Meta.TitleLine), body
	}
	// "Speaker: Name" or "A talk by Name" anywhere
	for _, b := range body {
		if b.Kind != notes.Paragraph && b.Kind != notes.Item && b.Kind != notes.Heading {
			continue
		}
		for _, l := range lines(b) {
			t := strings.TrimSpace(l.text)
			if !labelRx.MatchString(t) && !byLineRx.MatchString(t) {
				continue
			}
			if sp, ok := speakerLine(l, o, true); ok {
				return sp.speakers, l.num, dropLines(body, map[int]bool{l.num: true})
			}
		}
	}
	// "Join Andrew Certain, Becky Weiss and Marc Brooker as they share…"
	for k, b := range body {
		if k > 6 || b.Kind != notes.Paragraph {
			continue
		}
		t := b.Text()
		m := joinRx.FindStringSubmatchIndex(t)
		if m == nil {
			continue
		}
		l := lineOf([]notes.Inline{{Text: t[m[2]:m[3]], Line: b.Line}}, b.Line)
		sp := parseSpec(l, o)
		if len(sp.speakers) >= 1 && sp.score >= names.Possible {
			return sp.speakers, lineAt(b, blockLine(b), m[2]), body
		}
	}
	return nil, 0, body
}

// slotTalk reads the talk a time slot heading holds ("Fri Mar 15 14:32:19
// EDT 2013" over "Now at Name's "Title""): the first talk named in prose
// in its first blocks.
func slotTalk(body []notes.Block, d *doc) (string, []Speaker, bool) {
	o := d.opts(true, nil)
	for bi, b := range body {
		if bi > 3 {
			break
		}
		if b.Kind != notes.Paragraph && b.Kind != notes.Item {
			continue
		}
		if ps := proseStarts(blockLine(b), bi, b, o); len(ps) > 0 {
			return ps[0].title, ps[0].sp.speakers, true
		}
	}
	return "", nil, false
}

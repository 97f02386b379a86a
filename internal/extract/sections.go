package extract

import (
	"regexp"
	"strings"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// rawSection is a section before its entities are extracted.
type rawSection struct {
	heading string
	line    int
	endLine int
	tl      talkLine
	blocks  []notes.Block // the body: blocks, or parts of blocks for prose talks
	prose   bool          // named in prose rather than by a heading
}

// sectionize splits a note into sections: a heading per talk at the level
// where talks are, with deeper headings belonging to their talk and day or
// track headings grouping them; talks named in prose or bullets where there
// is no heading per talk; or the whole note when it is about one talk.
func sectionize(n *notes.Note) []rawSection {
	bs := n.Blocks
	titleIdx := noteTitle(n)
	if s, ok := singleTalk(n, titleIdx); ok {
		return []rawSection{s}
	}
	level := talkLevel(bs, titleIdx)
	var out []rawSection
	var loose []notes.Block // blocks outside any talk heading
	flushLoose := func() {
		out = append(out, proseTalks(loose, true)...)
		loose = nil
	}
	cur := -1
	for i, b := range bs {
		if b.Kind == notes.Heading && level > 0 && b.Level <= level && i != titleIdx {
			if cur >= 0 {
				out = closeSection(out, cur)
			}
			flushLoose()
			cur = -1
			text := b.Text()
			if !isContainer(text) && !isSpeakerHeading(text) && (b.Level == level || !groupsTalks(bs, i)) {
				out = append(out, rawSection{heading: text, line: b.Line, endLine: b.EndLine, tl: parseTalkLine(text)})
				cur = len(out) - 1
			}
			continue
		}
		if cur >= 0 {
			out[cur].blocks = append(out[cur].blocks, b)
			out[cur].endLine = max(out[cur].endLine, b.EndLine)
		} else if i != titleIdx {
			loose = append(loose, b)
		}
	}
	if cur >= 0 {
		out = closeSection(out, cur)
	}
	flushLoose()
	if len(out) == 0 {
		// A titled note in which nothing else names a talk is about one
		// talk, even when no speaker line says who gave it.
		if s, ok := titledNote(n, titleIdx); ok {
			return []rawSection{s}
		}
	}
	return out
}

// titledNote makes the whole note one section under its title (H1 or
// front matter title).
func titledNote(n *notes.Note, titleIdx int) (rawSection, bool) {
	title, line := n.Meta.Title, metaTitleLine(n)
	if titleIdx >= 0 {
		title, line = n.Blocks[titleIdx].Text(), n.Blocks[titleIdx].Line
	}
	if strings.TrimSpace(title) == "" || isContainer(title) {
		return rawSection{}, false
	}
	var body []notes.Block
	end := line
	for i, b := range n.Blocks {
		if i != titleIdx {
			body = append(body, b)
			end = max(end, b.EndLine)
		}
	}
	return rawSection{heading: title, line: line, endLine: end, tl: parseTalkLine(title), blocks: body}, true
}

// talkLevel returns the heading level that holds the talks: the level with
// the most headings that look like talks, those naming a speaker counting
// thrice. Ties go to the higher level (fewer #).
func talkLevel(bs []notes.Block, titleIdx int) int {
	var score [7]int
	for i, b := range bs {
		if b.Kind != notes.Heading || i == titleIdx || b.Level > 6 {
			continue
		}
		text := b.Text()
		if isContainer(text) || isSpeakerHeading(text) {
			continue
		}
		tl := parseTalkLine(text)
		switch {
		case len(tl.speakers) > 0:
			score[b.Level] += 3
		case notTalk(tl.title) || tl.kind == "other":
		default:
			score[b.Level]++
		}
	}
	best := 0
	for l := 1; l <= 6; l++ {
		if score[l] > score[best] {
			best = l
		}
	}
	if best == 0 {
		// only non-talk headings: the highest level present
		for i, b := range bs {
			if b.Kind == notes.Heading && i != titleIdx && !isContainer(b.Text()) && (best == 0 || b.Level < best) {
				best = b.Level
			}
		}
	}
	return best
}

// groupsTalks reports whether heading i has no text of its own and is
// followed by deeper headings: a group of talks, not a session.
func groupsTalks(bs []notes.Block, i int) bool {
	for _, b := range bs[i+1:] {
		if b.Kind == notes.Heading {
			return b.Level > bs[i].Level
		}
		if strings.TrimSpace(b.Text()) != "" {
			return false
		}
	}
	return false
}

// closeSection replaces a heading section by the talks its prose names when
// the heading itself names no speaker and the body names talks with theirs.
func closeSection(out []rawSection, i int) []rawSection {
	s := out[i]
	if len(s.tl.speakers) > 0 {
		return out
	}
	talks := proseTalks(s.blocks, false)
	if len(talks) < 2 && !(len(talks) == 1 && notTalk(s.tl.title)) {
		return out
	}
	if k := s.tl.kind; k != "talk" && k != "other" {
		for j := range talks {
			if talks[j].tl.kind == "talk" {
				talks[j].tl.kind = k
			}
		}
	}
	return append(out[:i], talks...)
}

// noteTitle returns the index of the block that titles the whole note (an
// H1 at the top, or a heading equal to the front matter title), or -1.
func noteTitle(n *notes.Note) int {
	h1s, first := 0, -1
	for i, b := range n.Blocks {
		if b.Kind != notes.Heading {
			continue
		}
		if n.Meta.Title != "" && strings.EqualFold(strings.TrimSpace(b.Text()), n.Meta.Title) {
			return i
		}
		if b.Level == 1 {
			h1s++
			if first < 0 {
				first = i
			}
		}
	}
	if h1s == 1 && first >= 0 {
		for _, b := range n.Blocks[:first] {
			if b.Kind == notes.Heading {
				return -1
			}
		}
		return first
	}
	return -1
}

// singleTalk recognises a note about one talk: front matter that names its
// speakers, or a title followed by a speaker line, with no other heading
// that names a speaker.
func singleTalk(n *notes.Note, titleIdx int) (rawSection, bool) {
	title, line := n.Meta.Title, 1
	if titleIdx >= 0 {
		title, line = n.Blocks[titleIdx].Text(), n.Blocks[titleIdx].Line
	}
	if title == "" {
		return rawSection{}, false
	}
	var body []notes.Block
	for i, b := range n.Blocks {
		if i == titleIdx {
			continue
		}
		if b.Kind == notes.Heading && len(parseTalkLine(b.Text()).speakers) > 0 && !isSpeakerHeading(b.Text()) {
			return rawSection{}, false
		}
		body = append(body, b)
	}
	tl := parseTalkLine(title)
	if len(tl.speakers) == 0 {
		for _, s := range n.Meta.Speakers {
			tl.speakers = append(tl.speakers, SpeakerRef{Name: s})
		}
	}
	if len(tl.speakers) == 0 {
		sp, _, _ := speakerLine(body)
		if len(sp) == 0 {
			return rawSection{}, false
		}
	}
	if titleIdx < 0 {
		line = metaTitleLine(n)
	}
	end := line
	if len(body) > 0 {
		end = body[len(body)-1].EndLine
	}
	return rawSection{heading: title, line: line, endLine: end, tl: tl, blocks: body}, true
}

func metaTitleLine(n *notes.Note) int {
	return max(1, n.Meta.TitleLine)
}

var speakerHeadingRx = regexp.MustCompile(`(?i)^\s*(by|presented by|speakers?\s*:|presenters?\s*:)\s+\S`)

func isSpeakerHeading(s string) bool { return speakerHeadingRx.MatchString(s) }

var (
	speakerLineRx = regexp.MustCompile(`(?i)^\s*(?:presented by|talk by|given by|by|speakers?\s*:|presenters?\s*:|speaker\s*-)\s*(.+)$`)
	speakerMidRx  = regexp.MustCompile(`(?i)\b(?:presented by|given by|led by|run by)\s+(.+)$`)
)

// speakerLine finds the speakers named on their own line at the top of a
// section body ("by Jane Doe", "_Jane Doe_", "Speaker: Jane Doe",
// "### by Jane Doe"). It returns them and the index of the block and the
// line that held them, so the line is not mined again.
func speakerLine(body []notes.Block) ([]SpeakerRef, int, int) {
	for i, b := range body {
		if i > 1 {
			break
		}
		if b.Kind == notes.Code || b.Kind == notes.HTML {
			continue
		}
		first := firstLine(b)
		m := speakerLineRx.FindStringSubmatch(first)
		if m == nil {
			m = speakerMidRx.FindStringSubmatch(first)
		}
		if m != nil {
			if sp, ok := parseSpeakerSpec(strings.TrimRight(m[1], ". "), isLowerLine(m[1])); ok {
				return sp, i, b.Line
			}
		}
		if len(b.Inlines) > 0 && b.Inlines[0].Style&(notes.Emph|notes.Strong) != 0 {
			text := strings.TrimSpace(b.Inlines[0].Text)
			if strings.TrimSpace(first) == text || strings.TrimSpace(strings.Trim(first, "_*")) == text {
				if sp, ok := parseSpeakerSpec(text, false); ok {
					return sp, i, b.Line
				}
			}
		}
		if b.Kind == notes.Paragraph || b.Kind == notes.Heading {
			break
		}
	}
	return nil, -1, 0
}

func firstLine(b notes.Block) string {
	t := b.Text()
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

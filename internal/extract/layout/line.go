package layout

import (
	"sort"
	"strings"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// span is a styled or linked run of a line's text, by byte offsets.
type span struct {
	start, end int
	style      notes.Style
	url        string
}

// line is one line of a note as the layout reads it: its text, the styled
// and linked runs in it, and its source line.
type line struct {
	text  string
	spans []span
	num   int
}

// lineOf joins inline runs into a line. Images are left out.
func lineOf(ins []notes.Inline, num int) line {
	if len(ins) == 1 && ins[0].Style&(notes.Image|notes.Break) == 0 {
		// one run of text (most lines): no copy
		in := ins[0]
		if num == 0 {
			num = in.Line
		}
		l := line{text: in.Text, num: num}
		if in.Style != 0 || in.URL != "" {
			l.spans = []span{{start: 0, end: len(in.Text), style: in.Style, url: in.URL}}
		}
		return l
	}
	var b strings.Builder
	var spans []span
	for _, in := range ins {
		if in.Style&notes.Image != 0 || in.Style&notes.Break != 0 {
			continue
		}
		start := b.Len()
		b.WriteString(in.Text)
		if in.Style != 0 || in.URL != "" {
			spans = append(spans, span{start: start, end: b.Len(), style: in.Style, url: in.URL})
		}
		if num == 0 {
			num = in.Line
		}
	}
	return line{text: b.String(), spans: spans, num: num}
}

// lines splits a block's inlines at line breaks.
func lines(b notes.Block) []line {
	var out []line
	start := 0
	for i := 0; i <= len(b.Inlines); i++ {
		if i < len(b.Inlines) && b.Inlines[i].Style&notes.Break == 0 {
			continue
		}
		if i > start {
			l := lineOf(b.Inlines[start:i], 0)
			if strings.TrimSpace(l.text) != "" {
				out = append(out, l)
			}
		}
		start = i + 1
	}
	return out
}

// firstLine returns the first line of a block with text.
func firstLine(b notes.Block) line {
	if b.Kind == notes.Code || b.Kind == notes.HTML {
		return line{num: b.Line}
	}
	ls := lines(b)
	if len(ls) == 0 {
		return line{num: b.Line}
	}
	return ls[0]
}

// blockLine returns the whole text of a block as one line, its line breaks
// kept as "\n" (a title wrapped over two lines is one title; names end at
// a line's end).
func blockLine(b notes.Block) line {
	ins := make([]notes.Inline, 0, len(b.Inlines))
	for _, in := range b.Inlines {
		if in.Style&notes.Break != 0 {
			in = notes.Inline{Text: "\n", Line: in.Line}
		}
		ins = append(ins, in)
	}
	l := lineOf(ins, b.Line)
	return l
}

// sub returns the part of l between byte offsets i and j, trimmed, with its
// spans.
func (l line) sub(i, j int) line {
	i, j = max(0, i), min(len(l.text), j)
	if i > j {
		i = j
	}
	for i < j && (l.text[i] == ' ' || l.text[i] == '\t') {
		i++
	}
	for j > i && (l.text[j-1] == ' ' || l.text[j-1] == '\t') {
		j--
	}
	out := line{text: l.text[i:j], num: l.num}
	// Spans are sorted and do not overlap: find the first that ends after
	// i, so that a sub of a long line costs what it holds.
	k := sort.Search(len(l.spans), func(k int) bool { return l.spans[k].end > i })
	for ; k < len(l.spans) && l.spans[k].start < j; k++ {
		s := l.spans[k]
		out.spans = append(out.spans, span{start: max(s.start, i) - i, end: min(s.end, j) - i, style: s.style, url: s.url})
	}
	return out
}

// spanAt returns the span covering byte offset i, if any.
func (l line) spanAt(i int) (span, bool) {
	for _, s := range l.spans {
		if s.start <= i && i < s.end {
			return s, true
		}
	}
	return span{}, false
}

// covered reports whether one span of the given style covers all of l's
// non-space text, and returns it.
func (l line) covered(style notes.Style) (span, bool) {
	t := strings.TrimSpace(l.text)
	if t == "" {
		return span{}, false
	}
	lead := strings.Index(l.text, t)
	for _, s := range l.spans {
		if s.style&style != 0 && s.start <= lead && s.end >= lead+len(t) {
			return s, true
		}
	}
	return span{}, false
}

// links returns the link spans of l.
func (l line) links() []span {
	var out []span
	for _, s := range l.spans {
		if s.style&notes.Link != 0 && s.url != "" {
			out = append(out, s)
		}
	}
	return out
}

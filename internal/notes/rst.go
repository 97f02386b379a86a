package notes

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// rstTitle is a reStructuredText section title: the line of its text and
// its level, by the order in which the note first uses its adornment.
type rstTitle struct {
	line  int // 1-based
	level int
}

// adornChars are the characters reStructuredText underlines and overlines
// titles with.
const adornChars = "=-~^\"':.*+#_<>"

// rstTitles finds the section titles of a note written in
// reStructuredText: a line of text underlined, and maybe overlined, by a
// line of one repeated punctuation character at least as long as the text
// (less two). Markdown already reads text underlined with "=" or "-" as a
// heading, so a note counts as reStructuredText only when it has a title
// adorned some other way ("~~~~", "^^^^", an overline), which Markdown would
// misread as a code fence, a thematic break or text. For such a note
// rstTitles returns the source with every title adornment blanked (line
// breaks kept, so lines do not move) and the titles, whose levels follow
// the order in which the note first uses each adornment style; for any
// other note it returns src and nil.
func rstTitles(src []byte) ([]byte, []rstTitle) {
	lines := bytes.Split(src, []byte("\n"))
	type found struct {
		text, under, over int // 0-based line indexes; over is -1 when none
		style             string
	}
	var titles []found
	markdownOnly := true
	fence := []byte(nil) // the fence of the code block we are in
	for i := 1; i < len(lines); i++ {
		if f := fenceOf(lines[i-1]); f != nil && (fence == nil || bytes.HasPrefix(bytes.TrimSpace(lines[i-1]), fence)) {
			if fence == nil && (i-1 == 0 || len(bytes.TrimSpace(lines[i-2])) == 0) {
				fence = f
			} else if fence != nil {
				fence = nil
			}
		}
		if fence != nil {
			continue
		}
		c, n := adornment(lines[i])
		if n == 0 {
			continue
		}
		text := bytes.TrimSpace(lines[i-1])
		if len(text) == 0 || adornLine(lines[i-1]) || utf8.RuneCount(text)-2 > n || isListOrQuote(text) || letters(text) < 2 {
			continue
		}
		over := -1
		if i >= 2 {
			if oc, on := adornment(lines[i-2]); oc == c && on == n {
				over = i - 2
			}
		}
		style := string(c)
		if over >= 0 {
			style = "over" + style
		}
		if over >= 0 || c != '=' && c != '-' {
			markdownOnly = false
		}
		titles = append(titles, found{text: i - 1, under: i, over: over, style: style})
	}
	if markdownOnly {
		return src, nil
	}
	out := bytes.Clone(src)
	offsets := make([]int, len(lines))
	for i, off := 1, 0; i < len(lines); i++ {
		off += len(lines[i-1]) + 1
		offsets[i] = off
	}
	levels := map[string]int{}
	var res []rstTitle
	for _, t := range titles {
		if _, ok := levels[t.style]; !ok {
			levels[t.style] = len(levels) + 1
		}
		blankLine(out, offsets[t.under], len(lines[t.under]))
		if t.over >= 0 {
			blankLine(out, offsets[t.over], len(lines[t.over]))
		}
		res = append(res, rstTitle{line: t.text + 1, level: min(6, levels[t.style])})
	}
	return out, res
}

// fenceOf returns the fence a line opens or closes a fenced code block
// with ("```", "~~~~"), or nil.
func fenceOf(line []byte) []byte {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return nil
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return t[:n]
}

// letters counts the letters and digits of a line.
func letters(t []byte) int {
	n := 0
	for _, r := range string(t) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func blankLine(b []byte, off, n int) {
	for i := off; i < off+n; i++ {
		b[i] = ' '
	}
}

// adornment returns the character and length of a line made of one
// adornment character repeated at least three times (trailing spaces
// allowed), or 0, 0.
func adornment(line []byte) (byte, int) {
	line = bytes.TrimRight(line, " \t")
	if len(line) < 3 || bytes.IndexByte([]byte(adornChars), line[0]) < 0 {
		return 0, 0
	}
	for _, c := range line {
		if c != line[0] {
			return 0, 0
		}
	}
	return line[0], len(line)
}

func adornLine(line []byte) bool {
	_, n := adornment(line)
	return n > 0
}

// isListOrQuote reports whether a text line starts a list item, a quote or
// a heading, which no title underline follows.
func isListOrQuote(text []byte) bool {
	switch text[0] {
	case '>', '#', '|':
		return true
	case '-', '*', '+':
		return len(text) > 1 && text[1] == ' '
	}
	return false
}

// applyRST turns the paragraphs that are reStructuredText titles into
// headings of their level, and the Markdown ATX headings of such a note
// ("# comment" lines, which reStructuredText reads as text) into
// paragraphs.
func applyRST(blocks []Block, titles []rstTitle) []Block {
	level := map[int]int{}
	for _, t := range titles {
		level[t.line] = t.level
	}
	for i := range blocks {
		b := &blocks[i]
		switch {
		case b.Kind == Paragraph && b.Line == b.EndLine && level[b.Line] > 0:
			b.Kind, b.Level, b.Setext = Heading, level[b.Line], true
		case b.Kind == Heading && !b.Setext:
			b.Kind, b.Level = Paragraph, 0
		}
	}
	return blocks
}

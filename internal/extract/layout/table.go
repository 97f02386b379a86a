package layout

import (
	"regexp"
	"strings"

	"github.com/talkgraph/talkgraph/internal/names"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// The table recogniser: a markdown table with a row per talk. The header
// names the columns ("Talk Title | Speaker | Notes", "Speaker | Talk |
// Track"); without one, the column whose cells read as names holds the
// speakers and the longest other column the titles. The other columns are
// comments, mined for tools and concepts.

var (
	titleColRx   = regexp.MustCompile(`(?i)^(?:talk|talks|talk title|title|session|session title|presentation|topic|subject|what|name of (?:the )?talk)s?$`)
	speakerColRx = regexp.MustCompile(`(?i)^(?:speakers?|presenters?|authors?|author\(s\)|speaker\(s\)|presenter\(s\)|by|who|presented by|hosts?|names?)$`)
	kindColRx    = regexp.MustCompile(`(?i)^(?:kind|type|format)$`)
)

// tableTalks reads the rows of the region's tables that are talks.
func (d *doc) tableTalks(r region) []Section {
	var out []Section
	for _, t := range tables(r.blocks) {
		out = append(out, d.readTable(t)...)
	}
	return out
}

// tables groups a region's rows by table.
func tables(bs []notes.Block) [][]notes.Block {
	var out [][]notes.Block
	for _, b := range bs {
		if b.Kind != notes.Row {
			continue
		}
		if n := len(out); n > 0 && out[n-1][0].Table == b.Table {
			out[n-1] = append(out[n-1], b)
			continue
		}
		out = append(out, []notes.Block{b})
	}
	return out
}

// readTable reads one table.
func (d *doc) readTable(rows []notes.Block) []Section {
	if len(rows) < 2 {
		return nil
	}
	header := rows[0]
	titleCol, speakerCol, kindCol := -1, -1, -1
	for c, cell := range header.Cells {
		h := cleanLabel(lineOf(cell, header.Line).text)
		switch {
		case titleCol < 0 && titleColRx.MatchString(h):
			titleCol = c
		case speakerCol < 0 && speakerColRx.MatchString(h):
			speakerCol = c
		case kindCol < 0 && kindColRx.MatchString(h):
			kindCol = c
		}
	}
	data := rows[1:]
	if speakerCol < 0 {
		speakerCol = d.nameColumn(data, titleCol)
	}
	if titleCol < 0 {
		titleCol = longestColumn(data, speakerCol)
	}
	if titleCol < 0 || speakerCol < 0 && titleCol < 0 {
		return nil
	}
	o := d.opts(true, nil)
	var out []Section
	for _, row := range data {
		if titleCol >= len(row.Cells) {
			continue
		}
		tline := lineOf(row.Cells[titleCol], row.Line)
		tl := readLine(tline, false, o)
		title := tl.title
		var sp spec
		if speakerCol >= 0 && speakerCol < len(row.Cells) {
			sp = parseSpec(lineOf(row.Cells[speakerCol], row.Line), o)
		}
		if strings.TrimSpace(title) == "" && len(sp.speakers) == 0 {
			continue
		}
		s := Section{Line: row.Line, EndLine: row.Line, Heading: strings.TrimSpace(tline.text), Title: title, TitleLine: row.Line,
			Speakers: sp.speakers, SpeakerLine: row.Line, Kind: tl.kind, IsTalk: true, Layout: "table", Confidence: 0.85}
		if len(s.Speakers) == 0 {
			s.Speakers = tl.speakers
		}
		if kindCol >= 0 && kindCol < len(row.Cells) {
			if k := kindOf(lineOf(row.Cells[kindCol], row.Line).text); k != "" {
				s.Kind = k
			}
		}
		if s.Title == "" || ceremony(s.Title) {
			s.Title = ""
			if k := kindOf(tline.text); k != "" {
				s.Kind = k
			}
		}
		if nonTalk(s.Title) && len(s.Speakers) == 0 {
			s.IsTalk = false
		}
		var rest []notes.Inline
		for c, cell := range row.Cells {
			if c == titleCol || c == speakerCol || linkOnly(cell) {
				continue
			}
			if len(rest) > 0 {
				rest = append(rest, notes.Inline{Text: " | ", Line: row.Line})
			}
			rest = append(rest, cell...)
		}
		if len(rest) > 0 {
			s.Body = []notes.Block{{Kind: notes.Paragraph, Line: row.Line, EndLine: row.Line, Inlines: rest}}
		}
		out = append(out, s)
	}
	return out
}

// nameColumn returns the column whose cells read most as names, when most
// of them do.
func (d *doc) nameColumn(rows []notes.Block, skip int) int {
	best, bestScore := -1, 0.0
	for c := range rows[0].Cells {
		if c == skip {
			continue
		}
		total, n := 0.0, 0
		for _, row := range rows {
			if c >= len(row.Cells) {
				continue
			}
			sp := parseSpec(lineOf(row.Cells[c], row.Line), d.opts(true, nil))
			total += sp.score
			n++
		}
		if n > 0 && total/float64(n) > bestScore {
			best, bestScore = c, total/float64(n)
		}
	}
	if bestScore < names.Possible {
		return -1
	}
	return best
}

// longestColumn returns the column with the most text that is not skip.
func longestColumn(rows []notes.Block, skip int) int {
	best, most := -1, 0
	for c := range rows[0].Cells {
		if c == skip {
			continue
		}
		n := 0
		for _, row := range rows {
			if c < len(row.Cells) {
				n += len(lineOf(row.Cells[c], row.Line).text)
			}
		}
		if n > most {
			best, most = c, n
		}
	}
	return best
}

// linkOnly reports whether a cell holds only links whose text is a word
// such as "Link" or "Slides".
func linkOnly(cell []notes.Inline) bool {
	l := lineOf(cell, 0)
	t := strings.TrimSpace(l.text)
	if t == "" {
		return true
	}
	for _, in := range cell {
		if in.Style&notes.Link == 0 && strings.TrimSpace(in.Text) != "" {
			return false
		}
	}
	return len(strings.Fields(t)) <= 2
}

package extract

import (
	"regexp"
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// proseStart is a talk named inside a block: where its title starts, the
// inline just past its speakers (where its body starts) and what it says.
type proseStart struct {
	bi, ii, after int
	line          int
	text          string // the title as written
	tl            talkLine
	notTalk       bool
	rest          string // text after the speakers in the inline that named them
}

var (
	joinRx      = regexp.MustCompile(`^\s*(?:,|&|and)\s*$`)
	byAfter     = regexp.MustCompile(`^\s*["'”’]?\s*,?\s*(?:presented by|by|from)\s+`)
	parenAfter  = regexp.MustCompile(`^\s*\(\s*([^()]+?)\s*\)`)
	nameRun     = regexp.MustCompile(`^([\p{L}.'’-]+(?:\s+(?:[\p{L}.'’-]+))*)`)
	scheduleRx  = regexp.MustCompile(`^\s*(?:\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?)(?:\s*[-–—to]+\s*\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*[:\-–—|]?\s+(.+)$`)
	quotedTitle = regexp.MustCompile(`["“]([^"”]{4,120})["”]`)
	dashAfter   = regexp.MustCompile(`^\s*["'”’]?\s*[-–—]+\s+`)
	dashStop    = regexp.MustCompile(`[:;(]|\.\s|\.$`)
	nameStop    = regexp.MustCompile(`(?i)\s+(?:then|and then|who|which|was|is|on|at|in|about|where|gave|talked|spoke|showed|presented|explained|with)\b|[,;:!?()]|\.\s|\.$`)
)

// proseTalks finds the talks named in blocks that have no heading per talk:
// a bold, italic, linked or quoted title followed by "by Name" or
// "(Name)", schedule lines ("10:30-11:00 Title"), and bullets that begin
// with a talk title and its speaker. Each becomes a section anchored at its
// title's line; the text up to the next talk is its body.
func proseTalks(bs []notes.Block, bare bool) []rawSection {
	var starts []proseStart
	for bi, b := range bs {
		if b.Kind != notes.Paragraph && b.Kind != notes.Item {
			continue
		}
		starts = append(starts, scheduleStarts(bi, b)...)
		styled := styledStarts(bi, b)
		if len(styled) == 0 && (b.Kind == notes.Item && b.Level == 1 || b.Kind == notes.Paragraph && bare) {
			if s, ok := bulletStart(bi, b); ok {
				starts = append(starts, s)
				continue
			}
		}
		starts = append(starts, styled...)
	}
	for i := range starts {
		if k := kindLead(firstLine(bs[starts[i].bi])); k != "" && starts[i].tl.kind == "talk" && starts[i].ii > 0 {
			starts[i].tl.kind = k
		}
	}
	slices.SortStableFunc(starts, func(a, b proseStart) int {
		if a.bi != b.bi {
			return a.bi - b.bi
		}
		return a.ii - b.ii
	})
	starts = slices.CompactFunc(starts, func(a, b proseStart) bool { return a.bi == b.bi && a.ii == b.ii })
	out := make([]rawSection, 0, len(starts))
	for k, s := range starts {
		end := proseStart{bi: len(bs)}
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		sec := rawSection{heading: s.text, line: s.line, endLine: s.line, tl: s.tl, prose: true}
		for bi := s.bi; bi <= end.bi && bi < len(bs); bi++ {
			b := bs[bi]
			lo, hi := 0, len(b.Inlines)
			if bi == s.bi {
				lo = min(s.after, hi)
			}
			if bi == end.bi {
				hi = min(end.ii, hi)
			}
			if lo >= hi && b.Kind != notes.Code && !(bi == s.bi && strings.TrimSpace(s.rest) != "") {
				continue
			}
			part := b
			if b.Kind != notes.Code && b.Kind != notes.HTML {
				part.Inlines = b.Inlines[lo:hi]
				if bi == s.bi && strings.TrimSpace(s.rest) != "" {
					part.Inlines = append([]notes.Inline{{Text: s.rest, Line: s.line}}, part.Inlines...)
				}
			}
			sec.blocks = append(sec.blocks, part)
			sec.endLine = max(sec.endLine, b.EndLine)
		}
		if s.notTalk {
			sec.tl.kind = "notalk"
		}
		out = append(out, sec)
	}
	return out
}

// styledStarts finds "**Title** by Name", "[Title](url) by [Name](url)",
// "*Title* (Name)" and `"Title" by Name` in a block.
func styledStarts(bi int, b notes.Block) []proseStart {
	var out []proseStart
	ins := b.Inlines
	for ii := 0; ii < len(ins); ii++ {
		in := ins[ii]
		if in.Style&(notes.Strong|notes.Emph|notes.Link) == 0 || in.Style&(notes.CodeSpan|notes.Image) != 0 {
			continue
		}
		title := strings.Trim(strings.TrimSpace(in.Text), `"“”`)
		if !titleLike(title) || siteRx.MatchString(title) && strings.Contains(title, "/") {
			continue
		}
		// A title may span several styled runs (bold link, nested emphasis,
		// a code span inside bold).
		raw := in.Text
		jj := ii + 1
		for jj < len(ins) && ins[jj].Style&(notes.Strong|notes.Emph|notes.Link) != 0 && ins[jj].Style&notes.Break == 0 && ins[jj].Line == in.Line && ins[jj].URL == in.URL {
			raw += ins[jj].Text
			jj++
		}
		title = strings.Trim(strings.TrimSpace(raw), `"“”`)
		if jj >= len(ins) {
			continue
		}
		sp, after, rest := speakersAfter(ins, jj)
		if len(sp) == 0 {
			continue
		}
		tl := parseTalkLine(title)
		tl.speakers = sp
		if ii > 0 && tl.kind == "talk" {
			if k := kindBefore(ins[ii-1].Text); k != "" {
				tl.kind = k
			}
		}
		out = append(out, proseStart{bi: bi, ii: ii, after: after, line: in.Line, text: title, tl: tl, rest: rest})
		ii = after - 1
	}
	for ii, in := range ins {
		if in.Style != 0 {
			continue
		}
		for _, m := range quotedTitle.FindAllStringSubmatchIndex(in.Text, -1) {
			sp, end, ok := speakersInText(in.Text[m[1]:])
			if !ok {
				continue
			}
			title := in.Text[m[2]:m[3]]
			tl := parseTalkLine(title)
			tl.speakers = sp
			if k := kindBefore(in.Text[:m[0]]); k != "" && tl.kind == "talk" {
				tl.kind = k
			}
			out = append(out, proseStart{bi: bi, ii: ii, after: ii + 1, line: in.Line, text: title, tl: tl, rest: in.Text[m[1]+end:]})
		}
	}
	return out
}

// speakersAfter reads "by Name", "by [Name](url)", "(Name)" starting at
// inline j; it returns the speakers and the index of the first inline after
// them.
func speakersAfter(ins []notes.Inline, j int) ([]SpeakerRef, int, string) {
	t := ins[j].Text
	if ins[j].Style != 0 {
		return nil, j, ""
	}
	loc := byAfter.FindStringIndex(t)
	if loc == nil {
		if sp, end, ok := speakersInText(t); ok {
			return sp, j + 1, t[end:]
		}
		return nil, j, ""
	}
	rest := t[loc[1]:]
	if strings.TrimSpace(rest) == "" && j+1 < len(ins) && ins[j+1].Style&notes.Link != 0 {
		names := []string{ins[j+1].Text}
		k := j + 2
		// "by [A](…) and [B](…)"
		for k+1 < len(ins) && joinRx.MatchString(ins[k].Text) && ins[k+1].Style&notes.Link != 0 {
			names = append(names, ins[k+1].Text)
			k += 2
		}
		var sp []SpeakerRef
		for _, n := range names {
			if !nameLike(n, false) {
				return nil, j, ""
			}
			sp = append(sp, SpeakerRef{Name: strings.TrimSpace(n)})
		}
		return sp, k, ""
	}
	if sp, end, ok := speakersInText(t); ok {
		return sp, j + 1, t[end:]
	}
	return nil, j, ""
}

// speakersInText reads the speakers named at the start of the text that
// follows a talk title: "by Name", "(Name)" or "- Name", possibly after a
// short clause ("- two speakers, A and B").
func speakersInText(t string) ([]SpeakerRef, int, bool) {
	if m := parenAfter.FindStringSubmatchIndex(t); m != nil {
		sp, ok := parseSpeakerSpec(t[m[2]:m[3]], false)
		return sp, m[1], ok
	}
	var start int
	var names string
	if loc := byAfter.FindStringIndex(t); loc != nil {
		start, names = loc[1], nameStop.Split(t[loc[1]:], 2)[0]
	} else if loc := dashAfter.FindStringIndex(t); loc != nil {
		start, names = loc[1], dashStop.Split(t[loc[1]:], 2)[0]
	} else {
		return nil, 0, false
	}
	if i := strings.IndexByte(names, '\n'); i >= 0 {
		names = names[:i]
	}
	end := start + len(names)
	names = strings.TrimSpace(names)
	if sp, ok := parseSpeakerSpec(names, false); ok {
		return sp, end, true
	}
	if i := strings.Index(names, ", "); i > 0 && isLowerLine(names[:i]) {
		sp, ok := parseSpeakerSpec(names[i+2:], false)
		return sp, end, ok
	}
	return nil, 0, false
}

var kindLeadRx = regexp.MustCompile(`(?i)^\W*(keynote|lightning talk|lightning|tutorial|workshop|panel)s?\b`)

// kindLead reads a session kind that a line begins with ("Lightning talks,
// last block of the day:", "tutorial, wednesday morning").
func kindLead(s string) string {
	if m := kindLeadRx.FindStringSubmatch(s); m != nil {
		return kindOf(m[1])
	}
	return ""
}

var kindBeforeRx = regexp.MustCompile(`(?i)\b(keynote|lightning talk|tutorial|workshop|panel)s?\b[^.!?]{0,40}$`)

// kindBefore reads a session kind named just before a title ("The
// keynote, **Title** by …").
func kindBefore(s string) string {
	if m := kindBeforeRx.FindStringSubmatch(s); m != nil {
		return kindOf(m[1])
	}
	return ""
}

// titleLike reports whether s can be a talk title: two to twenty words, or
// one capitalised word.
func titleLike(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 20 {
		return false
	}
	return len(ws) >= 2 || (len(s) > 3 && strings.ToUpper(s[:1]) == s[:1])
}

// scheduleStarts finds the lines of a block that begin with a time.
func scheduleStarts(bi int, b notes.Block) []proseStart {
	var out []proseStart
	lineStart := 0
	for ii := 0; ii <= len(b.Inlines); ii++ {
		if ii < len(b.Inlines) && b.Inlines[ii].Style&notes.Break == 0 {
			continue
		}
		var text strings.Builder
		for _, in := range b.Inlines[lineStart:ii] {
			text.WriteString(in.Text)
		}
		if m := scheduleRx.FindStringSubmatch(text.String()); m != nil && lineStart < len(b.Inlines) {
			tl := parseTalkLine(strings.TrimSpace(m[1]))
			if len(tl.speakers) == 0 {
				tl.speakers = nextLineSpeakers(b.Inlines[min(ii+1, len(b.Inlines)):])
			}
			out = append(out, proseStart{bi: bi, ii: lineStart, after: ii, line: b.Inlines[lineStart].Line,
				text: strings.TrimSpace(m[1]), tl: tl, notTalk: notTalk(tl.title)})
		}
		lineStart = ii + 1
	}
	return out
}

// bulletStart reads a top-level bullet that begins with a talk and its
// speaker: "Title (Name)", "Title - Name", "Title by Name", "**Title** …".
func bulletStart(bi int, b notes.Block) (proseStart, bool) {
	first := firstLine(b)
	if scheduleRx.MatchString(first) || quotedTitle.MatchString(first) {
		return proseStart{}, false
	}
	cands := []string{first}
	for _, sep := range []string{": ", " — ", ". "} {
		if i := strings.Index(first, sep); i > 0 {
			cands = append(cands, first[:i])
		}
	}
	for _, c := range cands {
		tl := parseTalkLine(c)
		if len(tl.speakers) == 0 || !titleLike(tl.title) {
			continue
		}
		after := 0
		for after < len(b.Inlines) && b.Inlines[after].Style&notes.Break == 0 {
			after++
		}
		return proseStart{bi: bi, ii: 0, after: after, line: b.Line, text: c, tl: tl}, true
	}
	return proseStart{}, false
}

// nextLineSpeakers reads a "presented by Name" line at the start of ins.
func nextLineSpeakers(ins []notes.Inline) []SpeakerRef {
	var text strings.Builder
	for _, in := range ins {
		if in.Style&notes.Break != 0 {
			break
		}
		text.WriteString(in.Text)
	}
	if m := speakerLineRx.FindStringSubmatch(text.String()); m != nil {
		if sp, ok := parseSpeakerSpec(strings.TrimRight(m[1], ". "), isLowerLine(m[1])); ok {
			return sp
		}
	}
	return nil
}

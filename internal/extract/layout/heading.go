package layout

import (
	"regexp"
	"strings"

	"github.com/talkgraph/talkgraph/internal/names"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// The heading recogniser: one heading per talk. The heading holds the
// title and the speakers in either order ("Title - Speaker", "Speaker:
// Title", "Title (Speaker)", "Title by Speaker"), or the title alone with
// the speakers on the lines under it ("by Name", "_Name_", "Speaker: Name",
// a name with a handle, bullets of names), or a speaker alone with the
// title in the line under it ("#### Name - Company" then "*Title*").

// headRead is what one heading says.
type headRead struct {
	idx       int    // index of the heading block
	key       string // its shape: level and style
	level     int
	tl        talkLine
	below     belowRead // speakers or a title read from the lines under it
	nonTalk   bool      // lunch, links, summary
	ceremony  bool      // welcome, closing
	container bool      // a day, a track, "Talks"
	slot      bool      // a date or a time alone: a slot that holds one talk
	strong    bool      // names its speakers, here or under it
}

// belowRead is what the lines under a heading add to it.
type belowRead struct {
	speakers []Speaker
	org      string
	title    string
	kind     string // a kind the speaker line names ("tutorial, … presented by")
	line     int    // the line read
	skip     int    // how many leading body blocks were read (not body)
	skipLine []int
	styled   bool // the title is written in bold or italics
}

var timeSlotRx = regexp.MustCompile(`(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+)?(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?(?:\s+[A-Z]{2,5})?(?:\s+\d{4})?|\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?)$`)

// readHeading reads heading block i of the note with the shape prior.
func (d *doc) readHeading(i int, prior *shape) headRead {
	b := d.blocks[i]
	l := lineOf(b.Inlines, b.Line)
	h := headRead{idx: i, level: b.Level, key: headingKey(b)}
	label := cleanLabel(l.text)
	h.slot = timeSlotRx.MatchString(label)
	h.container = !h.slot && (container(label) || groupLabel(label) && d.hasChildren(i))
	o := d.opts(false, prior)
	h.tl = readLine(l, true, o)
	if h.tl.title != "" && d.cfg.Series != "" {
		h.tl.title = pageTitleTail(h.tl.title, d.cfg.Series, d.cfg.Year)
	}
	t := h.tl.title
	if t == "" {
		t = label
	}
	h.nonTalk = len(h.tl.speakers) == 0 && nonTalk(t)
	h.ceremony = ceremony(t)
	body := d.bodyOf(i)
	if h.tl.shape.form == speakerFirst && len(strings.Fields(h.tl.title)) <= 4 && h.tl.org == "" && orgLike(h.tl.title, o) {
		// "#### Dana Quinn - Intuit" over "*Lessons from the hybrid cloud*":
		// with a styled title under it, what follows the speaker is an
		// organization
		if tb := titleBelow(body, o); tb.title != "" && tb.styled {
			h.tl.org = cleanOrg(h.tl.title)
			for i := range h.tl.speakers {
				if h.tl.speakers[i].Affiliation == "" {
					h.tl.speakers[i].Affiliation = h.tl.org
				}
			}
			h.tl.title, h.tl.shape.form = "", speakerOnly
		}
	}
	switch {
	case len(h.tl.speakers) > 0 && h.tl.shape.form == speakerOnly:
		h.below = titleBelow(body, o)
		h.strong = true
	case len(h.tl.speakers) > 0:
		h.strong = true
	case !h.container && !h.nonTalk:
		bo := d.opts(true, nil)
		bo.loose = d.below
		h.below = speakersBelow(body, bo)
		h.strong = len(h.below.speakers) > 0
	}
	return h
}

// hasChildren reports whether heading i has deeper headings under it.
func (d *doc) hasChildren(i int) bool {
	for _, b := range d.blocks[i+1:] {
		if b.Kind == notes.Heading {
			return b.Level > d.blocks[i].Level
		}
	}
	return false
}

// headingKey names a heading's shape: its level, and whether it is
// underlined (setext or reStructuredText) or written with #.
func headingKey(b notes.Block) string {
	k := "h" + itoa(b.Level)
	if b.Setext {
		k += "u"
	}
	return k
}

// bodyOf returns the blocks under heading i up to the next heading of its
// level or higher.
func (d *doc) bodyOf(i int) []notes.Block {
	level := d.blocks[i].Level
	end := len(d.blocks)
	for j := i + 1; j < len(d.blocks); j++ {
		if b := d.blocks[j]; b.Kind == notes.Heading && b.Level <= level {
			end = j
			break
		}
	}
	return d.blocks[i+1 : end]
}

// untilHeading returns the blocks under heading i up to the next heading
// of any level.
func (d *doc) untilHeading(i int) []notes.Block {
	end := len(d.blocks)
	for j := i + 1; j < len(d.blocks); j++ {
		if d.blocks[j].Kind == notes.Heading {
			end = j
			break
		}
	}
	return d.blocks[i+1 : end]
}

var (
	byLineRx   = regexp.MustCompile(`(?i)^(?:(?:a\s+)?(?:talk|keynote|presentation|session|workshop|tutorial|lightning talk)\s+)?(?:presented\s+by|given\s+by|led\s+by|run\s+by|by)\s+\S`)
	labelRx    = regexp.MustCompile(`(?i)^(?:speakers?|presenters?|presented by|hosts?|instructors?|panell?ists?)\s*[:\-–—]\s*\S`)
	nameStopRx = regexp.MustCompile(`\s+(?:on|about|at|in|into|during|for|where|while|who|which|whose|talking|discussing|explaining|explained|showed|gave|shared|presented|is|was|were|and then|then|from)\s+|[;:!?\n]|\.\s|\.$|\s\((?:[^)]*\s){4}|\s\([^)]*$`)
	midByRx    = regexp.MustCompile(`(?i)\(?\b(?:talk|presented|given|led|run|hosted)\s+by\s+`)
)

// speakersBelow reads the speakers named on the first lines under a
// title: "by Name", "Speaker: Name", "_Name_", "Name, Company", a name with
// a handle or a profile link, one bullet per speaker, a paragraph that is
// a list of names, "Name, RustConf 2019", "Name – role (email)".
func speakersBelow(body []notes.Block, o options) belowRead {
	var br belowRead
	for bi, b := range body {
		if bi > 2 || b.Kind == notes.Code || b.Kind == notes.Row {
			break
		}
		if b.Kind == notes.HTML {
			continue
		}
		if b.Kind == notes.Heading {
			// "### by Name" or "## Speaker: Name (role)" under the title
			if sp, ok := speakerLine(firstLine(b), o, true); ok {
				br.speakers, br.line, br.skip = sp.speakers, b.Line, bi+1
				br.org = sp.org
				break
			}
			if bi == 0 && len(strings.Fields(b.Text())) <= 8 {
				continue // a subtitle: "### Let's extend its functionality"
			}
			break
		}
		if b.Kind == notes.Item && b.Bullet {
			// one bullet per speaker
			var sps []Speaker
			n := 0
			for _, it := range body[bi:] {
				if it.Kind != notes.Item || !it.Bullet {
					break
				}
				sp, ok := speakerLine(firstLine(it), o, false)
				if !ok || sp.comment != "" && !strings.Contains(firstLine(it).text, "–") {
					break
				}
				sps = append(sps, sp.speakers...)
				n++
			}
			if len(sps) > 0 {
				br.speakers, br.line, br.skip = sps, b.Line, bi+n
			}
			break
		}
		ls := lines(b)
		if len(ls) == 0 {
			continue
		}
		if sp, ok := speakerLine(ls[0], o, false); ok {
			br.speakers, br.org, br.line, br.skip = sp.speakers, sp.org, ls[0].num, bi+1
			if m := midByRx.FindStringIndex(ls[0].text); m != nil && m[0] > 0 {
				br.kind = leadKind(ls[0].text[:m[0]])
			}
			readRest(&br, ls[1:], o)
			break
		}
		// a paragraph that is a list of names, wrapped over lines
		if all := blockLine(b); len(ls) > 1 {
			if sp, ok := speakerLine(all, o, false); ok && len(sp.speakers) > 1 {
				br.speakers, br.org, br.line, br.skip = sp.speakers, sp.org, ls[0].num, bi+1
				break
			}
		}
		break
	}
	return br
}

// leadKind returns the kind of session the first words of s name
// ("tutorial, wednesday morning"), or "".
func leadKind(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), ",")
	if len(strings.Fields(first)) > 3 {
		return ""
	}
	return kindOf(first)
}

// readRest reads the lines after a speaker's name in the same paragraph: a
// handle, a role at an organization.
func readRest(br *belowRead, ls []line, o options) {
	for _, l := range ls {
		t := strings.TrimSpace(l.text)
		switch {
		case len(br.speakers) == 1 && br.speakers[0].Handle == "" && (names.Handle(t) || profileHandle(onlyLink(l)) != ""):
			h := t
			if ph := profileHandle(onlyLink(l)); ph != "" {
				h = ph
			}
			br.speakers[0].Handle = h
		case br.org == "" && roleOrgRx.MatchString(t) && len(strings.Fields(t)) <= 10:
			org := cleanOrg(roleOrg(t))
			if org != "" && orgLike(org, o) {
				br.org = org
				for i := range br.speakers {
					if br.speakers[i].Affiliation == "" {
						br.speakers[i].Affiliation = org
					}
				}
			}
		case urlRx.MatchString(t) && strings.TrimSpace(urlRx.ReplaceAllString(t, "")) == "":
		default:
			return
		}
	}
}

// onlyLink returns the URL of a line that is one link, or "".
func onlyLink(l line) string {
	if s, ok := l.covered(notes.Link); ok {
		return s.url
	}
	return ""
}

// speakerLine reads a line that names speakers and nothing else of a talk.
// Lines that say so ("by", "Speaker:", a styled name) need a possible
// name; bare lines a likely one, with a handle, a profile link or an
// organization.
// nameStop returns where the names that start text end: at the first word,
// clause or sentence that follows names, not at the dot of an initial or an
// honorific ("by Dr. Amaka Nwachukwu"); -1 when they run to the end.
func nameStop(text string) int {
	off := 0
	for {
		m := nameStopRx.FindStringIndex(text[off:])
		if m == nil {
			return -1
		}
		at := off + m[0]
		if text[at] == '.' && initialBefore(text, at) {
			off = at + 1
			continue
		}
		return at
	}
}

func speakerLine(l line, o options, heading bool) (spec, bool) {
	t := strings.TrimSpace(l.text)
	if t == "" || len(strings.Fields(t)) > 25 {
		return spec{}, false
	}
	st := stripAffixes(l, false)
	l = st.line
	t = strings.TrimSpace(l.text)
	marked := false
	switch {
	case byLineRx.MatchString(t), labelRx.MatchString(t):
		marked = true
		if loc := byLeadRx.FindStringIndex(t); loc != nil {
			l = l.sub(loc[1], len(l.text))
		} else if loc := labelLead.FindStringIndex(t); loc != nil {
			l = l.sub(loc[1], len(l.text))
		}
		if at := nameStop(l.text); at >= 0 {
			l = l.sub(0, at)
		}
	default:
		if _, ok := l.covered(notes.Emph | notes.Strong); ok {
			marked = true
		} else if m := midByRx.FindStringIndex(t); m != nil && m[0] > 0 {
			// "tutorial, wednesday morning, presented by Anika Roy"
			marked = true
			l = l.sub(m[1], len(l.text))
			if at := nameStop(l.text); at >= 0 {
				l = l.sub(0, at)
			}
		}
	}
	l = dropEvent(l, o)
	sp := parseSpec(l, o)
	if len(sp.speakers) == 0 {
		return spec{}, false
	}
	attach := talkLine{speakers: sp.speakers}
	attachHandles(&attach, st.handles)
	sp.speakers = attach.speakers
	need := names.Likely
	if marked || hasHandle(sp.speakers) || o.loose {
		need = names.Possible
	}
	if sp.score < need {
		return spec{}, false
	}
	if !marked && !heading && sp.comment != "" && !hasHandle(sp.speakers) && sp.org == "" {
		return spec{}, false
	}
	return sp, true
}

func hasHandle(sps []Speaker) bool {
	for _, s := range sps {
		if s.Handle != "" {
			return true
		}
	}
	return false
}

var eventPartRx = regexp.MustCompile(`,\s*(?:[A-Z][\w/.:'-]*\s+){1,4}(?:19|20)\d{2}\.?\s*$`)

// dropEvent removes an event named after the speakers ("Sam Okonkwo,
// RustConf 2019").
func dropEvent(l line, o options) line {
	if m := eventPartRx.FindStringIndex(l.text); m != nil && m[0] > 0 {
		return l.sub(0, m[0])
	}
	return l
}

// titleBelow reads the title written under a speaker's heading: an
// italic or bold line, or a short line of its own.
func titleBelow(body []notes.Block, o options) belowRead {
	for bi, b := range body {
		if bi > 1 || b.Kind != notes.Paragraph {
			break
		}
		ls := lines(b)
		if len(ls) == 0 {
			continue
		}
		l := ls[0]
		t := strings.TrimSpace(l.text)
		_, styled := l.covered(notes.Emph | notes.Strong)
		ws := len(strings.Fields(t))
		if !styled && (ws > 12 || len(ls) > 1 || strings.HasSuffix(t, ".") && ws > 3) {
			break
		}
		if ws == 0 || ws > 25 {
			break
		}
		return belowRead{title: cleanTitle(t), line: l.num, skipLine: []int{l.num}, skip: skipOf(len(ls) == 1, bi), styled: styled}
	}
	return belowRead{}
}

func skipOf(whole bool, bi int) int {
	if whole {
		return bi + 1
	}
	return bi
}

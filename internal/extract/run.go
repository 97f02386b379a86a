package extract

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/internal/extract/layout"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// sectionCtx carries per-note state through the extraction of sections.
type sectionCtx struct {
	note       string
	words      *words // the note's event, title and tags: context for ambiguous names
	candidates []Candidate
	// sure holds the ambiguous entries the note has confirmed so far: a
	// note that said "React" where only the library is meant means it
	// later too.
	sure map[*lexicon.Entry]bool
}

// splitCamel splits a CamelCase name into words: a series' name tells the
// note's domain ("RailsConf" is about Rails, "DjangoCon" about Django).
func splitCamel(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (sx *sectionCtx) candidate(c Candidate) {
	c.Note = sx.note
	sx.candidates = append(sx.candidates, c)
}

func (x *Extractor) extract(n *notes.Note) *Result {
	ev := x.event(n)
	context := n.Meta.Title + " " + strings.Join(n.Meta.Tags, " ")
	if ev != nil {
		context += " " + ev.Series + " " + splitCamel(ev.Series)
	}
	sx := &sectionCtx{note: n.Path, words: &words{text: context}, sure: map[*lexicon.Entry]bool{}}
	res := &Result{Event: ev}
	lc := layout.Config{Known: x.knownKind}
	if ev != nil {
		lc.Series, lc.Year = ev.Series, ev.Year
	}
	for _, ls := range layout.Read(n, lc) {
		s := Section{File: n.Path, Line: ls.Line, EndLine: max(ls.Line, ls.EndLine), Heading: ls.Heading, Title: ls.Title,
			Kind: ls.Kind, IsTalk: ls.IsTalk, Event: ev, Layout: ls.Layout}
		for _, sp := range ls.Speakers {
			s.Speakers = append(s.Speakers, speakerRef(sp))
		}
		if s.IsTalk {
			s.Confidence = ls.Confidence
			x.mine(&s, ls, sx)
		}
		x.summarize(&s, ls, lineText(n, ls.SpeakerLine, ls.Heading))
		res.Sections = append(res.Sections, s)
	}
	res.Candidates = sx.candidates
	res.Graph = x.graph(n, res)
	return res
}

func speakerRef(sp layout.Speaker) SpeakerRef {
	r := SpeakerRef{Name: sp.Name, Confidence: sp.Confidence}
	if sp.Handle != "" {
		h := sp.Handle
		r.Handle = &h
	}
	if sp.Affiliation != "" {
		a := sp.Affiliation
		r.Affiliation = &a
	}
	return r
}

// knownKind says what the lexicon knows a name as: the kind of its first
// entry, or "".
func (x *Extractor) knownKind(s string) string {
	if es := x.matcher().exact[fold.Key(s)]; len(es) > 0 {
		return string(es[0].Kind)
	}
	return ""
}

// lineText returns the text of line n of a note as its blocks read it,
// or def when no block holds that line.
func lineText(note *notes.Note, n int, def string) string {
	var b strings.Builder
	// blocks come in the order of their lines: start at the first that
	// may hold line n
	first := sort.Search(len(note.Blocks), func(i int) bool { return max(note.Blocks[i].EndLine, note.Blocks[i].Line) >= n })
	for _, bl := range note.Blocks[first:] {
		if bl.Line > n {
			break
		}
		if max(bl.EndLine, bl.Line) < n {
			continue
		}
		for _, in := range bl.Inlines {
			if in.Line == n {
				b.WriteString(in.Text)
			}
		}
	}
	if t := strings.TrimSpace(b.String()); t != "" {
		return t
	}
	return def
}

// summarize fills the section's name lists from its mentions, each name
// once, in order of first mention (the title's first), and its evidence.
func (x *Extractor) summarize(s *Section, ls layout.Section, speakerText string) {
	s.Tools, s.Concepts, s.Organizations, s.People = []string{}, []string{}, []string{}, []string{}
	s.Evidence = []Fact{}
	if s.Speakers == nil {
		s.Speakers = []SpeakerRef{}
	}
	if !s.IsTalk {
		return
	}
	if s.Title != "" {
		s.Evidence = append(s.Evidence, Fact{Part: PartTitle, Value: s.Title, Line: ls.TitleLine, Text: ls.Heading,
			Confidence: round2(s.Confidence), Why: "read by the " + ls.Layout + " layout"})
	}
	for i, sp := range s.Speakers {
		v := sp.Name
		if v == "" && sp.Handle != nil {
			v = *sp.Handle
		}
		// A speaker is no surer than the talk they are read from.
		s.Speakers[i].Confidence = round2(min(s.Confidence, max(0.3, sp.Confidence)))
		s.Evidence = append(s.Evidence, Fact{Part: PartSpeaker, Value: v, Line: ls.SpeakerLine, Text: snippet(speakerText, v),
			Confidence: s.Speakers[i].Confidence, Why: "read by the " + ls.Layout + " layout"})
	}
	seen := map[string]bool{}
	add := func(list *[]string, name string) bool {
		k := strings.ToLower(name)
		if seen[k] {
			return false
		}
		seen[k] = true
		*list = append(*list, name)
		return true
	}
	for _, sp := range s.Speakers {
		seen[strings.ToLower(sp.Name)] = true
	}
	for _, m := range s.mentions {
		part := ""
		switch m.kind {
		case string(lexicon.KindTool):
			part = PartTool
			add(&s.Tools, m.name)
		case string(lexicon.KindOrganization):
			part = PartOrganization
			add(&s.Organizations, m.name)
		case string(lexicon.KindConcept), "phrase":
			part = PartConcept
			add(&s.Concepts, m.name)
		case "person":
			part = PartPerson
			add(&s.People, m.name)
		}
		if part != "" {
			s.Evidence = append(s.Evidence, Fact{Part: part, Value: m.name, Line: m.line, Text: snippetAt(m.text, m.name, m.at-1),
				Confidence: round2(m.conf), Why: m.why})
		}
		if m.title && m.kind != "person" {
			s.about = append(s.about, m.kind+"\x00"+m.name)
		}
	}
	s.about = slices.Compact(s.about)
}

// snippet trims a text to about 120 bytes around a name.
func snippet(text, name string) string { return snippetAt(text, name, -1) }

// snippetAt is snippet when the name is known to stand at byte at of text
// (-1 when it is not known). Without it, the name is looked for as
// written, and the snippet starts the text when it is not found: the
// search costs one pass, so a paragraph of many facts stays linear.
func snippetAt(text, name string, at int) string {
	if len(text) <= 120 {
		return strings.Join(strings.Fields(text), " ")
	}
	// The window is cut from the text as written and only it is spaced
	// again: a paragraph is not rewritten for each fact it holds.
	i := at
	if i < 0 || i >= len(text) {
		i = max(0, strings.Index(text, name))
	}
	lo := max(0, i-50)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	hi := min(len(text), lo+120)
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	out := strings.Join(strings.Fields(text[lo:hi]), " ")
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(text) {
		out += "…"
	}
	return out
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

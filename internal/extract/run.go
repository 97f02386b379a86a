package extract

import (
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/internal/extract/layout"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// sectionCtx carries per-note state through the extraction of sections.
type sectionCtx struct {
	note       string
	context    string // the note's event, title and tags: context for ambiguous names
	candidates []Candidate
}

func (sx *sectionCtx) candidate(c Candidate) {
	c.Note = sx.note
	sx.candidates = append(sx.candidates, c)
}

// rawSection is what the layout read of a section, for mining.
type rawSection struct {
	heading string
	line    int
	title   string
	blocks  []notes.Block // the body
}

func (x *Extractor) extract(n *notes.Note) *Result {
	ev := x.event(n)
	sx := &sectionCtx{note: n.Path, context: n.Meta.Title + " " + strings.Join(n.Meta.Tags, " ")}
	if ev != nil {
		sx.context += " " + ev.Series
	}
	res := &Result{Event: ev}
	lc := layout.Config{Known: x.knownKind}
	if ev != nil {
		lc.Series, lc.Year = ev.Series, ev.Year
	}
	for _, ls := range layout.Read(n, lc) {
		s := Section{File: n.Path, Line: ls.Line, EndLine: max(ls.Line, ls.EndLine), Heading: ls.Heading, Title: ls.Title,
			Kind: ls.Kind, IsTalk: ls.IsTalk, Event: ev}
		for _, sp := range ls.Speakers {
			s.Speakers = append(s.Speakers, speakerRef(sp))
		}
		if s.IsTalk {
			raw := rawSection{heading: ls.Heading, line: ls.Line, title: ls.Title, blocks: ls.Body}
			if ls.Comment != "" {
				raw.blocks = append([]notes.Block{{Kind: notes.Paragraph, Line: ls.Line, EndLine: ls.Line,
					Inlines: []notes.Inline{{Text: ls.Comment, Line: ls.Line}}}}, raw.blocks...)
			}
			x.mine(&s, raw, sx)
		}
		x.summarize(&s)
		res.Sections = append(res.Sections, s)
	}
	res.Candidates = sx.candidates
	res.Graph = x.graph(n, res)
	return res
}

func speakerRef(sp layout.Speaker) SpeakerRef {
	r := SpeakerRef{Name: sp.Name}
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
	if es := x.m.exact[fold.Key(s)]; len(es) > 0 {
		return string(es[0].Kind)
	}
	return ""
}

// summarize fills the section's name lists from its mentions, each name
// once, in order of first mention.
func (x *Extractor) summarize(s *Section) {
	s.Tools, s.Concepts, s.Organizations, s.People = []string{}, []string{}, []string{}, []string{}
	if s.Speakers == nil {
		s.Speakers = []SpeakerRef{}
	}
	seen := map[string]bool{}
	add := func(list *[]string, name string) {
		k := strings.ToLower(name)
		if seen[k] {
			return
		}
		seen[k] = true
		*list = append(*list, name)
	}
	for _, sp := range s.Speakers {
		seen[strings.ToLower(sp.Name)] = true
	}
	for _, m := range s.mentions {
		switch m.kind {
		case string(lexicon.KindTool):
			add(&s.Tools, m.name)
		case string(lexicon.KindOrganization):
			add(&s.Organizations, m.name)
		case string(lexicon.KindConcept), "phrase":
			add(&s.Concepts, m.name)
		case "person":
			add(&s.People, m.name)
		}
		if m.title && m.kind != "person" {
			s.about = append(s.about, m.kind+"\x00"+m.name)
		}
	}
	s.about = slices.Compact(s.about)
}

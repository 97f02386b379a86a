package extract

import (
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
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

func (x *Extractor) extract(n *notes.Note) *Result {
	ev := x.event(n)
	sx := &sectionCtx{note: n.Path, context: n.Meta.Title + " " + strings.Join(n.Meta.Tags, " ")}
	if ev != nil {
		sx.context += " " + ev.Series
	}
	res := &Result{Event: ev}
	for _, raw := range sectionize(n) {
		s := Section{File: n.Path, Line: raw.line, EndLine: raw.endLine, Heading: raw.heading, Title: raw.tl.title,
			Speakers: raw.tl.speakers, Event: ev}
		skip := 0
		s.Kind, s.IsTalk = raw.tl.kind, true
		if len(s.Speakers) == 0 {
			sp, bi, line := speakerLine(raw.blocks)
			s.Speakers, skip = sp, line
			if bi >= 0 && s.Kind == "talk" {
				if k := kindLead(firstLine(raw.blocks[bi])); k != "" {
					s.Kind = k
				}
			}
		}
		switch {
		case raw.tl.kind == "notalk" || notTalk(s.Title):
			s.Kind, s.IsTalk = "other", false
		case s.Kind == "other" && len(s.Speakers) == 0 && emptyBody(raw):
			s.IsTalk = false
		}
		if s.IsTalk {
			x.mine(&s, raw, skip, sx)
		}
		x.summarize(&s)
		res.Sections = append(res.Sections, s)
	}
	res.Candidates = sx.candidates
	res.Graph = x.graph(n, res)
	return res
}

func emptyBody(raw rawSection) bool {
	for _, b := range raw.blocks {
		if strings.TrimSpace(b.Text()) != "" {
			return false
		}
	}
	return true
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

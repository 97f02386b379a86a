package extract

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// maxText caps the prose kept on a Talk node for search.
const maxText = 8000

var genericTitle = regexp.MustCompile(`(?i)^(keynote|lightning talks?|lightning|welcome|welcoming|opening|closing|opening remarks|closing remarks|panel|tutorial|workshop|talk|untitled|q&a)(\s*#?\s*\d+)?$`)

// graph builds the note's graph fragment: a Note node, the Event, and for
// every talk section a Talk with its speakers, mentions and sources.
func (x *Extractor) graph(n *notes.Note, res *Result) *graph.Graph {
	g := graph.New()
	noteID := graph.ID(graph.Note, n.Path)
	all := []graph.Source{graph.Span(n.Path, 1, n.Lines)}
	g.AddNode(graph.Node{ID: noteID, Label: graph.Note, Props: props("path", n.Path, "title", n.Meta.Title, "hash", n.Hash, "date", n.Meta.Date), Sources: all})
	kept := func(s *Section) bool { return s.IsTalk && s.Confidence >= x.cfg.MinConfidence }
	eventID, eventKey := "", "unknown"
	if ev := res.Event; ev != nil && slices.ContainsFunc(res.Sections, func(s Section) bool { return kept(&s) }) {
		// The event of a note with no talk is not created from nothing.
		eventKey = ev.Name()
		eventID = graph.ID(graph.Event, ev.Series, yearString(ev.Year))
		g.AddNode(graph.Node{ID: eventID, Label: graph.Event, Props: props("name", ev.Name(), "series", ev.Series, "year", int64(ev.Year)), Sources: all})
		seriesID := graph.ID(graph.Series, ev.Series)
		g.AddNode(graph.Node{ID: seriesID, Label: graph.Series, Props: props("name", ev.Series), Sources: all})
		g.AddRel(graph.Rel{Type: graph.EditionOf, From: eventID, To: seriesID, Sources: all})
	}
	generic := map[string]int{}
	links := x.links(eventKey, res.Sections, kept)
	for i := range res.Sections {
		s := &res.Sections[i]
		if !kept(s) {
			continue
		}
		src := []graph.Source{graph.Span(n.Path, s.Line, s.EndLine)}
		s.ID = x.talkID(eventKey, s, n, generic)
		linked := false
		if l, ok := links[i]; ok {
			res.Links = append(res.Links, l)
			if l.Sure {
				s.ID, linked = l.Catalog, true // the catalog's talk: one node for both
			}
		}
		speakers := make([]string, 0, len(s.Speakers))
		for _, sp := range s.Speakers {
			speakers = append(speakers, sp.Name)
		}
		text := s.body
		if len(text) > maxText {
			text = text[:maxText]
		}
		tp := props("title", s.Title, "kind", s.Kind, "heading", s.Heading, "note", n.Path, "line", int64(s.Line), "text", text, "confidence", round2(s.Confidence))
		if len(speakers) > 0 {
			tp["speakers"] = speakers
		}
		if s.Event != nil {
			tp["event"] = s.Event.Name()
			if s.Event.Year > 0 {
				tp["year"] = int64(s.Event.Year)
			}
		}
		if linked {
			// The catalog's title, kind, event and abstract stand; the note
			// adds how it names the talk and what it says.
			tp = props("note_title", s.Title, "heading", s.Heading, "note", n.Path, "line", int64(s.Line), "note_text", text, "confidence", round2(s.Confidence))
		}
		g.AddNode(graph.Node{ID: s.ID, Label: graph.Talk, Props: tp, Sources: src})
		g.AddRel(graph.Rel{Type: graph.From, From: s.ID, To: noteID, Sources: src})
		if eventID != "" {
			g.AddRel(graph.Rel{Type: graph.At, From: s.ID, To: eventID, Sources: src})
		}
		x.speakers(g, s, src)
		x.mentions(g, s, n.Path)
	}
	return g
}

func (x *Extractor) talkID(eventKey string, s *Section, n *notes.Note, generic map[string]int) string {
	if !genericTitle.MatchString(strings.TrimSpace(s.Title)) && len(strings.Fields(s.Title)) > 0 {
		return graph.ID(graph.Talk, eventKey, s.Title)
	}
	if len(s.Speakers) > 0 {
		parts := []string{eventKey, s.Title}
		for _, sp := range s.Speakers {
			parts = append(parts, sp.Name)
		}
		return graph.ID(graph.Talk, parts...)
	}
	k := strings.ToLower(s.Title)
	generic[k]++
	return graph.ID(graph.Talk, eventKey, s.Title, n.Path, yearString(generic[k]))
}

func (x *Extractor) speakers(g *graph.Graph, s *Section, src []graph.Source) {
	for _, sp := range s.Speakers {
		if sp.Confidence < x.cfg.MinConfidence {
			continue
		}
		id := x.personID(graph.Speaker, sp.Name)
		p := props("name", sp.Name)
		p["spellings"] = []string{sp.Name}
		if sp.Handle != nil {
			p["handle"] = *sp.Handle
		}
		g.AddNode(graph.Node{ID: id, Label: graph.Speaker, Props: p, Sources: src})
		g.AddRel(graph.Rel{Type: graph.Presented, From: id, To: s.ID, Props: props("confidence", sp.Confidence), Sources: src})
		if sp.Affiliation != nil {
			oid := graph.ID(graph.Organization, *sp.Affiliation)
			g.AddNode(graph.Node{ID: oid, Label: graph.Organization, Props: props("name", *sp.Affiliation), Sources: src})
			g.AddRel(graph.Rel{Type: graph.AffiliatedWith, From: id, To: oid, Sources: src})
		}
	}
}

var kindLabel = map[string]graph.Label{
	string(lexicon.KindTool): graph.Tool, string(lexicon.KindConcept): graph.Concept, "phrase": graph.Concept,
	string(lexicon.KindOrganization): graph.Organization, "person": graph.Person,
}

// mentions adds a MENTIONS relationship per entity with one source per line
// it is named on (so its count is the number of sources), and ABOUT for the
// tools and concepts the title names.
func (x *Extractor) mentions(g *graph.Graph, s *Section, note string) {
	about := map[string]bool{}
	for _, a := range s.about {
		about[a] = true
	}
	for _, m := range s.mentions {
		l, ok := kindLabel[m.kind]
		if !ok || m.conf < x.cfg.MinConfidence {
			continue
		}
		name := m.name
		if m.kind == "phrase" {
			name = strings.ToLower(name)
		}
		id := graph.ID(l, name)
		if l == graph.Person {
			id = x.personID(graph.Person, name)
		}
		src := []graph.Source{{Note: note, Line: m.line}}
		p := props("name", name)
		if e := x.entry(m); e != nil {
			if e.Category != "" {
				p["category"] = e.Category
			}
			if e.Homepage != "" {
				p["homepage"] = e.Homepage
			}
		}
		g.AddNode(graph.Node{ID: id, Label: l, Props: p, Sources: src})
		r := g.AddRel(graph.Rel{Type: graph.Mentions, From: s.ID, To: id, Props: props("confidence", round2(m.conf)), Sources: src})
		if c, _ := r.Props["confidence"].(float64); m.conf > c {
			r.Props["confidence"] = round2(m.conf) // the surest of its lines
		}
		if about[m.kind+"\x00"+m.name] && (l == graph.Tool || l == graph.Concept) {
			g.AddRel(graph.Rel{Type: graph.About, From: s.ID, To: id, Sources: src})
		}
	}
}

func (x *Extractor) entry(m mention) *lexicon.Entry {
	for _, e := range x.matcher().exact[fold.Key(m.name)] {
		if string(e.Kind) == m.kind {
			return e
		}
	}
	return nil
}

// props builds a property map from key, value pairs, leaving out empty
// strings and zero numbers.
func props(kv ...any) map[string]any {
	p := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		switch v := kv[i+1].(type) {
		case string:
			if v == "" {
				continue
			}
		case int64:
			if v == 0 {
				continue
			}
		}
		p[kv[i].(string)] = kv[i+1]
	}
	return p
}

func yearString(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// personID is the id of a speaker or person: their identity key, so that
// spellings of one name meet ("Eric J. Ma" and "Eric Ma").
func (x *Extractor) personID(l graph.Label, name string) string {
	return graph.ID(l, x.cfg.People.Key(name))
}

// links matches the kept talks of a note against the catalog, by section
// index. Two sections of one note are two talks, so they never become one
// catalog talk: when several are sure of the same catalog talk, only one
// that beats the others by linkMargin stays sure.
func (x *Extractor) links(eventKey string, ss []Section, kept func(*Section) bool) map[int]TalkLink {
	out := map[int]TalkLink{}
	byTalk := map[string][]int{}
	for i := range ss {
		if !kept(&ss[i]) {
			continue
		}
		if l, ok := x.link(eventKey, &ss[i]); ok {
			out[i] = l
			if l.Sure {
				byTalk[l.Catalog] = append(byTalk[l.Catalog], i)
			}
		}
	}
	for _, is := range byTalk {
		if len(is) < 2 {
			continue
		}
		slices.SortStableFunc(is, func(a, b int) int { return cmp.Compare(out[b].Score, out[a].Score) })
		keep := out[is[0]].Score-out[is[1]].Score >= linkMargin
		for k, i := range is {
			if k == 0 && keep {
				continue
			}
			other, why := is[0], "line %d of this note links to the same catalog talk"
			if k == 0 {
				other = is[1]
			} else if keep {
				why = "line %d of this note is a better match for the same catalog talk"
			}
			l := out[i]
			l.Sure = false
			l.Why += "; unsure: " + fmt.Sprintf(why, ss[other].Line)
			out[i] = l
		}
	}
	return out
}

// linkMargin is how much better the best of several sections of one note
// that link to one catalog talk must score to keep its link sure.
const linkMargin = 0.1

// link matches a note's talk against the catalog of its edition.
func (x *Extractor) link(eventKey string, s *Section) (TalkLink, bool) {
	if x.cfg.Catalog == nil || s.Event == nil || strings.HasPrefix(s.File, "pyvideo/") {
		return TalkLink{}, false
	}
	var names []string
	for _, sp := range s.Speakers {
		names = append(names, sp.Name)
	}
	l, ok := x.cfg.Catalog.Match(eventKey, s.Title, names)
	if !ok {
		return TalkLink{}, false
	}
	return TalkLink{File: s.File, Line: s.Line, Title: s.Title, Event: eventKey, Catalog: l.ID, Score: l.Score, Sure: l.Sure, Why: l.Why}, true
}

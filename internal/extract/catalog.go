package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
	"github.com/talkgraph/talkgraph/internal/extract/layout"
	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// CatalogSource is the "source" property of the Talk and Note nodes of a
// catalog talk, which tells them from the talks of the user's notes.
const CatalogSource = "catalog"

// ExtractCatalog extracts the graph fragment of a catalog talk. The talk is
// read as a note of its own at t.Path(), with the title as its heading on line
// 1 and line k of the abstract on line k+1, so tools and concepts are found
// in the title (MENTIONS and ABOUT) and in the abstract (MENTIONS) the way
// they are in notes, with sources on those lines. The Talk node has the id
// a note about the same talk at the same edition gives it, and also holds
// the catalog's abstract, tags, recording date, duration, video URL and
// language; it
// and its Note node have the property source "catalog".
func (x *Extractor) ExtractCatalog(t catalog.Talk) *Result {
	title := strings.Join(strings.Fields(t.Title), " ")
	abstract := strings.TrimSpace(strings.ToValidUTF8(strings.ReplaceAll(t.Abstract, "\x00", " "), "\uFFFD"))
	n := catalogNote(t.Path(), title, abstract)
	n.Meta = notes.Meta{Title: title, Date: t.Recorded, Tags: t.Tags, Year: t.Year, Speakers: t.Speakers}
	n.Hash = t.Hash()
	var ev *EventRef
	if series := CanonicalSeries(strings.TrimSpace(t.Series)); series != "" {
		ev = &EventRef{Series: series, Year: t.Year}
		n.Meta.Conference = series
	}
	res := &Result{Event: ev}
	s := x.catalogSection(n, title, t.Speakers, ev, res)
	res.Sections = []Section{s}
	res.Graph = x.graph(n, res)
	decorateCatalog(res.Graph, res.Sections[0].ID, n.Path, t, abstract)
	return res
}

// catalogNote parses the note a catalog talk is read as: "# Title", then
// the abstract. Content that cannot be parsed gives a note with no blocks.
func catalogNote(path, title, abstract string) *notes.Note {
	content := "# " + title + "\n"
	if abstract != "" {
		content += abstract + "\n"
	}
	n, err := notes.Parse(path, []byte(content))
	if err != nil {
		return &notes.Note{Path: path, Hash: notes.Hash([]byte(content)), Lines: 1}
	}
	return n
}

// catalogSection mines the talk's one section, as extract does for a talk
// of a note: the title is the heading on line 1, the abstract its body.
func (x *Extractor) catalogSection(n *notes.Note, title string, speakers []string, ev *EventRef, res *Result) Section {
	refs := make([]SpeakerRef, 0, len(speakers))
	for _, sp := range speakers {
		if sp = strings.TrimSpace(sp); sp != "" {
			refs = append(refs, SpeakerRef{Name: sp})
		}
	}
	context := title + " " + strings.Join(n.Meta.Tags, " ")
	if ev != nil {
		context += " " + ev.Series
	}
	sx := &sectionCtx{note: n.Path, words: &words{text: context}, sure: map[*lexicon.Entry]bool{}}
	var body []notes.Block
	for _, b := range n.Blocks {
		if b.Line > 1 {
			body = append(body, b)
		}
	}
	s := Section{File: n.Path, Line: 1, EndLine: max(1, n.Lines), Heading: title, IsTalk: true, Kind: layout.KindOf(title),
		Title: title, Speakers: refs, Event: ev}
	ls := layout.Section{Line: 1, EndLine: s.EndLine, Heading: title, Title: title, TitleLine: 1, SpeakerLine: 1,
		Kind: s.Kind, IsTalk: true, Layout: "catalog", Confidence: 1, Body: body}
	for _, sp := range refs {
		ls.Speakers = append(ls.Speakers, layout.Speaker{Name: sp.Name, Confidence: 1})
	}
	s.Confidence, s.Layout = 1, "catalog"
	x.mine(&s, ls, sx)
	x.summarize(&s, ls, ls.Heading)
	res.Candidates = sx.candidates
	return s
}

// decorateCatalog adds the catalog's facts to the Talk node and marks it
// and the Note node as coming from the catalog.
func decorateCatalog(g *graph.Graph, talkID, notePath string, t catalog.Talk, abstract string) {
	if note, ok := g.Node(graph.ID(graph.Note, notePath)); ok {
		note.Props["source"] = CatalogSource
	}
	talk, ok := g.Node(talkID)
	if !ok {
		return
	}
	abstract = capText(abstract, maxText)
	extra := props("source", CatalogSource, "abstract", abstract, "text", abstract, "recorded", t.Recorded,
		"year", int64(t.Year), "duration", int64(t.Duration), "video_url", t.VideoURL,
		"language", t.Language)
	delete(talk.Props, "text") // the prose text of the abstract; replaced by the abstract itself
	for k, v := range extra {
		talk.Props[k] = v
	}
	if len(t.Tags) > 0 {
		talk.Props["tags"] = append([]string(nil), t.Tags...)
	}
}

// capText cuts s to at most n bytes, at a character boundary.
func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

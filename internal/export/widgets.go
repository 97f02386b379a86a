package export

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/talkgraph/talkgraph/graph"
)

// DefaultLimit is the number of related talks a widget lists by default.
const DefaultLimit = 5

// Widget is the JSON file Widgets writes for one talk.
type Widget struct {
	TalkInfo
	Related []Related `json:"related"`
}

// TalkInfo describes a talk: Year is null when unknown.
type TalkInfo struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Year     *int64   `json:"year"`
	Event    string   `json:"event"`
	Speakers []string `json:"speakers"`
	VideoURL string   `json:"video_url"`
}

// Related is a talk related to a widget's talk: Score sums the IDF of the
// tools and concepts both talks touch, and Reason names them, rarest first.
type Related struct {
	TalkInfo
	Score  float64  `json:"score"`
	Reason []string `json:"reason"`
}

// IndexEntry is one talk of index.json; File is the widget's path
// relative to the directory, slash-separated ("talks/talk-x.json").
type IndexEntry struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Year  *int64 `json:"year"`
	Event string `json:"event"`
	File  string `json:"file"`
}

// Widgets writes, into dir (created if needed), one JSON file per talk,
// talks/<file>.json with the talk and its related talks (see Related), and
// index.json, the array of every talk ordered by id with its file. File
// names are the talk id folded to a slug ("talk-pycon-us-2018-taking-django-async.json");
// ids whose slugs collide get a short hash of the id appended. Files of
// talks no longer in g are not removed.
//
// Related talks are scored as the related-talks query scores them: a talk
// shares a tool or concept with another when both MENTION it or are ABOUT
// it; each shared one weighs ln(talks / talks touching it), those touching
// every talk count for nothing, and the score is rounded to three decimals.
// They are ordered by score, then number of shared things, then title and
// id, and the first limit are kept (DefaultLimit when limit < 1).
func Widgets(dir string, g *graph.Graph, limit int) error {
	if limit < 1 {
		limit = DefaultLimit
	}
	talks := talkInfos(g)
	files := widgetFiles(talks)
	rel := newRelatedIndex(g)
	if err := os.MkdirAll(filepath.Join(dir, "talks"), 0o755); err != nil {
		return fmt.Errorf("create widgets directory: %w", err)
	}
	index := make([]IndexEntry, 0, len(talks))
	for _, id := range sortedKeys(talks) {
		t := talks[id]
		w := Widget{TalkInfo: t, Related: rel.related(t.ID, limit, talks)}
		file := "talks/" + files[t.ID]
		if err := writeJSON(filepath.Join(dir, filepath.FromSlash(file)), w); err != nil {
			return err
		}
		index = append(index, IndexEntry{ID: t.ID, Title: t.Title, Year: t.Year, Event: t.Event, File: file})
	}
	return writeJSON(filepath.Join(dir, "index.json"), index)
}

func writeJSON(path string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write widget: %w", err)
	}
	return nil
}

// talkInfos returns every talk of g by id.
func talkInfos(g *graph.Graph) map[string]TalkInfo {
	out := map[string]TalkInfo{}
	for _, n := range g.Nodes() {
		if n.Label != graph.Talk {
			continue
		}
		t := TalkInfo{ID: n.ID, Speakers: []string{}}
		t.Title, _ = n.Props["title"].(string)
		if t.Title == "" {
			t.Title = n.Name()
		}
		if y, ok := n.Props["year"].(int64); ok && y != 0 {
			t.Year = &y
		}
		t.Event, _ = n.Props["event"].(string)
		t.VideoURL, _ = n.Props["video_url"].(string)
		out[n.ID] = t
	}
	for _, r := range g.Rels() {
		t, ok := out[r.To]
		if r.Type == graph.At {
			t, ok = out[r.From]
		}
		if !ok {
			continue
		}
		switch r.Type {
		case graph.Presented:
			if s, ok := g.Node(r.From); ok && s.Label == graph.Speaker {
				t.Speakers = append(t.Speakers, s.Name())
			}
		case graph.At:
			if e, ok := g.Node(r.To); ok && t.Event == "" {
				t.Event = e.Name()
			}
		}
		out[t.ID] = t
	}
	for _, t := range out {
		slices.Sort(t.Speakers)
	}
	return out
}

// widgetFiles returns the file name of each talk's widget.
func widgetFiles(talks map[string]TalkInfo) map[string]string {
	bySlug := map[string][]string{}
	for id := range talks {
		s := graph.Slug(id)
		if len(s) > 180 {
			s = s[:180]
		}
		bySlug[s] = append(bySlug[s], id)
	}
	out := map[string]string{}
	for s, ids := range bySlug {
		for _, id := range ids {
			name := s
			if len(ids) > 1 || s == "" {
				sum := sha256.Sum256([]byte(id))
				name = cmp.Or(s, "talk") + "-" + hex.EncodeToString(sum[:4])
			}
			out[id] = name + ".json"
		}
	}
	return out
}

// relatedIndex holds, for every talk, the tools and concepts it touches,
// and for each of those its talks and IDF.
type relatedIndex struct {
	g       *graph.Graph
	things  map[string][]string // talk → tools and concepts
	talksOf map[string][]string // tool or concept → talks
	idf     map[string]float64
}

func newRelatedIndex(g *graph.Graph) *relatedIndex {
	ix := &relatedIndex{g: g, things: map[string][]string{}, talksOf: map[string][]string{}, idf: map[string]float64{}}
	total := 0
	for _, n := range g.Nodes() {
		if n.Label == graph.Talk {
			total++
		}
	}
	seen := map[[2]string]bool{}
	for _, r := range g.Rels() { // sorted: from, type, to
		if r.Type != graph.Mentions && r.Type != graph.About {
			continue
		}
		a, okA := g.Node(r.From)
		x, okX := g.Node(r.To)
		if !okA || !okX || a.Label != graph.Talk || x.Label != graph.Tool && x.Label != graph.Concept {
			continue
		}
		if k := [2]string{r.From, r.To}; !seen[k] {
			seen[k] = true
			ix.things[r.From] = append(ix.things[r.From], r.To)
			ix.talksOf[r.To] = append(ix.talksOf[r.To], r.From)
		}
	}
	for x, ts := range ix.talksOf {
		ix.idf[x] = math.Log(float64(total) / float64(len(ts)))
	}
	return ix
}

// related returns the first limit talks related to id.
func (ix *relatedIndex) related(id string, limit int, talks map[string]TalkInfo) []Related {
	type shared struct {
		name string
		idf  float64
	}
	by := map[string][]shared{}
	for _, x := range ix.things[id] {
		idf := ix.idf[x]
		if idf <= 0 {
			continue
		}
		n, _ := ix.g.Node(x)
		for _, b := range ix.talksOf[x] {
			if b != id {
				by[b] = append(by[b], shared{n.Name(), idf})
			}
		}
	}
	out := make([]Related, 0, len(by))
	for b, xs := range by {
		slices.SortFunc(xs, func(p, q shared) int { return cmp.Or(cmp.Compare(q.idf, p.idf), cmp.Compare(p.name, q.name)) })
		r := Related{TalkInfo: talks[b], Reason: make([]string, len(xs))}
		sum := 0.0
		for i, x := range xs {
			sum += x.idf
			r.Reason[i] = x.name
		}
		r.Score = math.Round(sum*1000) / 1000
		out = append(out, r)
	}
	slices.SortFunc(out, func(p, q Related) int {
		return cmp.Or(cmp.Compare(q.Score, p.Score), cmp.Compare(len(q.Reason), len(p.Reason)),
			cmp.Compare(p.Title, q.Title), cmp.Compare(p.ID, q.ID))
	})
	return out[:min(limit, len(out))]
}

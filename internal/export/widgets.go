package export

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"golang.org/x/sync/errgroup"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/related"
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

// Related is a talk related to a widget's talk, as the build ranked it
// (RELATED_TO): Score is the ranker's, and Reason names what the talks
// share, most telling first.
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
// ids whose slugs collide get a short hash of the id appended. The .json
// files of talks/ that name no talk of g (a talk deleted since the last
// export, perhaps from a private note) are removed, after index.json no
// longer lists them.
//
// The related talks are those the related-talks query returns, in its
// order: the RELATED_TO relationships the build ranked with opts (see
// package related), or, when limit is beyond the K they were ranked with,
// the ranker's on g. The first limit are kept (DefaultLimit when limit < 1).
func Widgets(dir string, g *graph.Graph, limit int, opts related.Options) error {
	if limit < 1 {
		limit = DefaultLimit
	}
	talks := talkInfos(g)
	files := widgetFiles(talks)
	links := relatedLinks(g, limit, opts)
	if err := os.MkdirAll(filepath.Join(dir, "talks"), 0o755); err != nil {
		return fmt.Errorf("create widgets directory: %w", err)
	}
	index := make([]IndexEntry, 0, len(talks))
	// Files are written by a few goroutines: creating a file is most of
	// the cost, and much of it is waiting on the file system.
	var wg errgroup.Group
	wg.SetLimit(4)
	for _, id := range sortedKeys(talks) {
		t := talks[id]
		w := Widget{TalkInfo: t, Related: make([]Related, 0, len(links[t.ID]))}
		for _, l := range links[t.ID] {
			r := Related{TalkInfo: talks[l.To], Score: l.Score, Reason: l.Reason}
			if r.Reason == nil {
				r.Reason = []string{}
			}
			w.Related = append(w.Related, r)
		}
		file := "talks/" + files[t.ID]
		wg.Go(func() error { return writeJSON(filepath.Join(dir, filepath.FromSlash(file)), w) })
		index = append(index, IndexEntry{ID: t.ID, Title: t.Title, Year: t.Year, Event: t.Event, File: file})
	}
	if err := wg.Wait(); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(dir, "index.json"), index); err != nil {
		return err
	}
	written := make(map[string]bool, len(files))
	for _, f := range files {
		written[f] = true
	}
	entries, err := os.ReadDir(filepath.Join(dir, "talks"))
	if err != nil {
		return fmt.Errorf("widgets directory: %w", err)
	}
	for _, e := range entries {
		if name := e.Name(); e.Type().IsRegular() && strings.HasSuffix(name, ".json") && !written[name] {
			if err := os.Remove(filepath.Join(dir, "talks", name)); err != nil {
				return fmt.Errorf("remove the widget of a deleted talk: %w", err)
			}
		}
	}
	return nil
}

// writeJSON writes v, indented, to path, unless path already holds those
// bytes (exporting again leaves unchanged files as they are, which is
// also much cheaper than writing them).
func writeJSON(path string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b.Bytes()) {
		return nil
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

// relatedLinks returns the first limit related talks of every talk: the
// RELATED_TO relationships of g when it has them and limit is within the
// K they were ranked with, else those the ranker gives (the same, for the
// first K, since it ranks g as the build did).
func relatedLinks(g *graph.Graph, limit int, opts related.Options) map[string][]related.Link {
	k := cmp.Or(max(opts.K, 0), related.DefaultK)
	if limit <= k {
		if stored := related.Stored(g); len(stored) > 0 {
			for id, ls := range stored {
				stored[id] = ls[:min(limit, len(ls))]
			}
			return stored
		}
	}
	opts.K = limit
	return related.New(g, opts).All()
}

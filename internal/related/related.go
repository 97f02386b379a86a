// Package related ranks, for each talk of a graph, the talks related to it:
// a hybrid of the topics two talks share, weighted by how rare each is (a
// talk's title topics, its ABOUT entities, weigh more than passing
// mentions), the similarity of their text (title, abstract and the notes
// taken at them, as TF-IDF vectors), and small signals: one event, one
// series, one speaker in different years. It reads nothing but the graph's
// facts (never a catalog's tags, which judge it) and is deterministic, so
// both stores hold the same RELATED_TO relationships.
package related

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/names"
)

// Weights of the parts of a score.
type Weights struct {
	Text    float64 // cosine of the talks' TF-IDF text vectors
	Topics  float64 // cosine of their topic vectors
	Event   float64 // both were given at one event
	Era     float64 // times exp(-|years apart| / 3): talks of one time share its tools
	Speaker float64 // one speaker gave both, in different years
	// OtherLanguage multiplies the score of two talks given in different
	// languages (as the catalog says): a reader of one may not follow the
	// other.
	OtherLanguage float64
}

// DefaultWeights are the weights chosen with `talkgraph eval related` on
// the pyvideo catalog (see BENCHMARKS.md).
var DefaultWeights = Weights{Text: 1, Topics: 0.3, Event: 0.04, Era: 0.025, Speaker: 0.01, OtherLanguage: 0.5}

// titleShare is the part of a talk's text vector its title makes: the
// title and the body are weighed and normalised apart, so that a long
// abstract does not drown the title, nor a short title a thin abstract.
const titleShare = 0.25

// eraYears is how many years apart two talks are when the era part of
// their score has fallen by e.
const eraYears = 3.0

// Terms in more than maxPostingsShare of the talks (but at least
// maxPostingsMin, at most maxPostingsMax) are not compared: the cost of
// ranking a talk is then bounded, and ranking a catalog linear in its
// size. On the pyvideo catalog P@5 goes from 0.424 to 0.423 and ranking
// takes a quarter less time (BENCHMARKS.md).
const (
	maxPostingsShare = 0.10
	maxPostingsMin   = 200
	maxPostingsMax   = 3000
)

// DefaultK is the number of related talks kept per talk by default.
const DefaultK = 20

// Options configure New.
type Options struct {
	K       int      // related talks kept per talk; DefaultK when < 1
	Weights *Weights // DefaultWeights when nil
}

// Link is one related talk: To is related to From with Score, and Reason
// names what they share, most telling first (at most three).
type Link struct {
	From, To string
	Score    float64
	Reason   []string
	rank     int64 // the rank read from a stored fragment
}

// Ranker holds the vectors of every talk of a graph and ranks them. It is
// safe for concurrent use.
type Ranker struct {
	k           int
	maxPostings int // terms in more talks than this are not compared
	w           Weights
	talks       []talk
	byID        map[string]int
	vocab       []string // word id → word (a stem)
	spelt       []string // word id → its shortest spelling
	topicID     []string // topic id → "Label\x00name"
	// words[t] and topics[t] list the talks whose vector has term t.
	words, topics [][]posting
}

// talk is what the ranker knows of one talk.
type talk struct {
	id       string
	year     int64
	lang     string
	event    string
	speakers []string
	text     []term // unit TF-IDF vector, sorted by term id
	topics   []term // unit rarity vector, sorted by topic id
}

// term is one coordinate of a sparse vector.
type term struct {
	id int32
	x  float64
}

type posting struct {
	talk int32
	x    float64
}

// New builds a Ranker over the talks of g.
func New(g *graph.Graph, opts Options) *Ranker {
	r := &Ranker{k: opts.K, w: DefaultWeights, byID: map[string]int{}}
	if r.k < 1 {
		r.k = DefaultK
	}
	if opts.Weights != nil {
		r.w = *opts.Weights
	}
	spelling := map[string]string{}
	docs := collect(g, spelling)
	r.talks = make([]talk, len(docs))
	for i, d := range docs {
		r.talks[i] = talk{id: d.id, year: d.year, lang: d.lang, event: d.event, speakers: d.speakers}
		r.byID[d.id] = i
	}
	r.words, r.vocab = vectors(docs, []field{
		{func(d *doc) map[string]float64 { return d.title }, titleShare},
		{func(d *doc) map[string]float64 { return d.body }, 1 - titleShare},
	}, func(i int, v []term) { r.talks[i].text = v })
	r.spelt = make([]string, len(r.vocab))
	for i, st := range r.vocab {
		r.spelt[i] = spelling[st]
	}
	r.topics, r.topicID = vectors(docs, []field{{func(d *doc) map[string]float64 { return d.topics }, 1}},
		func(i int, v []term) { r.talks[i].topics = v })
	r.maxPostings = min(maxPostingsMax, max(maxPostingsMin, int(maxPostingsShare*float64(len(r.talks)))))
	return r
}

// field is one part of a doc's vector, and its share of the vector.
type field struct {
	counts func(*doc) map[string]float64
	share  float64
}

// vectors turns every doc's counts into a unit vector and stores it with
// set. Each field is weighed tf · ln(N / df), with tf = 1 + ln(count) for
// counts of one or more and the count itself below one and df counted over
// all fields, then normalised; the vector is the sum of the fields by their
// shares, normalised (a field a doc lacks leaves the others). It returns
// the postings and the vocabulary (sorted; its index is the term id). Sums
// run in term order, so that the same graph gives the same bits.
func vectors(docs []doc, fields []field, set func(int, []term)) ([][]posting, []string) {
	ids := map[string]int32{}
	for i := range docs {
		for _, f := range fields {
			for w := range f.counts(&docs[i]) {
				ids[w] = 0
			}
		}
	}
	vocab := slices.Sorted(maps.Keys(ids))
	for i, w := range vocab {
		ids[w] = int32(i)
	}
	df := make([]int32, len(vocab))
	last := make([]int32, len(vocab))
	for k := range last {
		last[k] = -1
	}
	counts := make([][][]term, len(docs)) // doc → field → (term, count), by term
	for i := range docs {
		counts[i] = make([][]term, len(fields))
		for k, f := range fields {
			m := f.counts(&docs[i])
			ts := make([]term, 0, len(m))
			for w, c := range m {
				id := ids[w]
				ts = append(ts, term{id, c})
				if last[id] != int32(i) {
					last[id] = int32(i)
					df[id]++
				}
			}
			slices.SortFunc(ts, func(a, b term) int { return cmp.Compare(a.id, b.id) })
			counts[i][k] = ts
		}
	}
	n := float64(len(docs))
	idf := make([]float64, len(vocab))
	for k, d := range df {
		idf[k] = math.Log(n / float64(d)) // 0 when every talk has it: it tells none apart
	}
	post := make([][]posting, len(vocab))
	acc := make([]float64, len(vocab))
	var touched []int32
	for i := range docs {
		touched = touched[:0]
		for k, f := range fields {
			norm := 0.0
			for _, t := range counts[i][k] {
				x := tfidf(t.x, idf[t.id])
				norm += x * x
			}
			if norm == 0 {
				continue
			}
			norm = math.Sqrt(norm)
			for _, t := range counts[i][k] {
				if x := tfidf(t.x, idf[t.id]); x > 0 {
					if acc[t.id] == 0 {
						touched = append(touched, t.id)
					}
					acc[t.id] += f.share * x / norm
				}
			}
		}
		if len(touched) == 0 {
			continue
		}
		slices.Sort(touched)
		v := make([]term, len(touched))
		norm := 0.0
		for k, id := range touched {
			v[k] = term{id, acc[id]}
			norm += acc[id] * acc[id]
			acc[id] = 0
		}
		norm = math.Sqrt(norm)
		for k := range v {
			v[k].x /= norm
			post[v[k].id] = append(post[v[k].id], posting{int32(i), v[k].x})
		}
		set(i, v)
	}
	return post, vocab
}

// tfidf weighs a count: (1 + ln count) for counts of one or more, the
// count itself below one, times the idf.
func tfidf(c, idf float64) float64 {
	if c >= 1 {
		c = 1 + math.Log(c)
	}
	return c * idf
}

// Len returns the number of talks ranked.
func (r *Ranker) Len() int { return len(r.talks) }

// Related returns the n talks most related to the talk with the given id,
// best first (K when n < 1); nil when the graph has no such talk.
func (r *Ranker) Related(id string, n int) []Link {
	i, ok := r.byID[id]
	if !ok {
		return nil
	}
	if n < 1 {
		n = r.k
	}
	return r.rank(i, n, newScratch(len(r.talks)))
}

// All returns the K related talks of every talk, by talk id, computed on
// every core.
func (r *Ranker) All() map[string][]Link {
	return r.Some(nil)
}

// Some returns the K related talks of the talks with the given ids (all
// talks when ids is nil), by talk id.
func (r *Ranker) Some(ids []string) map[string][]Link {
	var todo []int
	if ids == nil {
		todo = make([]int, len(r.talks))
		for i := range todo {
			todo[i] = i
		}
	} else {
		for _, id := range ids {
			if i, ok := r.byID[id]; ok {
				todo = append(todo, i)
			}
		}
	}
	out := make([][]Link, len(todo))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newScratch(len(r.talks))
			for k := w; k < len(todo); k += workers {
				out[k] = r.rank(todo[k], r.k, s)
			}
		}()
	}
	wg.Wait()
	m := make(map[string][]Link, len(todo))
	for k, i := range todo {
		m[r.talks[i].id] = out[k]
	}
	return m
}

// scratch holds the per-query buffers of rank, reused across queries.
type scratch struct {
	text, topic []float64
	seen        []bool
	cands       []int32
}

func newScratch(n int) *scratch {
	return &scratch{text: make([]float64, n), topic: make([]float64, n), seen: make([]bool, n)}
}

type scored struct {
	j     int32
	score float64
}

// rank returns the n talks most related to talk i.
func (r *Ranker) rank(i, n int, s *scratch) []Link {
	out := r.scores(i, s)
	better := func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(r.talks[a.j].id, r.talks[b.j].id))
	}
	if n < len(out)/4 {
		out = top(out, n, better)
	} else {
		slices.SortFunc(out, better)
		out = out[:min(len(out), n)]
	}
	links := make([]Link, len(out))
	for k, x := range out {
		links[k] = Link{From: r.talks[i].id, To: r.talks[x.j].id, Score: math.Round(x.score*1000) / 1000, Reason: r.reason(i, int(x.j))}
	}
	return links
}

// top returns the n best of xs in order, by a bounded insertion: cheaper
// than sorting all when n is small.
func top(xs []scored, n int, better func(a, b scored) int) []scored {
	best := make([]scored, 0, n+1)
	for _, x := range xs {
		if len(best) == n && better(x, best[n-1]) >= 0 {
			continue
		}
		k, _ := slices.BinarySearchFunc(best, x, better)
		best = slices.Insert(best, k, x)
		if len(best) > n {
			best = best[:n]
		}
	}
	return best
}

// scores returns the score of every talk that shares a word or a topic
// with talk i, in no order.
func (r *Ranker) scores(i int, s *scratch) []scored {
	me := &r.talks[i]
	s.cands = s.cands[:0]
	accumulate := func(v []term, post [][]posting, acc []float64) {
		for _, t := range v {
			if len(post[t.id]) > r.maxPostings {
				// A term most talks have weighs little (its IDF is low) and
				// would make ranking quadratic in the catalog: left out
				// of the dot product, as search engines leave out stop
				// words.
				continue
			}
			for _, p := range post[t.id] {
				if !s.seen[p.talk] {
					s.seen[p.talk] = true
					s.cands = append(s.cands, p.talk)
				}
				acc[p.talk] += t.x * p.x
			}
		}
	}
	accumulate(me.text, r.words, s.text)
	accumulate(me.topics, r.topics, s.topic)
	out := make([]scored, 0, len(s.cands))
	for _, j := range s.cands {
		if int(j) != i {
			out = append(out, scored{j, r.score(i, int(j), s.text[j], s.topic[j])})
		}
		s.text[j], s.topic[j], s.seen[j] = 0, 0, false
	}
	return out
}

// score combines the parts of the relation of talks i and j, given the
// cosines of their text and topic vectors.
func (r *Ranker) score(i, j int, text, topic float64) float64 {
	a, b := &r.talks[i], &r.talks[j]
	s := r.w.Text*text + r.w.Topics*topic
	if a.event != "" && a.event == b.event {
		s += r.w.Event
	}
	if r.sameSpeaker(i, j) {
		s += r.w.Speaker
	}
	if a.year != 0 && b.year != 0 {
		s += r.w.Era * math.Exp(-math.Abs(float64(a.year-b.year))/eraYears)
	}
	if a.lang != "" && b.lang != "" && a.lang != b.lang {
		s *= r.w.OtherLanguage
	}
	return s
}

// sameSpeaker reports whether one speaker gave talks i and j, in different
// years.
func (r *Ranker) sameSpeaker(i, j int) bool {
	a, b := &r.talks[i], &r.talks[j]
	if a.year != 0 && a.year == b.year {
		return false
	}
	for _, s := range a.speakers {
		if slices.Contains(b.speakers, s) {
			return true
		}
	}
	return false
}

// reason names what talks i and j share, most telling first, at most
// three: the topics both touch, by the weight they have in both; "same
// speaker"; then the words both use that tell them apart most. A topic or
// word that a fifth of all talks share ("Python" in a Python catalog) is
// named only when nothing else is, and a word only when no topic named
// holds it ("channels" beside "Django Channels").
func (r *Ranker) reason(i, j int) []string {
	a, b := &r.talks[i], &r.talks[j]
	type named struct {
		name   string
		x      float64
		common bool
	}
	common := func(df int) bool { return df > 3 && df > len(r.talks)/5 }
	var shares []named
	shared(a.topics, b.topics, func(id int32, x float64) {
		shares = append(shares, named{topicName(r.topicID[id]), x, common(len(r.topics[id]))})
	})
	topics := len(shares)
	shared(a.text, b.text, func(id int32, x float64) {
		if w := r.spelt[id]; !function[w] {
			// An everyday English word ("instead", "point") tells a reader
			// little: it is named only when nothing else is shared.
			shares = append(shares, named{w, x, common(len(r.words[id])) || names.Everyday(w)})
		}
	})
	byWeight := func(p, q named) int {
		return cmp.Or(cmp.Compare(q.x, p.x), cmp.Compare(p.name, q.name))
	}
	slices.SortFunc(shares[:topics], byWeight)
	slices.SortFunc(shares[topics:], byWeight)
	var out []string
	said := func(w string) bool {
		for _, o := range out {
			if strings.EqualFold(o, w) || slices.Contains(strings.Fields(strings.ToLower(o)), strings.ToLower(w)) {
				return true
			}
		}
		return false
	}
	add := func(from, to int, commonToo bool) {
		for _, sh := range shares[from:to] {
			if len(out) < 3 && (!sh.common || commonToo) && !said(sh.name) {
				out = append(out, sh.name)
			}
		}
	}
	add(0, topics, false)
	if r.sameSpeaker(i, j) && len(out) < 3 {
		out = append(out, "same speaker")
	}
	add(topics, len(shares), false)
	if len(out) == 0 {
		add(0, len(shares), true)
	}
	return out
}

// shared calls f for every term both vectors have, with the product of its
// weights.
func shared(a, b []term, f func(id int32, x float64)) {
	for p, q := 0, 0; p < len(a) && q < len(b); {
		switch {
		case a[p].id < b[q].id:
			p++
		case a[p].id > b[q].id:
			q++
		default:
			f(a[p].id, a[p].x*b[q].x)
			p++
			q++
		}
	}
}

// topicName returns the name of a topic key ("Tool\x00Django").
func topicName(k string) string {
	_, name, _ := strings.Cut(k, "\x00")
	return name
}

// A store keeps the RELATED_TO relationships of each talk in a fragment
// of their own, beside the notes' (no note path starts with "~"), so that
// a change stores again only the talks it affects.
const fragmentPrefix = graph.DerivedPrefix + "related/"

// FragmentPath returns the path of the fragment of the talk's related
// talks.
func FragmentPath(talkID string) string { return fragmentPrefix + talkID }

// IsFragment reports whether a path is that of a related-talks fragment.
func IsFragment(path string) bool { return strings.HasPrefix(path, fragmentPrefix) }

// version changes when ranking changes, so that a build ranks again.
const version = "related-4"

// Fingerprint identifies what a ranking with opts depends on besides the
// graph: the ranker's version, K and the weights. Every fragment's hash
// starts with it (see Current).
func Fingerprint(opts Options) string {
	k, w := opts.K, DefaultWeights
	if k < 1 {
		k = DefaultK
	}
	if opts.Weights != nil {
		w = *opts.Weights
	}
	return fmt.Sprintf("%s k=%d w=%+v", version, k, w)
}

// Fragments returns the fragments of the RELATED_TO relationships of every
// talk that has related talks, K per talk, sorted by path: each
// relationship with its score, its rank (1 is the most related) and its
// reason.
func (r *Ranker) Fragments() []graph.NoteGraph {
	all := r.All()
	out := make([]graph.NoteGraph, 0, len(all))
	for _, id := range slices.Sorted(maps.Keys(all)) {
		if len(all[id]) > 0 {
			out = append(out, r.fragment(id, all[id]))
		}
	}
	return out
}

func (r *Ranker) fragment(id string, links []Link) graph.NoteGraph {
	g := graph.New()
	src := []graph.Source{{Note: FragmentPath(id)}}
	for k, l := range links {
		g.AddRel(graph.Rel{Type: graph.RelatedTo, From: l.From, To: l.To, Sources: src,
			Props: map[string]any{"score": l.Score, "rank": int64(k + 1), "reason": slices.Clone(l.Reason)}})
	}
	h := sha256.New()
	for _, l := range links {
		fmt.Fprintf(h, "%s\x00%g\x00%q\n", l.To, l.Score, l.Reason)
	}
	hash := Fingerprint(Options{K: r.k, Weights: &r.w}) + " " + hex.EncodeToString(h.Sum(nil)[:12])
	return graph.NoteGraph{Path: FragmentPath(id), Hash: hash, Graph: g}
}

// Current reports whether a fragment's hash says it was ranked with opts:
// the hash is the fingerprint of opts, then one of the fragment's content,
// so that a copy of the store (talkgraph load) sees what changed.
func Current(hash string, opts Options) bool {
	return strings.HasPrefix(hash, Fingerprint(opts)+" ")
}

// Update returns the fragments to put and the paths to delete after a
// change, ranking again only the talks the change can affect: the talks in
// changed (those a changed note gave facts to or took them from), the
// talks whose related talks in prev (the graph before the change, with its
// RELATED_TO relationships) include one of those or a talk the graph no
// longer has, and the talks to which one of the changed talks is now more
// related than the last of their K, which an inverted index of words and
// topics finds. Only the talks whose related talks differ are put. Every
// other talk keeps its related talks as they were: these were ranked with
// the words' rarity of an earlier graph, so after many changes Fragments,
// which ranks all, may order a few close talks otherwise. ranked is the
// number of talks ranked again.
func (r *Ranker) Update(prev *graph.Graph, changed []string) (put []graph.NoteGraph, del []string, ranked int) {
	// What each talk's stored related talks are, in brief: how many, the
	// score of the last, and whether one is changed or gone.
	type stored struct {
		n        int
		lastRank int64
		last     float64
		stale    bool
	}
	isChanged := map[string]bool{}
	for _, id := range changed {
		isChanged[id] = true
	}
	brief := map[string]*stored{}
	for rel := range prev.RelSeq() {
		if rel.Type != graph.RelatedTo {
			continue
		}
		b := brief[rel.From]
		if b == nil {
			b = &stored{}
			brief[rel.From] = b
		}
		b.n++
		if rank, _ := rel.Props["rank"].(int64); rank >= b.lastRank {
			b.lastRank = rank
			b.last, _ = rel.Props["score"].(float64)
		}
		if _, ok := r.byID[rel.To]; !ok || isChanged[rel.To] {
			b.stale = true
		}
	}
	again := maps.Clone(isChanged)
	for from, b := range brief {
		switch _, ok := r.byID[from]; {
		case !ok:
			del = append(del, FragmentPath(from))
		case b.stale:
			again[from] = true
		}
	}
	s := newScratch(len(r.talks))
	for _, id := range changed {
		i, ok := r.byID[id]
		if !ok {
			continue
		}
		for _, x := range r.scores(i, s) {
			to := r.talks[x.j].id
			b := brief[to]
			// scores are kept to three decimals: a tie with the last counts
			if b == nil || b.n < r.k || x.score >= b.last-0.0005 {
				again[to] = true
			}
		}
	}
	// The stored related talks of the talks ranked again, to put only
	// those that differ.
	old := map[string][]Link{}
	for rel := range prev.RelSeq() {
		if rel.Type == graph.RelatedTo && again[rel.From] {
			old[rel.From] = append(old[rel.From], linkOf(rel))
		}
	}
	ids := slices.Sorted(maps.Keys(again))
	news := r.Some(ids)
	for _, id := range ids {
		if _, ok := r.byID[id]; !ok {
			continue
		}
		was := old[id]
		slices.SortFunc(was, func(a, b Link) int { return cmp.Compare(a.rank, b.rank) })
		switch ls := news[id]; {
		case len(ls) == 0 && len(was) > 0:
			del = append(del, FragmentPath(id))
		case len(ls) > 0 && !sameLinks(ls, was):
			put = append(put, r.fragment(id, ls))
		}
	}
	slices.Sort(del)
	return put, del, len(ids)
}

func sameLinks(a, b []Link) bool {
	return slices.EqualFunc(a, b, func(x, y Link) bool {
		return x.To == y.To && x.Score == y.Score && slices.Equal(x.Reason, y.Reason)
	})
}

// Stored returns the related talks of every talk as a graph holds them in
// RELATED_TO relationships, best first (by their rank), by talk id.
func Stored(g *graph.Graph) map[string][]Link {
	out := map[string][]Link{}
	for rel := range g.RelSeq() {
		if rel.Type != graph.RelatedTo {
			continue
		}
		out[rel.From] = append(out[rel.From], linkOf(rel))
	}
	for _, links := range out {
		slices.SortFunc(links, func(a, b Link) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.To, b.To)) })
	}
	return out
}

// linkOf reads a RELATED_TO relationship, from either store (a list read
// back from Neo4j is []any).
func linkOf(rel *graph.Rel) Link {
	l := Link{From: rel.From, To: rel.To}
	l.Score, _ = rel.Props["score"].(float64)
	l.rank, _ = rel.Props["rank"].(int64)
	switch xs := rel.Props["reason"].(type) {
	case []string:
		l.Reason = xs
	case []any:
		for _, x := range xs {
			if s, ok := x.(string); ok {
				l.Reason = append(l.Reason, s)
			}
		}
	}
	return l
}

package eval

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/talkgraph/talkgraph/graph"
)

// The related-talks metric: precision at K against the human content tags
// of a pyvideo-style catalog, by the rules of ../shared/eval/related. For
// each talk that carries a content tag (tags that only name the event, the
// kind of session or a year are left out), the others are ranked and the
// top K that share a content tag with it are counted. The tags judge: a
// ranking must never read them.

// TaggedTalk is a talk of the catalog with content tags.
type TaggedTalk struct {
	ID       string
	Title    string
	Year     int
	Text     string          // the description, else the summary
	VideoURL string          // may be empty
	Tags     map[string]bool // content tags, lower case
}

var (
	eventyTag = regexp.MustCompile(`(?i)^(pycon|djangocon|europython|talk|tutorial|keynote|lightning|lightning talks?|plenary|poster|sprint|panel|pycon\d+|djangocon\d+|pycon ?us|\d{4})$`)
	yearTag   = regexp.MustCompile(`\d{4}`)
)

// LoadTagged reads the talks of a catalog folder (SERIES/YEAR.jsonl files)
// that carry a content tag, in the order of the files (sorted) and of their
// lines.
func LoadTagged(dir string) ([]TaggedTalk, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.jsonl"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no SERIES/YEAR.jsonl files", dir)
	}
	slices.Sort(files)
	var out []TaggedTalk
	for _, f := range files {
		if err := readTagged(f, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readTagged(path string, out *[]TaggedTalk) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n := 0
	for sc.Scan() {
		n++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r struct {
			ID, Title, Description, Summary string
			VideoURL                        string `json:"video_url"`
			Year                            json.RawMessage
			Recorded                        string
			Tags                            []string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
		t := TaggedTalk{ID: r.ID, Title: r.Title, Text: r.Description, VideoURL: r.VideoURL, Tags: map[string]bool{}}
		if t.Text == "" {
			t.Text = r.Summary
		}
		t.Year = yearOf(string(r.Year), r.Recorded)
		for _, tag := range r.Tags {
			tag = strings.TrimSpace(tag)
			if tag != "" && !eventyTag.MatchString(tag) && !yearTag.MatchString(tag) {
				t.Tags[strings.ToLower(tag)] = true
			}
		}
		if len(t.Tags) > 0 {
			*out = append(*out, t)
		}
	}
	return sc.Err()
}

// yearOf reads a year as the referee does: the first four characters of
// the year field, else of the recording date, else 0.
func yearOf(year, recorded string) int {
	s := strings.Trim(year, `"`)
	if s == "" || s == "null" {
		s = recorded
	}
	if len(s) > 4 {
		s = s[:4]
	}
	n, _ := strconv.Atoi(s)
	return n
}

// PrecisionAtK is the share of the top k of each tagged talk's ranking
// (indices into talks, best first) that share a content tag with it; a
// ranking shorter than k counts its missing places as misses.
func PrecisionAtK(talks []TaggedTalk, k int, rank func(i int) []int) float64 {
	hits := 0
	for i := range talks {
		r := rank(i)
		for _, j := range r[:min(k, len(r))] {
			if shareTag(talks[i], talks[j]) {
				hits++
			}
		}
	}
	return float64(hits) / float64(k*len(talks))
}

func shareTag(a, b TaggedTalk) bool {
	for t := range a.Tags {
		if b.Tags[t] {
			return true
		}
	}
	return false
}

// RandomRanking ranks as the referee's random baseline does: for talk i in
// turn, the other talks shuffled by Python's random.Random(7).
func RandomRanking(n int) func(i int) []int {
	rnd := newPyRandom(7)
	return func(i int) []int {
		js := make([]int, 0, n-1)
		for j := range n {
			if j != i {
				js = append(js, j)
			}
		}
		rnd.shuffle(js)
		return js
	}
}

var (
	tfidfWord = regexp.MustCompile(`[a-z][a-z0-9+#.-]*`)
	tfidfStop = wordSet("the a an and or of to in for on with is are be this that it as by from at we you your how what why can will using use into about our their its not")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// TFIDFRanking ranks as the referee's "more like this" baseline does: the
// cosine of TF-IDF vectors over title and text (weights (1 + ln tf) ·
// ln(N / df)), ties to the earlier talk.
func TFIDFRanking(talks []TaggedTalk) func(i int) []int {
	type term struct {
		w string
		x float64
	}
	n := len(talks)
	docs := make([][]term, n) // terms in order of first appearance, with counts then weights
	df := map[string]int{}
	for i, t := range talks {
		counts := map[string]int{}
		var order []string
		for _, w := range tfidfWord.FindAllString(strings.ToLower(t.Title+" "+t.Text), -1) {
			if tfidfStop[w] || len(w) <= 1 {
				continue
			}
			if counts[w] == 0 {
				order = append(order, w)
			}
			counts[w]++
		}
		for _, w := range order {
			docs[i] = append(docs[i], term{w, float64(counts[w])})
			df[w]++
		}
	}
	vecs := make([]map[string]float64, n)
	for i, d := range docs {
		norm := 0.0
		for k, t := range d {
			x := (1 + math.Log(t.x)) * math.Log(float64(n)/float64(df[t.w]))
			d[k].x = x
			norm += x * x
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			norm = 1
		}
		vecs[i] = make(map[string]float64, len(d))
		for k := range d {
			d[k].x /= norm
			vecs[i][d[k].w] = d[k].x
		}
	}
	return func(i int) []int {
		type scored struct {
			s float64
			j int
		}
		sc := make([]scored, 0, n-1)
		for j := range n {
			if j == i {
				continue
			}
			s := 0.0
			for _, t := range docs[j] {
				s += vecs[i][t.w] * t.x
			}
			sc = append(sc, scored{s, j})
		}
		slices.SortStableFunc(sc, func(a, b scored) int {
			if c := cmp.Compare(b.s, a.s); c != 0 {
				return c
			}
			return cmp.Compare(a.j, b.j)
		})
		out := make([]int, len(sc))
		for k, x := range sc {
			out[k] = x.j
		}
		return out
	}
}

// round3 rounds to three decimals, as the referee prints figures.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// RelatedScore is the precision at K of related talks on a catalog, with
// the referee's baselines computed in the same run.
type RelatedScore struct {
	Talks     int     `json:"talks"` // tagged talks
	K         int     `json:"k"`
	Random    float64 `json:"random"`
	TFIDF     float64 `json:"tf-idf"`
	Talkgraph float64 `json:"talkgraph"`
	// Unranked counts the tagged talks talkgraph has no ranking for (not
	// found in the graph): every place of theirs counts as a miss.
	Unranked int `json:"talks_without_ranking"`
}

// TalkRanking returns, for a tagged talk, the rank keys (see RankKey) of
// the talks related to it, best first; ok is false when it has no ranking.
type TalkRanking func(t TaggedTalk) (keys []string, ok bool)

// GraphRanking is the TalkRanking of the talks of g, which a tagged talk
// is found among by its video URL, or its title and year: rank returns
// the ids of the talks related to a talk of g, best first, all of them.
func GraphRanking(g *graph.Graph, rank func(talkID string) []string) TalkRanking {
	byKey := map[string]string{} // rank key → talk id
	keyOf := map[string]string{} // talk id → rank key
	for _, n := range g.Nodes() {
		if n.Label != graph.Talk {
			continue
		}
		url, _ := n.Props["video_url"].(string)
		title, _ := n.Props["title"].(string)
		year, _ := n.Props["year"].(int64)
		k := RankKey(url, title, int(year))
		byKey[k], keyOf[n.ID] = n.ID, k
	}
	return func(t TaggedTalk) ([]string, bool) {
		id, ok := byKey[RankKey(t.VideoURL, t.Title, t.Year)]
		if !ok {
			return nil, false
		}
		var keys []string
		for _, to := range rank(id) {
			keys = append(keys, keyOf[to])
		}
		return keys, true
	}
}

// Related scores a ranking of related talks on the tagged talks of a
// catalog folder: the share of the top k of each tagged talk's ranking,
// counting only tagged talks, that share a content tag with it; with the
// random and TF-IDF baselines.
func Related(tagged []TaggedTalk, k int, rank TalkRanking) RelatedScore {
	byKey := map[string]int{}
	for i, t := range tagged {
		if t.VideoURL != "" {
			byKey["url\x00"+t.VideoURL] = i
		}
	}
	for i, t := range tagged {
		if _, dup := byKey[titleKey(t.Title, t.Year)]; !dup {
			byKey[titleKey(t.Title, t.Year)] = i
		}
	}
	s := RelatedScore{Talks: len(tagged), K: k}
	s.Random = round3(PrecisionAtK(tagged, k, RandomRanking(len(tagged))))
	s.TFIDF = round3(PrecisionAtK(tagged, k, TFIDFRanking(tagged)))
	s.Talkgraph = round3(PrecisionAtK(tagged, k, func(i int) []int {
		ids, ok := rank(tagged[i])
		if !ok {
			s.Unranked++
			return nil
		}
		var out []int
		for _, id := range ids {
			if j, ok := byKey[id]; ok && j != i {
				out = append(out, j)
				if len(out) == k {
					break
				}
			}
		}
		return out
	}))
	return s
}

// RankKey is the key a ranking names a tagged talk by: its video URL, else
// its title and year (see Related).
func RankKey(videoURL, title string, year int) string {
	if videoURL != "" {
		return "url\x00" + videoURL
	}
	return titleKey(title, year)
}

// titleKey folds a title as the referee does: spaces collapsed, lower
// case, with the year.
func titleKey(title string, year int) string {
	return strings.ToLower(strings.Join(strings.Fields(title), " ")) + "\x00" + strconv.Itoa(year)
}

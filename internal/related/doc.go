package related

import (
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/fold"
)

// doc is what one talk says, as counts: the words of its title and of its
// body, and its topics, with the facts around it.
type doc struct {
	id       string
	year     int64
	lang     string // ISO 639-3, as a catalog gives it; "" when unknown
	event    string // the Event node's id
	speakers []string
	title    map[string]float64
	body     map[string]float64
	topics   map[string]float64
}

// Weights of where a talk names a topic, and of its kinds: a talk's title
// (ABOUT) says what it is about, a mention passes; a concept phrase is a
// vaguer topic than a tool or an organization.
const (
	aboutWeight   = 4.0
	mentionWeight = 1.0
	conceptWeight = 0.3
)

// collect reads every talk of g, in id order: the words of its title (and
// of the title a note gives it) and of its body (its abstract, else its
// text, and the notes taken at it), less the names of its speakers and of
// the people it mentions (who is named is no part of what a talk is about);
// the tools, concepts and organizations it is ABOUT or MENTIONS; its
// speakers, year, language and event. Each stem's shortest spelling goes
// in spelling ("test" for "tests", "testing" and "tested").
func collect(g *graph.Graph, spelling map[string]string) []doc {
	var nodes []*graph.Node
	index := map[string]int{}
	for _, n := range g.Nodes() {
		if n.Label == graph.Talk {
			index[n.ID] = len(nodes)
			nodes = append(nodes, n)
		}
	}
	docs := make([]doc, len(nodes))
	// The words of the talks are read on every core, each with its own
	// spellings and stems, merged after.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(nodes)/256))
	caches := make([]map[string]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		caches[w] = map[string]string{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(nodes); k += workers {
				docs[k] = readDoc(nodes[k], caches[w])
			}
		}()
	}
	wg.Wait()
	for _, c := range caches {
		for w, st := range c {
			if sp, ok := spelling[st]; !ok || len(w) < len(sp) || len(w) == len(sp) && w < sp {
				spelling[st] = w
			}
		}
	}
	nameWords := map[string][]string{} // a name → its words, stemmed
	stems := caches[0]
	dropName := func(d *doc, name string) {
		ws, ok := nameWords[name]
		if !ok {
			m := map[string]float64{}
			addWords(m, name, stems)
			ws = slices.Collect(maps.Keys(m))
			nameWords[name] = ws
		}
		for _, w := range ws {
			delete(d.title, w)
			delete(d.body, w)
		}
	}
	for rel := range g.RelSeq() {
		switch rel.Type {
		case graph.Mentions, graph.About:
			i, ok := index[rel.From]
			if !ok {
				continue
			}
			to, ok := g.Node(rel.To)
			if !ok {
				continue
			}
			if to.Label == graph.Person {
				dropName(&docs[i], to.Name())
				continue
			}
			if to.Label != graph.Tool && to.Label != graph.Concept && to.Label != graph.Organization {
				continue
			}
			w := mentionWeight
			if rel.Type == graph.About {
				w = aboutWeight
			}
			if to.Label == graph.Concept {
				w *= conceptWeight
			}
			k := string(to.Label) + "\x00" + to.Name()
			docs[i].topics[k] = max(docs[i].topics[k], w)
		case graph.At:
			if i, ok := index[rel.From]; ok {
				docs[i].event = rel.To
			}
		case graph.Presented:
			if i, ok := index[rel.To]; ok {
				docs[i].speakers = append(docs[i].speakers, rel.From)
				if sp, ok := g.Node(rel.From); ok {
					dropName(&docs[i], sp.Name())
				}
			}
		}
	}
	return docs
}

// readDoc reads the words of a talk's title and body.
func readDoc(n *graph.Node, stems map[string]string) doc {
	d := doc{id: n.ID, title: map[string]float64{}, body: map[string]float64{}, topics: map[string]float64{}}
	d.year, _ = n.Props["year"].(int64)
	d.lang = str(n.Props["language"])
	title := str(n.Props["title"])
	if nt := str(n.Props["note_title"]); nt != "" && nt != title {
		title += " " + nt
	}
	addWords(d.title, title, stems)
	text := str(n.Props["abstract"])
	if text == "" {
		text = str(n.Props["text"])
	}
	addWords(d.body, text, stems)
	addWords(d.body, str(n.Props["note_text"]), stems)
	return d
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// addWords counts the words of s: folded to lower case without accents,
// starting with a letter, made of letters, digits and + # . -, stemmed (see
// stem), with no stop words and no one-letter words. stems caches the stem
// of every word seen.
func addWords(counts map[string]float64, s string, stems map[string]string) {
	if !ascii(s) {
		s = fold.Lower(s)
	}
	var buf [64]byte
	w := buf[:0]
	flush := func() {
		for len(w) > 0 && (w[len(w)-1] == '.' || w[len(w)-1] == '-') {
			w = w[:len(w)-1]
		}
		if len(w) >= 2 && !stop[string(w)] {
			st, ok := stems[string(w)]
			if !ok {
				word := string(w)
				st = stem(word)
				stems[word] = st
			}
			counts[st]++
		}
		w = w[:0]
	}
	inWord := false
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf && unicode.IsLetter(c)
		switch {
		case letter, inWord && ('0' <= c && c <= '9' || c == '+' || c == '#' || c == '.' || c == '-' || c >= utf8.RuneSelf && unicode.IsDigit(c)):
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w = utf8.AppendRune(w, c)
			inWord = true
		case inWord:
			flush()
			inWord = false
		}
		i += size
	}
	if inWord {
		flush()
	}
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the a an and or of to in for on with is are be this that it as by from at we you
your how what why can will using use into about our their its not but all also more most some any each other
than then there these those they them he she his her was were been being has have had do does did so if when
which who whom where while just only very much many such own same both few over under out up down off no yes one
two three new get make like well way talk talks learn here see show let lets may might must should would could
i me my mine us ourselves yourself session presentation speaker presented
ll ve re don doesn isn didn aren wasn won couldn shouldn wouldn haven hasn weren`) {
		m[w] = true
	}
	return m
}()

// function are the function words of a few other languages: a talk in
// Spanish shares them with every other talk in Spanish, which ranking keeps
// (a reader of one may read the others) but a reason does not name.
var function = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`de la el en los las del por para con una un que se su al es lo como mas pero sus le ya este entre cuando muy
sobre tambien hasta hay donde quien desde todo nos durante uno les ni otros ese eso esto mi antes algunos unos
yo otro otras otra tanto esa estos mucho nada muchos cual poco ella estar estas algo nosotros
da do das dos em na no nas um uma com nao ao ele seu sua ou muito
les des du une et est pour dans sur pas qui ce au aux avec sa ses plus
der und ist nicht mit von zu dem ein eine fur auf im sich auch als`) {
		m[w] = true
	}
	return m
}()

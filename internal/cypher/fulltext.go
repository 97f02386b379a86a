package cypher

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/talkgraph/talkgraph/internal/fold"
)

// The embedded full-text index: the text of some properties of the nodes
// of a label, split into words folded to lower case without accents (as
// Neo4j's default analyzer does, without stop words or stems), queried in
// a subset of the Lucene syntax Neo4j takes: words, "phrases", prefix*,
// AND, OR, NOT, +required, -excluded and parentheses; ranked by BM25.

type textDef struct {
	label string
	props []string
}

type textIndex struct {
	docs     []*Node
	lens     []int
	avgLen   float64
	postings map[string][]textPosting
	terms    []string // sorted, for prefixes
}

type textPosting struct {
	doc int
	pos []int
}

// FullTextError is a query string the index cannot read.
type FullTextError struct{ Msg string }

func (e *FullTextError) Error() string { return "full-text query: " + e.Msg }

func textTokens(s string) []string {
	s = fold.Lower(s)
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func (g *Graph) textIndex(name string) (*textIndex, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if ix, ok := g.text[name]; ok {
		return ix, true
	}
	def, ok := g.textDef[name]
	if !ok {
		return nil, false
	}
	ix := &textIndex{postings: map[string][]textPosting{}}
	total := 0
	for _, n := range g.byLabel[def.label] {
		var words []string
		for _, p := range def.props {
			if s, ok := n.Props[p].(string); ok {
				words = append(words, textTokens(s)...)
				words = append(words, "") // no phrase spans two properties
			}
		}
		if len(words) == 0 {
			continue
		}
		d := len(ix.docs)
		ix.docs = append(ix.docs, n)
		ix.lens = append(ix.lens, len(words))
		total += len(words)
		for i, w := range words {
			if w == "" {
				continue
			}
			ps := ix.postings[w]
			if len(ps) == 0 || ps[len(ps)-1].doc != d {
				ps = append(ps, textPosting{doc: d})
			}
			ps[len(ps)-1].pos = append(ps[len(ps)-1].pos, i)
			ix.postings[w] = ps
		}
	}
	if len(ix.docs) > 0 {
		ix.avgLen = float64(total) / float64(len(ix.docs))
	}
	for t := range ix.postings {
		ix.terms = append(ix.terms, t)
	}
	slices.Sort(ix.terms)
	g.text[name] = ix
	return ix, true
}

// textHit is one node a query found, with its score.
type textHit struct {
	node  *Node
	score float64
}

// query runs a query string on the index, best first.
func (ix *textIndex) query(q string) ([]textHit, error) {
	p := &textParser{src: q}
	toks, err := p.lex()
	if err != nil {
		return nil, err
	}
	p.toks = toks
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		return nil, &FullTextError{"unexpected " + p.toks[p.i].text}
	}
	scores := ix.eval(n)
	hits := make([]textHit, 0, len(scores))
	for d, s := range scores {
		hits = append(hits, textHit{ix.docs[d], s})
	}
	slices.SortFunc(hits, func(a, b textHit) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return a.node.id - b.node.id
	})
	return hits, nil
}

// A query is a tree of clauses.
type textNode struct {
	op       string // "or" (should), "and", "not", "term", "prefix", "phrase"
	kids     []*textNode
	words    []string
	required []bool // for "or": +clause
	excluded []bool // for "or": -clause
}

func (ix *textIndex) termScores(t string) map[int]float64 {
	ps := ix.postings[t]
	out := make(map[int]float64, len(ps))
	if len(ps) == 0 {
		return out
	}
	N := float64(len(ix.docs))
	idf := math.Log(1 + (N-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
	const k1, b = 1.2, 0.75
	for _, p := range ps {
		tf := float64(len(p.pos))
		l := float64(ix.lens[p.doc])
		out[p.doc] = idf * tf * (k1 + 1) / (tf + k1*(1-b+b*l/ix.avgLen))
	}
	return out
}

func (ix *textIndex) eval(n *textNode) map[int]float64 {
	switch n.op {
	case "term":
		return ix.termScores(n.words[0])
	case "prefix":
		out := map[int]float64{}
		i, _ := slices.BinarySearch(ix.terms, n.words[0])
		for ; i < len(ix.terms) && strings.HasPrefix(ix.terms[i], n.words[0]); i++ {
			for d := range ix.termScores(ix.terms[i]) {
				out[d] = 1 // Lucene scores prefix matches as constants
			}
		}
		return out
	case "phrase":
		if len(n.words) == 0 {
			return map[int]float64{}
		}
		first := ix.postings[n.words[0]]
		out := map[int]float64{}
		for _, p := range first {
			for _, start := range p.pos {
				if ix.phraseAt(p.doc, start, n.words) {
					s := 0.0
					for _, w := range n.words {
						s += ix.termScores(w)[p.doc]
					}
					out[p.doc] = s
					break
				}
			}
		}
		return out
	case "and":
		var out map[int]float64
		for _, k := range n.kids {
			s := ix.eval(k)
			if out == nil {
				out = s
				continue
			}
			for d := range out {
				if v, ok := s[d]; ok {
					out[d] += v
				} else {
					delete(out, d)
				}
			}
		}
		return out
	case "or":
		out := map[int]float64{}
		var must []map[int]float64
		var not []map[int]float64
		anyShould := false
		for i, k := range n.kids {
			s := ix.eval(k)
			switch {
			case n.excluded[i]:
				not = append(not, s)
			case n.required[i]:
				must = append(must, s)
			default:
				anyShould = true
				for d, v := range s {
					out[d] += v
				}
			}
		}
		if len(must) > 0 {
			base := map[int]float64{}
			for d, v := range must[0] {
				base[d] = v
			}
			for _, m := range must[1:] {
				for d := range base {
					if v, ok := m[d]; ok {
						base[d] += v
					} else {
						delete(base, d)
					}
				}
			}
			for d, v := range out {
				if _, ok := base[d]; ok {
					base[d] += v
				}
			}
			out = base
		} else if !anyShould {
			return map[int]float64{} // only exclusions match nothing
		}
		for _, s := range not {
			for d := range s {
				delete(out, d)
			}
		}
		return out
	}
	return map[int]float64{}
}

func (ix *textIndex) phraseAt(doc, start int, words []string) bool {
	for k, w := range words[1:] {
		found := false
		for _, p := range ix.postings[w] {
			if p.doc == doc {
				found = slices.Contains(p.pos, start+k+1)
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

type textTok struct {
	kind string // word, phrase, op ( ) AND OR NOT + -
	text string
}

type textParser struct {
	src  string
	toks []textTok
	i    int
}

func (p *textParser) lex() ([]textTok, error) {
	var toks []textTok
	s := p.src
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, &FullTextError{"a phrase is not closed (\")"}
			}
			toks = append(toks, textTok{"phrase", s[i+1 : i+1+j]})
			i += j + 2
		case c == '(' || c == ')':
			toks = append(toks, textTok{string(c), string(c)})
			i++
		case (c == '+' || c == '-' || c == '!') && (i == 0 || strings.ContainsRune(" \t\n(", rune(s[i-1]))):
			toks = append(toks, textTok{string(c), string(c)})
			i++
		case strings.ContainsRune(":[]{}^~/", rune(c)):
			return nil, &FullTextError{"cannot parse " + string(c) + " (put a backslash before it to search for it)"}
		default:
			var b strings.Builder
			for i < len(s) && !strings.ContainsRune(" \t\n\r()\":[]{}^~/", rune(s[i])) {
				if s[i] == '\\' && i+1 < len(s) {
					b.WriteByte(s[i+1])
					i += 2
					continue
				}
				b.WriteByte(s[i])
				i++
			}
			w := b.String()
			switch w {
			case "AND", "&&":
				toks = append(toks, textTok{"AND", w})
			case "OR", "||":
				toks = append(toks, textTok{"OR", w})
			case "NOT":
				toks = append(toks, textTok{"NOT", w})
			default:
				if w == "*" || strings.HasPrefix(w, "*") || strings.HasPrefix(w, "?") {
					return nil, &FullTextError{"a word may not start with * or ?"}
				}
				toks = append(toks, textTok{"word", w})
			}
		}
	}
	return toks, nil
}

func (p *textParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i].kind
	}
	return ""
}

// or reads clauses, each optionally +required or -excluded, joined by OR
// (the default) or AND.
func (p *textParser) or() (*textNode, error) {
	n := &textNode{op: "or"}
	for p.i < len(p.toks) && p.peek() != ")" {
		req, exc := false, false
		switch p.peek() {
		case "+":
			req = true
			p.i++
		case "-", "!", "NOT":
			exc = true
			p.i++
		case "AND", "OR":
			return nil, &FullTextError{p.toks[p.i].text + " without a word before it"}
		}
		c, err := p.clause()
		if err != nil {
			return nil, err
		}
		for p.peek() == "AND" {
			p.i++
			neg := false
			if p.peek() == "NOT" || p.peek() == "-" || p.peek() == "!" {
				neg = true
				p.i++
			}
			r, err := p.clause()
			if err != nil {
				return nil, err
			}
			if neg {
				c = &textNode{op: "or", kids: []*textNode{c, r}, required: []bool{true, false}, excluded: []bool{false, true}}
			} else {
				c = &textNode{op: "and", kids: []*textNode{c, r}}
			}
		}
		n.kids = append(n.kids, c)
		n.required = append(n.required, req)
		n.excluded = append(n.excluded, exc)
		if p.peek() == "OR" {
			p.i++
			if p.i >= len(p.toks) || p.peek() == ")" {
				return nil, &FullTextError{"OR without a word after it"}
			}
		}
	}
	if len(n.kids) == 0 {
		return nil, &FullTextError{"no words to search for"}
	}
	return n, nil
}

func (p *textParser) clause() (*textNode, error) {
	if p.i >= len(p.toks) {
		return nil, &FullTextError{"the query ends where a word is expected"}
	}
	t := p.toks[p.i]
	p.i++
	switch t.kind {
	case "(":
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, &FullTextError{"a parenthesis is not closed"}
		}
		p.i++
		return n, nil
	case "phrase":
		return &textNode{op: "phrase", words: textTokens(t.text)}, nil
	case "word":
		if strings.HasSuffix(t.text, "*") {
			ws := textTokens(strings.TrimSuffix(t.text, "*"))
			if len(ws) == 1 {
				return &textNode{op: "prefix", words: ws}, nil
			}
		}
		ws := textTokens(t.text)
		switch len(ws) {
		case 0:
			return &textNode{op: "or", kids: nil}, nil
		case 1:
			return &textNode{op: "term", words: ws}, nil
		}
		return &textNode{op: "phrase", words: ws}, nil
	}
	return nil, &FullTextError{"unexpected " + t.text}
}

package extract

import (
	"regexp"
	"strings"

	"github.com/talkgraph/talkgraph/internal/extract/lexicon"
)

// stemWord reduces a word to the stem concepts are compared by: lower case,
// no plural, no -ing or -ed ("Unit Tests" and "unit testing" meet).
func stemWord(w string) string {
	w = stem(w)
	for _, suf := range []string{"ing", "ed"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// stemWords splits s into stemmed words, breaking hyphenated words apart.
func stemWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		out = append(out, stemWord(f))
	}
	return out
}

// indexConcepts adds the stem index of concept entries to m.
func (m *matcher) indexConcepts(lx *lexicon.Lexicon) {
	m.concepts = map[string]*lexicon.Entry{}
	m.maxC = 1
	for i := range lx.Entries {
		e := &lx.Entries[i]
		if e.Kind != lexicon.KindConcept {
			continue
		}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			ws := stemWords(name)
			if len(ws) == 0 {
				continue
			}
			k := strings.Join(ws, " ")
			if _, dup := m.concepts[k]; !dup {
				m.concepts[k] = e
			}
			m.maxC = max(m.maxC, len(ws))
		}
	}
}

// findConcepts returns the lexicon concepts named in text, compared by
// word stems, longest first.
func (m *matcher) findConcepts(text string) []*lexicon.Entry {
	ws := stemWords(text)
	var out []*lexicon.Entry
	for i := 0; i < len(ws); {
		n := min(m.maxC, len(ws)-i)
		for ; n >= 1; n-- {
			if e, ok := m.concepts[strings.Join(ws[i:i+n], " ")]; ok && !(n == 1 && e.Ambiguous) {
				out = append(out, e)
				break
			}
		}
		if n < 1 {
			i++
			continue
		}
		i += n
	}
	return out
}

var (
	phraseSplit = regexp.MustCompile(`[^\p{L}\p{N}' \-]+|\s+-+\s+`)
	// words that make a title but name no topic
	titleFiller = wordSet([]byte(`talk keynote lightning tutorial panel workshop session intro introduction beyond lesson
lessons learned taking level way ways guide thing things tip tips trick tricks story stories journey world life year years
day days hour hours minute minutes flat start started starting let lets want need needs know really good great best better
real simple deep dive everything anything something nothing everyone anyone people person successful success make making
made sure code like`))
)

// titlePhrases returns the noun phrases of a title: runs of up to two
// words between function words and punctuation, without filler words,
// tools or speakers.
func titlePhrases(title string, m *matcher) []string {
	var out []string
	for _, chunk := range phraseSplit.Split(title, -1) {
		var run []string
		flush := func() {
			if len(run) > 0 && len(run) <= 2 {
				p := normalizePhrase(strings.Join(run, " "))
				if p != "" && !m.known(p) {
					out = append(out, p)
				}
			}
			run = nil
		}
		for _, w := range strings.Fields(chunk) {
			lw := strings.ToLower(strings.Trim(w, "'-"))
			if lw == "" || stopWords[lw] || titleFiller[lw] || m.known(w) || isNumber(lw) {
				flush()
				continue
			}
			run = append(run, lw)
		}
		flush()
	}
	return out
}

// keyPhrase returns bold text of one to four words as a concept phrase.
func keyPhrase(s string, m *matcher) []string {
	s = strings.TrimSpace(strings.Trim(s, ".:!?\"'"))
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 4 || m.known(s) {
		return nil
	}
	for _, w := range ws {
		if m.known(w) {
			return nil
		}
	}
	if p := normalizePhrase(s); p != "" {
		return []string{p}
	}
	return nil
}

// normalizePhrase lower-cases a phrase and makes its last word singular.
func normalizePhrase(p string) string {
	ws := strings.Fields(strings.ToLower(p))
	if len(ws) == 0 {
		return ""
	}
	last := ws[len(ws)-1]
	switch {
	case len(last) > 4 && strings.HasSuffix(last, "ies"):
		last = last[:len(last)-3] + "y"
	case len(last) > 3 && strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") && !strings.HasSuffix(last, "us") && !strings.HasSuffix(last, "is"):
		last = last[:len(last)-1]
	}
	ws[len(ws)-1] = last
	if len(ws) == 1 && (len(last) < 4 || commonWords[last] && !conceptish(last)) {
		return ""
	}
	return strings.Join(ws, " ")
}

// conceptish are everyday words that still name a topic on their own.
func conceptish(w string) bool {
	switch w {
	case "security", "testing", "performance", "documentation", "community", "accessibility", "privacy", "concurrency",
		"packaging", "deployment", "monitoring", "logging", "debugging", "profiling", "caching", "scaling", "design":
		return true
	}
	return false
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

package identity

import (
	"fmt"
	"sort"
	"strings"

	"github.com/talkgraph/talkgraph/internal/names"
)

// CatalogTalk is one talk of the catalog. Event is the edition key, e.g.
// "PyCon US 2018"; events compare folded for case, accents and punctuation.
type CatalogTalk struct {
	ID, Event, Title string
	Speakers         []string
}

// Link is the catalog talk a note's talk was matched to. Score, in [0, 1],
// weighs title similarity (3/4) and speaker agreement (1/4). Sure says the
// link may be used without asking; Why says how it was decided.
type Link struct {
	ID    string
	Score float64
	Sure  bool
	Why   string
}

// Thresholds of Match.
const (
	alikeTitle    = 0.8 // titles this similar are the same talk unless speakers conflict
	moderateTitle = 0.5 // with a matching speaker, this is enough
	minTitle      = 0.3 // below this, a candidate needs a speaker match or near match
	closeMargin   = 0.1 // a runner-up this close makes the best unsure
)

// Linker matches a note's talks to catalog talks of the same event. It is
// safe for concurrent use.
type Linker struct {
	r       *Resolver
	byEvent map[string][]entry
}

type entry struct {
	talk    CatalogTalk
	vs      []variant
	generic bool
	names   []name
	keys    []string
	raws    []string
}

// NewLinker indexes talks by event. r gives speaker keys; nil means no
// decisions. Placeholder speakers ("Various speakers") count as none.
func NewLinker(talks []CatalogTalk, r *Resolver) *Linker {
	if r == nil {
		r = NewResolver(nil)
	}
	l := &Linker{r: r, byEvent: map[string][]entry{}}
	for _, t := range talks {
		e := entry{talk: t}
		e.raws, e.names, e.keys = l.speakers(t.Speakers)
		e.vs, _ = titleVariants(t.Title, e.names)
		e.generic = anyGeneric(e.vs)
		k := spelling(t.Event)
		l.byEvent[k] = append(l.byEvent[k], e)
	}
	return l
}

var placeholders = map[string]bool{"various speakers": true, "various": true, "tba": true, "tbd": true, "unknown": true, "anonymous": true}

func (l *Linker) speakers(raw []string) (raws []string, ns []name, keys []string) {
	for _, s := range raw {
		sp := spelling(s)
		if sp == "" || placeholders[sp] {
			continue
		}
		raws, ns, keys = append(raws, s), append(ns, parseName(s)), append(keys, l.r.Key(s))
	}
	return raws, ns, keys
}

// spRel is how a note's speakers agree with a catalog talk's.
type spRel int

const (
	spUnknown  spRel = iota // one side names nobody
	spConflict              // both name people, and none is the same
	spNear                  // none is the same, but one may be (a typo, a short form)
	spMatch                 // a speaker has the same key on both sides
)

var spWeight = map[spRel]float64{spUnknown: 0.4, spConflict: 0, spNear: 0.7, spMatch: 1}

type scored struct {
	e     *entry
	ts    float64
	sp    spRel
	spWhy string
	score float64
}

// Match finds the catalog talk of the same event that a note's talk is. Title
// similarity folds case, accents and punctuation, compares word sets (Dice,
// stop words dropped, one typo allowed in words of 6 letters or more), and
// ignores a trailing parenthetical, a subtitle (at a small cost), the
// speakers' names and catalog decorations ("PyCon 2018"); titles whose
// numbers differ ("Part 1" / "Part 2") lose 0.25. Speakers compare by the
// Resolver's keys, and a one-letter typo, a short form or a left-out middle
// name counts as near, not as a conflict; a trailing parenthetical in the
// title can confirm a speaker but never conflict.
//
// The link is Sure when the best candidate is not within 0.1 of the runner-up
// and: the titles are alike (≥ 0.8) and no speaker conflicts; or the title is
// generic ("Keynote", "Keynote #2", "Lightning talks") and a speaker matches a
// talk whose own title is generic or shares a word; or a speaker matches and
// the titles are moderately alike (≥ 0.5). Otherwise Match returns the best
// candidate with Sure false. It returns false when the event is unknown or no
// talk comes close.
func (l *Linker) Match(event, title string, speakers []string) (Link, bool) {
	cands := l.byEvent[spelling(event)]
	if len(cands) == 0 {
		return Link{}, false
	}
	raws, spNames, keys := l.speakers(speakers)
	vs, impliedText := titleVariants(title, spNames)
	_, _, implied := l.speakers(names.Split(impliedText))
	gen := anyGeneric(vs)
	var ss []scored
	for i := range cands {
		e := &cands[i]
		s := scored{e: e, ts: titleSim(vs, e.vs)}
		s.sp, s.spWhy = l.relateSpeakers(raws, spNames, keys, implied, e)
		s.score = 0.75*s.ts + 0.25*spWeight[s.sp]
		if s.ts >= minTitle || s.sp >= spNear {
			ss = append(ss, s)
		}
	}
	if gen {
		ss = genericPool(ss)
	}
	if len(ss) == 0 {
		return Link{}, false
	}
	sort.SliceStable(ss, func(i, j int) bool {
		if ss[i].score != ss[j].score {
			return ss[i].score > ss[j].score
		}
		return ss[i].e.talk.ID < ss[j].e.talk.ID
	})
	return decide(title, len(keys), ss, gen), true
}

// genericPool keeps, for a generic title, the talks where a speaker matches
// and the title is generic too or shares a word, when there are any.
func genericPool(ss []scored) []scored {
	var pool []scored
	for _, s := range ss {
		if s.sp == spMatch && (s.ts > 0 || s.e.generic) {
			pool = append(pool, s)
		}
	}
	if len(pool) > 0 {
		return pool
	}
	return ss
}

func decide(title string, speakers int, ss []scored, gen bool) Link {
	best := ss[0]
	var reasons []string
	tooClose := len(ss) > 1 && best.score-ss[1].score < closeMargin
	sure := false
	switch {
	case gen && best.sp == spMatch && (best.ts >= moderateTitle || best.e.generic && len(best.e.keys) <= max(1, speakers)):
		sure, reasons = true, append(reasons, "generic title and a matching speaker")
	case gen && best.sp == spMatch:
		reasons = append(reasons, fmt.Sprintf("generic title and a matching speaker, but a session of %d speakers whose title differs: one talk of several?", len(best.e.keys)))
	case gen:
		reasons = append(reasons, "generic title without a matching speaker")
	case best.ts >= alikeTitle && best.sp != spConflict:
		sure, reasons = true, append(reasons, "titles alike, no speaker conflict")
	case best.sp == spMatch && best.ts >= moderateTitle:
		sure, reasons = true, append(reasons, "a matching speaker and a similar title")
	case best.sp == spConflict:
		reasons = append(reasons, "speakers conflict")
	case best.sp == spUnknown:
		reasons = append(reasons, "no speakers to confirm a merely similar title")
	default:
		reasons = append(reasons, "title not similar enough")
	}
	if tooClose {
		sure = false
		reasons = append(reasons, fmt.Sprintf("runner-up %s too close (%.2f vs %.2f)", ss[1].e.talk.ID, ss[1].score, best.score))
	}
	verdict := "unsure"
	if sure {
		verdict = "sure"
	}
	why := fmt.Sprintf("title %q ~ %q (%.2f); %s; %s: %s", title, best.e.talk.Title, best.ts, best.spWhy, verdict, strings.Join(reasons, "; "))
	return Link{ID: best.e.talk.ID, Score: best.score, Sure: sure, Why: why}
}

// relateSpeakers compares a note's speakers with a catalog talk's.
func (l *Linker) relateSpeakers(raws []string, ns []name, keys, implied []string, e *entry) (spRel, string) {
	if len(e.keys) == 0 {
		return spUnknown, "catalog names no speaker"
	}
	for i, k := range append(append([]string(nil), keys...), implied...) {
		for j, ck := range e.keys {
			if k == ck {
				who := "named in the title"
				if i < len(raws) {
					who = "'" + raws[i] + "'"
				}
				return spMatch, fmt.Sprintf("speaker %s matches '%s'", who, e.raws[j])
			}
		}
	}
	if len(keys) == 0 {
		return spUnknown, "note names no speaker"
	}
	for i, n := range ns {
		for j, cn := range e.names {
			if rel := relate(n, cn); rel.kind != relNone && !l.r.kept(keys[i], e.keys[j]) {
				return spNear, fmt.Sprintf("speaker '%s' may be '%s' (%s)", raws[i], e.raws[j], rel.detail)
			}
		}
	}
	return spConflict, fmt.Sprintf("speakers differ: %s vs %s", strings.Join(raws, ", "), strings.Join(e.raws, ", "))
}

// kept reports whether a different decision keeps keys a and b apart.
func (r *Resolver) kept(a, b string) bool {
	for _, d := range r.diffs {
		ka, kb := r.Key(d.a), r.Key(d.b)
		if ka == a && kb == b || ka == b && kb == a {
			return true
		}
	}
	return false
}

package identity

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// rulesVersion names the folding rules of PersonKey; bump it when they change
// so that Fingerprint changes and builds re-read their notes.
const rulesVersion = "identity/1"

// apartPrefix starts the key of a spelling that a "different" decision set
// apart from the other spellings of its PersonKey.
const apartPrefix = "="

// Resolver gives each name its key after a user's decisions. The zero value
// is not usable; call NewResolver. A Resolver is safe for concurrent use once
// built.
type Resolver struct {
	d       Decisions
	apart   map[string]string     // spelling → where the different decision was made
	canon   map[string]string     // key → canonical key of its set of same keys
	edges   map[string][]sameEdge // accepted same decisions, both ways, for Explain
	refused []refusal             // same decisions that a different decision overrode
	diffs   []diffPair
}

type sameEdge struct{ to, a, b, src string }

type refusal struct{ a, b, src, by string }

type diffPair struct{ ka, kb, a, b, src string }

// NewResolver applies decisions d (nil for none) on top of PersonKey:
//
//   - Different: when the two names of a pair have the same PersonKey, each
//     spelling (folded for case, accents and punctuation, but keeping its
//     initials) gets a key of its own, "=" followed by that spelling, so
//     "Nathaniel J. Smith" and "Nathaniel K Smith" are two people while
//     "Nathaniel Smith" keeps the shared key "nathaniel smith".
//   - Same: the keys of the two names are joined, transitively (union-find);
//     a set's key is its smallest member key.
//   - A same decision that would join the two sides of a different decision
//     is ignored: different always wins.
func NewResolver(d *Decisions) *Resolver {
	r := &Resolver{apart: map[string]string{}, canon: map[string]string{}, edges: map[string][]sameEdge{}}
	if d != nil {
		r.d = *d
	}
	for i, p := range r.d.Different {
		if PersonKey(p[0]) == PersonKey(p[1]) && spelling(p[0]) != spelling(p[1]) {
			src := r.d.source(r.d.diffLines, i)
			r.apart[spelling(p[0])], r.apart[spelling(p[1])] = src, src
		}
	}
	for i, p := range r.d.Different {
		r.diffs = append(r.diffs, diffPair{r.base(p[0]), r.base(p[1]), p[0], p[1], r.d.source(r.d.diffLines, i)})
	}
	r.join()
	return r
}

// base is the key of s after different decisions and before same ones.
func (r *Resolver) base(s string) string {
	sp := spelling(s)
	if _, ok := r.apart[sp]; ok {
		return apartPrefix + sp
	}
	return PersonKey(s)
}

// join applies the same decisions in order with a union-find over keys.
func (r *Resolver) join() {
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		p, ok := parent[k]
		if !ok {
			parent[k] = k
			return k
		}
		if p != k {
			p = find(p)
			parent[k] = p
		}
		return p
	}
	for i, p := range r.d.Same {
		ka, kb := r.base(p[0]), r.base(p[1])
		src := r.d.source(r.d.sameLines, i)
		ra, rb := find(ka), find(kb)
		if by, blocked := r.blocked(find, ra, rb); blocked {
			r.refused = append(r.refused, refusal{p[0], p[1], src, by})
			continue
		}
		parent[ra] = rb
		r.edges[ka] = append(r.edges[ka], sameEdge{kb, p[0], p[1], src})
		r.edges[kb] = append(r.edges[kb], sameEdge{ka, p[0], p[1], src})
	}
	for k := range parent {
		root := find(k)
		if c, ok := r.canon[root]; !ok || k < c {
			r.canon[root] = k
		}
	}
	for k := range parent {
		r.canon[k] = r.canon[find(k)]
	}
}

// blocked reports whether joining sets ra and rb would join the two sides of
// a different decision, and names that decision.
func (r *Resolver) blocked(find func(string) string, ra, rb string) (string, bool) {
	for _, d := range r.diffs {
		da, db := find(d.ka), find(d.kb)
		if da == ra && db == rb || da == rb && db == ra {
			return describeDecision("different", d.a, d.b, d.src), true
		}
	}
	return "", false
}

// Key returns the canonical key of a name after the decisions: its PersonKey,
// or the "=spelling" key a different decision gave it, replaced by the key of
// its set when same decisions joined it with others.
func (r *Resolver) Key(name string) string {
	k := r.base(name)
	if c, ok := r.canon[k]; ok {
		return c
	}
	return k
}

// Fingerprint returns a stable hash (hex SHA-256) of the decisions, in order,
// and of the folding rules' version, so that a build knows to re-read its
// notes when either changes. A nil or empty Decisions has a fixed fingerprint.
func (r *Resolver) Fingerprint() string {
	var b strings.Builder
	b.WriteString(rulesVersion + "\n")
	for _, p := range r.d.Same {
		b.WriteString("same\x00" + p[0] + "\x00" + p[1] + "\n")
	}
	for _, p := range r.d.Different {
		b.WriteString("different\x00" + p[0] + "\x00" + p[1] + "\n")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// describeDecision prints one decision for Explain.
func describeDecision(kind, a, b, src string) string {
	s := "user decision: " + kind + " '" + a + "' / '" + b + "'"
	if src != "" {
		s += " (" + src + ")"
	}
	return s
}

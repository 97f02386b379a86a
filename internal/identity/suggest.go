package identity

import "sort"

// Evidence is what a caller knows about two spellings beyond the names
// themselves. SuggestSame ranks pairs with evidence first.
type Evidence struct {
	Handle  bool   // both spellings were seen with one handle ("@callahad")
	CoTalks int    // talks that tie them: a title given under each spelling, or a co-speaker both share
	Note    string // free text for the user; SuggestSame does not read it
}

// kindRank orders suggestions without evidence: the likeliest first.
var kindRank = map[relKind]int{relMiddleName: 0, relInitial: 1, relShortForm: 2, relGivenTypo: 3, relSurnameTypo: 4, relSingleName: 5}

type suggestion struct {
	i, j int
	kind relKind
	ev   Evidence
}

// SuggestSame lists pairs of names that may be one person although their keys
// differ, for a user to confirm with a same decision; it never merges
// anything. A pair is suggested when
//
//   - with one surname, one given name is a known short form of the other
//     ("Bob"/"Robert"), or a lone initial of it ("B. Cannon"/"Brett Cannon");
//   - one name leaves out middle or leading names of the other ("Seth
//     Larson"/"Seth Michael Larson", "P. Galindo Salgado"/"Pablo Galindo
//     Salgado", whose leading initial PersonKey drops);
//   - with the other part equal, a given name or surname of 6 letters or
//     more has one typo ("Merdydd"/"Meredydd", "Osswoski"/"Ossowski");
//   - a single name is the given name of exactly one full name in the list
//     ("Mariatta"/"Mariatta Wijaya").
//
// Names with one key are compared once, by their first spelling. ev, if not
// nil, is called for each pair; pairs with a shared handle come first, then
// those with more CoTalks, then the likeliest kinds. Each pair lists its
// names in input order.
func SuggestSame(names []string, ev func(a, b string) Evidence) [][2]string {
	var reps []string
	var parsed []name
	seen := map[string]bool{}
	for _, s := range names {
		n := parseName(s)
		if k := n.key(); k != "" && !seen[k] {
			seen[k] = true
			reps, parsed = append(reps, s), append(parsed, n)
		}
	}
	sugs := candidates(parsed)
	if ev != nil {
		for i := range sugs {
			sugs[i].ev = ev(reps[sugs[i].i], reps[sugs[i].j])
		}
	}
	sort.SliceStable(sugs, func(x, y int) bool {
		a, b := sugs[x], sugs[y]
		switch {
		case a.ev.Handle != b.ev.Handle:
			return a.ev.Handle
		case a.ev.CoTalks != b.ev.CoTalks:
			return a.ev.CoTalks > b.ev.CoTalks
		case a.kind != b.kind:
			return kindRank[a.kind] < kindRank[b.kind]
		case a.i != b.i:
			return a.i < b.i
		}
		return a.j < b.j
	})
	out := make([][2]string, len(sugs))
	for k, s := range sugs {
		out[k] = [2]string{reps[s.i], reps[s.j]}
	}
	return out
}

// candidates finds related pairs among names with distinct keys, comparing
// only names that share a given name or a last word.
func candidates(ns []name) []suggestion {
	byLast, byGiven := map[string][]int{}, map[string][]int{}
	for i, n := range ns {
		if len(n.rest) > 0 {
			last := n.rest[len(n.rest)-1]
			byLast[last] = append(byLast[last], i)
			byGiven[n.given] = append(byGiven[n.given], i)
		}
	}
	var out []suggestion
	done := map[[2]int]bool{}
	add := func(i, j int, k relKind) {
		if i > j {
			i, j = j, i
		}
		if !done[[2]int{i, j}] {
			done[[2]int{i, j}] = true
			out = append(out, suggestion{i: i, j: j, kind: k})
		}
	}
	for _, groups := range []map[string][]int{byLast, byGiven} {
		for _, g := range groups {
			for x := 0; x < len(g); x++ {
				for y := x + 1; y < len(g); y++ {
					if rel := relate(ns[g[x]], ns[g[y]]); rel.kind != relNone {
						add(g[x], g[y], rel.kind)
					}
				}
			}
		}
	}
	for i, n := range ns {
		if g := byGiven[n.given]; len(n.rest) == 0 && len(g) == 1 {
			add(i, g[0], relSingleName)
		}
	}
	return out
}

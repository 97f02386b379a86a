package identity

import (
	"fmt"
	"strings"
)

// Explain says whether names a and b are one person after the decisions, and
// why, in human-readable steps such as
//
//	both fold to 'eric ma' (middle initial 'J.' dropped)
//	user decision: same 'Bob Smith' / 'Robert Smith' (decisions.yaml:2)
//	different given names: 'andrew' vs 'andy' — not merged
//	possible: 'andy' is a short form of 'andrew'
func (r *Resolver) Explain(a, b string) (same bool, why []string) {
	na, nb := parseName(a), parseName(b)
	pa, pb := na.key(), nb.key()
	if pa == pb {
		why = append(why, "both fold to '"+pa+"'"+paren(union(na.notes, nb.notes)))
		why = append(why, initialsNote(na, nb)...)
	} else {
		why = append(why, "'"+a+"' folds to '"+pa+"'"+paren(na.notes), "'"+b+"' folds to '"+pb+"'"+paren(nb.notes))
		why = append(why, differences(na, nb)...)
	}
	why = append(why, r.apartSteps(a, b)...)
	same = r.Key(a) == r.Key(b)
	if same && r.base(a) != r.base(b) {
		for _, e := range r.path(r.base(a), r.base(b)) {
			why = append(why, describeDecision("same", e.a, e.b, e.src))
		}
	}
	why = append(why, r.refusedSteps(a, b)...)
	if same {
		why = append(why, "same person: key '"+r.Key(a)+"'")
	} else {
		why = append(why, "not the same person: keys '"+r.Key(a)+"' and '"+r.Key(b)+"'")
	}
	return same, why
}

func paren(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, "; ") + ")"
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// initialsNote warns when two names share a key but write different middle
// initials ("Nathaniel J Smith" / "Nathaniel K Smith").
func initialsNote(a, b name) []string {
	ia, ib := dotless(strings.Join(a.initials, "")), dotless(strings.Join(b.initials, ""))
	if ia == "" || ib == "" || ia == ib {
		return nil
	}
	return []string{fmt.Sprintf("note: middle initials differ ('%s' vs '%s'); add a different decision if these are two people",
		strings.Join(a.initials, " "), strings.Join(b.initials, " "))}
}

// differences says why two names with different keys were not merged, and
// what might make them one person.
func differences(a, b name) []string {
	var why []string
	sa, sb := a.surname(), b.surname()
	switch {
	case sa == "" || sb == "":
		why = append(why, "one name has no surname — not merged")
	case a.given != b.given && sa == sb:
		why = append(why, fmt.Sprintf("different given names: '%s' vs '%s' — not merged", a.given, b.given))
	case a.given == b.given:
		why = append(why, fmt.Sprintf("different surnames: '%s' vs '%s' — not merged", strings.Join(a.rest, " "), strings.Join(b.rest, " ")))
	default:
		why = append(why, fmt.Sprintf("different given names and surnames: '%s' vs '%s'", spaced(a), spaced(b)))
	}
	if rel := relate(a, b); rel.kind != relNone {
		why = append(why, "possible: "+rel.detail+"; confirm with a same decision")
	}
	return why
}

// apartSteps names the different decisions that concern a or b.
func (r *Resolver) apartSteps(a, b string) []string {
	var why []string
	sa, sb := spelling(a), spelling(b)
	for _, d := range r.diffs {
		da, db := spelling(d.a), spelling(d.b)
		switch {
		case da == sa && db == sb || da == sb && db == sa:
			why = append(why, describeDecision("different", d.a, d.b, d.src)+": kept apart")
		case da == sa || db == sa:
			why = append(why, fmt.Sprintf("'%s' has a key of its own: %s", a, describeDecision("different", d.a, d.b, d.src)))
		case da == sb || db == sb:
			why = append(why, fmt.Sprintf("'%s' has a key of its own: %s", b, describeDecision("different", d.a, d.b, d.src)))
		}
	}
	return why
}

// refusedSteps names the same decisions about a or b that a different
// decision overrode.
func (r *Resolver) refusedSteps(a, b string) []string {
	var why []string
	sa, sb := spelling(a), spelling(b)
	for _, f := range r.refused {
		fa, fb := spelling(f.a), spelling(f.b)
		if fa == sa || fa == sb || fb == sa || fb == sb {
			why = append(why, describeDecision("same", f.a, f.b, f.src)+" ignored: "+f.by+" wins")
		}
	}
	return why
}

// path finds the same decisions that join key from to key to (breadth first).
func (r *Resolver) path(from, to string) []sameEdge {
	prev := map[string]sameEdge{from: {}}
	queue := []string{from}
	for len(queue) > 0 {
		k := queue[0]
		queue = queue[1:]
		if k == to {
			break
		}
		for _, e := range r.edges[k] {
			if _, seen := prev[e.to]; !seen {
				prev[e.to] = sameEdge{k, e.a, e.b, e.src}
				queue = append(queue, e.to)
			}
		}
	}
	if _, ok := prev[to]; !ok {
		return nil
	}
	var out []sameEdge
	for k := to; k != from; k = prev[k].to {
		out = append([]sameEdge{prev[k]}, out...)
	}
	return out
}

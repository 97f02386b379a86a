package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/talkgraph/talkgraph/graph"
)

// print writes v as text: the node's label and name, its id, properties
// and sources, then one line per relationship.
func (v nodeView) print(w io.Writer) error {
	n := v.Node
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\n", n.Label, n.Name())
	fmt.Fprintf(tw, "  id\t%s\n", n.ID)
	for _, k := range slices.Sorted(maps.Keys(n.Props)) {
		fmt.Fprintf(tw, "  %s\t%s\n", k, clip(propString(n.Props[k]), 100))
	}
	if len(n.Sources) > 0 {
		fmt.Fprintf(tw, "  sources\t%s\n", sourcesString(n.Sources))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(v.Talks) > 0 {
		fmt.Fprintf(w, "\nTALKS (%d)\n", len(v.Talks))
		for _, t := range v.Talks {
			year := ""
			if t.Year > 0 {
				year = strconv.FormatInt(t.Year, 10)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t(%s)\n", year, t.Event, t.Title, t.Source)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(v.Rels) == 0 {
		_, err := fmt.Fprintln(w, "\n(no relationships)")
		return err
	}
	fmt.Fprintln(w)
	var related []relView
	relatedIn := 0
	for _, r := range v.Rels {
		if r.Type == graph.RelatedTo {
			if r.Direction == "out" {
				related = append(related, r)
			} else {
				relatedIn++
			}
			continue
		}
		typ := string(r.Type)
		if r.Direction == "in" {
			typ = "<-" + typ
		}
		fmt.Fprintf(tw, "%s\t%s\t(%s)\n", typ, r.Other.Name, sourcesString(r.Sources))
	}
	// The related talks, best first: the first few, with their score and
	// reason (their source is the build's ranking, not a note).
	slices.SortStableFunc(related, func(a, b relView) int { return cmpRank(a.Props["rank"], b.Props["rank"]) })
	for _, r := range related[:min(len(related), shownRelated)] {
		reason := propString(r.Props["reason"])
		fmt.Fprintf(tw, "%s\t%s\t(score %s; %s)\n", r.Type, r.Other.Name, propString(r.Props["score"]), reason)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if more := len(related) - shownRelated; more > 0 {
		fmt.Fprintf(w, "(%d more related talks: talkgraph query recommend/related-talks --param talk=%s --param limit=%d)\n", more, n.ID, len(related))
	}
	if relatedIn > 0 {
		fmt.Fprintf(w, "(related to by %d talks)\n", relatedIn)
	}
	return nil
}

// shownRelated is how many related talks show prints.
const shownRelated = 5

func cmpRank(a, b any) int {
	x, _ := a.(int64)
	y, _ := b.(int64)
	return int(x - y)
}

func propString(v any) string {
	switch l := v.(type) {
	case []string:
		return strings.Join(l, ", ")
	case []any:
		parts := make([]string, len(l))
		for i, e := range l {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

// sourcesString formats sources as "notes/a.md:12, :40-52, notes/b.md:3":
// a note's path is written once for its consecutive lines.
func sourcesString(ss []graph.Source) string {
	if len(ss) == 0 {
		return "no source"
	}
	var b strings.Builder
	prev := ""
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		if s.Note != prev {
			b.WriteString(s.Note)
			prev = s.Note
		}
		if s.Line > 0 {
			b.WriteString(":" + strconv.Itoa(s.Line))
			if s.EndLine > s.Line {
				b.WriteString("-" + strconv.Itoa(s.EndLine))
			}
		}
	}
	return b.String()
}

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
	for _, r := range v.Rels {
		typ := string(r.Type)
		if r.Direction == "in" {
			typ = "<-" + typ
		}
		fmt.Fprintf(tw, "%s\t%s\t(%s)\n", typ, r.Other.Name, sourcesString(r.Sources))
	}
	return tw.Flush()
}

func propString(v any) string {
	if l, ok := v.([]string); ok {
		return strings.Join(l, ", ")
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

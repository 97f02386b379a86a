package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/talkgraph/talkgraph/internal/fold"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/catalog"
)

// ShowOptions are the options of `talkgraph show`.
type ShowOptions struct {
	Factory *Factory
	Label   graph.Label
	Name    string
	JSON    bool
}

// kinds maps the kind argument of show to a label, with its plural.
var kinds = map[string]struct {
	label  graph.Label
	plural string
}{
	"talk":         {graph.Talk, "talks"},
	"speaker":      {graph.Speaker, "speakers"},
	"tool":         {graph.Tool, "tools"},
	"concept":      {graph.Concept, "concepts"},
	"organization": {graph.Organization, "organizations"},
	"event":        {graph.Event, "events"},
	"person":       {graph.Person, "people"},
	"note":         {graph.Note, "notes"},
}

var kindNames = []string{"talk", "speaker", "tool", "concept", "organization", "event", "person", "note"}

// NewCmdShow returns the show command; runF replaces its run function in
// tests.
func NewCmdShow(f *Factory, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "show KIND NAME",
		Short: "Show one talk, speaker, tool... with its relationships and sources",
		Long: `Show finds the node of the given kind (talk, speaker, tool, concept,
organization, event, person or note) whose name matches NAME, ignoring case
and accents: an exact match first, else a name starting with NAME, else a name
containing it. NAME may be several words, quoted or not, or a node's id.

It prints the node's properties, then its relationships grouped by type, each
with the other node's name and the notes and lines it was read from:

  MENTIONS    Django    (notes/day1.md:221, :228)

Relationships that end at the node are shown as <-TYPE (a tool is
<-MENTIONS by the talks that mention it). When several nodes match equally,
show lists them with their ids and exits 1.`,
		Example: `  talkgraph show speaker "Andrew Godwin"
  talkgraph show talk taking django async
  talkgraph show tool django --json`,
		ValidArgs: kindNames,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return flagErrorf("missing KIND NAME, where KIND is one of %s", strings.Join(kindNames, ", "))
			}
			if _, ok := kinds[strings.ToLower(args[0])]; !ok {
				return flagErrorf("unknown kind %q: want one of %s", args[0], strings.Join(kindNames, ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Label = kinds[strings.ToLower(args[0])].label
			opts.Name = strings.Join(args[1:], " ")
			if runF != nil {
				return runF(opts)
			}
			return showRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the node and its relationships as JSON")
	return cmd
}

func showRun(ctx context.Context, opts *ShowOptions) error {
	g, err := opts.Factory.Graph(ctx)
	if err != nil {
		return err
	}
	n, err := findNode(g, opts.Label, opts.Name)
	if err != nil {
		return err
	}
	v := newNodeView(g, n)
	if opts.JSON {
		return writeJSON(opts.Factory.IO.Out, v)
	}
	return v.print(termSafe(opts.Factory.IO.Out))
}

// findNode returns the one node of label whose id is name or one of whose
// names (a linked talk's note title too) matches it: exactly, else as a
// prefix, else as a substring, ignoring case and accents.
func findNode(g *graph.Graph, label graph.Label, name string) (*graph.Node, error) {
	plural := strings.ToLower(string(label)) + "s"
	for _, k := range kinds {
		if k.label == label {
			plural = k.plural
		}
	}
	for _, id := range []string{name, strings.ToLower(strings.TrimSpace(name))} {
		if n, ok := g.Node(id); ok && n.Label == label {
			return n, nil
		}
	}
	if label == graph.Event {
		// "PyCon 2019" is PyCon US 2019: the series' spellings meet.
		if series, year := catalog.SplitEvent(name); series != "" && year != 0 {
			if n, ok := g.Node(graph.ID(graph.Event, series, strconv.Itoa(year))); ok && n.Label == label {
				return n, nil
			}
		}
	}
	q := fold.Lower(strings.Join(strings.Fields(name), " "))
	var tiers [3][]*graph.Node
	for _, n := range g.Nodes() {
		if n.Label != label {
			continue
		}
		tier := len(tiers)
		for _, nm := range n.Names() {
			switch nm = fold.Lower(nm); {
			case nm == q:
				tier = min(tier, 0)
			case strings.HasPrefix(nm, q):
				tier = min(tier, 1)
			case strings.Contains(nm, q):
				tier = min(tier, 2)
			}
		}
		if tier < len(tiers) {
			tiers[tier] = append(tiers[tier], n)
		}
	}
	for _, t := range tiers {
		switch {
		case len(t) == 1:
			return t[0], nil
		case len(t) > 1:
			return nil, ambiguous(t, plural, name)
		}
	}
	return nil, fmt.Errorf("no %s matches %q", strings.ToLower(string(label)), name)
}

func ambiguous(ns []*graph.Node, plural, name string) error {
	width := 0
	for _, n := range ns {
		width = max(width, len(n.ID))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ambiguous: %d %s match %q; name one by its id:", len(ns), plural, name)
	for _, n := range ns {
		fmt.Fprintf(&b, "\n  %-*s  %s", width, n.ID, n.Name())
		if len(n.Sources) > 0 {
			fmt.Fprintf(&b, "  (%s)", sourcesString(n.Sources[:1]))
		}
	}
	return errors.New(b.String())
}

// nodeView is what show prints: a node and its relationships.
type nodeView struct {
	Node  *graph.Node `json:"node"`
	Rels  []relView   `json:"relationships"`
	Talks []talkView  `json:"talks,omitempty"` // a speaker's talks, by year
}

// talkView is one talk of a speaker, across years and sources.
type talkView struct {
	ID     string `json:"id"`
	Year   int64  `json:"year,omitempty"`
	Event  string `json:"event,omitempty"`
	Title  string `json:"title"`
	Source string `json:"source"` // "catalog", "notes" or "catalog+notes"
}

type relView struct {
	Type      graph.RelType  `json:"type"`
	Direction string         `json:"direction"` // "out" or "in"
	Other     otherView      `json:"node"`
	Props     map[string]any `json:"props,omitempty"`
	Sources   []graph.Source `json:"sources"`
}

type otherView struct {
	ID    string      `json:"id"`
	Label graph.Label `json:"label"`
	Name  string      `json:"name"`
}

func newNodeView(g *graph.Graph, n *graph.Node) nodeView {
	v := nodeView{Node: n, Rels: []relView{}}
	for _, r := range g.RelsOf(n.ID) {
		rv := relView{Type: r.Type, Direction: "out", Props: r.Props, Sources: r.Sources}
		other := r.To
		if r.To == n.ID && r.From != n.ID {
			rv.Direction, other = "in", r.From
		}
		rv.Other = otherView{ID: other, Name: other}
		if o, ok := g.Node(other); ok {
			rv.Other.Label, rv.Other.Name = o.Label, o.Name()
		}
		if rv.Sources == nil {
			rv.Sources = []graph.Source{}
		}
		v.Rels = append(v.Rels, rv)
	}
	slices.SortStableFunc(v.Rels, compareRelViews)
	if n.Label == graph.Speaker {
		v.Talks = speakerTalks(g, n)
	}
	return v
}

// speakerTalks lists the talks a speaker presented, oldest first, each
// with where it is known from: the catalog, notes, or both.
func speakerTalks(g *graph.Graph, n *graph.Node) []talkView {
	var out []talkView
	for _, r := range g.RelsOf(n.ID) {
		if r.Type != graph.Presented || r.From != n.ID {
			continue
		}
		t, ok := g.Node(r.To)
		if !ok {
			continue
		}
		tv := talkView{ID: t.ID, Title: t.Name()}
		tv.Year, _ = t.Props["year"].(int64)
		tv.Event, _ = t.Props["event"].(string)
		catalog, notes := false, false
		for _, s := range t.Sources {
			if strings.HasPrefix(s.Note, "pyvideo/") {
				catalog = true
			} else {
				notes = true
			}
		}
		switch {
		case catalog && notes:
			tv.Source = "catalog+notes"
		case catalog:
			tv.Source = "catalog"
		default:
			tv.Source = "notes"
		}
		out = append(out, tv)
	}
	slices.SortFunc(out, func(a, b talkView) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Event, b.Event), cmp.Compare(a.Title, b.Title))
	})
	return out
}

// compareRelViews orders outgoing before incoming relationships, then by
// schema order of type, then by the other node's name.
func compareRelViews(a, b relView) int {
	if a.Direction != b.Direction {
		return strings.Compare(b.Direction, a.Direction) // "out" first
	}
	if c := slices.Index(graph.RelTypes, a.Type) - slices.Index(graph.RelTypes, b.Type); c != 0 {
		return c
	}
	return strings.Compare(fold.Lower(a.Other.Name), fold.Lower(b.Other.Name))
}

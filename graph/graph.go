// Package graph holds talkgraph's data model: the node labels and relationship
// types of the knowledge graph, the Graph value that extraction produces and
// stores persist, and the Store interface every backend implements.
//
// The model, in mermaid:
//
//	graph LR
//	  Speaker -- PRESENTED --> Talk
//	  Talk -- AT --> Event
//	  Talk -- MENTIONS --> Tool & Concept & Organization & Person
//	  Talk -- ABOUT --> Tool & Concept
//	  Speaker -- AFFILIATED_WITH --> Organization
//	  Talk -- FROM --> Note
//	  Event -- EDITION_OF --> Series
//
// Every node and relationship carries the sources (note file and lines) it was
// extracted from, so each fact stays traceable. Labels and relationship types
// are fixed here and never come from note text.
package graph

import "slices"

// Label is a node label of the fixed schema.
type Label string

// The node labels.
const (
	Talk         Label = "Talk"
	Speaker      Label = "Speaker"
	Tool         Label = "Tool"
	Concept      Label = "Concept"
	Organization Label = "Organization"
	Event        Label = "Event"
	Person       Label = "Person"
	Note         Label = "Note"
	Series       Label = "Series" // a conference series ("PyCon US"); its editions are Events
)

// Labels lists every node label in schema order.
var Labels = []Label{Talk, Speaker, Tool, Concept, Organization, Event, Person, Note, Series}

// Valid reports whether l is one of the schema's labels.
func (l Label) Valid() bool {
	for _, x := range Labels {
		if x == l {
			return true
		}
	}
	return false
}

func (l Label) String() string { return string(l) }

// RelType is a relationship type of the fixed schema.
type RelType string

// The relationship types.
const (
	Presented      RelType = "PRESENTED"       // Speaker → Talk
	At             RelType = "AT"              // Talk → Event
	Mentions       RelType = "MENTIONS"        // Talk → Tool | Concept | Organization | Person
	About          RelType = "ABOUT"           // Talk → Tool | Concept named in its title
	AffiliatedWith RelType = "AFFILIATED_WITH" // Speaker → Organization
	From           RelType = "FROM"            // Talk → Note
	EditionOf      RelType = "EDITION_OF"      // Event → Series
	// RelatedTo links a talk to the talks most related to it (Talk →
	// Talk), with a score and a reason; it is computed from the graph
	// when it is built (see internal/related), not read from a note.
	RelatedTo RelType = "RELATED_TO"
)

// RelTypes lists every relationship type in schema order.
var RelTypes = []RelType{Presented, At, Mentions, About, AffiliatedWith, From, EditionOf, RelatedTo}

// Valid reports whether t is one of the schema's relationship types.
func (t RelType) Valid() bool {
	for _, x := range RelTypes {
		if x == t {
			return true
		}
	}
	return false
}

func (t RelType) String() string { return string(t) }

// Ends returns the labels of the start and end nodes every relationship of
// type t joins, or "" where the schema allows more than one (MENTIONS ends
// at a Tool, Concept, Organization or Person).
func (t RelType) Ends() (from, to Label) {
	switch t {
	case Presented:
		return Speaker, Talk
	case At:
		return Talk, Event
	case Mentions, About:
		return Talk, ""
	case AffiliatedWith:
		return Speaker, Organization
	case From:
		return Talk, Note
	case EditionOf:
		return Event, Series
	case RelatedTo:
		return Talk, Talk
	}
	return "", ""
}

// Source says where a fact was read: a note path (slash-separated, as given
// to the build) and a 1-based line range.
type Source struct {
	Note    string `json:"note"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line,omitempty"`
}

// Node is one entity. ID is stable: it derives from the canonical name, so
// two builds of the same notes give the same IDs. Props values are strings,
// int64, float64, bool, or []string.
type Node struct {
	ID      string         `json:"id"`
	Label   Label          `json:"label"`
	Props   map[string]any `json:"props,omitempty"`
	Sources []Source       `json:"sources,omitempty"`
}

// Name returns the node's "name" property, or its "title" for a talk.
func (n *Node) Name() string {
	if s, ok := n.Props["name"].(string); ok && s != "" {
		return s
	}
	if s, ok := n.Props["title"].(string); ok {
		return s
	}
	return n.ID
}

// Names returns every name n is known by: Name, then the title a note gives
// a catalog talk it is linked to (note_title), a note's path, and the other
// spellings of a person (spellings), each once.
func (n *Node) Names() []string {
	out := []string{n.Name()}
	for _, k := range []string{"note_title", "path"} {
		if s, ok := n.Props[k].(string); ok && s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if l, ok := n.Props["spellings"].([]string); ok {
		for _, s := range l {
			if s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Rel is one relationship between two nodes, identified by its type and
// endpoints: a graph holds at most one Rel per (Type, From, To).
type Rel struct {
	Type    RelType        `json:"type"`
	From    string         `json:"from"`
	To      string         `json:"to"`
	Props   map[string]any `json:"props,omitempty"`
	Sources []Source       `json:"sources,omitempty"`
}

// Key identifies r within a graph.
func (r *Rel) Key() RelKey { return RelKey{r.Type, r.From, r.To} }

// RelKey identifies a relationship: its type and endpoints.
type RelKey struct {
	Type     RelType
	From, To string
}

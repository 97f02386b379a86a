package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/neo4jstore"
	"github.com/talkgraph/talkgraph/internal/pipeline"
)

// buildSummary is what `talkgraph build` prints. Graph counts are of the
// whole store after the build.
type buildSummary struct {
	NotesRead      int      `json:"notes_read"` // extracted + unchanged
	NotesExtracted int      `json:"notes_extracted"`
	NotesUnchanged int      `json:"notes_unchanged"`
	NotesDeleted   int      `json:"notes_deleted"`
	NotesFailed    int      `json:"notes_failed"`
	Errors         []string `json:"errors"` // "file:line: message"
	// NotesNoTalk are the notes extracted that gave no talk.
	NotesNoTalk []string `json:"notes_without_talks"`
	storeTotals
	Elapsed   time.Duration `json:"-"`
	ElapsedMS int64         `json:"elapsed_ms"`
}

// storeTotals are the counts of a store's graph and where the store is, as
// build and import print them after their update.
type storeTotals struct {
	Talks         int `json:"talks"`
	Speakers      int `json:"speakers"`
	Tools         int `json:"tools"`
	Concepts      int `json:"concepts"`
	Organizations int `json:"organizations"`
	Events        int `json:"events"`
	People        int `json:"people"`
	Relationships int `json:"relationships"`
	// TalksRanked is how many talks the update ranked the related talks of
	// again (all of them on a first build, the few a changed note touches
	// after).
	TalksRanked int `json:"talks_ranked"`

	Store     string `json:"store"` // "embedded" or "neo4j"
	StorePath string `json:"store_path,omitempty"`
	StoreSize int64  `json:"store_size_bytes"`
	// StoreURI and Database are the Neo4j server and database, and Neo4j
	// what the update changed there, for store neo4j.
	StoreURI string       `json:"store_uri,omitempty"`
	Database string       `json:"database,omitempty"`
	Neo4j    *neo4jCounts `json:"neo4j,omitempty"`
}

func summarize(ctx context.Context, f *Factory, c config.Config, s graph.Store, p pipeline.BuildPlan, extracted int) (*buildSummary, error) {
	tot, err := totals(ctx, c, s)
	if err != nil {
		return nil, err
	}
	sum := &buildSummary{
		NotesRead: extracted + p.Unchanged, NotesExtracted: extracted, NotesUnchanged: p.Unchanged,
		NotesDeleted: len(p.Delete), NotesFailed: len(p.Failed), Errors: p.Failed, storeTotals: tot,
		NotesNoTalk: p.NoTalk,
	}
	if sum.Errors == nil {
		sum.Errors = []string{}
	}
	if sum.NotesNoTalk == nil {
		sum.NotesNoTalk = []string{}
	}
	return sum, nil
}

// totals counts the graph of store s, configured by c.
func totals(ctx context.Context, c config.Config, s graph.Store) (storeTotals, error) {
	st, err := graph.StatsOf(ctx, s)
	if err != nil {
		return storeTotals{}, fmt.Errorf("read store: %w", err)
	}
	rels := 0
	for _, n := range st.Rels {
		rels += n
	}
	tot := storeTotals{
		Talks: st.Nodes[graph.Talk], Speakers: st.Nodes[graph.Speaker], Tools: st.Nodes[graph.Tool],
		Concepts: st.Nodes[graph.Concept], Organizations: st.Nodes[graph.Organization],
		Events: st.Nodes[graph.Event], People: st.Nodes[graph.Person], Relationships: rels,
		Store: c.Store,
	}
	switch c.Store {
	case config.StoreEmbedded:
		tot.StorePath = c.Embedded.Path
		tot.StoreSize = storeSize(s)
	case config.StoreNeo4j:
		tot.StoreURI, tot.Database = c.Neo4j.URI, c.Neo4j.Database
	}
	return tot, nil
}

// storeSize returns the size in bytes of a store that tells it, else 0.
func storeSize(s graph.Store) int64 {
	switch z := s.(type) {
	case interface{ Size() int64 }:
		return z.Size()
	case interface{ Size() (int64, error) }:
		n, _ := z.Size()
		return n
	}
	return 0
}

func (s *buildSummary) print(w io.Writer, asJSON bool) error {
	s.ElapsedMS = s.Elapsed.Milliseconds()
	if asJSON {
		return writeJSON(w, s)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	printCounts(tw, []count{
		{"notes read", s.NotesRead}, {"  extracted", s.NotesExtracted}, {"    without talks", len(s.NotesNoTalk)}, {"  unchanged", s.NotesUnchanged},
		{"notes deleted", s.NotesDeleted}, {"notes failed", s.NotesFailed},
	})
	s.storeTotals.print(tw)
	fmt.Fprintf(tw, "elapsed\t%s\n", s.Elapsed.Round(time.Millisecond))
	return tw.Flush()
}

// count is one row of a summary table.
type count struct {
	name string
	n    int
}

func printCounts(tw io.Writer, rows []count) {
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\n", r.name, r.n)
	}
}

// print writes the totals as rows of a summary table.
func (s *storeTotals) print(tw io.Writer) {
	printCounts(tw, []count{
		{"talks", s.Talks}, {"speakers", s.Speakers}, {"tools", s.Tools}, {"concepts", s.Concepts},
		{"organizations", s.Organizations}, {"events", s.Events}, {"people", s.People},
		{"relationships", s.Relationships}, {"talks re-ranked", s.TalksRanked},
	})
	switch {
	case s.StorePath != "":
		fmt.Fprintf(tw, "store\t%s (%s)\n", s.StorePath, config.Size(s.StoreSize))
	case s.StoreURI != "":
		fmt.Fprintf(tw, "store\tneo4j %s (database %s)\n", s.StoreURI, s.Database)
	default:
		fmt.Fprintf(tw, "store\t%s\n", s.Store)
	}
	if s.Neo4j != nil {
		s.Neo4j.print(tw)
	}
}

// writeJSON writes v as one line of JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// neo4jCounts is what a load changed in Neo4j, as Neo4j counts it
// (bookkeeping nodes included).
type neo4jCounts struct {
	NodesCreated  int `json:"nodes_created"`
	NodesDeleted  int `json:"nodes_deleted"`
	RelsCreated   int `json:"relationships_created"`
	RelsDeleted   int `json:"relationships_deleted"`
	PropertiesSet int `json:"properties_set"`
}

func countsOf(c neo4jstore.Counters) *neo4jCounts {
	return &neo4jCounts{c.NodesCreated, c.NodesDeleted, c.RelsCreated, c.RelsDeleted, c.PropertiesSet}
}

// print writes the counts as rows of a summary table.
func (c *neo4jCounts) print(tw io.Writer) {
	fmt.Fprintf(tw, "  nodes\t%d created, %d deleted\n", c.NodesCreated, c.NodesDeleted)
	fmt.Fprintf(tw, "  relationships\t%d created, %d deleted\n", c.RelsCreated, c.RelsDeleted)
	fmt.Fprintf(tw, "  properties\t%d set\n", c.PropertiesSet)
}

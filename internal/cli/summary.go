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

	Talks         int `json:"talks"`
	Speakers      int `json:"speakers"`
	Tools         int `json:"tools"`
	Concepts      int `json:"concepts"`
	Organizations int `json:"organizations"`
	Events        int `json:"events"`
	People        int `json:"people"`
	Relationships int `json:"relationships"`

	Store     string        `json:"store"` // "embedded" or "neo4j"
	StorePath string        `json:"store_path,omitempty"`
	StoreSize int64         `json:"store_size_bytes"`
	Elapsed   time.Duration `json:"-"`
	ElapsedMS int64         `json:"elapsed_ms"`
}

func summarize(ctx context.Context, f *Factory, c config.Config, s graph.Store, p buildPlan, extracted int) (*buildSummary, error) {
	g, err := s.Graph(ctx)
	if err != nil {
		return nil, fmt.Errorf("read store: %w", err)
	}
	st := g.Stats()
	rels := 0
	for _, n := range st.Rels {
		rels += n
	}
	sum := &buildSummary{
		NotesRead: extracted + p.Unchanged, NotesExtracted: extracted, NotesUnchanged: p.Unchanged,
		NotesDeleted: len(p.Delete), NotesFailed: len(p.Failed), Errors: p.Failed,
		Talks: st.Nodes[graph.Talk], Speakers: st.Nodes[graph.Speaker], Tools: st.Nodes[graph.Tool],
		Concepts: st.Nodes[graph.Concept], Organizations: st.Nodes[graph.Organization],
		Events: st.Nodes[graph.Event], People: st.Nodes[graph.Person], Relationships: rels,
		Store: c.Store,
	}
	if sum.Errors == nil {
		sum.Errors = []string{}
	}
	if c.Store == config.StoreEmbedded {
		sum.StorePath = c.Embedded.Path
		sum.StoreSize = storeSize(s)
	}
	return sum, nil
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
	rows := []struct {
		name string
		n    int
	}{
		{"notes read", s.NotesRead}, {"  extracted", s.NotesExtracted}, {"  unchanged", s.NotesUnchanged},
		{"notes deleted", s.NotesDeleted}, {"notes failed", s.NotesFailed},
		{"talks", s.Talks}, {"speakers", s.Speakers}, {"tools", s.Tools}, {"concepts", s.Concepts},
		{"organizations", s.Organizations}, {"events", s.Events}, {"people", s.People},
		{"relationships", s.Relationships},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\n", r.name, r.n)
	}
	if s.StorePath != "" {
		fmt.Fprintf(tw, "store\t%s (%s)\n", s.StorePath, byteSize(s.StoreSize))
	} else {
		fmt.Fprintf(tw, "store\t%s\n", s.Store)
	}
	fmt.Fprintf(tw, "elapsed\t%s\n", s.Elapsed.Round(time.Millisecond))
	return tw.Flush()
}

// writeJSON writes v as one line of JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

package cli

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/talkgraph/talkgraph/internal/pipeline"
)

// importSummary is what `talkgraph import pyvideo` prints. Graph counts are
// of the whole store after the import.
type importSummary struct {
	Read      int      `json:"talks_read"` // imported + unchanged
	Imported  int      `json:"talks_imported"`
	Unchanged int      `json:"talks_unchanged"`
	Deleted   int      `json:"talks_deleted"`
	Failed    int      `json:"talks_failed"`
	Errors    []string `json:"errors"` // "file:line: message"
	storeTotals
	Elapsed   time.Duration `json:"-"`
	ElapsedMS int64         `json:"elapsed_ms"`
}

func summaryOf(p *pipeline.ImportPlan, imported int, tot storeTotals) *importSummary {
	sum := &importSummary{Read: imported + p.Unchanged, Imported: imported, Unchanged: p.Unchanged,
		Deleted: len(p.Delete), Failed: p.FailedCount, Errors: p.Failed, storeTotals: tot}
	if sum.Errors == nil {
		sum.Errors = []string{}
	}
	return sum
}

func (s *importSummary) print(w io.Writer, asJSON bool) error {
	s.ElapsedMS = s.Elapsed.Milliseconds()
	if asJSON {
		return writeJSON(w, s)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	printCounts(tw, []count{
		{"talks read", s.Read}, {"  imported", s.Imported}, {"  unchanged", s.Unchanged},
		{"talks deleted", s.Deleted}, {"talks failed", s.Failed},
	})
	s.storeTotals.print(tw)
	fmt.Fprintf(tw, "elapsed\t%s\n", s.Elapsed.Round(time.Millisecond))
	return tw.Flush()
}

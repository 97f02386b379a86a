package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// FileScore is the score of one note.
type FileScore struct {
	Note  string `json:"note"`
	Score *Score `json:"score"`
}

// Report is the score of a set of notes: the total and each note's.
type Report struct {
	Files []FileScore `json:"files"`
	Total *Score      `json:"total"`
}

// NewReport returns an empty report.
func NewReport() *Report { return &Report{Total: NewScore()} }

// Add adds a note's score to the report.
func (r *Report) Add(note string, s *Score) {
	r.Files = append(r.Files, FileScore{Note: note, Score: s})
	r.Total.Add(s)
}

// Print writes the report as the referee prints it: with perFile, a table
// of each note's F1 for the main parts and its talks (predicted/gold);
// with verbose, each miss and false positive; then the precision, recall
// and F1 of every part over all notes.
func (r *Report) Print(w io.Writer, perFile, verbose bool) error {
	if verbose {
		for _, f := range r.Files {
			for _, m := range f.Score.Misses {
				fmt.Fprintf(w, "%s:%d %s:", m.Note, m.Line, m.Part)
				if len(m.Missing) > 0 {
					fmt.Fprintf(w, " missing %s", quoteList(m.Missing))
				}
				if len(m.Extra) > 0 {
					fmt.Fprintf(w, " extra %s", quoteList(m.Extra))
				}
				fmt.Fprintln(w)
			}
		}
		fmt.Fprintln(w)
	}
	if perFile {
		cols := []string{"is_talk", "title", "speakers", "tools", "organizations", "concepts"}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "note\t")
		for _, c := range cols {
			fmt.Fprintf(tw, "%s\t", abbrev(c))
		}
		fmt.Fprintln(tw, "talks\t")
		files := append([]FileScore(nil), r.Files...)
		sort.Slice(files, func(i, j int) bool { return files[i].Note < files[j].Note })
		for _, f := range files {
			fmt.Fprintf(tw, "%s\t", f.Note)
			for _, c := range cols {
				t := f.Score.Parts[c]
				if t.Gold == 0 && t.Pred == 0 {
					fmt.Fprint(tw, "-\t")
					continue
				}
				fmt.Fprintf(tw, "%.2f\t", t.F1())
			}
			t := f.Score.Parts["is_talk"]
			fmt.Fprintf(tw, "%d/%d\t\n", t.Pred, t.Gold)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "part\tprecision\trecall\tF1\tgold\tpred\t")
	for _, p := range Parts {
		t := r.Total.Parts[p]
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t\n", p, t.Precision(), t.Recall(), t.F1(), t.Gold, t.Pred)
	}
	return tw.Flush()
}

func abbrev(s string) string {
	if len(s) > 8 {
		return s[:8]
	}
	return s
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

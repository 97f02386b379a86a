package extract_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// Extraction time must grow linearly with the size of a note. Each case
// builds a note of size n and of size 4n and bounds the ratio of their
// extraction times: about 4 when linear, about 16 when quadratic. The bound
// (8) leaves room for noise without letting a quadratic step through, and no
// wall-clock time is asserted. Each time is the best of three runs.
var scaleCases = []struct {
	name string
	n    int // the small size, in the case's units
	note func(n int) string
}{
	// one talk naming Python on every line (units: lines)
	{"one talk, n lines", 2500, func(n int) string {
		var b strings.Builder
		b.WriteString("# PyCon 2030\n\n## Scaling Python\n*Speaker: Ada Byron*\n\n")
		for i := range n {
			fmt.Fprintf(&b, "- point %d: Python and Django with pytest, the GIL and asyncio\n", i)
		}
		return b.String()
	}},
	// an ordinary note: many talks with a speaker and a few lines each
	// (units: talks)
	{"n talks", 250, func(n int) string {
		var b strings.Builder
		b.WriteString("# PyCon 2030 notes\n\n")
		for i := range n {
			fmt.Fprintf(&b, "## Talk number %d about Rust and Python\n*Speaker: Speaker%c Person%c*\n\n", i, 'A'+i%26, 'a'+i/26%26)
			b.WriteString("Used PyO3 and maturin; compared Cython and mypyc. Type hints helped.\n\n")
			b.WriteString("- Django channels, Celery and Redis\n- see https://example.com/slides\n\n")
		}
		return b.String()
	}},
	// one paragraph of styled runs, each a possible title: every title
	// looks for its speakers around it (units: runs)
	{"one paragraph, n styled runs", 2000, func(n int) string {
		var b strings.Builder
		b.WriteString("# PyCon 2030\n\n")
		for i := range n {
			fmt.Fprintf(&b, "`code%d` **Bold Title %d** _Some Words_ [a link](http://e/%d) by Ada's ", i, i, i)
		}
		b.WriteString("\n")
		return b.String()
	}},
	// a table of talks (units: rows)
	{"a table, n rows", 2000, func(n int) string {
		var b strings.Builder
		b.WriteString("# PyCon 2030\n\n| Talk | Speaker |\n|---|---|\n")
		for i := range n {
			fmt.Fprintf(&b, "| Talk number %d on Python | Speaker%c Person%c |\n", i, 'A'+i%26, 'a'+i/26%26)
		}
		return b.String()
	}},
	// one long paragraph under a talk heading (units: sentences)
	{"one paragraph, n sentences", 500, func(n int) string {
		var b strings.Builder
		b.WriteString("# PyCon 2030\n\n## Reading Logs\n*Speaker: Ada Byron*\n\n")
		for i := range n {
			fmt.Fprintf(&b, "Sentence %d names Python, Go, Kubernetes and channels in passing. ", i)
		}
		b.WriteString("\n")
		return b.String()
	}},
}

func TestExtract_linearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing ratios in -short mode")
	}
	cfg, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(cfg)
	best := func(src string) time.Duration {
		var d time.Duration
		for i := range 3 {
			n, err := notes.Parse("scale.md", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			x.Extract(n)
			if e := time.Since(start); i == 0 || e < d {
				d = e
			}
		}
		return d
	}
	for _, c := range scaleCases {
		t.Run(c.name, func(t *testing.T) {
			small, large := c.note(c.n), c.note(4*c.n)
			ts, tl := best(small), best(large)
			ratio := float64(tl) / float64(ts)
			t.Logf("%d → %d bytes: %v → %v, ratio %.1f (linear 4, quadratic 16)", len(small), len(large), ts, tl, ratio)
			if ratio > 8 {
				t.Errorf("4× the input took %.1f× the time: extraction is not linear", ratio)
			}
		})
	}
}

package extract_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// corpusTexts returns the title and abstract of every pyvideo talk
// (../shared/corpus) as a small markdown note.
func corpusTexts(b *testing.B) [][]byte {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "pyvideo", "*", "*.jsonl"))
	if len(files) == 0 {
		b.Skip("no pyvideo corpus beside the repo")
	}
	var out [][]byte
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var t struct {
				Title, Description string
				Speakers           []string
				EventTitle         string `json:"event_title"`
			}
			if err := json.Unmarshal(sc.Bytes(), &t); err != nil {
				b.Fatal(err)
			}
			out = append(out, []byte(fmt.Sprintf("# %s\n\nby %s\n\n%s\n", t.Title, strings.Join(t.Speakers, " & "), t.Description)))
		}
		fh.Close()
	}
	return out
}

// BenchmarkExtractCorpus parses the titles and abstracts of the pyvideo
// corpus with goldmark alone, then reads and extracts them with talkgraph
// (notes.Parse + Extract), in the same run, and reports the ratio
// (x_goldmark) along with talks/s and MB/s of the extraction.
//
//	go test ./internal/extract -run '^$' -bench ExtractCorpus -benchtime 5x
func BenchmarkExtractCorpus(b *testing.B) {
	texts := corpusTexts(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	x := newExtractor(b)
	md := goldmark.New()
	var gm, ex time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for _, t := range texts {
			md.Parser().Parse(text.NewReader(t))
		}
		gm += time.Since(start)
		start = time.Now()
		for j, t := range texts {
			n, err := notes.Parse(fmt.Sprintf("t%d.md", j), t)
			if err != nil {
				b.Fatal(err)
			}
			x.Extract(n)
		}
		ex += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(gm.Seconds()*1000/n, "goldmark_ms")
	b.ReportMetric(ex.Seconds()*1000/n, "extract_ms")
	b.ReportMetric(ex.Seconds()/gm.Seconds(), "x_goldmark")
	b.ReportMetric(float64(len(texts))*n/ex.Seconds(), "talks/s")
	b.ReportMetric(float64(size)*n/ex.Seconds()/1e6, "MB/s")
}

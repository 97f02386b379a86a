package extract_test

import (
	"testing"

	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// FuzzExtract: any note that parses is extracted without a panic, and
// every section it finds lies within the note's lines.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"# PyCon 2030\n\n## Scaling Python\n*Speaker: Ada Byron*\n\nPython and Django.\n",
		"---\ntitle: x\n---\n- **Talk** by Ana Ruiz (@ana) — Rust\n",
		"| Talk | Speaker |\n|---|---|\n| Async | Bo Li |\n",
		"then **The Scheduler Saga** by Kavya Joshi's `go` talk\n",
	} {
		f.Add([]byte(s))
	}
	cfg, err := extract.Default()
	if err != nil {
		f.Fatal(err)
	}
	x := extract.New(cfg)
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := notes.Parse("f.md", data)
		if err != nil {
			return
		}
		res := x.Extract(n)
		for _, s := range res.Sections {
			if s.Line < 1 || s.Line > n.Lines+1 || s.EndLine != 0 && s.EndLine < s.Line {
				t.Fatalf("section %q at lines %d-%d of a note of %d lines", s.Title, s.Line, s.EndLine, n.Lines)
			}
		}
	})
}

package notes

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/talkgraph/talkgraph/internal/source"
)

// FuzzParse checks that no input panics the note reader and that every
// error it returns has a position inside the input.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "examples", "notes", "*", "*.md"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("+++\n+++\n# x {{< a >}}\n{% highlight %}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := Parse("f.md", b)
		if err != nil {
			var se *source.Error
			if !errors.As(err, &se) || se.Pos.Line < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		for _, bl := range n.Blocks {
			if bl.Line < 1 || bl.EndLine < bl.Line-1 {
				t.Fatalf("block %+v has a bad line range", bl)
			}
		}
	})
}

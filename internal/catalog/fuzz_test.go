package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/talkgraph/talkgraph/internal/source"
)

// FuzzRead: a JSON Lines catalog file never makes Read panic; a record
// that cannot be read is a positioned error at the file, and the talks
// read have what every talk needs.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"id":"a","event":"pycon-us-2018","series":"PyCon US","year":2018,"title":"T","speakers":["A B"]}` + "\n"))
	f.Add([]byte("{\n"))
	f.Add([]byte(`{"title":"x","speakers":"A"}` + "\n" + `[]` + "\n"))
	dir := f.TempDir()
	path := filepath.Join(dir, "2018.jsonl")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		talks, err := Read(path, Filter{})
		var list *source.ErrorList
		if err != nil && !errors.As(err, &list) {
			return // the file as a whole (an I/O error)
		}
		if list != nil {
			for _, e := range list.Errs {
				if e.Pos.File != path || e.Pos.Line < 1 {
					t.Fatalf("error not at the file: %v", e)
				}
			}
		}
		for _, tk := range talks {
			if tk.ID == "" || tk.Title == "" {
				t.Fatalf("talk without id or title: %+v", tk)
			}
		}
	})
}

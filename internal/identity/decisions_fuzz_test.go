package identity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadDecisions: a decisions file never makes LoadDecisions panic, and
// every mistake is reported at the file.
func FuzzLoadDecisions(f *testing.F) {
	f.Add([]byte("same:\n  - [Nathaniel Smith, Nathaniel J. Smith]\ndifferent:\n  - [A B, A C]\n"))
	f.Add([]byte("same: [x]\n"))
	dir := f.TempDir()
	path := filepath.Join(dir, "people.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadDecisions(path); err != nil && !strings.Contains(err.Error(), path) {
			t.Fatalf("error without the file: %v", err)
		}
	})
}

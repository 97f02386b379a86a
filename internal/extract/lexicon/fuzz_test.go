package lexicon

import (
	"strings"
	"testing"
)

// FuzzParse: a lexicon file never makes Parse panic, and every error names
// the file (with the line, when the YAML has one).
func FuzzParse(f *testing.F) {
	f.Add([]byte("tools:\n  - name: Go\n    aliases: [golang]\n    category: language\n"))
	f.Add([]byte("concepts:\n  - name: type hints\n    ambiguous: true\n    context: [python]\n"))
	f.Add([]byte("tools: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse("f.yaml", data)
		if err != nil && !strings.HasPrefix(err.Error(), "f.yaml") {
			t.Fatalf("error without the file: %v", err)
		}
	})
}

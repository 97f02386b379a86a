package queries

import (
	"strings"
	"testing"
)

// FuzzParse: a query file never makes Parse panic, and every error names
// the file.
func FuzzParse(f *testing.F) {
	f.Add("// Talks of a year.\n// param year int 2018\nMATCH (t:Talk {year: $year}) RETURN t.title AS title\n")
	f.Add("// param\n")
	f.Fuzz(func(t *testing.T, src string) {
		_, err := Parse("p/q.cypher", src)
		if err != nil && !strings.Contains(err.Error(), "p/q.cypher") {
			t.Fatalf("error without the file: %v", err)
		}
	})
}

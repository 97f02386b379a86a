package parse

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// seeds are the shipped query packs and the queries of the TCK.
func seeds(t testing.TB) []string {
	var out []string
	packs, _ := filepath.Glob(filepath.Join("..", "..", "..", "queries", "*", "*.cypher"))
	for _, f := range packs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var body []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(l, "//") {
				body = append(body, l)
			}
		}
		out = append(out, strings.Join(body, "\n"))
	}
	tck, _ := filepath.Glob(filepath.Join("..", "..", "..", "..", "shared", "tck", "features", "*", "*", "*.feature"))
	doc := regexp.MustCompile(`(?s)executing query:\s*"""\n(.*?)"""`)
	for _, f := range tck {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range doc.FindAllStringSubmatch(string(b), -1) {
			if !strings.Contains(m[1], "<") { // outlines have placeholders
				out = append(out, m[1])
			}
		}
	}
	return out
}

// TestString_roundTrip: the AST prints Cypher that parses to the same
// AST, for every shipped query and every TCK query that parses.
func TestString_roundTrip(t *testing.T) {
	n := 0
	for _, src := range seeds(t) {
		q, err := Parse(src)
		if err != nil {
			continue
		}
		n++
		printed := q.String()
		q2, err := Parse(printed)
		if err != nil {
			t.Errorf("printed query does not parse: %v\nsource:  %s\nprinted: %s", err, src, printed)
			continue
		}
		if again := q2.String(); again != printed {
			t.Errorf("printing is not stable:\nfirst:  %s\nsecond: %s", printed, again)
		}
	}
	if n < 100 {
		t.Errorf("only %d seed queries parsed", n)
	}
}

// TestErrors_positioned: errors say where, with the source line and a
// caret.
func TestErrors_positioned(t *testing.T) {
	for _, tt := range []struct {
		src       string
		line, col int
		code      string
	}{
		{"MATCH (n\nRETURN n", 2, 1, "UnexpectedSyntax"},
		{"RETURN 'abc", 1, 8, "UnexpectedSyntax"},
		{"RETURN 9223372036854775808", 1, 8, "IntegerOverflow"},
		{"MATCH (a)-[r:T*1..2]->(b) RETRUN a", 1, 27, "UnexpectedSyntax"},
		{"RETURN 1 +", 1, 11, "UnexpectedSyntax"},
		{"MATCH (a) SET a.x = 1", 1, 11, "NotSupported"},
		{"RETURN '\\uZZZZ'", 1, 9, "InvalidUnicodeLiteral"},
	} {
		_, err := Parse(tt.src)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: got %v, want a *Error", tt.src, err)
			continue
		}
		if e.Line != tt.line || e.Col != tt.col || e.Code != tt.code || !strings.Contains(e.Snippet, "^") {
			t.Errorf("%q: got %s at %d:%d, want %s at %d:%d", tt.src, e.Code, e.Line, e.Col, tt.code, tt.line, tt.col)
		}
	}
}

// FuzzParse: no input makes the parser panic, and every error has a
// position inside the input.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %T is not a *Error: %v", err, err)
			}
			lines := strings.Count(src, "\n") + 1
			if e.Line < 1 || e.Line > lines || e.Col < 1 {
				t.Fatalf("error at %d:%d outside the input (%d lines): %v", e.Line, e.Col, lines, e)
			}
			return
		}
		if _, err := Parse(q.String()); err != nil {
			t.Fatalf("printed query does not parse: %v\n%s", err, q.String())
		}
	})
}

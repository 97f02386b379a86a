package source

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// YAMLCases are YAML mistakes and the 1-based line each is on, as a person
// reading the file would point at it. The front matter, lexicon and
// decisions tests check their files against the same table.
var YAMLCases = []struct {
	Doc  string
	Line int
	Msg  string
}{
	{"a: 1\nb: 2\nc: [1, 2\nd: 3\n", 3, "did not find expected ',' or ']'"},
	{"a: 1\nb: 2\n  c: 3\n", 3, "mapping values are not allowed in this context"},
	{"a: 1\nb:\n  - x\n - y\n", 4, "did not find expected key"},
	{"a: 1\nb: 2\nc: 3\n\td: 4\n", 4, "found a tab character that violates indentation"},
	{"title: x\ntags: [a, b]\nspeaker: @ada\n", 3, "found character that cannot start any token"},
}

func TestYAMLError(t *testing.T) {
	for _, c := range YAMLCases {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(c.Doc), &n)
		if err == nil {
			t.Fatalf("%q decodes", c.Doc)
		}
		for _, first := range []int{1, 2} {
			got := YAMLError("f.yaml", first, []byte(c.Doc), err)
			if got.Pos.Line != c.Line+first-1 || got.Msg != c.Msg {
				t.Errorf("%q from line %d: %v, want line %d: %s", c.Doc, first, got, c.Line+first-1, c.Msg)
			}
		}
	}
}

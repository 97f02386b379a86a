package queries

import (
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const good = `// name: q
// description: A query.
// param: talk string = "" example "Taking Django Async"   -- a title
// param: limit int = 10 example 5
// param: liked list = [] example ["a", "b"]
// returns: talk, year

MATCH (t:Talk) WHERE t.title STARTS WITH $talk
RETURN t.title AS talk, t.year AS year, $liked AS liked
LIMIT $limit
`

func TestParse(t *testing.T) {
	q, err := Parse("p/q.cypher", good)
	if err != nil {
		t.Fatal(err)
	}
	if q.Name != "q" || q.Description != "A query." || !slices.Equal(q.Returns, []string{"talk", "year"}) {
		t.Errorf("header = %+v", q)
	}
	if len(q.Params) != 3 || q.Params[0].Example != "Taking Django Async" || q.Params[1].Default != int64(10) ||
		q.Params[1].Example != int64(5) || q.Params[0].Comment != "a title" {
		t.Errorf("params = %+v", q.Params)
	}
	if !strings.HasPrefix(q.Cypher, "MATCH (t:Talk)") || !strings.HasSuffix(q.Cypher, "LIMIT $limit") {
		t.Errorf("cypher = %q", q.Cypher)
	}
	got := q.ParamValues(map[string]any{"limit": int64(2)}, true)
	if got["talk"] != "Taking Django Async" || got["limit"] != int64(2) {
		t.Errorf("ParamValues = %v", got)
	}
}

func TestParse_error(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no name", "// description: d\n// returns: a\nRETURN 1", "f.cypher:1: header has no // name: line"},
		{"bad key", "// name: q\n// descr: d\nRETURN 1", "f.cypher:2: unknown header key \"descr\""},
		{"bad param", "// name: q\n// description: d\n// param: x number = 1 example 2\n// returns: a\nRETURN 1", "f.cypher:3: param"},
		{"bad literal", "// name: q\n// description: d\n// param: x int = one example 2\n// returns: a\nRETURN 1", "f.cypher:3: param x default"},
		{"type mismatch", "// name: q\n// description: d\n// param: x int = \"a\" example 2\n// returns: a\nRETURN 1", "f.cypher:3:"},
		{"twice", "// name: q\n// description: d\n// param: x int = 1 example 2\n// param: x int = 1 example 2\n// returns: a\nRETURN 1", "f.cypher:4: parameter x declared twice"},
		{"no body", "// name: q\n// description: d\n// returns: a\n", "f.cypher:3: no Cypher statement"},
		{"not a header", "// name: q\n// this is prose\nRETURN 1", "f.cypher:2: header line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.cypher", tt.src)
			var qe *Error
			if !errors.As(err, &qe) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"b/q.cypher":     {Data: []byte(good)},
		"a/q.cypher":     {Data: []byte(good)},
		"a/wrong.cypher": {Data: []byte(good)},
	}
	_, err := Load(fsys, "mine")
	if err == nil || !strings.Contains(err.Error(), "mine/a/wrong.cypher:1: name \"q\" differs") {
		t.Errorf("Load error = %v", err)
	}
	delete(fsys, "a/wrong.cypher")
	packs, err := Load(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(packs) != 2 || packs[0].Name != "a" || packs[1].Name != "b" {
		t.Fatalf("packs = %+v", packs)
	}
	if q, ok := Find(packs, "b/q"); !ok || q.ID() != "b/q" {
		t.Errorf("Find(b/q) = %v, %v", q, ok)
	}
	if _, ok := Find(packs, "c/q"); ok {
		t.Errorf("Find(c/q) found something")
	}
}

var paramUse = regexp.MustCompile(`\$([a-z_][a-z0-9_]*)`)

// TestDefault checks every shipped query: the packs the issue asks for are
// there, each query declares exactly the parameters its Cypher uses, has
// an example for each, and writes nothing.
func TestDefault(t *testing.T) {
	packs, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range packs {
		names = append(names, p.Name)
	}
	for _, want := range []string{"across-years", "explore", "quality", "recommend", "themes"} {
		if !slices.Contains(names, want) {
			t.Errorf("no %s pack in %v", want, names)
		}
	}
	write := regexp.MustCompile(`(?i)\b(CREATE|MERGE|DELETE|SET|REMOVE|DETACH|LOAD\s+CSV|CALL\s+apoc|CALL\s+gds)\b`)
	for _, p := range packs {
		for _, q := range p.Queries {
			used := map[string]bool{}
			for _, m := range paramUse.FindAllStringSubmatch(q.Cypher, -1) {
				used[m[1]] = true
			}
			for _, par := range q.Params {
				if !used[par.Name] {
					t.Errorf("%s: parameter %s is declared but not used", q.File, par.Name)
				}
				delete(used, par.Name)
			}
			for u := range used {
				t.Errorf("%s: $%s is used but not declared", q.File, u)
			}
			if write.MatchString(q.Cypher) {
				t.Errorf("%s: not read-only: %q", q.File, write.FindString(q.Cypher))
			}
		}
	}
}

// A list parameter is given comma-separated or as a JSON array, as the
// examples show it; a malformed array is an error, not an empty list.
func TestConvert_list(t *testing.T) {
	for in, want := range map[string][]any{
		"a, b":                          {"a", "b"},
		`["Testing, Django", "talk:x"]`: {"Testing, Django", "talk:x"},
		` [1, 2.5, "x"] `:               {int64(1), 2.5, "x"},
		`[]`:                            {},
	} {
		got, err := Convert("list", in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Convert(list, %q) = %#v, %v; want %#v", in, got, err, want)
		}
	}
	for _, bad := range []string{`[1,2`, `["a"] x`, `[{"a":1}]`, `[["a"]]`} {
		if got, err := Convert("list", bad); err == nil {
			t.Errorf("Convert(list, %q) = %v, want an error", bad, got)
		}
	}
}

// A file that does not read fails alone: Load gives the others' packs and
// the failed files' errors.
func TestLoad_badFileAlone(t *testing.T) {
	fsys := fstest.MapFS{
		"p/good.cypher":  {Data: []byte(good)},
		"p/bad.cypher":   {Data: []byte("// name: bad\n")},
		"p/other.cypher": {Data: []byte(strings.Replace(good, "// name: q", "// name: other", 1))},
	}
	packs, err := Load(fsys, "mine")
	if err == nil || !strings.Contains(err.Error(), "mine/p/bad.cypher:1:") {
		t.Errorf("error %v, want bad.cypher's", err)
	}
	if len(packs) != 1 || len(packs[0].Queries) != 1 || packs[0].Queries[0].Name != "other" {
		t.Errorf("packs %+v, want p with the one good query named as its file", packs)
	}
}

package lexicon

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/fold"
	persons "github.com/talkgraph/talkgraph/internal/names"
)

func mustDefault(t *testing.T) *Lexicon {
	t.Helper()
	l, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return l
}

func TestDefaultCounts(t *testing.T) {
	l := mustDefault(t)
	counts := map[Kind]int{}
	for _, e := range l.Entries {
		counts[e.Kind]++
	}
	for _, tt := range []struct {
		kind Kind
		min  int
	}{
		{KindTool, 450},
		{KindConcept, 170},
		{KindOrganization, 120},
	} {
		if counts[tt.kind] < tt.min {
			t.Errorf("%d %s entries, want at least %d", counts[tt.kind], tt.kind, tt.min)
		}
	}
	if len(counts) != 3 {
		t.Errorf("kinds = %v, want exactly tool, concept, organization", counts)
	}
	t.Logf("tools %d, concepts %d, organizations %d", counts[KindTool], counts[KindConcept], counts[KindOrganization])
}

func TestDefaultSortedAndSourced(t *testing.T) {
	l := mustDefault(t)
	if !slices.IsSortedFunc(l.Entries, func(a, b Entry) int {
		if a.Kind != b.Kind {
			return strings.Compare(string(a.Kind), string(b.Kind))
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	}) {
		t.Error("entries are not sorted by kind then name")
	}
	for _, e := range l.Entries {
		if !strings.HasPrefix(e.Source, "data/") || !strings.HasSuffix(e.Source, ".yaml") || e.Line < 1 {
			t.Errorf("%q: source %q line %d, want data/*.yaml and a line", e.Name, e.Source, e.Line)
		}
	}
}

// TestNoCollisions checks that no folded name or alias belongs to two
// entries, whatever their kinds.
func TestNoCollisions(t *testing.T) {
	l := mustDefault(t)
	owner := map[string]Entry{}
	for _, e := range l.Entries {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			k := fold.Key(s)
			if k == "" {
				t.Errorf("%s:%d: %q folds to nothing", e.Source, e.Line, s)
				continue
			}
			if o, ok := owner[k]; ok && (o.Kind != e.Kind || o.Name != e.Name) {
				t.Errorf("%s:%d: %q of %s %q collides with %s %q (%s:%d)", e.Source, e.Line, s, e.Kind, e.Name, o.Kind, o.Name, o.Source, o.Line)
			}
			owner[k] = e
		}
	}
}

// TestEntryQuality checks the rules the shipped data follows beyond what
// Parse enforces.
func TestEntryQuality(t *testing.T) {
	l := mustDefault(t)
	for _, e := range l.Entries {
		where := fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Name)
		if e.Ambiguous && len(e.Context) == 0 {
			t.Errorf("%s: ambiguous entry without context words", where)
		}
		if !e.Ambiguous && len(e.Context) > 0 {
			t.Errorf("%s: context words on an entry that is not ambiguous", where)
		}
		switch e.Kind {
		case KindTool:
			if !slices.Contains(Categories(), e.Category) {
				t.Errorf("%s: tool category %q is not one of %v", where, e.Category, Categories())
			}
		default:
			if e.Category != "" {
				t.Errorf("%s: %s with a category", where, e.Kind)
			}
		}
		// An alias that folds like the name or like another alias adds
		// nothing: the matcher already folds.
		seen := map[string]bool{fold.Key(e.Name): true}
		for _, a := range e.Aliases {
			if seen[fold.Key(a)] {
				t.Errorf("%s: alias %q is redundant after folding", where, a)
			}
			seen[fold.Key(a)] = true
		}
		for _, c := range e.Context {
			if c != strings.ToLower(c) {
				t.Errorf("%s: context word %q is not lower case", where, c)
			}
		}
		// A name written with punctuation that folds to an everyday word
		// ("@media" → media) matches the word wherever it is written.
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if k := fold.Key(n); !e.Ambiguous && e.Kind != KindConcept && k != strings.ToLower(n) && persons.Common(k) {
				t.Errorf("%s: %q folds to the everyday word %q: drop it or mark the entry ambiguous", where, n, k)
			}
		}
		if len(fold.Key(e.Name)) <= 2 && !e.Ambiguous && e.Kind != KindOrganization && e.Kind != KindConcept {
			t.Logf("%s: short name not marked ambiguous", where)
		}
	}
}

// TestKnownAmbiguous pins the judgement calls the brief asks for.
func TestKnownAmbiguous(t *testing.T) {
	l := mustDefault(t)
	byName := map[string]Entry{}
	for _, e := range l.Entries {
		byName[fold.Key(e.Name)] = e
	}
	for _, name := range []string{
		"Go", "C", "R", "D", "BASIC", "Unity", "Atlas", "Rust", "Swift",
		"Apache Spark", "Hypothesis", "Click", "Requests", "Black",
		"Django Channels", "Apple", "Julia", "Scratch", "AWS Lambda",
	} {
		e, ok := byName[fold.Key(name)]
		switch {
		case !ok:
			t.Errorf("%q missing", name)
		case !e.Ambiguous:
			t.Errorf("%q should be ambiguous", name)
		}
	}
	for _, name := range []string{"Python", "Django", "Flask", "Kubernetes", "PostgreSQL", "Windows", "Mozilla"} {
		e, ok := byName[fold.Key(name)]
		switch {
		case !ok:
			t.Errorf("%q missing", name)
		case e.Ambiguous:
			t.Errorf("%q should not be ambiguous", name)
		}
	}
}

// TestAliasesResolve checks a few aliases the brief names.
func TestAliasesResolve(t *testing.T) {
	l := mustDefault(t)
	index := map[string]Entry{}
	for _, e := range l.Entries {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			index[fold.Key(s)] = e
		}
	}
	tests := []struct {
		alias string
		kind  Kind
		name  string
	}{
		{"Amazon Web Services", KindTool, "AWS"},
		{"ELB", KindTool, "Elastic Load Balancing"},
		{"Elastic Load Balancer", KindTool, "Elastic Load Balancing"},
		{"Mechanical Turk", KindTool, "Amazon Mechanical Turk"},
		{"MTurk", KindTool, "Amazon Mechanical Turk"},
		{"Netflix Atlas", KindTool, "Atlas"},
		{"wasm", KindTool, "WebAssembly"},
		{"Golang", KindTool, "Go"},
		{"TDD", KindConcept, "test-driven development"},
		{"CI", KindConcept, "continuous integration"},
		{"PSF", KindOrganization, "Python Software Foundation"},
		{"Mozilla Foundation", KindOrganization, "Mozilla"},
		{"Facebook", KindOrganization, "Meta"},
		{"C#", KindTool, "C#"},
		{"C++", KindTool, "C++"},
	}
	for _, tt := range tests {
		e, ok := index[fold.Key(tt.alias)]
		if !ok || e.Kind != tt.kind || e.Name != tt.name {
			t.Errorf("%q resolves to %s %q, want %s %q", tt.alias, e.Kind, e.Name, tt.kind, tt.name)
		}
	}
}

func TestDefaultReturnsCopies(t *testing.T) {
	a := mustDefault(t)
	a.Entries[0].Aliases = append(a.Entries[0].Aliases[:0:0], "changed")
	a.Add([]Entry{{Name: "Python", Kind: KindTool}})
	b := mustDefault(t)
	if slices.Contains(b.Entries[0].Aliases, "changed") {
		t.Error("changing one Default() result changed another")
	}
	for _, e := range b.Entries {
		if e.Name == "Python" && e.Homepage == "" {
			t.Error("Add on one Default() result changed another")
		}
	}
}

func TestParse(t *testing.T) {
	const src = `# comment
tools:
  - name: WebAssembly
    aliases: [wasm, Web Assembly]
    homepage: https://webassembly.org
    category: standard

  - name: Go
    ambiguous: true
    context: [language, goroutine]
concepts:
  - name: property-based testing
    aliases:
      - property testing
organizations:
  - name: Mozilla
`
	got, err := Parse("my.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Name: "WebAssembly", Kind: KindTool, Aliases: []string{"wasm", "Web Assembly"}, Homepage: "https://webassembly.org", Category: "standard", Source: "my.yaml", Line: 3},
		{Name: "Go", Kind: KindTool, Ambiguous: true, Context: []string{"language", "goroutine"}, Source: "my.yaml", Line: 8},
		{Name: "property-based testing", Kind: KindConcept, Aliases: []string{"property testing"}, Source: "my.yaml", Line: 12},
		{Name: "Mozilla", Kind: KindOrganization, Source: "my.yaml", Line: 16},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !entryEqual(got[i], want[i]) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "---\n", "tools:\nconcepts: []\n"} {
		got, err := Parse("empty.yaml", []byte(src))
		if err != nil || len(got) != 0 {
			t.Errorf("Parse(%q) = %v, %v; want no entries, no error", src, got, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"no name", "tools:\n  - aliases: [x]\n", "bad.yaml:2: tool entry has no name"},
		{"empty name", "tools:\n  - name: \"\"\n", `bad.yaml:2: empty name`},
		{"null name", "concepts:\n  - name:\n    aliases: [x]\n", "bad.yaml:2: empty name"},
		{"punctuation name", "tools:\n  - name: \"--\"\n", `bad.yaml:2: name "--" has no letters or digits`},
		{"typo alias key", "tools:\n  - name: X\n    alias: [y]\n", `bad.yaml:3: unknown key "alias" (did you mean "aliases"?)`},
		{"unknown key", "tools:\n  - name: X\n    website: https://x.org\n", `bad.yaml:3: unknown key "website"`},
		{"unknown section", "tool:\n  - name: X\n", `bad.yaml:1: unknown key "tool" (did you mean "tools"?)`},
		{"unknown category", "tools:\n  - name: X\n    category: languge\n", `bad.yaml:3: unknown category "languge" (did you mean "language"?)`},
		{"empty alias", "tools:\n  - name: X\n    aliases: [a, \"\"]\n", "bad.yaml:3: empty alias"},
		{"empty alias block", "tools:\n  - name: X\n    aliases:\n      - a\n      -\n", "bad.yaml:5: empty alias"},
		{"aliases not a list", "tools:\n  - name: X\n    aliases: y\n", "bad.yaml:3: alias list must be a list"},
		{"empty context", "tools:\n  - name: X\n    ambiguous: true\n    context: [\"  \"]\n", "bad.yaml:4: empty context word"},
		{"ambiguous not bool", "tools:\n  - name: X\n    ambiguous: yes\n", "bad.yaml:3: ambiguous must be true or false"},
		{"bad homepage", "tools:\n  - name: X\n    homepage: x.org\n", `bad.yaml:3: homepage "x.org" is not an http(s) URL`},
		{"duplicate key", "tools:\n  - name: X\n    name: Y\n", `bad.yaml:3: duplicate key "name" (first at line 2)`},
		{"duplicate section", "tools: []\nconcepts: []\ntools: []\n", `bad.yaml:3: duplicate key "tools" (first at line 1)`},
		{"top-level list", "- name: X\n", "bad.yaml:1: top level must be a mapping"},
		{"section not a list", "tools:\n  name: X\n", "bad.yaml:2: tools must be a list of entries"},
		{"entry not a mapping", "tools:\n  - X\n", "bad.yaml:2: tool entry must be a mapping"},
		{"name not a string", "tools:\n  - name: [X]\n", "bad.yaml:2: name must be a string"},
		{"duplicate entry", "tools:\n  - name: Node.js\n  - name: nodejs\n", `bad.yaml:3: "nodejs" (tool "nodejs") conflicts with tool "Node.js" at line 2`},
		{"alias conflict", "tools:\n  - name: Go\n    aliases: [golang]\nconcepts:\n  - name: Golang\n", `bad.yaml:5: "Golang" (concept "Golang") conflicts with tool "Go" at line 2`},
		{"syntax error", "tools:\n  - name: X\n    aliases: [a, b\n", "bad.yaml:3: did not find expected ',' or ']'"},
		{"bad indentation", "tools:\n  - name: X\n   category: language\n", "bad.yaml:3: "},
		{"two documents", "tools: []\n---\nconcepts: []\n", "bad.yaml:3: more than one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %q, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(path, []byte("tools:\n  - name: Frobnicator\n    category: product\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "Frobnicator" || got[0].Source != path || got[0].Line != 2 {
		t.Errorf("LoadFile = %+v", got)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("tools:\n  - nme: X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(bad); err == nil || !strings.HasPrefix(err.Error(), bad+":2: ") {
		t.Errorf("LoadFile(bad) error = %v, want %s:2: prefix", err, bad)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("LoadFile(missing) succeeded")
	}
}

func TestAdd(t *testing.T) {
	user, err := Parse("user.yaml", []byte(`tools:
  - name: atlas
    aliases: [MongoDB Atlas Search]
    category: product
  - name: Frobnicator
    category: product
concepts:
  - name: Spark
    aliases: [spark joy]
organizations:
  - name: The Example Company
    aliases: [wasm]
`))
	if err != nil {
		t.Fatal(err)
	}
	l := mustDefault(t)
	before := len(l.Entries)
	l.Add(user)

	find := func(name string) []Entry {
		var out []Entry
		for _, e := range l.Entries {
			if fold.Key(e.Name) == fold.Key(name) {
				out = append(out, e)
			}
		}
		return out
	}
	// Same folded name and kind: the user's entry replaces the shipped one.
	if got := find("Atlas"); len(got) != 1 || got[0].Name != "atlas" || got[0].Source != "user.yaml" || got[0].Ambiguous {
		t.Errorf("Atlas after Add = %+v, want the user's entry only", got)
	}
	// New entries are added.
	if got := find("Frobnicator"); len(got) != 1 || got[0].Kind != KindTool {
		t.Errorf("Frobnicator after Add = %+v", got)
	}
	// A user name equal to a shipped alias of another kind: the shipped
	// entry keeps its name but loses the alias.
	if got := find("Spark"); len(got) != 1 || got[0].Kind != KindConcept {
		t.Errorf("Spark after Add = %+v, want the user's concept", got)
	}
	if got := find("Apache Spark"); len(got) != 1 || slices.Contains(got[0].Aliases, "Spark") {
		t.Errorf("Apache Spark after Add = %+v, want it without the alias Spark", got)
	}
	// A user alias equal to a shipped alias: the user wins that alias.
	if got := find("WebAssembly"); len(got) != 1 || slices.Contains(got[0].Aliases, "wasm") {
		t.Errorf("WebAssembly after Add = %+v, want it without the alias wasm", got)
	}
	if want := before + 3; len(l.Entries) != want {
		t.Errorf("%d entries after Add, want %d", len(l.Entries), want)
	}

	// Invariants still hold.
	owner := map[string]string{}
	for _, e := range l.Entries {
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			if o, ok := owner[fold.Key(s)]; ok && o != string(e.Kind)+"/"+e.Name {
				t.Errorf("after Add, %q belongs to %s and %s/%s", s, o, e.Kind, e.Name)
			}
			owner[fold.Key(s)] = string(e.Kind) + "/" + e.Name
		}
	}
	if !slices.IsSortedFunc(l.Entries, func(a, b Entry) int {
		if a.Kind != b.Kind {
			return strings.Compare(string(a.Kind), string(b.Kind))
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	}) {
		t.Error("entries not sorted after Add")
	}
}

func TestAddReplacesAcrossKinds(t *testing.T) {
	l := &Lexicon{}
	l.Add([]Entry{
		{Name: "Rust", Kind: KindTool, Ambiguous: true, Context: []string{"cargo"}},
		{Name: "Go", Kind: KindTool, Aliases: []string{"golang"}},
	})
	// A later entry whose alias is an earlier entry's name replaces it, even
	// across kinds.
	l.Add([]Entry{{Name: "Oxidation", Kind: KindConcept, Aliases: []string{"rust"}}})
	var names []string
	for _, e := range l.Entries {
		names = append(names, string(e.Kind)+"/"+e.Name)
	}
	if want := []string{"concept/Oxidation", "tool/Go"}; !slices.Equal(names, want) {
		t.Errorf("entries = %v, want %v", names, want)
	}
}

func entryEqual(a, b Entry) bool {
	return a.Name == b.Name && a.Kind == b.Kind && slices.Equal(a.Aliases, b.Aliases) &&
		a.Homepage == b.Homepage && a.Category == b.Category && a.Ambiguous == b.Ambiguous &&
		slices.Equal(a.Context, b.Context) && a.Source == b.Source && a.Line == b.Line
}

// TestParse_yamlLines: a YAML mistake is reported at its line.
func TestParse_yamlLines(t *testing.T) {
	for _, c := range []struct {
		doc  string
		line int
	}{
		{"tools:\n  - name: Go\n  - name: Rust\n    aliases: [rs, rust-lang\n  - name: Zig\n", 4},
		{"tools:\n  - name: Go\n - name: Rust\n", 3},
		{"tools:\n  - name: Go\n  - name: @rust\n", 3},
	} {
		_, err := Parse("mine.yaml", []byte(c.doc))
		var le *Error
		if !errors.As(err, &le) || le.Pos.Line != c.line {
			t.Errorf("%q: %v, want line %d", c.doc, err, c.line)
		}
	}
}

package identity

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadDecisions(t *testing.T) {
	path := writeFile(t, "decisions.yaml", `# who is who
same:
  - [Bob Smith, Robert Smith]
  - ["Mariatta", Mariatta Wijaya]
different:
  - [Nathaniel J. Smith, Nathaniel K Smith]
`)
	d, err := LoadDecisions(path)
	if err != nil {
		t.Fatal(err)
	}
	wantSame := [][2]string{{"Bob Smith", "Robert Smith"}, {"Mariatta", "Mariatta Wijaya"}}
	wantDiff := [][2]string{{"Nathaniel J. Smith", "Nathaniel K Smith"}}
	if !reflect.DeepEqual(d.Same, wantSame) || !reflect.DeepEqual(d.Different, wantDiff) {
		t.Errorf("got same %q, different %q; want %q, %q", d.Same, d.Different, wantSame, wantDiff)
	}
	if got, want := d.source(d.diffLines, 0), path+":6"; got != want {
		t.Errorf("source of the different pair = %q, want %q", got, want)
	}
}

func TestLoadDecisions_empty(t *testing.T) {
	for _, text := range []string{"", "# nothing yet\n", "same:\ndifferent:\n"} {
		d, err := LoadDecisions(writeFile(t, "d.yaml", text))
		if err != nil || len(d.Same)+len(d.Different) != 0 {
			t.Errorf("LoadDecisions(%q) = %+v, %v; want no decisions and no error", text, d, err)
		}
	}
}

func TestLoadDecisions_error(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a flat list is not pairs", "same: [A, B]\n", ":1: same: want a pair of names like [A, B]"},
		{"a pair needs two names", "same:\n  - [A]\n", ":2: same: want a pair of names like [A, B]"},
		{"three names are not a pair", "same:\n  - [A, B]\n  - [A, B, C]\n", ":3: same: want a pair of names like [A, B]"},
		{"an empty name", "different:\n  - [A, B]\n  - [C, \"\"]\n", ":3: different: want a name"},
		{"a list is not a name", "same:\n  - [[A], B]\n", ":2: same: want a name"},
		{"an unknown key", "same:\n  - [A, B]\nalias:\n  - [C, D]\n", `:3: unknown key "alias" (want same or different)`},
		{"the top is a mapping", "- [A, B]\n", ":1: want a mapping with keys same and different"},
		{"a list of pairs", "different: 3\n", ":1: different: want a list of name pairs"},
		{"one spelling cannot differ from itself", "different:\n  - [Bob Smith, \"bob  smith\"]\n",
			`:2: different: "Bob Smith" and "bob  smith" are one spelling; a decision cannot tell them apart`},
		{"an unclosed list", "same:\n  - [A, B\n", ":2: did not find expected ',' or ']'"},
		{"a bad indent", "same:\n  - [A, B]\n - [C, D]\n", ":3: did not find expected key"},
		{"a scanner error", "same:\n  - [A, B]\n\t- [C, D]\n", ":3: found character that cannot start any token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "decisions.yaml", tt.in)
			_, err := LoadDecisions(path)
			if err == nil || err.Error() != path+tt.want {
				t.Fatalf("LoadDecisions(%q) error = %v, want %q", tt.in, err, path+tt.want)
			}
			var de *DecisionError
			if !errors.As(err, &de) {
				t.Errorf("error %T is not a *DecisionError", err)
			}
		})
	}
}

func TestLoadDecisions_missing(t *testing.T) {
	_, err := LoadDecisions(filepath.Join(t.TempDir(), "none.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error = %v, want one wrapping fs.ErrNotExist", err)
	}
}

// TestLoadDecisions_yamlLines: a YAML mistake is reported at its line.
func TestLoadDecisions_yamlLines(t *testing.T) {
	for _, c := range []struct {
		doc  string
		line int
	}{
		{"same:\n  - [A B, A C]\n  - [D E, D F\ndifferent: []\n", 3},
		{"same:\n  - [A B, A C]\n - [D E, D F]\n", 3},
		{"same:\n  - [A B, A C]\ndifferent: @x\n", 3},
	} {
		path := filepath.Join(t.TempDir(), "people.yaml")
		if err := os.WriteFile(path, []byte(c.doc), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadDecisions(path)
		var de *DecisionError
		if !errors.As(err, &de) || de.Pos.Line != c.line {
			t.Errorf("%q: %v, want line %d", c.doc, err, c.line)
		}
	}
}

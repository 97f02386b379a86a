package layout

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/notes"
)

// known is a small lexicon for tests.
func known(s string) string {
	switch strings.ToLower(s) {
	case "python", "django", "rust", "go", "kotlin", "spring", "activeadmin", "pypi":
		return "tool"
	case "google", "mozilla", "ibm", "acme", "red hat":
		return "organization"
	}
	return ""
}

// readNote reads src as a note with the test lexicon.
func readNote(t *testing.T, path, src string) []Section {
	t.Helper()
	n, err := notes.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Read(n, Config{Known: known})
}

// brief renders a section as "line kind title [speakers] layout" or
// "line -heading" for sections that are no talk.
func brief(s Section) string {
	if !s.IsTalk {
		return strconv.Itoa(s.Line) + " -" + s.Heading
	}
	var sp []string
	for _, p := range s.Speakers {
		x := p.Name
		if p.Handle != "" {
			x += " " + p.Handle
		}
		if p.Affiliation != "" {
			x += " (" + p.Affiliation + ")"
		}
		sp = append(sp, x)
	}
	return strconv.Itoa(s.Line) + " " + s.Kind + " " + s.Title + " [" + strings.Join(sp, ", ") + "] " + s.Layout
}

type readCase struct {
	name, src string
	want      []string
}

func checkReads(t *testing.T, tests []readCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range readNote(t, "n.md", tt.src) {
				got = append(got, brief(s))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("sections of\n%s\ngot\n  %s\nwant\n  %s", tt.src, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestAffiliation(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mozilla", "Mozilla"},
		{"CPython Core Developer", ""},
		{"maintainer at Tidelift", "Tidelift"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := affiliation(tt.in); got != tt.want {
			t.Errorf("affiliation(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOrgs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"PyLadiesSG & WomenDevsSG", []string{"PyLadiesSG", "WomenDevsSG"}},
		{"ReadTheDocs and WriteTheDocs", []string{"ReadTheDocs", "WriteTheDocs"}},
		{"Node.js Foundation + JS Foundation", []string{"Node.js Foundation", "JS Foundation"}},
		{"Best Practical Solutions, Inc.", []string{"Best Practical Solutions, Inc."}},
		{"Research and development", []string{"Research and development"}},
		{"Mint Digital", []string{"Mint Digital"}},
	}
	for _, tt := range tests {
		if got := Orgs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Orgs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

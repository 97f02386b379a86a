package identity

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/names"
)

// seedNote is the project's seed note, read in place (someone else's text;
// never copied into the repository).
var seedNote = filepath.Join("..", "..", "..", "shared", "notes", "pycon-2018-first-day.md")

// seedHeading reads a note heading "Title (Speaker @handle site.com) @handle"
// into its title and speakers; an affiliation after " - " is dropped.
func seedHeading(h string) (title string, speakers []string) {
	f := strings.Fields(h)
	for len(f) > 0 && strings.HasPrefix(f[len(f)-1], "@") {
		f = f[:len(f)-1]
	}
	h = strings.Join(f, " ")
	open := strings.LastIndex(h, "(")
	if !strings.HasSuffix(h, ")") || open < 0 {
		return h, nil
	}
	for _, part := range names.Split(h[open+1 : len(h)-1]) {
		var words []string
		for _, w := range strings.Fields(part) {
			if !strings.HasPrefix(w, "@") && !strings.Contains(w, ".") {
				words = append(words, w)
			}
		}
		name, _, _ := strings.Cut(strings.Join(words, " "), " - ")
		if name = strings.TrimSpace(name); name != "" {
			speakers = append(speakers, name)
		}
	}
	return strings.TrimSpace(h[:open]), speakers
}

func TestSeedHeading(t *testing.T) {
	tests := []struct {
		in, title string
		speakers  []string
	}{
		{"Taking Django Async (Andrew Godwin)", "Taking Django Async", []string{"Andrew Godwin"}},
		{"Keynote (Dan Callahan - PyPI) @callahad", "Keynote", []string{"Dan Callahan"}},
		{"Art (Stacy Morse @geekgirlberta codecrit.com)", "Art", []string{"Stacy Morse"}},
		{"Beyond ( Julie Lavoie )", "Beyond", []string{"Julie Lavoie"}},
		{"Reactive Programming with RxPy", "Reactive Programming with RxPy", nil},
	}
	for _, tt := range tests {
		title, speakers := seedHeading(tt.in)
		if title != tt.title || strings.Join(speakers, "|") != strings.Join(tt.speakers, "|") {
			t.Errorf("seedHeading(%q) = %q, %q; want %q, %q", tt.in, title, speakers, tt.title, tt.speakers)
		}
	}
}

// seedLink is one row of testdata/seed-links.md.
type seedLink struct {
	line   int
	title  string
	id     string // "" when no catalog talk was found by hand
	expect string // sure, unsure or none
}

// readSeedLinks reads the table rows of testdata/seed-links.md:
// | line | note title | catalog id | catalog title | linker |.
func readSeedLinks(t *testing.T) []seedLink {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "seed-links.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []seedLink
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(strings.Trim(sc.Text(), "| "), " | ")
		n, err := strconv.Atoi(strings.TrimSpace(cells[0]))
		if len(cells) != 5 || err != nil {
			continue
		}
		id := strings.Trim(cells[2], "` ")
		if id == "—" {
			id = ""
		}
		out = append(out, seedLink{n, cells[1], id, strings.Fields(cells[4])[0]})
	}
	return out
}

// TestLinker_seed checks the links found by hand in testdata/seed-links.md:
// the Linker links each heading of the seed note to the catalog talk listed,
// surely or not as listed.
func TestLinker_seed(t *testing.T) {
	needShared(t, seedNote)
	needShared(t, corpusDir)
	want := map[int]seedLink{}
	for _, s := range readSeedLinks(t) {
		want[s.line] = s
	}
	l := NewLinker(catalog(readCorpus(t, filepath.Join("pycon-us", "2018.jsonl"))), nil)
	f, err := os.Open(seedNote)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	headings, sure := 0, 0
	for n := 1; sc.Scan(); n++ {
		h, ok := strings.CutPrefix(sc.Text(), "#### ")
		if !ok {
			continue
		}
		headings++
		w, listed := want[n]
		if !listed {
			t.Errorf("line %d: heading %q is not in testdata/seed-links.md", n, h)
			continue
		}
		title, speakers := seedHeading(h)
		link, found := l.Match("PyCon US 2018", title, speakers)
		if link.Sure {
			sure++
		}
		switch {
		case w.expect == "none" && (found && link.Sure):
			t.Errorf("line %d: Match(%q, %q) = %+v; want no sure link", n, title, speakers, link)
		case w.expect != "none" && (!found || link.ID != w.id || link.Sure != (w.expect == "sure")):
			t.Errorf("line %d: Match(%q, %q) = %+v, %v; want %s, %s", n, title, speakers, link, found, w.id, w.expect)
		}
	}
	if headings != len(want) {
		t.Errorf("the note has %d headings, testdata/seed-links.md lists %d", headings, len(want))
	}
	t.Logf("seed note: %d headings, %d linked surely", headings, sure)
}

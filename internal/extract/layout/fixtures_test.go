package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// TestRead_fixtures reads the fixture note of every recogniser (written,
// with its gold, by an annotator who had not read this code) and checks
// that each talk of the gold is found at its line by that recogniser, with
// its title and speakers.
func TestRead_fixtures(t *testing.T) {
	layouts := map[string][]string{
		"bullets-speaker-first.md":   {"list"},
		"bullets-title-first.md":     {"list"},
		"title-paren-speaker.md":     {"list"},
		"speaker-colon-title.md":     {"list", "plain"},
		"plaintext-title-byline.txt": {"plain"},
		"plaintext-one-talk.txt":     {"plain", "single"},
		"schedule-times.md":          {"schedule"},
		"bold-prose.md":              {"prose"},
		"heading-speaker-line.md":    {"heading"},
		"heading-speaker-first.md":   {"heading"},
		"table-speaker-first.md":     {"table"},
		"rst-titles.md":              {"heading"},
	}
	// What the layout cannot tell, and the fixture's gold does:
	misses := map[string]bool{
		// "_Chen Jing, Jane Street_": a company that reads as a person's name
		"heading-speaker-line.md:39": true,
	}
	dir := filepath.Join("..", "testdata", "layouts")
	for file, want := range layouts {
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			gold := readGold(t, filepath.Join(dir, strings.TrimSuffix(file, filepath.Ext(file))+".gold.yaml"))
			n, err := notes.Parse(file, src)
			if err != nil {
				t.Fatal(err)
			}
			byLine := map[int][]Section{}
			for _, s := range Read(n, Config{Known: known}) {
				if s.IsTalk {
					byLine[s.Line] = append(byLine[s.Line], s)
				}
			}
			seen := map[int]int{}
			for _, g := range gold.Sections {
				if !g.IsTalk {
					continue
				}
				k := seen[g.Line]
				seen[g.Line]++
				if k >= len(byLine[g.Line]) {
					t.Errorf("line %d: no talk, want %q", g.Line, g.Heading)
					continue
				}
				s := byLine[g.Line][k]
				if !contains(want, s.Layout) {
					t.Errorf("line %d: read by %s, want %v", g.Line, s.Layout, want)
				}
				if g.Title != "" && fold.Key(g.Title) != fold.Key(s.Title) {
					t.Errorf("line %d: title %q, want %q", g.Line, s.Title, g.Title)
				}
				var names []string
				for _, sp := range g.Speakers {
					if sp.Name != "" {
						names = append(names, fold.Key(sp.Name))
					}
				}
				var got []string
				for _, sp := range s.Speakers {
					if sp.Name != "" {
						got = append(got, fold.Key(sp.Name))
					}
				}
				if strings.Join(got, ",") != strings.Join(names, ",") && !misses[file+":"+itoa(g.Line)] {
					t.Errorf("line %d: speakers %q, want %q", g.Line, got, names)
				}
			}
		})
	}
}

type goldNote struct {
	Sections []struct {
		Heading  string `yaml:"heading"`
		Line     int    `yaml:"line"`
		IsTalk   bool   `yaml:"is_talk"`
		Title    string `yaml:"title"`
		Speakers []struct {
			Name string `yaml:"name"`
		} `yaml:"speakers"`
	} `yaml:"sections"`
}

func readGold(t *testing.T, path string) goldNote {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldNote
	if err := yaml.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

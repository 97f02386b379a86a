package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/extract"
)

func TestSameName(t *testing.T) {
	al := map[string][]string{"PostgreSQL": {"Postgres"}}
	tests := []struct {
		g, p string
		want bool
	}{
		{"scikit-learn", "Scikit Learn", true},    // case, spaces and punctuation
		{"Łukasz Langa", "Lukasz Langa", true},    // accents
		{"C", "C++", false},                       // + and # keep names apart
		{"C#", "C++", false},                      //
		{"Postgres", "PostgreSQL", true},          // a gold alias
		{"Kubernetes", "Kubernets", true},         // one edit in six letters or more
		{"Flask", "Flak", false},                  // not in five
		{"Andrew Godwin", "Andrew Goodwin", true}, //
		{"Jane Doe", "", false},                   // nothing is never a name
		{"WebAssembly", "Web Assembly Runtime", false},
	}
	for _, tt := range tests {
		if got := SameName(tt.g, tt.p, al); got != tt.want {
			t.Errorf("SameName(%q, %q) = %v, want %v", tt.g, tt.p, got, tt.want)
		}
	}
}

func TestSameConcept(t *testing.T) {
	tests := []struct {
		g, p string
		want bool
	}{
		{"unit testing", "Unit Tests", true}, // -ing and plural dropped
		{"type hints", "type hint", true},    //
		{"property-based testing", "property based tests", true},
		{"async views", "async", true}, // half the stems of the longer
		{"continuous integration", "integration testing", true},
		{"event loop", "event sourcing", true}, // one of two words: half
		{"machine learning", "deep learning models", false},
		{"security", "performance", false},
	}
	for _, tt := range tests {
		if got := sameConcept(tt.g, tt.p, nil); got != tt.want {
			t.Errorf("sameConcept(%q, %q) = %v, want %v", tt.g, tt.p, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	// one to one, greedily in gold order; a name predicted twice counts once
	tl, missing, extra := match([]string{"Django", "pytest", "Celery"}, []string{"Django", "Django", "Redis", " "}, sameName, nil)
	if tl != (Tally{TP: 1, Gold: 3, Pred: 2}) {
		t.Errorf("tally %+v, want 1 of 3 gold, 2 predicted", tl)
	}
	if strings.Join(missing, ",") != "pytest,Celery" || strings.Join(extra, ",") != "Redis" {
		t.Errorf("missing %q extra %q", missing, extra)
	}
}

func TestNote(t *testing.T) {
	handle := "@ada"
	g := &Gold{Name: "day1", Sections: []GoldSection{
		{Line: 3, IsTalk: true, Kind: "talk", Title: "Scaling Python", Speakers: []GoldSpeaker{{Name: "Ada Byron", Handle: "@ada"}}, Tools: []string{"Python", "Celery"}},
		// two talks told on one line: paired in order
		{Line: 9, IsTalk: true, Kind: "talk", Title: "First"},
		{Line: 9, IsTalk: true, Kind: "talk", Title: "Second"},
		{Line: 12, IsTalk: false},
	}}
	pred := []extract.Section{
		{Line: 3, IsTalk: true, Kind: "talk", Title: "Scaling python", Speakers: []extract.SpeakerRef{{Name: "Ada Byron", Handle: &handle}}, Tools: []string{"Python", "Redis"}},
		{Line: 9, IsTalk: true, Kind: "talk", Title: "First"},
		{Line: 9, IsTalk: true, Kind: "keynote", Title: "Second"},
		{Line: 12, IsTalk: true, Title: "Lunch"}, // a talk where the gold has none
		{Line: 20, IsTalk: true, Title: "Extra"}, // a talk on a line the gold does not have
	}
	s := Note(g, pred)
	want := map[string]Tally{
		"is_talk":  {TP: 3, Gold: 3, Pred: 5},
		"title":    {TP: 3, Gold: 3, Pred: 3},
		"kind":     {TP: 2, Gold: 3, Pred: 3},
		"speakers": {TP: 1, Gold: 1, Pred: 1},
		"handles":  {TP: 1, Gold: 1, Pred: 1},
		"tools":    {TP: 1, Gold: 2, Pred: 2},
	}
	for part, w := range want {
		if got := *s.Parts[part]; got != w {
			t.Errorf("%s = %+v, want %+v", part, got, w)
		}
	}
	var lines []int
	for _, m := range s.Misses {
		if m.Part == "is_talk" {
			lines = append(lines, m.Line)
		}
	}
	if len(lines) != 2 || lines[0] != 12 || lines[1] != 20 {
		t.Errorf("is_talk misses at lines %v, want the extra talks at 12 and 20", lines)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.gold.yaml", "sections:\n  - heading: A\n    line: 1\n    is_talk: true\n")
	write("a.md", "# A\n")
	write("b.gold.yaml", "sections:\n  - heading: B\n    line: 1\n")
	write("c.gold.yaml", "sections:\n  - heading: C\n    line: [1\n")
	write("d.gold.yaml", "title: no sections here\n")
	write("notes.md", "not a gold file\n")
	golds, err := Load(dir)
	if len(golds) != 2 || golds[0].Note != filepath.Join(dir, "a.md") || golds[1].Note != "" {
		t.Fatalf("Load = %v; want a (with its note) and b (without)", golds)
	}
	if golds[0].Name != "a" {
		t.Errorf("name %q, want a", golds[0].Name)
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	// (the exact line of a YAML syntax error is pinned with the one helper
	// that maps parser positions, shared with front matter and the lexicon)
	for _, want := range []string{filepath.Join(dir, "c.gold.yaml") + ":", "did not find expected", filepath.Join(dir, "d.gold.yaml") + ":1:1: no sections"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("Load of a missing path gave no error")
	}
}

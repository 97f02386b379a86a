package extract_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/extract"
	"github.com/talkgraph/talkgraph/internal/notes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	cfg, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(cfg)
}

func extractString(t *testing.T, x *extract.Extractor, path, src string) *extract.Result {
	t.Helper()
	n, err := notes.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return x.Extract(n)
}

// brief renders a section as "line kind title [speakers]" or
// "line -heading" for sections that are no talk.
func brief(s extract.Section) string {
	if !s.IsTalk {
		return itoa(s.Line) + " -" + s.Heading
	}
	var sp []string
	for _, p := range s.Speakers {
		sp = append(sp, p.Name)
	}
	return itoa(s.Line) + " " + s.Kind + " " + s.Title + " [" + strings.Join(sp, ", ") + "]"
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestExtract_sections(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"heading per talk under a day heading",
			"# PyCon 2019 notes\n\n## Day 1\n\n### Taking Django Async (Andrew Godwin)\n\ntext\n\n#### Details\n\nmore\n\n### Lunch\n\nfood\n\n### Keynote #2 (Ying Li)\n",
			[]string{"1 -PyCon 2019 notes", "3 -Day 1", "5 talk Taking Django Async [Andrew Godwin]", "13 -Lunch", "17 keynote Keynote #2 [Ying Li]"}},
		{"speaker on its own line",
			"## Scaling Postgres\n\nby Jane Doe & John Roe\n\nnotes\n\n## Rust for Pythonistas\n\n_Ana Ruiz_\n\nmore\n",
			[]string{"1 talk Scaling Postgres [Jane Doe, John Roe]", "7 talk Rust for Pythonistas [Ana Ruiz]"}},
		{"prose talks share a line",
			"# Denver\n\n## Tuesday\n\nI saw **The Scheduler Saga** by Kavya Joshi, then *Profiling in Anger* by [Ana Ruiz](https://e.com).\n",
			[]string{"1 -Denver", "3 -Tuesday", "5 talk The Scheduler Saga [Kavya Joshi]", "5 talk Profiling in Anger [Ana Ruiz]"}},
		{"schedule lines with a presenter line",
			"10:00-10:30 Opening & welcome\n\n10:30-11:00 Your div is not a button\npresented by Amara Diallo\n\n12:30 Lunch\n",
			[]string{"1 -Opening & welcome", "3 talk Your div is not a button [Amara Diallo]", "6 -Lunch"}},
		{"bullets that begin with a talk",
			"## Lightning talks\n\n- **Please write changelogs** (Kim Berg): newest first\n- Datasette in five minutes - Lena Park: SQLite as an API\n",
			[]string{"1 -Lightning talks", "3 lightning Please write changelogs [Kim Berg]", "4 lightning Datasette in five minutes [Lena Park]"}},
		{"one note per talk from front matter",
			"---\ntitle: What I learned writing operators\nspeaker: Noor Haddad\n---\n\n## Reconcile loops\n\ntext\n",
			[]string{"2 talk What I learned writing operators [Noor Haddad]"}},
		{"code blocks are not prose",
			"## Testing with pytest (Hannah Liu)\n\n```python\n# by Someone Else\nimport django\n```\n",
			[]string{"1 talk Testing with pytest [Hannah Liu]"}},
		{"a titled note with no speaker is one talk",
			"# Packaging Python in 2019\n\nWheels everywhere, and pip.\n",
			[]string{"1 talk Packaging Python in 2019 []"}},
		{"an empty welcome is no talk",
			"## Welcome\n\n## Async Rust (Tom Berg)\n\ntext\n",
			[]string{"1 -Welcome", "3 talk Async Rust [Tom Berg]"}},
	}
	x := newExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractString(t, x, "n.md", tt.src)
			var got []string
			for _, s := range res.Sections {
				got = append(got, brief(s))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("sections of %q:\ngot  %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestExtract_codeIsNotMined(t *testing.T) {
	res := extractString(t, newExtractor(t), "n.md", "## Testing (Hannah Liu)\n\n```python\nimport django\n# by Guido van Rossum\n```\n\nWe used Flask.\n")
	s := res.Sections[0]
	if strings.Join(s.Tools, ",") != "Flask" || len(s.People) != 0 {
		t.Errorf("tools %v people %v, want [Flask] and no people", s.Tools, s.People)
	}
}

func TestExtract_ambiguousNamesNeedContext(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		src, want string
	}{
		{"## Service Rewrite (Jane Doe)\n\nGo ahead and try it.\n", ""},
		{"## Service Rewrite (Jane Doe)\n\nWe rewrote the service in Go, goroutines everywhere.\n", "Go"},
		{"## Service Rewrite (Jane Doe)\n\nThe unity of the team matters.\n", ""},
		{"## Service Rewrite (Jane Doe)\n\nThe Webassembly runtime and Androind apps.\n", "WebAssembly,Android"},
		{"## Service Rewrite (Jane Doe)\n\nGoogle pays for it.\n", ""},
		// a middle name or surname is no ambiguous tool, a surname no typo
		// of a name, everyday words no name written as one word
		{"## Service Rewrite (Jane Doe)\n\nThe design by Ian Lance Taylor, a vector data format.\n", ""},
		{"## Service Rewrite (Jane Doe)\n\nShow the data table behind each chart.\n", ""},
		// an everyday word is no tool for its capital, or for a context
		// word most talks use; a plural of a name is no everyday word
		{"## Python Outreach (Jane Doe)\n\nSwimming lessons for Black and Latino children.\n\nThen a Python meetup.\n", "Python"},
		{"## Service Rewrite (Jane Doe)\n\nWe draw on a Canvas.\n", ""},
		// a misspelt name keeps its first letter
		{"## Service Rewrite (Jane Doe)\n\nJitter the retries.\n", ""},
		// an everyday word written in lower case is not confirmed by the
		// other languages named beside it
		{"## Service Rewrite (Jane Doe)\n\nPorted from Java and Haskell to Rust, with a new priority scheme.\n", "Java,Haskell,Rust"},
	}
	for _, tt := range tests {
		s := extractString(t, x, "n.md", tt.src).Sections[0]
		if got := strings.Join(s.Tools, ","); got != tt.want {
			t.Errorf("tools of %q = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestExtract_surnameIsNoTypo(t *testing.T) {
	s := extractString(t, newExtractor(t), "n.md", "## Dataframes (Jane Doe)\n\nWes McKinney wrote pandas; McKinsey pays for it.\n").Sections[0]
	if got := strings.Join(s.Organizations, ","); got != "McKinsey & Company" {
		t.Errorf("organizations = %q, want only McKinsey & Company, named once", got)
	}
}

// TestExtract_affiliations: an affiliation is an organization, unless it is
// written exactly as a tool's name; a link deep in a project's docs does
// not name a tool after its page.
func TestExtract_affiliations(t *testing.T) {
	x := newExtractor(t)
	src := "# Velocity 2031\n\n## Threat Modelling\n\nLaura Bell - SafeStack\n\n## Keynote (Dan Callahan - PyPI)\n\nSee [Nomogram](https://orange3.readthedocs.io/en/latest/widgets/nomogram.html).\n"
	res := extractString(t, x, "n.md", src)
	var got []string
	for _, s := range res.Sections {
		if s.IsTalk {
			got = append(got, fmt.Sprintf("tools %v orgs %v", s.Tools, s.Organizations))
		}
	}
	want := []string{"tools [] orgs [SafeStack]", "tools [PyPI] orgs []"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestExtract_orgNames: a run of capitalised words that ends in an
// organization word is one organization, over the names inside it; a topic
// is none.
func TestExtract_orgNames(t *testing.T) {
	x := newExtractor(t)
	tests := []struct{ body, want string }{
		{"She runs Silver Stripe Software in Chennai.", "Silver Stripe Software"},
		{"He founded the Python Singapore User Group ten years ago.", "Singapore Python User Group"},
		{"We build Machine Learning Systems at scale.", ""},
		{"Their hotel Management Software was old.", ""},
		{"Funded by the Marine Conservation Society.", "Marine Conservation Society"},
	}
	for _, tt := range tests {
		s := extractString(t, x, "n.md", "## Sharing Code (Jane Doe)\n\n"+tt.body+"\n").Sections[0]
		if got := strings.Join(s.Organizations, ","); got != tt.want {
			t.Errorf("organizations of %q = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestExtract_graph(t *testing.T) {
	src := "---\ntitle: PyCon 2018 day one\n---\n## Taking Django Async (Andrew Godwin - Django)\n\nDjango on asyncio.\nMore Django.\n\n## Keynote\n\n## Keynote\n"
	res := extractString(t, newExtractor(t), "notes/day1.md", src)
	g := res.Graph
	talk, ok := g.Node("talk:pycon-us-2018:taking-django-async")
	if !ok {
		t.Fatalf("no talk node; nodes: %v", ids(g))
	}
	if talk.Props["title"] != "Taking Django Async" || talk.Props["year"] != int64(2018) {
		t.Errorf("talk props = %v", talk.Props)
	}
	for _, k := range []graph.RelKey{
		{Type: graph.Presented, From: "speaker:andrew-godwin", To: talk.ID},
		{Type: graph.At, From: talk.ID, To: "event:pycon-us:2018"},
		{Type: graph.From, From: talk.ID, To: "note:notes-day1-md"},
		{Type: graph.AffiliatedWith, From: "speaker:andrew-godwin", To: "organization:django"},
		{Type: graph.About, From: talk.ID, To: "tool:django"},
		{Type: graph.EditionOf, From: "event:pycon-us:2018", To: "series:pycon-us"},
	} {
		if _, ok := g.Rel(k); !ok {
			t.Errorf("missing %v", k)
		}
	}
	m, ok := g.Rel(graph.RelKey{Type: graph.Mentions, From: talk.ID, To: "tool:django"})
	if !ok || len(m.Sources) != 3 {
		t.Errorf("MENTIONS Django sources = %v, want lines 4, 6 and 7", m)
	}
	// Two empty keynotes without speakers stay two talks.
	var keynotes int
	for _, n := range g.Nodes() {
		if n.Label == graph.Talk && n.Props["title"] == "Keynote" {
			keynotes++
		}
	}
	if keynotes != 2 {
		t.Errorf("keynote talks = %d, want 2", keynotes)
	}
}

func ids(g *graph.Graph) []string {
	var out []string
	for _, n := range g.Nodes() {
		out = append(out, n.ID)
	}
	return out
}

// TestExtract_golden pins the extraction of every example note; run with
// -update after a deliberate change and review the diff.
func TestExtract_golden(t *testing.T) {
	x := newExtractor(t)
	paths, err := filepath.Glob(filepath.Join("..", "..", "examples", "notes", "*", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join("..", "..", "examples", "notes", "*.*"))
	deeper, _ := filepath.Glob(filepath.Join("..", "..", "examples", "notes", "*", "*", "*.*"))
	paths = append(append(paths, more...), deeper...)
	n := 0
	for _, p := range paths {
		ext := filepath.Ext(p)
		if (ext != ".md" && ext != ".txt" && ext != ".markdown") || strings.EqualFold(filepath.Base(p), "README.md") {
			continue
		}
		n++
		note, err := notes.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		note.Path = filepath.ToSlash(strings.TrimPrefix(p, filepath.Join("..", "..")+string(filepath.Separator)))
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		for _, s := range x.Extract(note).Sections {
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
		}
		golden := filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(p), ext)+".jsonl")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s: extraction differs from %s; run go test ./internal/extract -update and review the diff", p, golden)
		}
	}
	if n < 8 {
		t.Errorf("found %d example notes, want at least 8", n)
	}
}

package cli

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/graph"
)

func TestNewCmdShow(t *testing.T) {
	tests := []struct {
		args      []string
		wantLabel graph.Label
		wantName  string
		wantJSON  bool
		wantErr   string
	}{
		{args: []string{"speaker", "Andrew Godwin"}, wantLabel: graph.Speaker, wantName: "Andrew Godwin"},
		{args: []string{"talk", "taking", "django", "async"}, wantLabel: graph.Talk, wantName: "taking django async"},
		{args: []string{"Tool", "django", "--json"}, wantLabel: graph.Tool, wantName: "django", wantJSON: true},
		{args: []string{"person", "Guido"}, wantLabel: graph.Person, wantName: "Guido"},
		{args: []string{"organization", "PSF"}, wantLabel: graph.Organization, wantName: "PSF"},
		{args: []string{"speaker"}, wantErr: "missing KIND NAME"},
		{args: []string{"city", "Cleveland"}, wantErr: `unknown kind "city"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			io, _, _ := testIO()
			var got *ShowOptions
			cmd := NewCmdShow(NewFactory(io, t.TempDir()), func(o *ShowOptions) error { got = o; return nil })
			err := execute(cmd, io, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("show %q: got error %v, want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.Label != tt.wantLabel || got.Name != tt.wantName || got.JSON != tt.wantJSON {
				t.Errorf("show %q: got %v %q json %v (%v), want %v %q %v", tt.args, got.Label, got.Name, got.JSON, err, tt.wantLabel, tt.wantName, tt.wantJSON)
			}
		})
	}
}

func TestFindNode(t *testing.T) {
	g := talkGraph()
	tests := []struct {
		label   graph.Label
		name    string
		wantID  string
		wantErr string
	}{
		{graph.Speaker, "andrew godwin", "speaker:andrew-godwin", ""},
		{graph.Speaker, "Andrea", "speaker:andrea", ""},
		{graph.Speaker, "andre", "", "ambiguous: 2 speakers match"},
		{graph.Speaker, "godwin", "speaker:andrew-godwin", ""},
		{graph.Talk, "taking", graph.ID(graph.Talk, "Taking Django Async"), ""},
		{graph.Talk, "django", graph.ID(graph.Talk, "Django in Depth"), ""}, // the prefix match wins over the substring
		{graph.Talk, "a", "", `ambiguous: 2 talks match "a"`},
		{graph.Talk, graph.ID(graph.Talk, "Taking Django Async"), graph.ID(graph.Talk, "Taking Django Async"), ""},
		{graph.Tool, "DJANGO", "tool:django", ""},
		{graph.Tool, "Flask", "", `no tool matches "Flask"`},
		{graph.Person, "Andrew", "", "no person matches"},
	}
	for _, tt := range tests {
		t.Run(string(tt.label)+" "+tt.name, func(t *testing.T) {
			n, err := findNode(g, tt.label, tt.name)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("findNode(%s, %q): got %v, want error %q", tt.label, tt.name, err, tt.wantErr)
				}
				return
			}
			if err != nil || n.ID != tt.wantID {
				t.Errorf("findNode(%s, %q): got %v, %v, want %s", tt.label, tt.name, n, err, tt.wantID)
			}
		})
	}
}

func TestShowRun(t *testing.T) {
	io, out, _ := testIO()
	f := NewFactory(io, t.TempDir())
	f.store = storeOf(talkGraph())
	if err := showRun(t.Context(), &ShowOptions{Factory: f, Label: graph.Talk, Name: "taking django"}); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^Talk +Taking Django Async\n +id +talk:taking-django-async\n`).MatchString(out.String()) {
		t.Errorf("output does not start with the talk and its id:\n%s", out)
	}
	for _, want := range []string{
		"MENTIONS     Django         (notes/day1.md:221, :228)",
		"<-PRESENTED  Andrew Godwin  (notes/day1.md:219)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out.String(), "MENTIONS") > strings.Index(out.String(), "<-PRESENTED") {
		t.Errorf("incoming relationships come before outgoing ones:\n%s", out)
	}
}

func TestShowRun_json(t *testing.T) {
	io, out, _ := testIO()
	f := NewFactory(io, t.TempDir())
	f.store = storeOf(talkGraph())
	if err := showRun(t.Context(), &ShowOptions{Factory: f, Label: graph.Speaker, Name: "Andrew Godwin", JSON: true}); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Node          struct{ ID string }
		Relationships []struct {
			Type, Direction string
			Node            struct{ Name string }
			Sources         []graph.Source
		}
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if v.Node.ID != "speaker:andrew-godwin" || len(v.Relationships) != 2 {
		t.Fatalf("got %+v, want the speaker and two talks", v)
	}
	r := v.Relationships[0]
	if r.Type != "PRESENTED" || r.Direction != "out" || r.Node.Name != "Django in Depth" || len(r.Sources) != 1 {
		t.Errorf("got first relationship %+v, want PRESENTED out to Django in Depth with one source", r)
	}
}

func TestShowRun_noStore(t *testing.T) {
	code, _, errOut := run(t, t.TempDir(), "show", "talk", "x")
	if code != ExitError || !strings.Contains(errOut, "no store at .talkgraph") {
		t.Errorf("got exit %d, stderr %q, want 1 and a hint to build", code, errOut)
	}
}

func TestSourcesString(t *testing.T) {
	tests := []struct {
		in   []graph.Source
		want string
	}{
		{nil, "no source"},
		{[]graph.Source{{Note: "a.md", Line: 3}}, "a.md:3"},
		{[]graph.Source{{Note: "a.md", Line: 3, EndLine: 9}, {Note: "a.md", Line: 12}, {Note: "b.md", Line: 1}}, "a.md:3-9, :12, b.md:1"},
	}
	for _, tt := range tests {
		if got := sourcesString(tt.in); got != tt.want {
			t.Errorf("sourcesString(%v): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSpeakerTalks(t *testing.T) {
	g := graph.New()
	sp := graph.Node{ID: "speaker:a", Label: graph.Speaker, Props: map[string]any{"name": "A"}}
	g.AddNode(sp)
	add := func(id, title string, year int64, notes ...string) {
		var srcs []graph.Source
		for _, n := range notes {
			srcs = append(srcs, graph.Source{Note: n, Line: 1})
		}
		g.AddNode(graph.Node{ID: id, Label: graph.Talk, Props: map[string]any{"title": title, "year": year, "event": "PyCon US " + strconv.FormatInt(year, 10)}, Sources: srcs})
		g.AddRel(graph.Rel{Type: graph.Presented, From: sp.ID, To: id})
	}
	add("talk:2", "Later", 2019, "notes/x.md")
	add("talk:1", "Earlier", 2012, "pyvideo/pycon-us-2012/a")
	add("talk:3", "Both", 2015, "pyvideo/pycon-us-2015/b", "notes/y.md")
	n, _ := g.Node("speaker:a")
	var got []string
	for _, tv := range newNodeView(g, n).Talks {
		got = append(got, strconv.FormatInt(tv.Year, 10)+" "+tv.Title+" "+tv.Source)
	}
	want := []string{"2012 Earlier catalog", "2015 Both catalog+notes", "2019 Later notes"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("talks = %q, want %q", got, want)
	}
}

// show finds a node by the spellings users give: an id in any case, a
// note's path, an event as its series is commonly written.
func TestShowRun_spellings(t *testing.T) {
	dir := t.TempDir()
	copyFixture(t, pyvideoFixture, dir, "data")
	writeFiles(t, dir, map[string]string{"notes/day1.md": buildNotes["notes/day1.md"]})
	if code, _, errOut := run(t, dir, "import", "pyvideo", "data"); code != ExitOK {
		t.Fatalf("import: %s", errOut)
	}
	if code, _, errOut := run(t, dir, "build", "--quiet", "notes"); code != ExitOK {
		t.Fatalf("build: %s", errOut)
	}
	for _, args := range [][]string{
		{"show", "event", "PyCon 2018"},
		{"show", "event", "EVENT:PYCON-US:2018"},
		{"show", "note", "notes/day1.md"},
	} {
		if code, out, errOut := run(t, dir, args...); code != ExitOK || out == "" {
			t.Errorf("%q: exit %d, %s", args, code, errOut)
		}
	}
}

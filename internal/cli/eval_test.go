package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestNewCmdEval(t *testing.T) {
	tests := []struct {
		args    []string
		want    EvalOptions
		wantErr string
	}{
		{args: []string{"--gold", "notes"}, want: EvalOptions{Gold: []string{"notes"}}},
		{args: []string{"--gold", "a.gold.yaml,b", "--per-file", "--verbose"}, want: EvalOptions{Gold: []string{"a.gold.yaml", "b"}, PerFile: true, Verbose: true}},
		{args: []string{"--gold", "a", "--gold", "b", "--json"}, want: EvalOptions{Gold: []string{"a", "b"}, JSON: true}},
		{args: nil, wantErr: "--gold is required"},
		{args: []string{"notes"}, wantErr: "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			io, _, _ := testIO()
			var got *EvalOptions
			cmd := NewCmdEval(NewFactory(io, t.TempDir()), func(o *EvalOptions) error { got = o; return nil })
			err := execute(cmd, io, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("eval %q: got error %v, want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got.Gold, tt.want.Gold) || got.PerFile != tt.want.PerFile ||
				got.Verbose != tt.want.Verbose || got.JSON != tt.want.JSON {
				t.Errorf("eval %q: got %+v, %v, want %+v", tt.args, got, err, tt.want)
			}
		})
	}
}

// evalNote has two talks; its gold agrees on the first and names a tool
// the note does not, so the tools score is below 1.
const evalNote = `# PyCon 2031, day one

## Typing Django Views
*Speaker: Ilse Marchetti*

Ilse used mypy on a large Django codebase.

## Lunch

Sandwiches.

## Faster Tests with pytest
*Speaker: Tomasz Abara*

Fixtures and pytest-xdist.
`

const evalGold = `sections:
  - heading: "Typing Django Views"
    line: 3
    is_talk: true
    kind: talk
    title: "Typing Django Views"
    speakers: [{name: "Ilse Marchetti"}]
    tools: [mypy, Django]
  - heading: "Lunch"
    line: 8
    is_talk: false
  - heading: "Faster Tests with pytest"
    line: 12
    is_talk: true
    kind: talk
    title: "Faster Tests with pytest"
    speakers: [{name: "Tomasz Abara"}]
    tools: [pytest, pytest-xdist, coverage.py]
`

func TestEvalRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"notes/day1.md":           evalNote,
		"notes/day1.gold.yaml":    evalGold,
		"notes/lost.gold.yaml":    evalGold,                           // no note beside it
		"notes/broken.md":         evalNote,                           //
		"notes/broken.gold.yaml":  "sections:\n  - heading: [\n  x\n", // YAML error
		"other/readme.gold.yaml":  "title: not a gold file\n",
		"notes/talkgraph-ignores": "",
	})
	code, out, errOut := run(t, dir, "eval", "--gold", "notes", "--per-file", "--verbose")
	if code != ExitPartial {
		t.Errorf("got exit %d, want %d: two gold files cannot be scored\nstderr: %s", code, ExitPartial, errOut)
	}
	for _, want := range []string{"notes/lost.gold.yaml: no note beside it", "notes/broken.gold.yaml:"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	for _, want := range []string{
		`notes/day1.md:12 tools: missing ["coverage.py"]`, // a miss, positioned at the gold section
		"notes/day1.md", // a per-file row
		"is_talk",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !tableHas(out, "is_talk", "1.000") || !tableHas(out, "speakers", "1.000") {
		t.Errorf("talks and speakers should score 1.000:\n%s", out)
	}
	if tableHas(out, "tools", "1.000  1.000") {
		t.Errorf("tools cannot score 1 with coverage.py missing:\n%s", out)
	}

	code, out, _ = run(t, dir, "eval", "--gold", "notes/day1.gold.yaml", "--json")
	if code != ExitOK {
		t.Fatalf("got exit %d for one good gold file", code)
	}
	var rep struct {
		Files []struct {
			Note string `json:"note"`
		} `json:"files"`
		Total struct {
			Parts map[string]struct{ TP, Gold, Pred int } `json:"parts"`
		} `json:"total"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output is not one JSON object: %v\n%s", err, out)
	}
	if len(rep.Files) != 1 || rep.Files[0].Note != "notes/day1.md" {
		t.Errorf("files = %+v, want notes/day1.md", rep.Files)
	}
	if p := rep.Total.Parts["is_talk"]; p.Gold != 2 || p.TP != 2 {
		t.Errorf("is_talk = %+v, want 2 of 2 talks found", p)
	}
	if p := rep.Total.Parts["tools"]; p.Gold != 5 || p.TP >= 5 {
		t.Errorf("tools = %+v, want fewer than 5 of 5 found", p)
	}

	code, _, errOut = run(t, dir, "eval", "--gold", "other")
	if code != ExitError || !strings.Contains(errOut, "other/readme.gold.yaml:1:1: no sections") {
		t.Errorf("a folder with no usable gold file: exit %d, stderr %q", code, errOut)
	}
}

// tableHas reports whether the summary table has a row for part whose
// figures contain figs.
func tableHas(out, part, figs string) bool {
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) > 0 && f[0] == part && strings.Contains(l, figs) {
			return true
		}
	}
	return false
}

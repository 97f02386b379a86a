package cli

import (
	"bufio"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/config"
	"github.com/talkgraph/talkgraph/internal/extract"
)

func TestNewCmdExtract(t *testing.T) {
	tests := []struct {
		args    []string
		want    ExtractOptions
		wantErr string
	}{
		{args: []string{"a.md"}, want: ExtractOptions{Paths: []string{"a.md"}}},
		{args: []string{"--json", "a.md", "notes"}, want: ExtractOptions{Paths: []string{"a.md", "notes"}, JSON: true}},
		{args: nil, wantErr: "missing PATH argument"},
		{args: []string{"--yaml", "a.md"}, wantErr: "unknown flag: --yaml"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			io, _, _ := testIO()
			var got *ExtractOptions
			cmd := NewCmdExtract(NewFactory(io, t.TempDir()), func(o *ExtractOptions) error { got = o; return nil })
			err := execute(cmd, io, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("extract %q: got error %v, want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got.Paths, tt.want.Paths) || got.JSON != tt.want.JSON {
				t.Errorf("extract %q: got %+v, %v, want paths %q json %v", tt.args, got, err, tt.want.Paths, tt.want.JSON)
			}
		})
	}
}

// contractKeys are the fields every line of `extract --json` has.
var contractKeys = []string{"file", "line", "heading", "is_talk", "kind", "title", "speakers", "tools", "concepts", "organizations", "people", "event"}

func TestExtractRun_json(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)
	writeFiles(t, dir, map[string]string{"notes/broken.md": brokenNote})
	code, out, errOut := run(t, dir, "extract", "--json", "notes")
	if code != ExitPartial {
		t.Errorf("got exit %d, want %d: one note is broken", code, ExitPartial)
	}
	if !strings.Contains(errOut, "notes/broken.md:2") {
		t.Errorf("stderr %q does not report notes/broken.md:2", errOut)
	}
	var files []string
	talk := false
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		for _, k := range contractKeys {
			if _, ok := m[k]; !ok {
				t.Errorf("line %q lacks %q", sc.Text(), k)
			}
		}
		for _, k := range []string{"speakers", "tools", "concepts", "organizations", "people"} {
			if _, ok := m[k].([]any); !ok {
				t.Errorf("line %q: %s is %v, want an array", sc.Text(), k, m[k])
			}
		}
		files = append(files, m["file"].(string))
		talk = talk || m["title"] == "Taking Django Async" && m["line"] == float64(8)
	}
	if len(files) < 3 {
		t.Fatalf("got %d sections, want at least one per good note:\n%s", len(files), out)
	}
	if !slices.IsSorted(files) || files[0] != "notes/day1.md" || files[len(files)-1] != "notes/day3.txt" {
		t.Errorf("got files %q, want sorted from notes/day1.md to notes/day3.txt", files)
	}
	if !talk {
		t.Errorf("no section for Taking Django Async at line 8:\n%s", out)
	}
}

func TestExtractRun_table(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)
	code, out, _ := run(t, dir, "extract", "notes/day1.md")
	if code != ExitOK {
		t.Fatalf("got exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "FILE:LINE") {
		t.Fatalf("got %q, want a header and rows", out)
	}
	if !strings.Contains(out, "notes/day1.md:8") || !strings.Contains(out, "Taking Django Async") || !strings.Contains(out, "Andrew Godwin") {
		t.Errorf("table lacks the talk at notes/day1.md:8:\n%s", out)
	}
	if strings.Contains(out, "notes/day2.md") {
		t.Errorf("table shows a note not asked for:\n%s", out)
	}
}

func TestContractSection(t *testing.T) {
	var b strings.Builder
	if err := writeJSON(&b, contractSection(extract.Section{File: "a.md", Line: 3, Title: "T"})); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"speakers":[]`, `"tools":[]`, `"concepts":[]`, `"organizations":[]`, `"people":[]`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("got %s, want %s", b.String(), want)
		}
	}
}

func TestExtractRun_lexicon(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"notes/a.md": "## Streaming Backups (Jo Kim)\n\nWe replicate SQLite with Zorblatt to object storage.\n",
		"mine.yaml":  "tools:\n  - name: Zorblatt\n    category: database\n",
		"bad.yaml":   "tools:\n  - nme: Zorblatt\n",
	})
	code, out, errOut := run(t, dir, "extract", "--json", "notes")
	if code != ExitOK || strings.Contains(out, `"Zorblatt"`) {
		t.Fatalf("without the lexicon: got exit %d, %s%s, want no Zorblatt tool", code, out, errOut)
	}
	t.Setenv("TALKGRAPH_LEXICON", "mine.yaml")
	code, out, errOut = run(t, dir, "extract", "--json", "notes")
	if code != ExitOK || !strings.Contains(out, `"Zorblatt"`) {
		t.Errorf("with mine.yaml: got exit %d, %s%s, want the tool Zorblatt", code, out, errOut)
	}
	for file, want := range map[string]string{"bad.yaml": "bad.yaml:2", "missing.yaml": "lexicon missing.yaml: no such file"} {
		t.Setenv("TALKGRAPH_LEXICON", file)
		if code, _, errOut := run(t, dir, "extract", "notes"); code != ExitError || !strings.Contains(errOut, want) {
			t.Errorf("lexicon %s: got exit %d, stderr %q, want 1 and %q", file, code, errOut, want)
		}
	}
}

func TestExtractRun_folderEvents(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"notes/PyCon.US/day1.md": "---\nconference: DjangoCon US\nyear: 2019\n---\n## Async Everything (Jo Kim)\n\nDjango.\n",
		"talkgraph.yaml":         "events:\n  notes/PyCon.US: {series: PyCon US, year: 2018}\n",
	})
	s := firstEvent(t, dir)
	if s.Event.Series != "PyCon US" || s.Event.Year != 2018 {
		t.Errorf("got event %+v, want the folder's PyCon US 2018 over the front matter", s.Event)
	}
}

// A folder event without a year names the series; the year is read from
// the note, and the event's id has it.
func TestExtractRun_folderSeries(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"notes/pycon/day1.md": "---\nyear: 2019\n---\n## Async Everything (Jo Kim)\n\nDjango.\n",
		"talkgraph.yaml":      "events:\n  notes/pycon: {series: PyCon US}\n",
	})
	s := firstEvent(t, dir)
	if s.Event.Series != "PyCon US" || s.Event.Year != 2019 {
		t.Errorf("got event %+v, want the folder's PyCon US with the note's 2019", s.Event)
	}
}

// firstEvent extracts the notes of dir and returns the event of the first
// section.
func firstEvent(t *testing.T, dir string) (s struct {
	Event struct {
		Series string
		Year   int
	}
}) {
	t.Helper()
	code, out, errOut := run(t, dir, "extract", "--json", "notes")
	if code != ExitOK {
		t.Fatalf("got exit %d: %s", code, errOut)
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFolderEvents(t *testing.T) {
	got := folderEvents(map[string]config.Event{"notes/pycon": {Series: "PyCon", Year: 2018}},
		[]string{"notes/PyCon/a.md", "notes/pycon2/b.md", "other/c.md"})
	if len(got) != 2 || got["notes/PyCon"].Series != "PyCon" || got["notes/pycon"].Year != 2018 {
		t.Errorf("got %v, want the folder as configured and as the paths spell it", got)
	}
}

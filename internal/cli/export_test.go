package cli

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewCmdExport(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    ExportOptions
		wantErr string
	}{
		{name: "graphml to stdout", args: []string{"graphml"}, want: ExportOptions{Format: "graphml", Limit: 5}},
		{name: "cypher to a file", args: []string{"cypher", "--out", "g.cypher"}, want: ExportOptions{Format: "cypher", Out: "g.cypher", Limit: 5}},
		{name: "csv", args: []string{"CSV", "-o", "import"}, want: ExportOptions{Format: "csv", Out: "import", Limit: 5}},
		{name: "widgets with limit", args: []string{"widgets", "--out", "site", "--limit", "3"}, want: ExportOptions{Format: "widgets", Out: "site", Limit: 3}},
		{name: "no format", args: nil, wantErr: "want one format"},
		{name: "two formats", args: []string{"csv", "graphml"}, wantErr: "want one format"},
		{name: "bad format", args: []string{"dot"}, wantErr: `unknown format "dot"`},
		{name: "csv without out", args: []string{"csv"}, wantErr: "csv export needs --out DIR"},
		{name: "widgets without out", args: []string{"widgets"}, wantErr: "widgets export needs --out DIR"},
		{name: "limit for graphml", args: []string{"graphml", "--limit", "3"}, wantErr: "--limit applies only to widgets"},
		{name: "zero limit", args: []string{"widgets", "--out", "x", "--limit", "0"}, wantErr: "--limit must be at least 1"},
		{name: "bad limit", args: []string{"widgets", "--limit", "many"}, wantErr: `invalid argument "many"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _ := testIO()
			var got *ExportOptions
			cmd := NewCmdExport(NewFactory(io, t.TempDir()), func(o *ExportOptions) error { got = o; return nil })
			err := execute(cmd, io, tt.args)
			if tt.wantErr != "" {
				var fe *FlagError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &fe) {
					t.Fatalf("export %q: got error %v, want a usage error containing %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("export %q: %v", tt.args, err)
			}
			if got.Format != tt.want.Format || got.Out != tt.want.Out || got.Limit != tt.want.Limit {
				t.Errorf("export %q: got %+v, want %+v", tt.args, *got, tt.want)
			}
		})
	}
}

func TestExportRun(t *testing.T) {
	tests := []struct {
		format  string
		out     string // relative to the work dir; "" for stdout
		check   func(t *testing.T, dir, stdout string)
		summary string
	}{
		{format: "graphml", summary: "wrote GraphML of 5 nodes and 3 relationships to stdout",
			check: func(t *testing.T, _ string, stdout string) {
				var doc struct {
					Nodes []struct{} `xml:"graph>node"`
				}
				if err := xml.Unmarshal([]byte(stdout), &doc); err != nil || len(doc.Nodes) != 5 {
					t.Errorf("got %d nodes, %v:\n%s", len(doc.Nodes), err, stdout)
				}
			}},
		{format: "cypher", out: "out/g.cypher", summary: "wrote a Cypher script of 5 nodes and 3 relationships to ",
			check: func(t *testing.T, dir, stdout string) {
				data, err := os.ReadFile(filepath.Join(dir, "out", "g.cypher"))
				if err != nil || !strings.Contains(string(data), "MERGE (n:Talk {id: row.id})") || stdout != "" {
					t.Errorf("g.cypher: %v, stdout %q:\n%s", err, stdout, data)
				}
				if ents, _ := os.ReadDir(filepath.Join(dir, "out")); len(ents) != 1 {
					t.Errorf("out holds %d files, want only g.cypher", len(ents))
				}
			}},
		{format: "csv", out: "import", summary: "wrote 5 nodes in 3 files and 3 relationships in 2 files to ",
			check: func(t *testing.T, dir, _ string) {
				for _, f := range []string{"talk.csv", "speaker.csv", "tool.csv", "presented.csv", "mentions.csv", "README.txt"} {
					if _, err := os.Stat(filepath.Join(dir, "import", f)); err != nil {
						t.Error(err)
					}
				}
			}},
		{format: "widgets", out: "site", summary: "wrote 2 talk widgets and index.json to ",
			check: func(t *testing.T, dir, _ string) {
				for _, f := range []string{"index.json", "talks/talk-taking-django-async.json", "talks/talk-django-in-depth.json"} {
					if _, err := os.Stat(filepath.Join(dir, "site", f)); err != nil {
						t.Error(err)
					}
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			io, out, errOut := testIO()
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "out"), 0o755)
			f := NewFactory(io, dir)
			f.store = storeOf(talkGraph())
			if err := exportRun(t.Context(), &ExportOptions{Factory: f, Format: tt.format, Out: tt.out, Limit: 5}); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(errOut.String(), tt.summary) {
				t.Errorf("summary %q, want it to start with %q", errOut, tt.summary)
			}
			tt.check(t, dir, out.String())
		})
	}
}

func TestExport_endToEnd(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"notes/day1.md": `---
conference: DjangoCon US
year: 2019
---
# DjangoCon US 2019, day one

## Taking Django Async (Andrew Godwin)

Andrew showed async views in Django with asyncio.

## Django & "Friends" <Live> (Zoë O'Neil)

Django and asyncio, live, with Docker.

## Deploying with Docker (Sam Smith)

Docker images for Django apps.
`,
	})
	if code, _, errOut := run(t, dir, "build", "notes"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}

	io, _, errOut := testIO()
	f := NewFactory(io, dir)
	defer f.Close()
	if err := execute(NewCmdExport(f, nil), io, []string{"widgets", "--out", "site", "--limit", "2"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(errOut.String(), "wrote 3 talk widgets and index.json to "+filepath.Join(dir, "site")) {
		t.Errorf("summary: %q", errOut)
	}
	var index []struct{ ID, Title, File string }
	data, err := os.ReadFile(filepath.Join(dir, "site", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &index); err != nil || len(index) != 3 {
		t.Fatalf("index.json: %v, %d talks:\n%s", err, len(index), data)
	}
	var hostile string
	for _, e := range index {
		if strings.Contains(e.Title, "Friends") {
			hostile = e.File
		}
	}
	if hostile == "" {
		t.Fatalf("no talk titled Friends in %+v", index)
	}
	var w struct {
		Title    string
		Speakers []string
		Related  []struct {
			ID     string
			Reason []string
		}
	}
	data, err = os.ReadFile(filepath.Join(dir, "site", filepath.FromSlash(hostile)))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &w); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(w.Title, `Django & "Friends"`) || len(w.Related) != 2 {
		t.Errorf("widget %s: %+v", hostile, w)
	}
	for _, r := range w.Related {
		for _, x := range r.Reason {
			if x == "Django" { // every talk mentions it: it weighs nothing
				t.Errorf("related %s: Django among the reasons %q", r.ID, r.Reason)
			}
		}
	}

	io, out, _ := testIO()
	f2 := NewFactory(io, dir)
	defer f2.Close()
	if err := execute(NewCmdExport(f2, nil), io, []string{"graphml"}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []struct {
			ID string `xml:"id,attr"`
		} `xml:"graph>node"`
	}
	if err := xml.Unmarshal(out.Bytes(), &doc); err != nil || len(doc.Nodes) == 0 {
		t.Errorf("graphml: %v, %d nodes", err, len(doc.Nodes))
	}
}

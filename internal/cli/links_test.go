package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLinksRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"notes/pycon.md": "---\ntitle: PyCon 2018 day two\n---\n" +
		"## Profiling Pandas Pipelines without tears! (Marta Quill)\n\nShe used py-spy on a notebook.\n"})
	buildJSON(t, dir, "notes")

	t.Run("without a catalog it says so", func(t *testing.T) {
		code, out, errOut := run(t, dir, "links", "notes")
		if code != ExitOK || out != "" || !strings.Contains(errOut, "no catalog in the store") {
			t.Errorf("got exit %d, stdout %q, stderr %q, want 0 and no catalog", code, out, errOut)
		}
	})

	importJSON(t, dir, fixture(t, jsonlFixture))
	tests := []struct {
		name string
		args []string
		want int // links listed
	}{
		{"every link", nil, 1},
		{"only the unsure ones", []string{"--unsure"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"links", "--json"}, tt.args...), "notes")
			code, out, errOut := run(t, dir, args...)
			var rows []linkRow
			if err := json.Unmarshal([]byte(out), &rows); err != nil || code != ExitOK {
				t.Fatalf("links %q: exit %d, %v\n%s%s", tt.args, code, err, out, errOut)
			}
			if len(rows) != tt.want {
				t.Fatalf("links %q: got %d links %+v, want %d", tt.args, len(rows), rows, tt.want)
			}
			if tt.want == 0 {
				return
			}
			r := rows[0]
			if r.File != "notes/pycon.md" || r.Line != 4 || !r.Sure ||
				r.Catalog != "talk:pycon-us-2018:profiling-pandas-pipelines-without-tears" ||
				r.CatalogTitle == "" || r.Why == "" {
				t.Errorf("links %q: got %+v, want a sure link of notes/pycon.md:4 to the catalog talk", tt.args, r)
			}
		})
	}
	t.Run("text", func(t *testing.T) {
		_, out, _ := run(t, dir, "links", "notes")
		for _, want := range []string{"notes/pycon.md:4", "PyCon US 2018", "sure", "talk:pycon-us-2018:profiling-pandas-pipelines-without-tears"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
}

package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func TestWhySameRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"people.yaml":    "same:\n  - [Bob Smith, Robert Smith]\n",
		"notes/pycon.md": "---\ntitle: PyCon 2018 day two\n---\n## Data Science Tricks (Eric J. Ma)\n\nPandas.\n",
	})
	tests := []struct {
		name  string
		env   string
		a, b  string
		same  bool
		nodes int
	}{
		{"a middle initial is dropped", "", "Eric J. Ma", "Eric Ma", true, 1},
		{"particle case is folded", "", "Guido Van Rossum", "Guido van Rossum", true, 0},
		{"a short form needs a decision", "", "Bob Smith", "Robert Smith", false, 0},
		{"a decision makes them one", "people.yaml", "Bob Smith", "Robert Smith", true, 0},
		{"never on the surname alone", "", "Anna Ma", "Eric Ma", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("TALKGRAPH_PEOPLE", tt.env)
			}
			if tt.nodes > 0 {
				buildJSON(t, dir, "notes")
			}
			code, out, errOut := run(t, dir, "why-same", "--json", tt.a, tt.b)
			var got whySame
			if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitOK {
				t.Fatalf("why-same %q %q: exit %d, %v\n%s%s", tt.a, tt.b, code, err, out, errOut)
			}
			if got.Same != tt.same || len(got.Why) == 0 || len(got.Nodes) != tt.nodes {
				t.Errorf("why-same %q %q: got %+v, want same %v with steps and %d nodes", tt.a, tt.b, got, tt.same, tt.nodes)
			}
		})
	}
	t.Run("text", func(t *testing.T) {
		code, out, _ := run(t, dir, "why-same", "Eric J. Ma", "Eric Ma")
		if code != ExitOK || !strings.HasPrefix(out, "same\n") || !regexp.MustCompile(`speaker:eric-ma\s+Eric J\. Ma\s+1 talks`).MatchString(out) {
			t.Errorf("got exit %d and\n%s\nwant same, its steps and the speaker with 1 talk", code, out)
		}
	})
	t.Run("a bad decisions file names its line", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"bad.yaml": "same:\n  - [Bob Smith]\n"})
		t.Setenv("TALKGRAPH_PEOPLE", "bad.yaml")
		code, _, errOut := run(t, dir, "why-same", "A B", "C D")
		if code != ExitError || !strings.Contains(errOut, ": bad.yaml:2: ") {
			t.Errorf("got exit %d, stderr %q, want %d and bad.yaml:2: ...", code, errOut, ExitError)
		}
	})
}

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestMain_endToEnd runs talkgraph as main does: build, then stats, then
// show, in one working directory.
func TestMain_endToEnd(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)
	t.Chdir(dir)
	main := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := Main(context.Background(), args, strings.NewReader(""), &out, &errOut)
		return code, out.String(), errOut.String()
	}

	if code, out, errOut := main("build", "notes"); code != ExitOK || !strings.Contains(out, "notes read") {
		t.Fatalf("build: got exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	code, out, errOut := main("stats", "--json")
	var st struct {
		Nodes map[string]int
		Rels  map[string]int `json:"relationships"`
	}
	if err := json.Unmarshal([]byte(out), &st); code != ExitOK || err != nil {
		t.Fatalf("stats --json: got exit %d, %v: %q %q", code, err, out, errOut)
	}
	if st.Nodes["Talk"] < 3 || st.Nodes["Speaker"] < 3 || st.Rels["PRESENTED"] < 3 {
		t.Errorf("stats: got %+v, want at least the 3 talks, their speakers and PRESENTED", st)
	}

	code, out, errOut = main("show", "talk", "taking", "django", "async")
	if code != ExitOK || !strings.HasPrefix(out, "Talk") || !strings.Contains(out, "Taking Django Async") {
		t.Fatalf("show talk: got exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if !strings.Contains(out, "<-PRESENTED") || !strings.Contains(out, "Andrew Godwin") || !strings.Contains(out, "notes/day1.md:8") {
		t.Errorf("show talk: want the speaker and the source line notes/day1.md:8:\n%s", out)
	}

	code, out, _ = main("show", "speaker", "Andrew Godwin")
	if code != ExitOK || !strings.Contains(out, "PRESENTED") || !strings.Contains(out, "Taking Django Async") {
		t.Errorf("show speaker: got exit %d:\n%s", code, out)
	}
}

func TestRun_exitCodes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, buildNotes)
	tests := []struct {
		name      string
		args      []string
		code      int
		wantErr   string
		wantUsage bool
	}{
		{"help", []string{"--help"}, ExitOK, "", false},
		{"version", []string{"version"}, ExitOK, "", false},
		{"an unknown command", []string{"bulid", "notes"}, ExitUsage, `unknown command "bulid"`, false},
		{"an unknown flag", []string{"stats", "--jsn"}, ExitUsage, "unknown flag: --jsn", true},
		{"a missing argument", []string{"extract"}, ExitUsage, "missing PATH argument", true},
		{"an extra argument", []string{"stats", "x"}, ExitUsage, `unexpected argument "x"`, true},
		{"a failing command", []string{"stats"}, ExitError, "no store at .talkgraph", false},
		{"an empty name", []string{"why-same", "", "Eric Ma"}, ExitUsage, "a name is empty", true},
		{"a parameter twice", []string{"cypher", "RETURN $q", "--param", "q=a", "--param", "q=b"}, ExitUsage, "--param q is given twice", true},
		{"a negative row cap", []string{"cypher", "RETURN 1", "--max-rows", "-1"}, ExitUsage, "--max-rows must be 0 (all) or more, not -1", true},
		{"a negative timeout", []string{"cypher", "RETURN 1", "--timeout", "-1s"}, ExitUsage, "--timeout must be 0 (no limit) or more, not -1s", true},
		{"a partial extraction", []string{"extract", "notes", "bad.md"}, ExitPartial, "1 of 4 notes failed", false},
	}
	writeFiles(t, dir, map[string]string{"bad.md": brokenNote})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, dir, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("%q: got exit %d, stderr %q, want %d and %q", tt.args, code, errOut, tt.code, tt.wantErr)
			}
			if got := strings.Contains(errOut, "Usage:"); got != tt.wantUsage {
				t.Errorf("%q: usage shown %v, want %v:\n%s", tt.args, got, tt.wantUsage, errOut)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	cmd := &cobra.Command{Use: "x"}
	tests := []struct {
		err  error
		code int
	}{
		{nil, ExitOK},
		{errors.New("boom"), ExitError},
		{&FlagError{Err: errors.New("bad flag")}, ExitUsage},
		{&PartialError{Failed: 1, Total: 2}, ExitPartial},
		{context.Canceled, ExitError},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if got := exitCode(&b, cmd, tt.err); got != tt.code {
			t.Errorf("exitCode(%v): got %d, want %d", tt.err, got, tt.code)
		}
		if (tt.err == nil) != (b.Len() == 0) {
			t.Errorf("exitCode(%v) printed %q", tt.err, b.String())
		}
	}
}

func TestRootHelp(t *testing.T) {
	code, out, _ := run(t, t.TempDir(), "--help")
	if code != ExitOK {
		t.Fatalf("got exit %d", code)
	}
	for _, want := range []string{"Exit status:", "0  success", "2  usage error", "3  partial", "build", "extract", "stats", "show", "candidates", "config", "version", "load", "neo4j"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	for _, c := range NewCmdRoot(NewFactory(&IOStreams{}, "")).Commands() {
		if !c.Hidden && (c.Long == "" || c.Example == "") {
			t.Errorf("%s: want a Long description and an Example", c.Name())
		}
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, t.TempDir(), "version")
	if code != ExitOK || !strings.HasPrefix(out, "talkgraph ") || !strings.Contains(out, "go1.") {
		t.Errorf("got exit %d, %q, want talkgraph VERSION goVERSION", code, out)
	}
}

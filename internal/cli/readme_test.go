package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/talkgraph/talkgraph/internal/neo4jtest"
)

// TestREADME_outputs runs the commands of the README whose output it shows
// and compares the output with the README's block, so that none can go
// stale. A block to check follows a marker line:
//
//	<!-- test: talkgraph ARGS -->      run the command (in the README's order)
//	<!-- test: cypher -->              run the ```cypher block above it with `talkgraph cypher`
//	<!-- test neo4j: talkgraph ARGS --> the same, with Neo4j configured
//
// The commands run in a copy of the repository's examples (and ../shared
// beside it), one after the other, as a reader would. Durations, ports and
// the Neo4j patch version are masked; "..." in a block stands for any
// text. TALKGRAPH_UPDATE_README=1 rewrites the blocks (but those with
// "...") from the output.
func TestREADME_outputs(t *testing.T) {
	readme := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	dir := filepath.Join(root, "repo")
	if err := os.CopyFS(filepath.Join(dir, "examples"), os.DirFS(filepath.Join("..", "..", "examples"))); err != nil {
		t.Fatal(err)
	}
	if shared, err := filepath.Abs(filepath.Join("..", "..", "..", "shared")); err == nil {
		if _, err := os.Stat(shared); err == nil {
			_ = os.Symlink(shared, filepath.Join(root, "shared"))
		}
	}
	neo4jConfigured := false
	lines := strings.Split(string(data), "\n")
	update := os.Getenv("TALKGRAPH_UPDATE_README") != ""
	marker := regexp.MustCompile(`^<!-- (test|run)( neo4j)?: (.*) -->$`)
	checked := 0
	for i := 0; i < len(lines); i++ {
		m := marker.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		m = []string{m[0], m[2], m[3], m[1]} // neo4j, command, test or run
		if m[1] != "" && !neo4jConfigured {
			if os.Getenv("TALKGRAPH_TEST_NEO4J_URI") == "" && os.Getenv("CI") == "" {
				t.Logf("README line %d: no Neo4j configured; its blocks are not checked", i+1)
				continue
			}
			s := neo4jtest.Empty(t)
			cfg := "neo4j:\n  uri: " + strconv.Quote(s.URI) + "\n  username: " + strconv.Quote(s.Username) + "\n  password: " + strconv.Quote(s.Password) + "\n"
			if err := os.WriteFile(filepath.Join(dir, "talkgraph.yaml"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			neo4jConfigured = true
		}
		if m[3] == "run" {
			if code, _, errOut := run(t, dir, shellWords(strings.TrimPrefix(m[2], "talkgraph "))...); code != ExitOK {
				t.Errorf("README line %d: %s: exit %d: %s", i+1, m[2], code, errOut)
			}
			continue
		}
		if m[2] == "console" {
			start, end := blockAfter(lines, i)
			if start < 0 {
				t.Fatalf("README line %d: no console block after the marker", i+1)
			}
			var out []string
			for _, l := range lines[start:end] {
				if cmd, ok := strings.CutPrefix(l, "$ talkgraph "); ok {
					_, o, _ := run(t, dir, shellWords(cmd)...)
					out = append(out, l)
					out = append(out, strings.Split(strings.TrimRight(o, "\n"), "\n")...)
				}
			}
			got, want := strings.Join(out, "\n"), strings.Join(lines[start:end], "\n")
			checked++
			if update {
				lines = append(lines[:start], append(out, lines[end:]...)...)
				i = start + len(out)
			} else if !matches(mask(want), mask(got)) {
				t.Errorf("README line %d: the console block differs:\n--- README\n%s\n--- output\n%s", i+1, want, got)
			}
			continue
		}
		var args []string
		if m[2] == "cypher" {
			q := blockBefore(lines, i, "```cypher")
			if q == "" {
				t.Fatalf("README line %d: no ```cypher block above the marker", i+1)
			}
			args = []string{"cypher", q}
		} else {
			args = shellWords(strings.TrimPrefix(m[2], "talkgraph "))
		}
		start, end := blockAfter(lines, i)
		if start < 0 {
			t.Fatalf("README line %d: no output block after the marker", i+1)
		}
		code, out, errOut := run(t, dir, args...)
		if code != ExitOK {
			t.Errorf("README line %d: talkgraph %q: exit %d: %s", i+1, args, code, errOut)
			continue
		}
		got := strings.TrimRight(out, "\n")
		want := strings.Join(lines[start:end], "\n")
		checked++
		if update && !strings.Contains(want, "...") {
			newLines := strings.Split(got, "\n")
			lines = append(lines[:start], append(newLines, lines[end:]...)...)
			i = start + len(newLines)
			continue
		}
		if !matches(mask(want), mask(got)) {
			t.Errorf("README line %d: the output of talkgraph %q differs from the README (TALKGRAPH_UPDATE_README=1 rewrites it):\n--- README\n%s\n--- output\n%s", i+1, args, want, got)
		}
	}
	if checked < 8 {
		t.Errorf("%d README blocks checked, want every output block", checked)
	}
	if update {
		if err := os.WriteFile(readme, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// blockBefore returns the content of the last block opened by fence
// before line i.
func blockBefore(lines []string, i int, fence string) string {
	for j := i - 1; j >= 0; j-- {
		if lines[j] == fence {
			var body []string
			for k := j + 1; k < len(lines) && lines[k] != "```"; k++ {
				body = append(body, lines[k])
			}
			return strings.Join(body, "\n")
		}
		if strings.HasPrefix(lines[j], "<!-- test") {
			break
		}
	}
	return ""
}

// blockAfter returns the line range of the content of the first fenced
// block after line i.
func blockAfter(lines []string, i int) (int, int) {
	for j := i + 1; j < len(lines); j++ {
		if strings.HasPrefix(lines[j], "```") {
			for k := j + 1; k < len(lines); k++ {
				if lines[k] == "```" {
					return j + 1, k
				}
			}
			return -1, -1
		}
		if strings.TrimSpace(lines[j]) != "" {
			return -1, -1
		}
	}
	return -1, -1
}

var masks = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\b\d+(\.\d+)?(ms|µs|s)\b`), "<duration>"},
	{regexp.MustCompile(`(bolt|neo4j)://[0-9a-z.]+:\d+`), "<neo4j>"},
	{regexp.MustCompile(`Neo4j Kernel 5\.\d+\.\d+`), "Neo4j Kernel 5.x"},
	{regexp.MustCompile(` +`), " "},
}

func mask(s string) string {
	for _, m := range masks {
		s = m.re.ReplaceAllString(s, m.with)
	}
	return s
}

// matches reports whether got is want, where "..." in want stands for any
// text.
func matches(want, got string) bool {
	parts := strings.Split(want, "...")
	if len(parts) == 1 {
		return want == got
	}
	if !strings.HasPrefix(got, parts[0]) {
		return false
	}
	rest := got[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return strings.HasSuffix(rest, parts[len(parts)-1])
}

// shellWords splits a command line on spaces, keeping "double quoted"
// words whole.
func shellWords(s string) []string {
	var out []string
	var b strings.Builder
	quoted, any := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			any = true
		case r == ' ' && !quoted:
			if any {
				out = append(out, b.String())
				b.Reset()
				any = false
			}
		default:
			b.WriteRune(r)
			any = true
		}
	}
	if any {
		out = append(out, b.String())
	}
	return out
}

package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/talkgraph/talkgraph/internal/neo4jtest"
)

// TestHelpExamples runs every example of every command's --help on the
// default store, in a folder that has what they name: notes/ (the
// example notes and a day1.md), talks.md, people.yaml, ci.yaml, a corpus
// file, and ../shared beside it. A pipe or redirection is left out (only
// the talkgraph part runs), "a && b" runs both. Examples that need Neo4j
// run when a test Neo4j is configured (always in CI); NEO4J_* variables
// written in an example are replaced by the test server's. serve is
// started by TestServeRun_embedded instead (it does not return).
func TestHelpExamples(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "work")
	if err := os.CopyFS(filepath.Join(dir, "notes"), os.DirFS(filepath.Join("..", "..", "examples", "notes"))); err != nil {
		t.Fatal(err)
	}
	shared, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if _, err := os.Stat(shared); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no ../shared beside the repository")
		}
		t.Skip("no ../shared beside the repository")
	}
	// A small catalog stands for the whole one: three editions of it.
	corpus := filepath.Join(shared, "corpus", "pyvideo")
	small := map[string]string{}
	for _, f := range []string{"djangocon-us/2019.jsonl", "pycon-us/2018.jsonl", "pycon-us/2019.jsonl"} {
		b, err := os.ReadFile(filepath.Join(corpus, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		small["shared/corpus/pyvideo/"+f] = string(b)
		small["work/my-catalog/"+f] = string(b)
	}
	writeFiles(t, root, small)
	djc := []byte(small["work/my-catalog/djangocon-us/2019.jsonl"])
	writeFiles(t, dir, map[string]string{
		"notes/day1.md":                  "# DjangoCon US 2019, day one\n\n## Migrations at Scale (Andrew Godwin)\n\nDjango migrations and PostgreSQL locks.\n",
		"notes/pycon-2018/day1.md":       "# PyCon 2018\n\n## Beyond Unit Tests (Hillel Wayne)\n\nHypothesis and property-based testing.\n",
		"talks.md":                       "# GopherCon 2018\n\n## Go for Scientists (Helga Brandt)\n\nGonum and plotting.\n",
		"people.yaml":                    "same:\n  - [Bob Smith, Robert Smith]\n",
		"ci.yaml":                        "build:\n  workers: 2\n",
		"corpus/djangocon-us/2019.jsonl": string(djc),
	})
	neo4jOK := os.Getenv("TALKGRAPH_TEST_NEO4J_URI") != "" || os.Getenv("CI") != ""
	if neo4jOK {
		s := neo4jtest.Empty(t)
		cfg := "neo4j:\n  uri: " + strconv.Quote(s.URI) + "\n  username: " + strconv.Quote(s.Username) + "\n  password: " + strconv.Quote(s.Password) + "\n"
		writeFiles(t, dir, map[string]string{"talkgraph.yaml": cfg})
	}
	graphDir := filepath.Join(root, "graph") // stands for /tmp/graph
	if code, _, errOut := run(t, dir, "build", "--quiet", "notes/"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, dir, "build", "--quiet", "--store-path", graphDir, "notes/"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}

	io, _, _ := testIO()
	seen := map[string]bool{}
	ran := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, line := range strings.Split(c.Example, "\n") {
			line = strings.TrimSpace(line)
			if i := strings.Index(line, "  #"); i >= 0 {
				line = strings.TrimSpace(line[:i])
			}
			for _, part := range strings.Split(line, "&&") {
				part = strings.TrimSpace(part)
				for _, sep := range []string{" | ", " > "} {
					if i := strings.Index(part, sep); i >= 0 {
						part = strings.TrimSpace(part[:i])
					}
				}
				env, args := exampleArgs(part)
				if args == nil || seen[part] {
					continue
				}
				seen[part] = true
				if args[0] == "serve" || slices.Contains(args, "serve") {
					continue
				}
				needsNeo4j := slices.Contains(args, "neo4j") || slices.Contains(args, "load")
				if needsNeo4j && !neo4jOK {
					t.Logf("%s: needs Neo4j, none configured", part)
					continue
				}
				for i, a := range args {
					args[i] = strings.ReplaceAll(a, "/tmp/graph", graphDir)
				}
				for k, v := range env {
					t.Setenv(k, v)
				}
				code, _, errOut := run(t, dir, args...)
				for k := range env {
					os.Unsetenv(k)
				}
				ran++
				if code != ExitOK {
					t.Errorf("%s --help example %q: exit %d: %s", c.CommandPath(), part, code, errOut)
				}
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewCmdRoot(NewFactory(io, dir)))
	if ran < 40 {
		t.Errorf("%d examples ran, want every one of --help", ran)
	}
}

// exampleArgs reads an example line "VAR=x talkgraph args...": the
// variables to set (not NEO4J_*, which would point elsewhere than the
// test server) and talkgraph's arguments; nil when it is no talkgraph
// command.
func exampleArgs(line string) (map[string]string, []string) {
	words := shellWords(strings.ReplaceAll(line, "'", "\""))
	env := map[string]string{}
	for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
		k, v, _ := strings.Cut(words[0], "=")
		if !strings.HasPrefix(k, "NEO4J_") {
			env[k] = v
		}
		words = words[1:]
	}
	if len(words) == 0 || words[0] != "talkgraph" {
		return nil, nil
	}
	return env, words[1:]
}

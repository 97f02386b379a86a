package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/talkgraph/talkgraph/internal/config"
)

// TestConfigPrecedence proves, for keys set by a global flag and by a
// subcommand flag, that a flag beats the environment, which beats the file,
// which beats the default; and that the origin reported says so.
func TestConfigPrecedence(t *testing.T) {
	const file = "embedded:\n  path: from-file\nbuild:\n  workers: 3\n"
	tests := []struct {
		name       string
		file       bool
		env        map[string]string
		args       []string
		wantPath   string
		wantWork   int
		wantOrigin config.Origin
	}{
		{"default", false, nil, nil, ".talkgraph", config.Default().Build.Workers, config.FromDefault},
		{"file over default", true, nil, nil, "from-file", 3, config.FromFile},
		{"env over file", true, map[string]string{"TALKGRAPH_EMBEDDED_PATH": "from-env", "TALKGRAPH_BUILD_WORKERS": "5"}, nil, "from-env", 5, config.FromEnv},
		{"flag over env", true, map[string]string{"TALKGRAPH_EMBEDDED_PATH": "from-env", "TALKGRAPH_BUILD_WORKERS": "5"},
			[]string{"--store-path", "from-flag", "--workers", "7"}, "from-flag", 7, config.FromFlag},
		{"flag over default", false, nil, []string{"--store-path", "from-flag", "--workers", "7"}, "from-flag", 7, config.FromFlag},
		{"empty env is unset", true, map[string]string{"TALKGRAPH_EMBEDDED_PATH": ""}, nil, "from-file", 3, config.FromFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.file {
				writeFiles(t, dir, map[string]string{config.FileName: file})
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			io, _, _ := testIO()
			f := NewFactory(io, dir)
			root := NewCmdRoot(f)
			var c config.Config
			var origins [2]config.Origin
			build, _, _ := root.Find([]string{"build"})
			build.RunE = func(*cobra.Command, []string) error {
				var err error
				c, err = f.Config()
				origins = [2]config.Origin{f.Origin(config.KeyEmbeddedPath), f.Origin(config.KeyBuildWorkers)}
				return err
			}
			if err := execute(root, io, append(append([]string{"build"}, tt.args...), "notes")); err != nil {
				t.Fatal(err)
			}
			if c.Embedded.Path != tt.wantPath || c.Build.Workers != tt.wantWork {
				t.Errorf("got embedded.path %q, build.workers %d, want %q, %d", c.Embedded.Path, c.Build.Workers, tt.wantPath, tt.wantWork)
			}
			if origins != [2]config.Origin{tt.wantOrigin, tt.wantOrigin} {
				t.Errorf("got origins %v, want %s for both", origins, tt.wantOrigin)
			}
		})
	}
}

func TestConfigRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ci.yaml": `
store: embedded
neo4j:
  password: s3cret
lexicon: [mine.yaml]
events:
  notes/PyCon.2018: {series: PyCon, year: 2018}
`})
	t.Setenv("TALKGRAPH_NEO4J_USERNAME", "alice")
	t.Setenv("NEO4J_USERNAME", "bob")
	t.Setenv("NEO4J_URI", "bolt://db:7687")
	t.Setenv("NEO4J_DATABASE", "talks")
	code, out, errOut := run(t, dir, "--config", "ci.yaml", "--store-path", "/tmp/g", "config")
	if code != ExitOK {
		t.Fatalf("got exit %d: %s", code, errOut)
	}
	for _, rx := range []string{
		`(?m)^# config file: .*ci\.yaml$`,
		`(?m)^store = embedded +\(file\)$`,
		`(?m)^embedded\.path = /tmp/g +\(flag\)$`,
		`(?m)^lexicon = \[mine\.yaml\] +\(file\)$`,
		`(?m)^events = \{notes/pycon\.2018: \{series: PyCon, year: 2018\}\} +\(file\)$`,
		`(?m)^neo4j\.username = alice +\(env TALKGRAPH_NEO4J_USERNAME\)$`,
		`(?m)^neo4j\.uri = bolt://db:7687 +\(env NEO4J_URI\)$`,
		`(?m)^neo4j\.database = talks +\(env NEO4J_DATABASE\)$`,
		`(?m)^neo4j\.batch_size = 10000 +\(default\)$`,
		`(?m)^neo4j\.password = \*\*\*\* +\(file\)$`,
		`(?m)^build\.strict = false +\(default\)$`,
	} {
		if !regexp.MustCompile(rx).MatchString(out) {
			t.Errorf("output does not match %s:\n%s", rx, out)
		}
	}
	if strings.Contains(out, "s3cret") {
		t.Errorf("the password shows:\n%s", out)
	}

	code, out, _ = run(t, dir, "--config", "ci.yaml", "config", "--json")
	var got struct {
		File     string
		Settings []setting
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != ExitOK {
		t.Fatalf("got exit %d, %v:\n%s", code, err, out)
	}
	if len(got.Settings) != len(config.Keys) || filepath.Base(got.File) != "ci.yaml" {
		t.Errorf("got %d settings from %q, want %d from ci.yaml", len(got.Settings), got.File, len(config.Keys))
	}
	for _, s := range got.Settings {
		if s.Key == config.KeyNeo4jPassword && s.Value != "****" {
			t.Errorf("got password %v in JSON, want ****", s.Value)
		}
		wantEnv := map[string]string{config.KeyNeo4jURI: "NEO4J_URI", config.KeyNeo4jUsername: "TALKGRAPH_NEO4J_USERNAME"}[s.Key]
		if (s.Key == config.KeyNeo4jURI || s.Key == config.KeyNeo4jUsername || s.Key == config.KeyStore) && s.Env != wantEnv {
			t.Errorf("%s: got env %q in JSON, want %q", s.Key, s.Env, wantEnv)
		}
	}
}

func TestConfigRun_errors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{config.FileName: "build:\n  workers: -1\n", "bad.yaml": "store: [\n"})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"config"}, "config: build.workers: must be at least 1, not -1"},
		{[]string{"--config", "missing.yaml", "config"}, "missing.yaml"},
		{[]string{"--config", "bad.yaml", "config"}, "bad.yaml"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, dir, tt.args...)
		if code != ExitError || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: got exit %d, stderr %q, want 1 and %q", tt.args, code, errOut, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".talkgraph")); err == nil {
		t.Errorf("config created a store")
	}
}

// The help of config names every key, so that it never falls behind.
func TestConfigHelp_everyKey(t *testing.T) {
	code, out, _ := run(t, t.TempDir(), "config", "--help")
	if code != ExitOK {
		t.Fatalf("config --help: exit %d", code)
	}
	for _, k := range config.Keys {
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(k) + `( |$)`).MatchString(out) {
			t.Errorf("config --help does not name %s", k)
		}
	}
}

// A bad value of talkgraph.yaml is placed at its line, a syntax error too;
// a bad value from the environment is not placed in the file.
func TestConfig_errorPositions(t *testing.T) {
	for yaml, want := range map[string]string{
		"store: embedded\nbuild:\n  workers: lots\n":          "talkgraph: talkgraph.yaml:3: config: build.workers: cannot parse value as 'int'\n",
		"related:\n  k: 5000\n":                               "talkgraph: talkgraph.yaml:2: config: related.k: must be between 1 and 1000, not 5000\n",
		"store: [\n":                                          "talkgraph: talkgraph.yaml:1: did not find expected node content\n",
		"events:\n  notes/x: {series: PyCon, year: twenty}\n": "talkgraph: talkgraph.yaml:2: config: events.notes/x.year: must be a whole number, not twenty\n",
		"build:\n  max_note_size: 2.5\n":                      "talkgraph: talkgraph.yaml:2: config: build.max_note_size: want a whole number of bytes or a size like 10MiB, not 2.5\n",
	} {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"talkgraph.yaml": yaml})
		if code, _, errOut := run(t, dir, "config"); code != ExitError || errOut != want {
			t.Errorf("%q: exit %d, stderr %q; want %q", yaml, code, errOut, want)
		}
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"talkgraph.yaml": "related:\n  k: 5\n"})
	t.Setenv("TALKGRAPH_RELATED_K", "0")
	if _, _, errOut := run(t, dir, "config"); errOut != "talkgraph: config: related.k: must be between 1 and 1000, not 0\n" {
		t.Errorf("from the environment: %q", errOut)
	}
}

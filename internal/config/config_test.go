package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// load sets up a viper with the given talkgraph.yaml content (none when
// empty) and flags, and loads it.
func load(t *testing.T, file string, args ...string) (Config, *viper.Viper, *pflag.FlagSet, error) {
	t.Helper()
	dir := t.TempDir()
	if file != "" {
		if err := os.WriteFile(filepath.Join(dir, FileName), []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	v := viper.New()
	Setup(v)
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.String("store-path", "", "")
	fs.Int("workers", 0, "")
	if err := v.BindPFlag(KeyEmbeddedPath, fs.Lookup("store-path")); err != nil {
		t.Fatal(err)
	}
	if err := v.BindPFlag(KeyBuildWorkers, fs.Lookup("workers")); err != nil {
		t.Fatal(err)
	}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(v, "", dir); err != nil {
		return Config{}, v, fs, err
	}
	c, err := Load(v)
	return c, v, fs, err
}

func TestDefault(t *testing.T) {
	c := Default()
	if c.Store != StoreEmbedded || c.Embedded.Path != ".talkgraph" || c.Build.Workers != runtime.NumCPU() || c.Build.Strict {
		t.Errorf("got %+v, want embedded in .talkgraph, NumCPU workers, not strict", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("the default is not valid: %v", err)
	}
}

func TestLoad(t *testing.T) {
	c, _, _, err := load(t, `
store: neo4j
embedded: {path: graph}
lexicon: [a.yaml, b.yaml]
events:
  notes/PyCon.2018/: {series: PyCon, year: 2018}
  talks: {series: DjangoCon US}
neo4j: {uri: "bolt://db:7687", username: u, password: p, database: talks, batch_size: 500}
build: {workers: 4, strict: true, max_note_size: 20MiB}
`)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Store: StoreNeo4j, Embedded: Embedded{Path: "graph"}, Lexicon: []string{"a.yaml", "b.yaml"},
		Events: map[string]Event{"notes/pycon.2018": {Series: "PyCon", Year: 2018}, "talks": {Series: "DjangoCon US"}},
		Neo4j:  Neo4j{URI: "bolt://db:7687", Username: "u", Password: "p", Database: "talks", BatchSize: 500},
		Build:  Build{Workers: 4, Strict: true, MaxNoteSize: 20 << 20},
	}
	if c.Store != want.Store || c.Embedded != want.Embedded || !slices.Equal(c.Lexicon, want.Lexicon) ||
		c.Neo4j != want.Neo4j || c.Build != want.Build || len(c.Events) != 2 ||
		c.Events["notes/pycon.2018"] != want.Events["notes/pycon.2018"] || c.Events["talks"] != want.Events["talks"] {
		t.Errorf("got %+v, want %+v", c, want)
	}
}

func TestLoad_env(t *testing.T) {
	t.Setenv("TALKGRAPH_LEXICON", "a.yaml,b.yaml")
	t.Setenv("TALKGRAPH_BUILD_STRICT", "true")
	t.Setenv("TALKGRAPH_NEO4J_PASSWORD", "secret")
	c, _, _, err := load(t, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Lexicon, []string{"a.yaml", "b.yaml"}) || !c.Build.Strict || c.Neo4j.Password != "secret" {
		t.Errorf("got lexicon %q, strict %v, password %q, want the environment's", c.Lexicon, c.Build.Strict, c.Neo4j.Password)
	}
	if got := c.Masked(KeyNeo4jPassword); got != "****" {
		t.Errorf("Masked(%s): got %v, want ****", KeyNeo4jPassword, got)
	}
}

// TestLoad_precedence proves flag > env > file > default, layer by layer,
// for the value and for the origin reported.
func TestLoad_precedence(t *testing.T) {
	const file = "embedded: {path: from-file}\n"
	tests := []struct {
		name   string
		file   string
		env    string
		args   []string
		want   string
		origin Origin
	}{
		{"default", "", "", nil, ".talkgraph", FromDefault},
		{"file over default", file, "", nil, "from-file", FromFile},
		{"env over file", file, "from-env", nil, "from-env", FromEnv},
		{"flag over env", file, "from-env", []string{"--store-path", "from-flag"}, "from-flag", FromFlag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv(EnvName(KeyEmbeddedPath), tt.env)
			}
			c, v, fs, err := load(t, tt.file, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			origin := OriginOf(v, KeyEmbeddedPath, fs.Changed("store-path"))
			if c.Embedded.Path != tt.want || origin != tt.origin {
				t.Errorf("got %q from %s, want %q from %s", c.Embedded.Path, origin, tt.want, tt.origin)
			}
		})
	}
}

// TestLoad_precedencePeople proves env > file > default for the people
// key, which has no flag.
func TestLoad_precedencePeople(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		env    string
		want   string
		origin Origin
	}{
		{"default", "", "", "", FromDefault},
		{"file over default", "people: people.yaml\n", "", "people.yaml", FromFile},
		{"env over file", "people: people.yaml\n", "env.yaml", "env.yaml", FromEnv},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv(EnvName(KeyPeople), tt.env)
			}
			c, v, _, err := load(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if origin := OriginOf(v, KeyPeople, false); c.People != tt.want || origin != tt.origin {
				t.Errorf("got %q from %s, want %q from %s", c.People, origin, tt.want, tt.origin)
			}
		})
	}
}

func TestLoad_errors(t *testing.T) {
	tests := []struct {
		file string
		env  map[string]string
		want string
	}{
		{"store: sqlite\n", nil, `config: store: must be embedded or neo4j, not "sqlite"`},
		{"embedded: {path: ''}\n", nil, "config: embedded.path: must not be empty"},
		{"build: {workers: 0}\n", nil, "config: build.workers: must be at least 1, not 0"},
		{"", map[string]string{"TALKGRAPH_BUILD_WORKERS": "many"}, "build.workers"},
		{"events: {notes: {year: 2018}}\n", nil, "config: events.notes.series: must not be empty"},
		{"events: {notes: {series: PyCon, year: 18}}\n", nil, "config: events.notes.year: must be a year like 2018, not 18"},
		{"events: {notes: {series: PyCon, year: soon}}\n", nil, "config: events.notes.year: must be a whole number"},
		{"events: {notes: {series: PyCon, city: Cleveland}}\n", nil, "config: events.notes.city: unknown field"},
		{"events: [notes]\n", nil, "config: events: must map folders"},
		{"lexicon: ['']\n", nil, "config: lexicon[0]: must not be empty"},
		{"store: neo4j\nneo4j: {uri: ''}\n", nil, "config: neo4j.uri: must not be empty"},
		{"store: neo4j\n", map[string]string{"NEO4J_URI": "http://localhost:7474"}, `config: neo4j.uri: scheme "http" is not supported`},
		{"store: neo4j\n", map[string]string{"TALKGRAPH_NEO4J_BATCH_SIZE": "0"}, "config: neo4j.batch_size: must be at least 1, not 0"},
		{"store: embedded\nneo4j: {batch_size: lots}\n", nil, "neo4j.batch_size"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			_, _, _, err := load(t, tt.file)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("file %q: got error %v, want %q", tt.file, err, tt.want)
			}
		})
	}
}

func TestValidationError(t *testing.T) {
	err := Config{Store: "x"}.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Key != KeyStore {
		t.Errorf("got %v, want a ValidationError for %s", err, KeyStore)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	v := viper.New()
	if got, err := ReadFile(v, "", dir); got != "" || err != nil {
		t.Errorf("no file: got %q, %v, want none and no error", got, err)
	}
	if _, err := ReadFile(v, filepath.Join(dir, "missing.yaml"), dir); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("a missing --config file: got %v, want an error naming it", err)
	}
	p := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(p, []byte("store: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(v, p, dir); err == nil || !strings.Contains(err.Error(), "bad.yaml") {
		t.Errorf("bad YAML: got %v, want an error naming the file", err)
	}
}

func TestEnvNames(t *testing.T) {
	for key, want := range map[string][]string{
		KeyNeo4jURI:       {"TALKGRAPH_NEO4J_URI", "NEO4J_URI"},
		KeyNeo4jUsername:  {"TALKGRAPH_NEO4J_USERNAME", "NEO4J_USERNAME"},
		KeyNeo4jPassword:  {"TALKGRAPH_NEO4J_PASSWORD", "NEO4J_PASSWORD"},
		KeyNeo4jDatabase:  {"TALKGRAPH_NEO4J_DATABASE", "NEO4J_DATABASE"},
		KeyNeo4jBatchSize: {"TALKGRAPH_NEO4J_BATCH_SIZE"},
		KeyStore:          {"TALKGRAPH_STORE"},
	} {
		if got := EnvNames(key); !slices.Equal(got, want) {
			t.Errorf("EnvNames(%q): got %q, want %q", key, got, want)
		}
	}
}

func TestEnvName(t *testing.T) {
	for key, want := range map[string]string{
		KeyEmbeddedPath: "TALKGRAPH_EMBEDDED_PATH", KeyBuildWorkers: "TALKGRAPH_BUILD_WORKERS", "a-b.c": "TALKGRAPH_A_B_C",
	} {
		if got := EnvName(key); got != want {
			t.Errorf("EnvName(%q): got %q, want %q", key, got, want)
		}
	}
}

func TestValue(t *testing.T) {
	c := Default()
	for _, k := range Keys {
		if c.Value(k) == nil {
			t.Errorf("Value(%q) is nil: every key needs a value", k)
		}
	}
	if len(Keys) != len(defaults()) {
		t.Errorf("%d keys but %d defaults: every key needs a default", len(Keys), len(defaults()))
	}
}

// TestUnknown: a misspelt or unknown key is named with its line and the
// nearest known key; known keys and the folders under events are not.
func TestUnknown(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	file := "store: embedded\nlexicons: [a.yaml]\nembeded:\n  path: x\nneo4j:\n  uri: bolt://x\n  pasword: y\nevents:\n  notes/2019:\n    series: PyCon US\n    year: 2019\nbuild:\n  workers: 2\nwhatever: 1\n"
	if err := os.WriteFile(path, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Unknown(path, FileName)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`talkgraph.yaml:2: unknown key "lexicons" (did you mean "lexicon"?)`,
		`talkgraph.yaml:3: unknown key "embeded" (did you mean "embedded"?)`,
		`talkgraph.yaml:7: unknown key "neo4j.pasword" (did you mean "neo4j.password"?)`,
		`talkgraph.yaml:14: unknown key "whatever"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoad_emptyUsername: NEO4J_USERNAME set to nothing means no
// authentication, not the default user.
func TestLoad_emptyUsername(t *testing.T) {
	t.Setenv("NEO4J_USERNAME", "")
	v := viper.New()
	Setup(v)
	c, err := Load(v)
	if err != nil {
		t.Fatal(err)
	}
	if c.Neo4j.Username != "" {
		t.Errorf("username %q, want none", c.Neo4j.Username)
	}
	t.Setenv("TALKGRAPH_NEO4J_USERNAME", "ada") // the stronger variable wins
	if c, _ := Load(v); c.Neo4j.Username != "ada" {
		t.Errorf("username %q, want ada", c.Neo4j.Username)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]Size{
		"1048576": 1 << 20, "512KiB": 512 << 10, "10 MiB": 10 << 20, "1.5GiB": 3 << 29, "20mib": 20 << 20,
		"2MB": 2e6, "3k": 3 << 10, "7 B": 7, " 4M ": 4 << 20,
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MiB", "ten MiB", "-1", "1e9", "NaN", "10 TiB", "99999999999999999999", "9000000000GiB"} {
		if got, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", bad, got)
		}
	}
	if s := Size(10 << 20).String(); s != "10.0 MiB" {
		t.Errorf("String = %q", s)
	}
}

// build.max_note_size is read from the file and the environment as a
// number or a size with a unit, and bounded.
func TestLoad_maxNoteSize(t *testing.T) {
	c, _, _, err := load(t, "build: {max_note_size: 2097152}\n")
	if err != nil || c.Build.MaxNoteSize != 2<<20 {
		t.Errorf("a number: %v, %v", c.Build.MaxNoteSize, err)
	}
	for yaml, want := range map[string]string{
		"build: {max_note_size: 2.5}\n": "config: build.max_note_size: want a whole number of bytes or a size like 10MiB, not 2.5",
		"build: {max_note_size: [1]}\n": "config: build.max_note_size: want a size like 10MiB, not a list",
	} {
		if _, _, _, err := load(t, yaml); err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", yaml, err, want)
		}
	}
	t.Setenv("TALKGRAPH_BUILD_MAX_NOTE_SIZE", "64MiB")
	if c, _, _, err = load(t, ""); err != nil || c.Build.MaxNoteSize != 64<<20 {
		t.Errorf("env: %v, %v", c.Build.MaxNoteSize, err)
	}
	for env, want := range map[string]string{
		"12 parsecs": `config: build.max_note_size: size "12 parsecs": want a number of bytes or one with a unit, like 10MiB`,
		"2GiB":       "config: build.max_note_size: must be between 1.0 KiB and 1.0 GiB, not 2.0 GiB",
		"10":         "config: build.max_note_size: must be between 1.0 KiB and 1.0 GiB, not 10 B",
		"1025MiB":    "config: build.max_note_size: must be between 1.0 KiB and 1.0 GiB, not 1.0 GiB (1074790400 bytes)",
	} {
		t.Setenv("TALKGRAPH_BUILD_MAX_NOTE_SIZE", env)
		if _, _, _, err := load(t, ""); err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", env, err, want)
		}
	}
}

// serve.api_key is a secret of at least MinAPIKeyLen characters.
func TestLoad_apiKey(t *testing.T) {
	t.Setenv("TALKGRAPH_SERVE_API_KEY", "0123456789abcdef")
	c, _, _, err := load(t, "")
	if err != nil || c.Serve.APIKey != "0123456789abcdef" || !Secret(KeyServeAPIKey) {
		t.Errorf("got %q, %v", c.Serve.APIKey, err)
	}
	for _, bad := range []string{"short", " 0123456789abcdef", "0123456789abcdef\x01x", "0123456789 abcdef", "0123456789abcdéf"} {
		t.Setenv("TALKGRAPH_SERVE_API_KEY", bad)
		if _, _, _, err := load(t, ""); err == nil || !strings.HasPrefix(err.Error(), "config: serve.api_key: must be at least 16 characters") {
			t.Errorf("%q: got %v", bad, err)
		}
	}
}

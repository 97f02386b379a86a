package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestMain keeps the developer's environment out of the tests: a shell that
// follows the README has NEO4J_URI and friends set.
func TestMain(m *testing.M) {
	for _, k := range Keys {
		for _, name := range EnvNames(k) {
			os.Unsetenv(name)
		}
	}
	os.Exit(m.Run())
}

// TestLoad_neo4jEnv proves, for every Neo4j connection key, that
// TALKGRAPH_NEO4J_* beats Neo4j's standard NEO4J_* variable, that both beat
// the file, and that `talkgraph config` can tell which variable was used.
func TestLoad_neo4jEnv(t *testing.T) {
	const file = `neo4j: {uri: "bolt://file:7687", username: file, password: file, database: file}` + "\n"
	keys := []struct {
		key  string
		std  string
		own  string
		file string
		get  func(Neo4j) string
	}{
		{KeyNeo4jURI, "NEO4J_URI", "TALKGRAPH_NEO4J_URI", "bolt://file:7687", func(n Neo4j) string { return n.URI }},
		{KeyNeo4jUsername, "NEO4J_USERNAME", "TALKGRAPH_NEO4J_USERNAME", "file", func(n Neo4j) string { return n.Username }},
		{KeyNeo4jPassword, "NEO4J_PASSWORD", "TALKGRAPH_NEO4J_PASSWORD", "file", func(n Neo4j) string { return n.Password }},
		{KeyNeo4jDatabase, "NEO4J_DATABASE", "TALKGRAPH_NEO4J_DATABASE", "file", func(n Neo4j) string { return n.Database }},
	}
	tests := []struct {
		name    string
		file    bool
		std     string // value of the standard variable, "" for unset
		own     string // value of the TALKGRAPH_ variable
		want    string // "file" for the file's value, "" for the default
		origin  Origin
		wantVar string // "std", "own" or ""
	}{
		{"the default", false, "", "", "", FromDefault, ""},
		{"the file", true, "", "", "file", FromFile, ""},
		{"the standard variable over the file", true, "neo4j://std:7687", "", "neo4j://std:7687", FromEnv, "std"},
		{"the standard variable over the default", false, "neo4j://std:7687", "", "neo4j://std:7687", FromEnv, "std"},
		{"the talkgraph variable over the file", true, "", "bolt://own:7687", "bolt://own:7687", FromEnv, "own"},
		{"the talkgraph variable over the standard one", true, "neo4j://std:7687", "bolt://own:7687", "bolt://own:7687", FromEnv, "own"},
	}
	for _, k := range keys {
		for _, tt := range tests {
			t.Run(k.key+"/"+tt.name, func(t *testing.T) {
				if tt.std != "" {
					t.Setenv(k.std, tt.std)
				}
				if tt.own != "" {
					t.Setenv(k.own, tt.own)
				}
				f := ""
				if tt.file {
					f = file
				}
				c, v, _, err := load(t, f)
				if err != nil {
					t.Fatal(err)
				}
				want := tt.want
				switch want {
				case "":
					want, _ = Default().Value(k.key).(string)
				case "file":
					want = k.file
				}
				wantVar := map[string]string{"std": k.std, "own": k.own}[tt.wantVar]
				got, origin, envVar := k.get(c.Neo4j), OriginOf(v, k.key, false), EnvVar(k.key)
				if got != want || origin != tt.origin || envVar != wantVar {
					t.Errorf("%s=%q %s=%q file %v: got %q from %s %q, want %q from %s %q",
						k.std, tt.std, k.own, tt.own, tt.file, got, origin, envVar, want, tt.origin, wantVar)
				}
			})
		}
	}
}

// TestLoad_neo4jFlag proves that a flag bound to a Neo4j key beats both
// variables.
func TestLoad_neo4jFlag(t *testing.T) {
	t.Setenv("NEO4J_DATABASE", "std")
	t.Setenv("TALKGRAPH_NEO4J_DATABASE", "own")
	_, v, fs, err := load(t, "", "--store-path", "x")
	if err != nil {
		t.Fatal(err)
	}
	fs.String("database", "", "")
	if err := v.BindPFlag(KeyNeo4jDatabase, fs.Lookup("database")); err != nil {
		t.Fatal(err)
	}
	if err := fs.Parse([]string{"--database", "flag"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(v)
	if err != nil {
		t.Fatal(err)
	}
	if c.Neo4j.Database != "flag" || OriginOf(v, KeyNeo4jDatabase, fs.Changed("database")) != FromFlag {
		t.Errorf("got database %q, want the flag's", c.Neo4j.Database)
	}
}

func TestNeo4jValidate(t *testing.T) {
	ok := Default().Neo4j
	with := func(f func(*Neo4j)) Neo4j { n := ok; f(&n); return n }
	tests := []struct {
		name string
		n    Neo4j
		want string // "" for valid; else the start of the message after "config: "
	}{
		{"the default", ok, ""},
		{"bolt", with(func(n *Neo4j) { n.URI = "bolt://127.0.0.1:7687" }), ""},
		{"Aura", with(func(n *Neo4j) { n.URI = "neo4j+s://abcd1234.databases.neo4j.io" }), ""},
		{"bolt with TLS", with(func(n *Neo4j) { n.URI = "bolt+s://db.example.com:7687" }), ""},
		{"self-signed TLS", with(func(n *Neo4j) { n.URI = "bolt+ssc://db:7687" }), ""},
		{"routing, self-signed", with(func(n *Neo4j) { n.URI = "neo4j+ssc://db:7687" }), ""},
		{"upper-case scheme", with(func(n *Neo4j) { n.URI = "NEO4J://db:7687" }), ""},
		{"empty", with(func(n *Neo4j) { n.URI = " " }), "neo4j.uri: must not be empty"},
		{"http", with(func(n *Neo4j) { n.URI = "http://localhost:7474" }), `neo4j.uri: scheme "http" is not supported: want bolt://`},
		{"no scheme", with(func(n *Neo4j) { n.URI = "localhost:7687" }), `neo4j.uri: "localhost:7687" has no scheme`},
		{"no host", with(func(n *Neo4j) { n.URI = "neo4j://:7687" }), `neo4j.uri: "neo4j://:7687" has no host`},
		{"no database", with(func(n *Neo4j) { n.Database = "" }), "neo4j.database: must not be empty"},
		{"no batch", with(func(n *Neo4j) { n.BatchSize = 0 }), "neo4j.batch_size: must be at least 1, not 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.n.Validate()
			if tt.want == "" {
				if err != nil {
					t.Errorf("%+v: got %v, want no error", tt.n, err)
				}
				return
			}
			var ve *ValidationError
			if err == nil || !strings.HasPrefix(err.Error(), "config: "+tt.want) || !errors.As(err, &ve) {
				t.Errorf("%+v: got %v, want a ValidationError %q", tt.n, err, tt.want)
			}
		})
	}
	if err := (Config{Store: StoreEmbedded, Embedded: Embedded{Path: "x"}, Build: Build{Workers: 1, MaxNoteSize: DefaultMaxNoteSize}, Related: Related{K: 20}, Neo4j: Neo4j{URI: "http://x"}}).Validate(); err != nil {
		t.Errorf("store embedded: got %v, want the Neo4j settings left alone", err)
	}
}

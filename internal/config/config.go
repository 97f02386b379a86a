// Package config holds talkgraph's configuration: the Config struct with its
// defaults, loading from a viper instance (file, environment, flags) and
// validation that names the bad field.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/talkgraph/talkgraph/internal/source"
)

// The store backends.
const (
	StoreEmbedded = "embedded"
	StoreNeo4j    = "neo4j"
)

// Config is talkgraph's configuration.
type Config struct {
	// Store is the backend: "embedded" (default) or "neo4j".
	Store string `mapstructure:"store"`
	// Embedded configures the embedded store.
	Embedded Embedded `mapstructure:"embedded"`
	// Lexicon lists user lexicon files, added to the shipped lexicon.
	Lexicon []string `mapstructure:"lexicon"`
	// Events maps a folder (slash path relative to the working directory) to
	// the event its notes are about, overriding what the notes say. Folder
	// names are compared case-insensitively.
	Events map[string]Event `mapstructure:"-"`
	// Queries lists the user's query pack folders, loaded beside the
	// shipped packs (each holds PACK/NAME.cypher files).
	Queries []string `mapstructure:"queries"`
	// People is the user's decisions file about people (which spellings
	// are one person and which are not); default "", none.
	People string `mapstructure:"people"`
	// Neo4j configures the Neo4j store.
	Neo4j Neo4j `mapstructure:"neo4j"`
	// Build configures `talkgraph build`.
	Build Build `mapstructure:"build"`
	// Related configures the related talks a build ranks.
	Related Related `mapstructure:"related"`
	// Serve configures `talkgraph serve`.
	Serve Serve `mapstructure:"serve"`
}

// Serve configures the HTTP API.
type Serve struct {
	// APIKey, when set, is required of every API request (as a bearer
	// token or X-API-Key): for a server others can reach. At least
	// MinAPIKeyLen characters; better kept in TALKGRAPH_SERVE_API_KEY than
	// in a file.
	APIKey string `mapstructure:"api_key"`
}

// MinAPIKeyLen is the shortest serve.api_key accepted.
const MinAPIKeyLen = 16

// Related configures the RELATED_TO relationships a build computes.
type Related struct {
	// K is the number of related talks kept per talk; default
	// DefaultRelatedK.
	K int `mapstructure:"k"`
}

// DefaultRelatedK is the default related.k, the same number as
// related.DefaultK (a test in internal/cli keeps the two equal).
const DefaultRelatedK = 20

// Embedded configures the embedded store.
type Embedded struct {
	// Path is the store's directory; default ".talkgraph".
	Path string `mapstructure:"path"`
}

// Event names a conference edition.
type Event struct {
	Series string `mapstructure:"series" json:"series"`
	Year   int    `mapstructure:"year" json:"year,omitempty"`
}

// Neo4j configures the Neo4j store: `store: neo4j`, and `talkgraph load`
// and `talkgraph neo4j` whatever the store.
type Neo4j struct {
	// URI is the server: bolt://, neo4j://, bolt+s://, neo4j+s:// (Aura),
	// bolt+ssc:// or neo4j+ssc://; default "neo4j://localhost:7687".
	URI string `mapstructure:"uri"`
	// Username authenticates, with Password; default "neo4j". An empty
	// username connects without authentication.
	Username string `mapstructure:"username"`
	Password string `mapstructure:"password"`
	// Database is the database used; default "neo4j".
	Database string `mapstructure:"database"`
	// BatchSize is the number of rows written per transaction; default
	// DefaultNeo4jBatchSize.
	BatchSize int `mapstructure:"batch_size"`
}

// DefaultNeo4jBatchSize is the default neo4j.batch_size. It is the same
// number as neo4jstore.DefaultBatchSize, which this package cannot import
// (config depends on viper only); a test in internal/cli keeps the two equal.
const DefaultNeo4jBatchSize = 10000

// Build configures `talkgraph build`.
type Build struct {
	// Workers is the number of notes extracted in parallel; default the
	// number of CPUs.
	Workers int `mapstructure:"workers"`
	// Strict makes any note that fails to read fail the build.
	Strict bool `mapstructure:"strict"`
	// MinConfidence leaves out of the graph every extracted fact (a talk,
	// a speaker, a mention) whose confidence is below it, 0 to 1.
	MinConfidence float64 `mapstructure:"min_confidence"`
	// MaxNoteSize is the largest note read, in bytes; a bigger one fails
	// to read, and what the store holds of it stays. Default
	// DefaultMaxNoteSize; in the file or environment a number of bytes or
	// a size like "20MiB".
	MaxNoteSize Size `mapstructure:"-"`
}

// Default returns the default configuration.
func Default() Config {
	return Config{
		Store:    StoreEmbedded,
		Embedded: Embedded{Path: ".talkgraph"},
		Lexicon:  []string{},
		Queries:  []string{},
		Events:   map[string]Event{},
		Neo4j: Neo4j{URI: "neo4j://localhost:7687", Username: "neo4j", Database: "neo4j",
			BatchSize: DefaultNeo4jBatchSize},
		Build:   Build{Workers: runtime.NumCPU(), MaxNoteSize: DefaultMaxNoteSize},
		Related: Related{K: DefaultRelatedK},
	}
}

// defaults returns the default value of every key.
func defaults() map[string]any {
	d := Default()
	return map[string]any{
		KeyStore:          d.Store,
		KeyEmbeddedPath:   d.Embedded.Path,
		KeyLexicon:        d.Lexicon,
		KeyQueries:        d.Queries,
		KeyEvents:         map[string]any{},
		KeyPeople:         d.People,
		KeyNeo4jURI:       d.Neo4j.URI,
		KeyNeo4jUsername:  d.Neo4j.Username,
		KeyNeo4jPassword:  d.Neo4j.Password,
		KeyNeo4jDatabase:  d.Neo4j.Database,
		KeyNeo4jBatchSize: d.Neo4j.BatchSize,
		KeyBuildWorkers:   d.Build.Workers,
		KeyBuildStrict:    d.Build.Strict,
		KeyMinConfidence:  d.Build.MinConfidence,
		KeyMaxNoteSize:    int64(d.Build.MaxNoteSize),
		KeyRelatedK:       d.Related.K,
		KeyServeAPIKey:    d.Serve.APIKey,
	}
}

// Setup prepares v for Load: the environment prefix and key replacer,
// automatic environment lookup, the standard Neo4j variables, and a default
// for every key (so values set only in the environment are seen by
// Unmarshal).
func Setup(v *viper.Viper) {
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(envReplacer)
	v.AutomaticEnv()
	for k, d := range defaults() {
		v.SetDefault(k, d)
	}
	for k := range standardEnv {
		// Viper tries the automatic TALKGRAPH_ variable first, then these
		// in order; the names are given in full, so no prefix is added.
		if err := v.BindEnv(append([]string{k}, EnvNames(k)...)...); err != nil {
			panic(err) // only without a key: a programming error
		}
	}
}

// ReadFile reads the configuration file into v: path when it is not empty
// (and then it must exist), else FileName in dir when it exists. It returns
// the file read, or "" when there was none.
func ReadFile(v *viper.Viper, path, dir string) (string, error) {
	if path == "" {
		path = filepath.Join(dir, FileName)
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return "", nil
		}
	}
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		// The YAML parser's own error, placed at its line of the file.
		if data, rerr := os.ReadFile(path); rerr == nil {
			var probe any
			if yerr := yaml.Unmarshal(data, &probe); yerr != nil {
				return "", source.YAMLError(path, 1, data, yerr)
			}
		}
		return "", fmt.Errorf("read config %s: %w", path, err)
	}
	return path, nil
}

// decodeKeyRx finds the key and the reason in a decoding error of viper.
var decodeKeyRx = regexp.MustCompile(`'([a-z_]+(?:\.[a-z_]+)*)' (.*)`)

// Load returns the configuration v holds, validated. Setup must have been
// called on v.
func Load(v *viper.Viper) (Config, error) {
	c := Default()
	if err := v.Unmarshal(&c); err != nil {
		// "'build.workers' cannot parse value as 'int': ...": named by
		// its key, as a validation error is.
		if m := decodeKeyRx.FindStringSubmatch(err.Error()); m != nil {
			why, _, _ := strings.Cut(strings.TrimSpace(m[2]), ": strconv.")
			return Config{}, invalid(m[1], "%s", why)
		}
		return Config{}, fmt.Errorf("config: %w", err)
	}
	// An empty NEO4J_USERNAME (or TALKGRAPH_NEO4J_USERNAME), the strongest
	// one set, means no authentication, as documented; viper would read an
	// empty variable as unset and fall back to the default user.
	for _, name := range EnvNames(KeyNeo4jUsername) {
		if val, ok := os.LookupEnv(name); ok {
			if val == "" {
				c.Neo4j.Username = ""
			}
			break
		}
	}
	ev, err := decodeEvents(v.Get(KeyEvents))
	if err != nil {
		return Config{}, err
	}
	if c.Build.MaxNoteSize, err = decodeSize(KeyMaxNoteSize, v.Get(KeyMaxNoteSize)); err != nil {
		return Config{}, err
	}
	c.Events = ev
	if c.Queries == nil {
		c.Queries = []string{}
	}
	if c.Lexicon == nil {
		c.Lexicon = []string{}
	}
	return c, c.Validate()
}
